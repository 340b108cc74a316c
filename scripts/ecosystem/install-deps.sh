#!/usr/bin/env bash
# Installs everything the ecosystem checks use, with one apt-get update:
# LibreOffice Calc (headless), pandas and Dask distributed from Debian, and
# Node.js and npm when there is no node. The DuckDB package comes from npm
# in check-duckdb.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/ecosystem/lib.sh
source "$here/lib.sh"
pkgs=(libreoffice-calc-nogui python3-pandas python3-distributed)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	pkgs+=(nodejs npm)
fi
need_debs "${pkgs[@]}"

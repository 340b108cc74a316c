#!/usr/bin/env bash
# Reads the Parquet output back with DuckDB (@duckdb/node-api from npm) and
# compares it with the JSON Lines output of the same corpus: column types,
# row count, sum of value and every row.
#
#   check-duckdb.sh BIN CORPUS WORKDIR CACHEDIR
#
# npm installs the pinned package.json into CACHEDIR (outside the
# repository), once; Node.js and npm come from Debian when missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/ecosystem/lib.sh
source "$here/lib.sh"
[ $# -eq 4 ] || die "usage: $0 BIN CORPUS WORKDIR CACHEDIR"
bin=$1 corpus=$2 work=$3 cache=$4

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	need_debs nodejs npm
fi

mkdir -p "$cache" "$work"
cache="$(cd "$cache" && pwd)"
if ! cmp -s "$here/duckdb/package.json" "$cache/package.json" || [ ! -d "$cache/node_modules/@duckdb/node-api" ]; then
	echo "npm: installing @duckdb/node-api into $cache" >&2
	cp "$here/duckdb/package.json" "$cache/package.json"
	rm -rf "$cache/node_modules" "$cache/package-lock.json"
	(cd "$cache" && npm install --no-audit --no-fund --loglevel=error >&2) ||
		die "npm install in $cache failed"
fi
# The script resolves its import from the directory it sits in.
cp "$here/duckdb/check-parquet.mjs" "$cache/check-parquet.mjs"

"$bin" extract "$corpus" -q -o "$work/rows.parquet"
"$bin" extract "$corpus" -q -o "$work/rows.jsonl"
node "$cache/check-parquet.mjs" "$work/rows.parquet" "$work/rows.jsonl"

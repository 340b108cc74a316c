#!/usr/bin/env bash
# Converts the XLSX output to CSV with LibreOffice headless, one file a
# sheet, and compares the metrics, programs, summary and documents sheets
# with the CSV output of the same corpus.
#
#   check-libreoffice.sh BIN CORPUS WORKDIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/ecosystem/lib.sh
source "$here/lib.sh"
[ $# -eq 3 ] || die "usage: $0 BIN CORPUS WORKDIR"
bin=$1 corpus=$2 work=$3

# soffice alone is not enough: Calc is a package of its own on Debian.
if command -v dpkg-query >/dev/null 2>&1; then
	deb_installed libreoffice-calc-nogui || deb_installed libreoffice-calc || need_debs libreoffice-calc-nogui
fi
command -v soffice >/dev/null 2>&1 || die "soffice not found; install LibreOffice Calc (Debian: libreoffice-calc-nogui)"

rm -rf "$work"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
"$bin" extract "$corpus" -q -o "$work/rows.xlsx"
"$bin" extract "$corpus" -q -o "$work/rows.csv"

# CSV filter options: comma, double quote, UTF-8, from line 1, default cell
# format and language, no forced quoting, values not as shown (no thousands
# separators), every sheet into its own file (rows-SHEET.csv; LibreOffice
# 7.2 or later). A private profile keeps a running LibreOffice out of it.
filter='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'
timeout 300 soffice --headless --norestore --nolockcheck \
	"-env:UserInstallation=file://$work/profile" \
	--convert-to "$filter" --outdir "$work" "$work/rows.xlsx" \
	> "$work/soffice.log" 2>&1 || { cat "$work/soffice.log" >&2; die "LibreOffice conversion failed"; }
[ -f "$work/rows-metrics.csv" ] || { cat "$work/soffice.log" >&2; die "LibreOffice wrote no rows-metrics.csv"; }
soffice --version | head -1
"$(deb_python)" "$here/compare_xlsx_csv.py" "$work/rows.csv" "$work/rows"

#!/usr/bin/env bash
# Reads the CSV (and JSON Lines and Parquet) output with Debian's pandas as
# the README shows and checks the dtypes: value float, masked bool.
#
#   check-pandas.sh BIN CORPUS WORKDIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/ecosystem/lib.sh
source "$here/lib.sh"
[ $# -eq 3 ] || die "usage: $0 BIN CORPUS WORKDIR"
bin=$1 corpus=$2 work=$3

python="$(deb_python)"
"$python" -c 'import pandas' 2>/dev/null || need_debs python3-pandas
"$python" -c 'import pandas' 2>/dev/null || die "$python cannot import pandas (set PYTHON to an interpreter that can)"

mkdir -p "$work"
for ext in csv jsonl parquet; do
	"$bin" extract "$corpus" -q -o "$work/rows.$ext"
done
"$python" "$here/check_pandas.py" "$work/rows.csv" "$work/rows.jsonl" "$work/rows.parquet"

#!/usr/bin/env bash
# Runs examples/dask on the corpus: a LocalCluster with 2 workers, or the
# scheduler at SCHEDULER (the binary is then shipped to the workers), and
# checks the cluster's rows against a single-process run.
#
#   example-dask.sh BIN CORPUS WORKDIR [SCHEDULER]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/ecosystem/lib.sh
source "$here/lib.sh"
[ $# -eq 3 ] || [ $# -eq 4 ] || die "usage: $0 BIN CORPUS WORKDIR [SCHEDULER]"
bin=$1 corpus=$2 work=$3 scheduler=${4:-}

python="$(deb_python)"
"$python" -c 'import distributed' 2>/dev/null || need_debs python3-distributed
"$python" -c 'import distributed' 2>/dev/null || die "$python cannot import distributed (set PYTHON to an interpreter that can)"

mkdir -p "$work"
args=(--zhmetrics "$bin" -o "$work/rows.jsonl")
if [ -n "$scheduler" ]; then
	args+=(--scheduler "$scheduler" --ship)
else
	args+=(--workers 2)
fi
"$python" "$here/../../examples/dask/zhmetrics_dask.py" "${args[@]}" "$corpus"

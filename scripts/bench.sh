#!/usr/bin/env bash
# bench.sh — measure zhmetrics: per-stage Go benchmarks and whole-process
# runs on corpora generated from testdata, side by side with opencc (script
# conversion) and jieba (word segmentation), printed as one table of medians.
#
#   make bench                  # about 8 minutes on 2 cores
#   BENCH_BIG=1 make bench      # adds peak memory on a 1 GB corpus (CSV and XLSX)
#
# Environment:
#   BENCH_RUNS=N      whole-process runs per measurement (default 5; cold start 4×N)
#   BENCH_COUNT=N     go test -count for the stage benchmarks (default 5)
#   BENCH_TIME=D      go test -benchtime (default 1s)
#   BENCH_MB=N        size of the simplified and traditional corpora (default 10)
#   BENCH_BIG=1       also run the 1 GB memory measurement (a few minutes more)
#   BENCH_DIR=path    where corpora and outputs go (default a temporary folder,
#                     removed afterwards; nothing is written into the repository)
#   BENCH_NO_INSTALL=1  never apt-get install missing tools
#
# Generated corpora are never committed: they live in BENCH_DIR.
set -uo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${BENCH_RUNS:-5}
COUNT=${BENCH_COUNT:-5}
BTIME=${BENCH_TIME:-1s}
MB=${BENCH_MB:-10}
GO=${GO:-go}

say() { printf '%s\n' "$*" >&2; }

# ---------------------------------------------------------------- tools
# The comparisons need Debian's opencc and python3-jieba, and GNU time for
# peak memory. Install them when running as root; otherwise say what is
# missing and skip those rows.
need_pkgs=()
command -v opencc >/dev/null 2>&1 || need_pkgs+=(opencc)
/usr/bin/python3 -c 'import jieba' >/dev/null 2>&1 || need_pkgs+=(python3-jieba)
[ -x /usr/bin/time ] || need_pkgs+=(time)
if [ ${#need_pkgs[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ] && [ -z "${BENCH_NO_INSTALL:-}" ] && command -v apt-get >/dev/null 2>&1; then
		say "installing ${need_pkgs[*]} …"
		if ! apt-get install -y -qq "${need_pkgs[@]}" >/dev/null 2>&1; then
			apt-get update -qq >/dev/null 2>&1
			apt-get install -y -qq "${need_pkgs[@]}" >/dev/null 2>&1 || say "could not install ${need_pkgs[*]}"
		fi
	else
		say "missing: ${need_pkgs[*]} (apt-get install ${need_pkgs[*]}); their rows are skipped"
	fi
fi
HAVE_OPENCC=$(command -v opencc >/dev/null 2>&1 && echo 1 || echo "")
HAVE_JIEBA=$(/usr/bin/python3 -c 'import jieba' >/dev/null 2>&1 && echo 1 || echo "")
HAVE_TIME=$([ -x /usr/bin/time ] && echo 1 || echo "")

# ---------------------------------------------------------------- build
W=${BENCH_DIR:-}
if [ -z "$W" ]; then
	W=$(mktemp -d "${TMPDIR:-/tmp}/zhmetrics-bench.XXXXXX")
	trap 'rm -rf "$W"' EXIT
fi
mkdir -p "$W"
ZH="$W/zhmetrics"
say "building …"
$GO build -trimpath -o "$ZH" ./cmd/zhmetrics || { say "build failed"; exit 1; }

# ---------------------------------------------------------------- corpora
# A document is traditional when it holds many characters that only
# traditional text uses.
is_traditional() {
	local n
	n=$(LC_ALL=C.UTF-8 grep -o '[們這國個為會學說與來時對經發裡體區縣級數據實過還進]' "$1" | wc -l)
	[ "$n" -ge 50 ]
}
SIMP_SRC=() TRAD_SRC=()
for f in testdata/corpus/docs/*.txt; do
	if is_traditional "$f"; then TRAD_SRC+=("$f"); else SIMP_SRC+=("$f"); fi
done
if [ ${#SIMP_SRC[@]} -eq 0 ] || [ ${#TRAD_SRC[@]} -eq 0 ]; then
	say "testdata/corpus/docs needs both simplified and traditional reports"
	exit 1
fi
target=$((MB * 1000 * 1000))

# Simplified: the simplified reports, copied into many files until the
# folder holds BENCH_MB megabytes.
SIMP="$W/simplified"
mkdir -p "$SIMP"
size=0 i=0
while [ "$size" -lt "$target" ]; do
	for f in "${SIMP_SRC[@]}"; do
		cp "$f" "$SIMP/$(printf %05d $i)_$(basename "$f")"
		size=$((size + $(stat -c %s "$f")))
		i=$((i + 1))
	done
done
SIMP_FILES=$i SIMP_BYTES=$size

# Traditional: the traditional reports repeated into many files, and the
# same text as one file for opencc.
TRAD="$W/traditional"
TRAD_ALL="$W/traditional.txt"
mkdir -p "$TRAD"
: >"$TRAD_ALL"
size=0 i=0
while [ "$size" -lt "$target" ]; do
	for f in "${TRAD_SRC[@]}"; do
		cp "$f" "$TRAD/$(printf %05d $i)_$(basename "$f")"
		cat "$f" >>"$TRAD_ALL"
		size=$((size + $(stat -c %s "$f")))
		i=$((i + 1))
	done
done
TRAD_FILES=$i TRAD_BYTES=$size
cat "$SIMP"/* >"$W/simplified.txt"

# Cold start: a report of about 3 KB, cut at a line end.
COLD="$W/report-3k.txt"
head -c 3200 "${SIMP_SRC[0]}" | head -n -1 >"$COLD"
[ -s "$COLD" ] || head -c 3000 "${SIMP_SRC[0]}" >"$COLD"
COLD_BYTES=$(stat -c %s "$COLD")

# ---------------------------------------------------------------- timing
# run_once CMD… : runs the command, prints "wall_ms peak_rss_kb".
# The file after -o is removed first, so that every run writes a new file
# as a first run does: replacing the last run's output would add the file
# system's work of freeing it, which varies with how much of it is still
# being written back to disk.
run_once() {
	local t0 t1 rss=0 prev="" arg
	for arg in "$@"; do
		[ "$prev" = "-o" ] && rm -f "$arg"
		prev=$arg
	done
	t0=$(date +%s%N)
	if [ -n "$HAVE_TIME" ]; then
		/usr/bin/time -f %M -o "$W/rss" "$@" >/dev/null 2>"$W/stderr" || { say "failed: $* ($(tail -n 3 "$W/stderr"))"; return 1; }
		rss=$(tail -n 1 "$W/rss")
	else
		"$@" >/dev/null 2>"$W/stderr" || { say "failed: $*"; return 1; }
	fi
	t1=$(date +%s%N)
	echo "$(((t1 - t0) / 1000)) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print ""; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# measure KEY RUNS CMD… : median wall time (µs) and peak RSS (KB) into
# $W/KEY.t and $W/KEY.m, after one warm-up run.
measure() {
	local key=$1 runs=$2
	shift 2
	run_once "$@" >/dev/null || return 1
	: >"$W/$key.runs"
	for ((r = 0; r < runs; r++)); do
		run_once "$@" >>"$W/$key.runs" || return 1
	done
	cut -d' ' -f1 "$W/$key.runs" | median >"$W/$key.t"
	cut -d' ' -f2 "$W/$key.runs" | median >"$W/$key.m"
}

# pair KEY_A KEY_B RUNS -- CMD_A… -- CMD_B… : like measure for two commands,
# run alternately so that both see the same machine.
pair() {
	local a=$1 b=$2 runs=$3
	shift 4
	local cmd_a=() cmd_b=()
	while [ "$1" != "--" ]; do cmd_a+=("$1"); shift; done
	shift
	cmd_b=("$@")
	run_once "${cmd_a[@]}" >/dev/null || return 1
	run_once "${cmd_b[@]}" >/dev/null || return 1
	: >"$W/$a.runs"
	: >"$W/$b.runs"
	for ((r = 0; r < runs; r++)); do
		run_once "${cmd_a[@]}" >>"$W/$a.runs" || return 1
		run_once "${cmd_b[@]}" >>"$W/$b.runs" || return 1
	done
	for k in "$a" "$b"; do
		cut -d' ' -f1 "$W/$k.runs" | median >"$W/$k.t"
		cut -d' ' -f2 "$W/$k.runs" | median >"$W/$k.m"
	done
}

val() { [ -s "$W/$1" ] && cat "$W/$1" || echo ""; }
ms() { local v; v=$(val "$1.t"); [ -n "$v" ] && awk -v v="$v" 'BEGIN {printf (v < 100000 ? "%.1f ms" : "%.2f s"), (v < 100000 ? v/1000 : v/1e6)}' || echo "—"; }
mbs() { local v; v=$(val "$1.t"); [ -n "$v" ] && awk -v v="$v" -v b="$2" 'BEGIN {printf "%.1f MB/s", b / v}' || echo "—"; }
mib() { local v; v=$(val "$1.m"); [ -n "$v" ] && [ "$v" != 0 ] && awk -v v="$v" 'BEGIN {printf "%.0f MiB", v/1024}' || echo "—"; }
ratio() { local a b; a=$(val "$1.t") b=$(val "$2.t"); [ -n "$a" ] && [ -n "$b" ] && awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}' || echo "—"; }

# ---------------------------------------------------------------- Go benchmarks
say "stage benchmarks (go test -bench, -count $COUNT) …"
BENCH_RE='^Benchmark(Decode|Normalize|NormalizeTraditional|DetectScript|Convert|ConvertGocc|Open|CutPos|Cut|GSEPos|Extract|WriteCSV|WriteXLSX|ProcessSimplified|ProcessTraditional)$'
$GO test -run '^$' -bench "$BENCH_RE" -benchtime "$BTIME" -count "$COUNT" \
	./normalize ./segment ./extract ./output ./pipeline >"$W/gobench.txt" 2>&1 ||
	say "some Go benchmarks failed (see below)"
grep -E '^(FAIL|---|panic)' "$W/gobench.txt" >&2
# gobench NAME: median MB/s of one benchmark.
gobench() {
	awk -v name="$1" '
		{ n = $1; sub(/-[0-9]+$/, "", n) }
		n == "Benchmark" name { for (i = 2; i < NF; i++) if ($(i+1) == "MB/s") print $i }' "$W/gobench.txt" | median
}
gb() { local v; v=$(gobench "$1"); [ -n "$v" ] && awk -v v="$v" 'BEGIN {printf "%.1f MB/s", v}' || echo "—"; }
gbus() { local v; v=$(awk -v name="$1" '{ n = $1; sub(/-[0-9]+$/, "", n) } n == "Benchmark" name { for (i = 2; i < NF; i++) if ($(i+1) == "ns/op") print $i }' "$W/gobench.txt" | median); [ -n "$v" ] && awk -v v="$v" 'BEGIN {printf "%.1f µs", v/1000}' || echo "—"; }

# ---------------------------------------------------------------- whole process
JOBS=$(nproc)
say "cold start …"
measure cold $((RUNS * 4)) "$ZH" extract "$COLD" -o "$W/cold.csv"
[ -n "$HAVE_OPENCC" ] && measure cold_opencc $((RUNS * 4)) opencc -c t2s.json -i "$COLD" -o "$W/cold.opencc.txt"
[ -n "$HAVE_JIEBA" ] && measure cold_jieba "$RUNS" /usr/bin/python3 -m jieba -q -d ' ' "$COLD"

say "simplified corpus …"
measure simp "$RUNS" "$ZH" extract "$SIMP" -o "$W/simp.csv"
measure simp_xlsx 1 "$ZH" extract "$SIMP" -o "$W/simp.xlsx"
[ -n "$HAVE_JIEBA" ] && measure simp_jieba $(((RUNS + 1) / 2)) /usr/bin/python3 -m jieba -q -d ' ' "$W/simplified.txt"

say "traditional corpus …"
if [ -n "$HAVE_OPENCC" ]; then
	pair trad trad_opencc "$RUNS" -- "$ZH" extract "$TRAD" -o "$W/trad.csv" -- opencc -c t2s.json -i "$TRAD_ALL" -o "$W/trad.opencc.txt"
else
	measure trad "$RUNS" "$ZH" extract "$TRAD" -o "$W/trad.csv"
fi

say "scaling …"
pair jobs1 jobs2 $((RUNS * 3)) -- "$ZH" extract --jobs 1 "$SIMP" -o "$W/j1.csv" -- "$ZH" extract --jobs 2 "$SIMP" -o "$W/j2.csv"

if [ -n "${BENCH_BIG:-}" ]; then
	say "1 GB corpus (BENCH_BIG) …"
	BIG="$W/big"
	mkdir -p "$BIG"
	n=$(((1000 * 1000 * 1000 + SIMP_BYTES - 1) / SIMP_BYTES))
	for ((k = 0; k < n; k++)); do cp -al "$SIMP" "$BIG/$(printf %03d $k)"; done
	BIG_BYTES=$((n * SIMP_BYTES))
	measure big_csv 1 "$ZH" extract "$BIG" -o "$W/big.csv"
	rm -f "$W/big.csv"
	measure big_xlsx 1 "$ZH" extract "$BIG" -o "$W/big.xlsx"
	rm -rf "$W/big.xlsx" "$BIG"
fi

# ---------------------------------------------------------------- table
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)
mem=$(free -g 2>/dev/null | awk '/^Mem:/ {print $2 " GB"}')
rev=$(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo "+changes")
mbsize() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b/1e6}'; }
row() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }

echo
echo "zhmetrics ${rev} — $(date -u '+%Y-%m-%d %H:%M UTC') — ${cpu:-unknown CPU}, $(nproc) cores, ${mem:-? RAM}, $($GO env GOVERSION), $(uname -sr)"
echo "Corpora: simplified $(mbsize "$SIMP_BYTES") in $SIMP_FILES files, traditional $(mbsize "$TRAD_BYTES") in $TRAD_FILES files (testdata reports repeated); cold start on a $COLD_BYTES-byte report."
echo "Medians of $RUNS runs (cold start $((RUNS * 4)), scaling $((RUNS * 3)) alternating pairs), default --jobs $JOBS, CSV output unless noted; reference tools run on the same text."
echo
echo "Stage benchmarks (go test -bench, one goroutine, median of $COUNT)"
echo
row "stage" "benchmark" "zhmetrics" "reference" "ratio"
row "---" "---" "---:" "---:" "---:"
r() { awk -v a="$(gobench "$1")" -v b="$(gobench "$2")" 'BEGIN {if (a != "" && b != "" && b > 0) printf "%.1f×", a / b; else print "—"}'; }
row "decode" "normalize Decode/utf-8_10MB" "$(gb Decode/utf-8_10MB)" "" ""
row "normalise" "normalize Normalize (simplified)" "$(gb Normalize)" "" ""
row "normalise" "normalize NormalizeTraditional" "$(gb NormalizeTraditional)" "" ""
row "convert" "normalize Convert (t2s, position map)" "$(gb Convert)" "gocc Convert $(gb ConvertGocc)" "$(r Convert ConvertGocc)"
row "detect" "normalize DetectScript" "$(gb DetectScript)" "" ""
row "segment" "segment Open (dictionary)" "$(gbus Open)" "gse load ≈ 1.8 s" ""
row "segment" "segment CutPos (clauses ≤ 40)" "$(gb CutPos)" "gse Pos $(gb GSEPos)" "$(r CutPos GSEPos)"
row "segment" "segment Cut (HMM, \`zhmetrics segment\`)" "$(gb Cut)" "" ""
row "extract" "extract Extract" "$(gb Extract)" "" ""
row "write" "output WriteCSV" "$(gb WriteCSV)" "" ""
row "write" "output WriteXLSX" "$(gb WriteXLSX)" "" ""
row "document" "pipeline ProcessSimplified" "$(gb ProcessSimplified)" "" ""
row "document" "pipeline ProcessTraditional" "$(gb ProcessTraditional)" "" ""
echo
echo "Whole process (wall time, peak RSS)"
echo
row "measure" "zhmetrics" "reference" "ratio" "target"
row "---" "---:" "---:" "---:" "---"
row "cold start, ${COLD_BYTES} B report → CSV" "$(ms cold), $(mib cold)" "opencc $(ms cold_opencc); jieba $(ms cold_jieba)" "" "≤ 150 ms"
row "simplified $(mbsize "$SIMP_BYTES") → CSV" "$(ms simp) = $(mbs simp "$SIMP_BYTES"), $(mib simp)" "jieba (segmentation only) $(ms simp_jieba) = $(mbs simp_jieba "$SIMP_BYTES")" "$(ratio simp_jieba simp)× faster" "≥ 15 MB/s"
row "simplified $(mbsize "$SIMP_BYTES") → XLSX" "$(ms simp_xlsx) = $(mbs simp_xlsx "$SIMP_BYTES"), $(mib simp_xlsx)" "" "" ""
row "traditional $(mbsize "$TRAD_BYTES") → CSV" "$(ms trad) = $(mbs trad "$TRAD_BYTES"), $(mib trad)" "opencc t2s $(ms trad_opencc) = $(mbs trad_opencc "$TRAD_BYTES"), $(mib trad_opencc)" "$(ratio trad trad_opencc) of opencc's time" "≤ 1.00"
row "scaling, simplified, --jobs 2 vs 1" "$(ms jobs2) vs $(ms jobs1)" "" "$(ratio jobs1 jobs2)×" "≥ 1.7×"
if [ -n "${BENCH_BIG:-}" ]; then
	row "1 GB corpus → CSV" "$(ms big_csv) = $(mbs big_csv "$BIG_BYTES"), $(mib big_csv)" "" "" "≤ 300 MiB"
	row "1 GB corpus → XLSX" "$(ms big_xlsx) = $(mbs big_xlsx "$BIG_BYTES"), $(mib big_xlsx)" "" "" "≤ 300 MiB"
else
	row "1 GB corpus (peak RSS)" "BENCH_BIG=1 make bench" "" "" "≤ 300 MiB"
fi
[ -z "$HAVE_OPENCC" ] && echo "(opencc missing: apt-get install opencc)"
[ -z "$HAVE_JIEBA" ] && echo "(jieba missing: apt-get install python3-jieba)"
[ -z "$HAVE_TIME" ] && echo "(GNU time missing, no peak RSS: apt-get install time)"
exit 0

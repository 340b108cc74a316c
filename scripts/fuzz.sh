#!/usr/bin/env bash
# Runs one fuzz target for a bounded time: scripts/fuzz.sh PACKAGE TARGET
# FUZZTIME MINIMIZETIME. A failing input lands in PACKAGE/testdata/fuzz.
#
# Go 1.26's fuzzing coordinator can end a run that found nothing with a bare
# "context deadline exceeded" when a worker is still inside an input as
# -fuzztime expires (go.dev/issue/75804, fixed in Go 1.27). Such a run wrote
# no failing input; it is run again, up to twice. Every other failure fails
# at once: a failing input, a panic, a test error, a build error.
set -uo pipefail
pkg=$1 target=$2 fuzztime=$3 minimize=$4
go=${GO:-go}

# is_deadline_race LOG: the run failed only by the coordinator's deadline.
is_deadline_race() {
	! grep -q 'Failing input written to' "$1" &&
		grep -A1 "^--- FAIL: $target " "$1" | tail -n 1 | grep -qx '[[:space:]]*context deadline exceeded'
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for attempt in 1 2 3; do
	echo "$go test ./$pkg -run '^\$' -fuzz '^$target\$' -fuzztime $fuzztime -fuzzminimizetime $minimize"
	"$go" test "./$pkg" -run '^$' -fuzz "^$target\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" 2>&1 | tee "$log"
	status=${PIPESTATUS[0]}
	if [ "$status" -eq 0 ]; then
		exit 0
	fi
	if ! is_deadline_race "$log"; then
		exit "$status"
	fi
	echo "fuzz: $target: no failing input, only the coordinator's deadline race (go.dev/issue/75804); run again" >&2
done
exit 1

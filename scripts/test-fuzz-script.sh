#!/usr/bin/env bash
# Checks scripts/fuzz.sh with a stand-in for `go`: a run that ends only by
# the coordinator's deadline race is run again; a failing input, a test
# error and a deadline race with a failing input fail at once.
set -uo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# fake_go SCENARIO...: each call prints the next scenario's output and
# exits with its status.
cat > "$dir/go" <<'FAKE'
#!/usr/bin/env bash
n=$(cat "$FAKE_DIR/calls" 2>/dev/null || echo 0)
echo $((n + 1)) > "$FAKE_DIR/calls"
set -- $FAKE_SCENARIOS
shift "$n"
case "${1:-pass}" in
pass) echo "PASS"; exit 0 ;;
race) printf 'fuzz: elapsed: 20s\n--- FAIL: FuzzX (20.17s)\n    context deadline exceeded\nFAIL\n'; exit 1 ;;
input) printf -- '--- FAIL: FuzzX (3.1s)\n    --- FAIL: FuzzX (0.00s)\n        x_test.go:9: bad\n    Failing input written to testdata/fuzz/FuzzX/1\nFAIL\n'; exit 1 ;;
raceinput) printf -- '--- FAIL: FuzzX (20.1s)\n    context deadline exceeded\n    Failing input written to testdata/fuzz/FuzzX/1\nFAIL\n'; exit 1 ;;
error) printf -- '--- FAIL: FuzzX (0.01s)\n    x_test.go:12: seed corpus failed\nFAIL\n'; exit 1 ;;
esac
FAKE
chmod +x "$dir/go"

failed=0
check() { # check SCENARIOS WANT_STATUS WANT_CALLS
	rm -f "$dir/calls"
	FAKE_DIR=$dir FAKE_SCENARIOS=$1 GO=$dir/go ./scripts/fuzz.sh pkg FuzzX 20s 2s > /dev/null 2>&1
	status=$? calls=$(cat "$dir/calls")
	if [ "$status" -ne "$2" ] && { [ "$2" -eq 0 ] || [ "$status" -eq 0 ]; } || [ "$calls" != "$3" ]; then
		echo "fuzz.sh with runs '$1': exit $status after $calls runs, want exit $2 after $3" >&2
		failed=1
	fi
}
check "pass" 0 1
check "race pass" 0 2
check "race race pass" 0 3
check "race race race" 1 3
check "input" 1 1
check "raceinput" 1 1
check "error" 1 1
check "race input" 1 2
exit "$failed"

# Shared by the end-to-end scripts in tests/cli: a scratch folder, failure counting, running a
# subcommand with --json and checking its summary. Source it after setting `bin` (the sendscan
# binary); end the script with `finish`.
PY=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# run NAME EXPECTED_STATUS SUBCOMMAND ARGS...: runs `sendscan SUBCOMMAND --json ARGS`, keeps
# $work/NAME.json and .err.
run() {
  local name=$1 want=$2 sub=$3
  shift 3
  timeout 120 "$bin" "$sub" --json "$@" > "$work/$name.json" 2> "$work/$name.err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    fail "$name: exit $got, expected $want: $(head -c 2000 "$work/$name.err")"
    return 1
  fi
  return 0
}

# expect_summary NAME KEY=VALUE...: the --json summary of run NAME is one JSON object with
# these counts (and every key named in $SUMMARY_KEYS, if set).
expect_summary() {
  local name=$1
  shift
  if SUMMARY_KEYS="${SUMMARY_KEYS:-}" "$PY" - "$work/$name.json" "$@" 2> "$work/$name.check" <<'PY'
import json, os, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert len(lines) == 1, f"{len(lines)} lines on stdout, expected one JSON object"
summary = json.loads(lines[0])
for key in os.environ["SUMMARY_KEYS"].split():
    assert key in summary, f"no {key} in {summary}"
for pair in sys.argv[2:]:
    key, want = pair.split("=")
    assert summary[key] == int(want), f"{key} = {summary[key]}, expected {want}: {summary}"
PY
  then pass "$name"; else fail "$name: $(tail -n 1 "$work/$name.check")"; fi
}

q() { sqlite3 -batch "$1" "$2"; }

finish() {
  echo "$failures failure(s)"
  [ "$failures" -eq 0 ]
}

#!/usr/bin/env bash
# End-to-end tests of `sendscan extract`: every kind of bad input ends in a successful line or
# one {"error": ...} line with a reason (never a crash, hang or partial line), the exit status
# tells whether anything failed, and options do what --help says.
# usage: extract_cli_test.sh SENDSCAN_BINARY SOURCE_DIR FIXTURES_DIR
set -uo pipefail
bin=$1 src=$2 fixtures=$3
source "$src/tests/cli/cli_test_lib.sh"

# check_lines FILE N KEYS...: FILE has N lines, each a JSON object; KEYS are "ok" or "error"
# per line in order.
check_lines() {
  "$PY" - "$@" <<'PY'
import json, sys
path, n, kinds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
lines = open(path, encoding="utf-8").read().split("\n")
assert lines[-1] == "", "output does not end with a newline"
lines = lines[:-1]
assert len(lines) == n, f"{len(lines)} lines, expected {n}"
for line, kind in zip(lines, kinds):
    d = json.loads(line)
    assert d["schema"] == "sendscan.extract/1", d
    if kind == "error":
        assert "error" in d and d["error"].strip(), d
        assert "\n" not in d["error"]
    else:
        assert "error" not in d, d.get("error")
        assert isinstance(d["text"], str) and d["text"], "empty text"
PY
}

# run NAME EXPECTED_STATUS TIMEOUT ARGS...: (extract's own, in place of the library's) runs extract, keeps stdout in $work/NAME.out.
run() {
  local name=$1 want=$2 limit=$3
  shift 3
  timeout "$limit" "$bin" extract "$@" > "$work/$name.out" 2> "$work/$name.err"
  local got=$?
  if [ "$got" -eq 124 ]; then fail "$name: timed out after $limit s"; return 1; fi
  if [ "$got" -ne "$want" ]; then fail "$name: exit $got, expected $want"; cat "$work/$name.err"; return 1; fi
  return 0
}

expect_one() {  # NAME STATUS KIND TIMEOUT FILE: one input, one line of KIND
  local name=$1 status=$2 kind=$3 limit=$4 file=$5
  run "$name" "$status" "$limit" "$file" || return
  if check_lines "$work/$name.out" 1 "$kind" 2> "$work/$name.check"; then pass "$name"
  else fail "$name: $(tail -n 1 "$work/$name.check")"; fi
}

# --- inputs
mkdir -p "$work/dir"
: > "$work/empty.txt"
head -c 4096 /dev/urandom > "$work/random.bin"
printf '\x7fELF\x02\x01\x01\x00\x00\x00binary' > "$work/elf.bin"
printf 'Bury Council said the \x93significant weaknesses\x94 cost \xa35m.\n' > "$work/latin1.txt"
"$PY" -c "import sys; sys.stdout.write('<div>' * 10000 + 'Deep text about Kent County Council.' + '</div>' * 10000)" > "$work/deep.html"
"$PY" -c "import sys; sys.stdout.write('<span>' * 10000 + 'Deep inline text.' + '</span>' * 10000)" > "$work/deep-inline.html"
"$PY" -c "
import sys
w = sys.stdout.write
for i in range(5_000_000 // 12): w('word%07d ' % i)
" > "$work/long-line.txt"
"$PY" -c "
import sys
para = 'Inspectors from Ofsted and the Care Quality Commission found that Essex County Council had made progress in paragraph %d. '
with open(sys.argv[1], 'w') as f:
    n = 0
    while f.tell() < 100 * 1024 * 1024:
        f.write((para % n) * 4 + '\n\n'); n += 1
" "$work/big.txt"

expect_one missing-path 1 error 20 "$work/no-such-file.txt"
grep -q "no such file" "$work/missing-path.out" || fail "missing-path: reason not given"
expect_one directory 1 error 20 "$work/dir"
expect_one empty-file 1 error 20 "$work/empty.txt"
expect_one random-bytes 1 error 20 "$work/random.bin"
expect_one binary-file 1 error 20 "$work/elf.bin"
expect_one invalid-utf8 0 ok 20 "$work/latin1.txt"
grep -q '“significant weaknesses”' "$work/invalid-utf8.out" || fail "invalid-utf8: cp1252 quotes not converted"
expect_one truncated-pdf 1 error 20 "$fixtures/bad/truncated.pdf"
expect_one corrupt-pdf 1 error 20 "$fixtures/bad/corrupt.pdf"
expect_one encrypted-pdf 1 error 20 "$fixtures/bad/encrypted.pdf"
grep -q "encrypted" "$work/encrypted-pdf.out" || fail "encrypted-pdf: reason does not say encrypted"
expect_one pdf-letter 0 ok 20 "$fixtures/letter.pdf"
expect_one html-nested-10000 0 ok 20 "$work/deep.html"
grep -q "Deep text about Kent" "$work/html-nested-10000.out" || fail "deep html: text lost"
expect_one html-inline-nested-10000 0 ok 20 "$work/deep-inline.html"
expect_one line-5mb 0 ok 60 "$work/long-line.txt"
expect_one text-100mb 0 ok 300 "$work/big.txt"

# --- several inputs: one line each, in order, exit 1 when any failed
run mixed 1 30 "$src/corpus/docs/kent-2019-wsoa-news.txt" "$work/empty.txt" \
  "$src/corpus/docs/birmingham-2018-wsoa-news.html" &&
  { check_lines "$work/mixed.out" 3 ok error ok && pass mixed-order || fail "mixed inputs"; }
"$PY" -c "
import json, sys
src = [json.loads(l)['source'] for l in open(sys.argv[1])]
assert src[0].endswith('kent-2019-wsoa-news.txt') and src[1].endswith('empty.txt'), src
" "$work/mixed.out" || fail "mixed: sources out of order"

# --- standard input, overrides
run stdin 0 20 --source-name piped.txt --kind letter --published 2021-03-04 --url https://example.org/a - \
  < "$src/corpus/docs/kent-2019-wsoa-news.txt" &&
  "$PY" -c "
import json, sys
d = json.loads(open(sys.argv[1]).readline())
assert d['source'] == 'piped.txt' and d['kind'] == 'letter', d['source']
assert d['published'] == '2021-03-04' and d['url'] == 'https://example.org/a'
" "$work/stdin.out" && pass stdin-and-overrides || fail "stdin and overrides"
run bad-date 2 20 --published 2021-13 "$work/latin1.txt" || true
[ ! -s "$work/bad-date.out" ] && pass "bad --published refused" || fail "bad --published printed output"

# --- determinism: same bytes, same line; sha256 is of the input bytes
"$bin" extract "$src/corpus/docs/kent-2019-wsoa-news.txt" > "$work/d1.out"
"$bin" extract "$src/corpus/docs/kent-2019-wsoa-news.txt" > "$work/d2.out"
cmp -s "$work/d1.out" "$work/d2.out" && pass deterministic || fail "two runs differ"
want_sha=$(sha256sum "$src/corpus/docs/kent-2019-wsoa-news.txt" | cut -d' ' -f1)
grep -q "\"sha256\":\"$want_sha\"" "$work/d1.out" && pass sha256 || fail "sha256 is not of the bytes"

# --- a broken lexicon stops the run before any document, naming file and line
cp -r "$src/lexicons" "$work/lex"
printf 'letter\t3\n' >> "$work/lex/kinds.tsv"
"$bin" extract --lexicons "$work/lex" "$src/corpus/docs/kent-2019-wsoa-news.txt" > "$work/lex.out" 2> "$work/lex.err"
status=$?
line=$(wc -l < "$work/lex/kinds.tsv")
if [ "$status" -eq 2 ] && [ ! -s "$work/lex.out" ] && grep -q "kinds.tsv:$line: expected 4" "$work/lex.err"; then
  pass broken-lexicon
else
  fail "broken lexicon: status $status, stderr: $(cat "$work/lex.err")"
fi

# --- help explains every option
"$bin" extract --help > "$work/help.out"
for opt in --kind --published --source-name --url --lexicons; do
  grep -q -- "$opt" "$work/help.out" || fail "extract --help does not mention $opt"
done
"$bin" --help | grep -q extract && pass help || fail "--help does not list extract"

finish

#!/usr/bin/env bash
# `sendscan reprocess`: after a lexicon edit every stored document is redone from its raw input
# (the digest and extraction time recorded with it change, its first-ingest time stays, its facts
# are replaced, nothing is duplicated); a second run finds nothing stale; a missing database is
# an error, not a new file.
# usage: reprocess_cli_test.sh SENDSCAN_BINARY SOURCE_DIR
set -uo pipefail
bin=$1 src=$2
source "$src/tests/cli/cli_test_lib.sh"
q() { sqlite3 "$work/c.db" "$1"; }  # this test's one database
command -v sqlite3 > /dev/null || { echo "sqlite3 CLI missing: skipped"; exit 0; }

"$bin" -q ingest --db "$work/c.db" "$src/corpus/docs" || fail "ingest failed"
docs=$(q "SELECT count(*) FROM documents")
areas=$(q "SELECT count(*) FROM document_areas")
digest=$(q "SELECT DISTINCT lexicons_digest FROM documents")

out=$("$bin" reprocess --db "$work/c.db" --json) || fail "reprocess with current lexicons failed"
echo "$out" | grep -q '"redone":0,"failed":0,' || fail "nothing should be stale: $out"

q "UPDATE documents SET ingested_at = '2020-01-01T00:00:00Z', extracted_at = ''"  # a v1 row
cp -r "$src/lexicons" "$work/lex"
printf 'Approx\n' >> "$work/lex/abbreviations"
out=$("$bin" reprocess --db "$work/c.db" --lexicons "$work/lex" --json) || fail "reprocess failed"
echo "$out" | grep -q "\"redone\":$docs," || fail "expected $docs redone: $out"
[ "$(q "SELECT count(*) FROM documents")" = "$docs" ] || fail "documents duplicated"
[ "$(q "SELECT count(*) FROM document_areas")" = "$areas" ] || fail "area rows not replaced"
[ "$(q "SELECT count(DISTINCT lexicons_digest) FROM documents")" = 1 ] || fail "digests mixed"
[ "$(q "SELECT DISTINCT lexicons_digest FROM documents")" != "$digest" ] || fail "digest unchanged"
[ "$(q "SELECT DISTINCT ingested_at FROM documents")" = 2020-01-01T00:00:00Z ] ||
  fail "the first ingest's time changed"
[ "$(q "SELECT count(*) FROM documents WHERE extracted_at > '2020-01-02'")" = "$docs" ] ||
  fail "the new extraction's time not recorded"
out=$("$bin" reprocess --db "$work/c.db" --lexicons "$work/lex" --json)
echo "$out" | grep -q '"redone":0,' || fail "a second run redid documents: $out"

# Documents loaded from contract lines keep no input bytes: reported, not failed.
"$bin" extract "$src/corpus/docs/kent-2019-wsoa-news.txt" > "$work/kent.jsonl"
"$bin" -q load --db "$work/loaded.db" "$work/kent.jsonl" || fail "load failed"
out=$("$bin" -q reprocess --db "$work/loaded.db" --lexicons "$work/lex" --json)
[ $? -eq 0 ] && echo "$out" | grep -q '"without_raw":1,' || fail "loaded document not reported: $out"

"$bin" -q reprocess --db "$work/none.db" 2> /dev/null
[ $? -eq 2 ] && [ ! -e "$work/none.db" ] || fail "a missing database was not refused"

finish

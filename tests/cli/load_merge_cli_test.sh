#!/usr/bin/env bash
# End-to-end tests of `sendscan load` and `sendscan merge` with the real binary and real SQLite
# files: lines that `extract` printed load into a database (and again, all unchanged); a
# malformed line, an error line and a line of another schema are failure rows with FILE:LINE
# while the rest load (exit 1); every fact of a line survives load and merge; two halves of the
# corpus ingested into two databases and merged give the documents of one ingest of the whole;
# merging again changes nothing; a later ingest wins over an earlier one; failures come along.
# usage: load_merge_cli_test.sh SENDSCAN_BINARY SOURCE_DIR
set -uo pipefail
bin=$(realpath "$1") src=$(realpath "$2")
source "$src/tests/cli/cli_test_lib.sh"

# The documents of a database, ids, raw input, format and story groups aside (a loaded
# document has no raw input and no format).
documents() {
  q "$1" "select sha256, kind, published, title, outlet, url, inspectorates, has_inspection,
                 extractor_version, lexicons_digest, text from documents order by sha256"
}
paths() {
  q "$1" "select d.sha256, p.path from document_paths p join documents d on d.id = p.document_id
          order by 1, 2"
}
# Every fact, by document bytes.
facts() {
  q "$1" "select d.sha256, a.name, a.gss, a.region, da.role from document_areas da
            join documents d on d.id = da.document_id join local_areas a on a.id = da.area_id
          order by 1, 2;
          select d.sha256, f.polarity, f.text, f.start, f.\"end\", f.cue,
                 (select group_concat(theme, ',') from
                    (select theme from finding_themes t where t.finding_id = f.id order by theme))
            from findings f join documents d on d.id = f.document_id order by 1, 4, 2;
          select d.sha256, x.text, x.duration, x.due, x.working_days, x.action, x.start, x.\"end\"
            from deadlines x join documents d on d.id = x.document_id order by 1, 7;
          select d.sha256, x.text, x.start, x.\"end\", s.identity, s.name, s.role, s.organisation,
                 s.category
            from quotes x join documents d on d.id = x.document_id
            left join speakers s on s.id = x.speaker_id order by 1, 3;
          select sha256, inspection_month, inspection_revisit, inspection_outcome,
                 inspection_weakness_areas, inspection_weakness_areas_improved
            from documents order by 1"
}
same() {  # same NAME WHAT DB1 DB2
  if [ "$("$2" "$3")" = "$("$2" "$4")" ]; then pass "$1: same $2"; else
    fail "$1: $2 differ"; diff <("$2" "$3") <("$2" "$4") | head -n 10; fi
}

docs="$work/docs"
cp -r "$src/corpus/docs" "$docs"
n=$(find "$docs" -type f | wc -l)

# --- extract everywhere, load once
"$bin" extract "$docs"/* > "$work/all.jsonl" 2> "$work/extract.err" ||
  fail "extract: $(head -c 500 "$work/extract.err")"
[ "$(wc -l < "$work/all.jsonl")" -eq "$n" ] && pass "extract: $n lines" || fail "extract: line count"
ldb="$work/loaded.db"
run load 0 load --db "$ldb" "$work/all.jsonl" &&
  expect_summary load "files=1" "lines=$n" "added=$n" failed=0 unchanged=0
[ "$(q "$ldb" 'select count(*) from documents')" = "$n" ] && pass "load: $n documents" ||
  fail "load: $(q "$ldb" 'select count(*) from documents') documents, expected $n"
[ "$(q "$ldb" 'select count(*) from documents where length(raw) > 0')" = 0 ] &&
  pass "load: no raw input stored" || fail "load: raw input stored from JSON"
[ "$(q "$ldb" 'pragma integrity_check')" = ok ] && pass "load: integrity" || fail "load: integrity_check"
version=$(head -n 1 "$work/all.jsonl" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["extractor"]["version"])')
[ "$(q "$ldb" 'select distinct extractor_version from documents')" = "$version" ] &&
  pass "load: provenance from the lines" || fail "load: extractor_version is not the lines'"

# --- again: all unchanged, nothing written
before=$(q "$ldb" 'select count(*) from documents; select count(*) from document_paths')
run reload 0 load --db "$ldb" "$work/all.jsonl" &&
  expect_summary reload "lines=$n" "unchanged=$n" added=0 replaced=0 paths_added=0 failed=0
[ "$(q "$ldb" 'select count(*) from documents; select count(*) from document_paths')" = "$before" ] &&
  pass "reload: no new rows" || fail "reload changed the row counts"

# --- bad lines: failure rows with FILE:LINE and reasons, exit 1, the rest loaded
bad="$work/bad.jsonl"
{
  head -n 1 "$work/all.jsonl" | "$PY" -c '
import json, sys
line = json.loads(sys.stdin.read(), object_pairs_hook=dict)
line["source"] = "elsewhere/renamed.txt"
print(json.dumps(line, ensure_ascii=False, separators=(",", ":")))'
  echo '{"schema": "sendscan.extract/1", "source": "x", '
  head -n 2 "$work/all.jsonl" | tail -n 1 | sed 's|"schema":"sendscan.extract/1"|"schema":"sendscan.extract/2"|'
  "$bin" extract "$work/no-such-file.txt" 2> /dev/null
  echo
  head -n 3 "$work/all.jsonl" | tail -n 1 | "$PY" -c '
import json, sys
line = json.loads(sys.stdin.read())
line["local_areas"][0]["role"] = "owner"
print(json.dumps(line))'
} > "$bad"
run bad 1 load --db "$ldb" "$bad" "$work/missing.jsonl" &&
  expect_summary bad files=2 lines=5 paths_added=1 failed=5 added=0
reasons=$(q "$ldb" "select source || ' ' || reason from failures order by id")
for want in "bad.jsonl:2 not JSON" "bad.jsonl:3 schema sendscan.extract/2 is not sendscan.extract/1" \
            "bad.jsonl:4 an error line: " "bad.jsonl:6 local_areas[0].role" "missing.jsonl no such file"; do
  printf '%s\n' "$reasons" | grep -qF "$want" && pass "bad: failure '$want'" ||
    fail "bad: no failure '$want' in: $reasons"
done
grep -q "bad.jsonl:3" "$work/bad.err" && pass "bad: failures named on stderr" || fail "bad: no warning"
[ "$(q "$ldb" "select count(*) from document_paths where path = 'elsewhere/renamed.txt'")" = 1 ] &&
  pass "bad: the good line's new path stored" || fail "bad: renamed path missing"
[ "$(q "$ldb" 'select count(*) from documents')" = "$n" ] && pass "bad: no new documents" ||
  fail "bad: documents changed"

# --- every field of a line survives load, and merge
rich="$work/rich.jsonl"
"$PY" - "$rich" <<'PY'
import hashlib, json, sys
text = ("Waiting times for assessments are too long.\n\nA written statement of action is due "
        "within 70 days.\n\n\u201cWe will act,\u201d said Ana Popovici, director of children\u2019s "
        "services at Wandsworth Council.")
def span(s):
    i = text.index(s)
    return len(text[:i].encode()), len(text[:i].encode()) + len(s.encode())
f0, f1 = span("Waiting times for assessments are too long.")
d0, d1 = span("70 days")
q0, q1 = span("We will act")
line = {
    "schema": "sendscan.extract/1", "source": "shard3/wandsworth.txt", "url": "https://example.org/w",
    "sha256": hashlib.sha256(b"rich test document").hexdigest(),
    "extractor": {"version": "sendscan 9.9.9", "lexicons": "0" * 64},
    "kind": "letter", "title": "Wandsworth\u2019s SEND services", "published": "2020-01-16",
    "local_areas": [{"name": "Wandsworth", "gss": "E09000032", "role": "subject"},
                    {"name": "Nowhere Shire", "gss": None, "role": "mentioned"}],
    "inspectorates": ["Ofsted", "CQC"],
    "inspection": {"month": "2019-11", "revisit": False, "outcome": "wsoa_required",
                   "weakness_areas": 3, "weakness_areas_improved": None},
    "text": text,
    "findings": [{"polarity": "weakness", "themes": ["assessment_ehcp", "health_services"],
                  "text": text[:43], "start": f0, "end": f1, "cue": "too long"}],
    "deadlines": [{"text": "70 days", "duration": "P70D", "due": "2020-03-26", "working_days": False,
                   "action": "written statement of action", "start": d0, "end": d1}],
    "quotes": [{"text": "We will act", "start": q0, "end": q1,
                "speaker": {"name": "Ana Popovici", "role": "director of children\u2019s services",
                            "organisation": "Wandsworth Council", "category": "official"}}],
}
open(sys.argv[1], "w", encoding="utf-8").write(json.dumps(line, ensure_ascii=False) + "\n")
PY
rdb="$work/rich.db"
run rich 0 load --db "$rdb" "$rich" && expect_summary rich added=1
counts=$(q "$rdb" "select (select count(*) from findings) || ' ' || (select count(*) from finding_themes)
  || ' ' || (select count(*) from deadlines) || ' ' || (select count(*) from quotes) || ' ' ||
  (select count(*) from speakers) || ' ' || (select count(*) from document_areas) || ' ' ||
  (select inspection_outcome from documents)")
[ "$counts" = "1 2 1 1 1 2 wsoa_required" ] && pass "rich: every fact stored" || fail "rich: stored '$counts'"
hits=$(q "$rdb" "select count(*) from quotes_fts where quotes_fts match 'act'")
[ "$hits" = 1 ] && pass "rich: quote searchable" || fail "rich: quotes_fts gave '$hits'"
rm_db="$work/rich-merged.db"
run rich-merge 0 merge "$rm_db" "$rdb" && expect_summary rich-merge added=1
same rich-merge documents "$rdb" "$rm_db"
same rich-merge facts "$rdb" "$rm_db"
same rich-merge paths "$rdb" "$rm_db"

# --- two halves ingested apart and merged = everything ingested together
if ! "$bin" ingest --help > /dev/null 2>&1; then
  echo "skip: sendscan ingest is not available; merge of ingested halves not tested"
else
  mkdir -p "$work/half1" "$work/half2"
  i=0
  for f in "$docs"/*; do
    if [ $((i % 2)) -eq 0 ]; then cp "$f" "$work/half1/"; else cp "$f" "$work/half2/"; fi
    i=$((i + 1))
  done
  # The same bytes in both halves, under other names: one document with three paths.
  cp "$docs/kent-2019-wsoa-news.txt" "$work/half1/kent-copy1.txt"
  cp "$docs/kent-2019-wsoa-news.txt" "$work/half2/kent-copy2.txt"
  # Paths are stored as given: the whole is ingested from the halves' folders.
  run ingest-all 0 ingest --db "$work/all.db" "$work/half1" "$work/half2"
  run ingest-h1 0 ingest --db "$work/h1.db" "$work/half1"
  run ingest-h2 0 ingest --db "$work/h2.db" "$work/half2"
  mdb="$work/merged.db"
  run merge 0 merge "$mdb" "$work/h1.db" "$work/h2.db" &&
    expect_summary merge inputs=2 "added=$n" paths_added=1 failed=0
  same merge documents "$work/all.db" "$mdb"
  same merge paths "$work/all.db" "$mdb"
  same merge facts "$work/all.db" "$mdb"
  [ "$(q "$mdb" 'select count(*) from local_areas')" = "$(q "$work/all.db" 'select count(*) from local_areas')" ] &&
    pass "merge: the gazetteer came along" || fail "merge: local_areas counts differ"
  [ "$(q "$mdb" 'select count(*) from documents where length(raw) > 0')" = "$n" ] &&
    pass "merge: raw input copied" || fail "merge: raw input missing"
  [ "$(q "$mdb" 'select count(distinct story_group) from documents')" = \
    "$(q "$work/all.db" 'select count(distinct story_group) from documents')" ] &&
    pass "merge: story groups" || fail "merge: story group counts differ"
  [ "$(q "$mdb" 'pragma integrity_check')" = ok ] && pass "merge: integrity" || fail "merge: integrity_check"

  run remerge 0 merge "$mdb" "$work/h1.db" "$work/h2.db" &&
    expect_summary remerge "unchanged=$((n + 1))" added=0 replaced=0 paths_added=0
  same remerge paths "$work/all.db" "$mdb"

  # Loaded documents (no raw input) gain the raw input of an ingest by the same extractor.
  cp "$work/all.db" "$work/with-raw.db"
  run fill-raw 0 merge "$work/filled.db" "$ldb" "$work/with-raw.db" &&
    expect_summary fill-raw "replaced=$n"
  [ "$(q "$work/filled.db" 'select count(*) from documents where length(raw) = 0')" = 0 ] &&
    pass "fill-raw: raw input filled in" || fail "fill-raw: documents still without raw input"
  [ "$(q "$work/filled.db" "select count(*) from failures")" = "$(q "$ldb" 'select count(*) from failures')" ] &&
    pass "fill-raw: failures copied" || fail "fill-raw: failures not copied"
  run fill-raw-again 0 merge "$work/filled.db" "$ldb" && expect_summary fill-raw-again failures_copied=0

  # Another extractor version: the extraction made later wins, whichever store first ingested
  # the bytes (here the output did so later, but its extraction is older: as when the input's
  # machine has since run `reprocess`).
  cp "$work/all.db" "$work/old.db"
  q "$work/old.db" "update documents set extractor_version = 'sendscan 0.0.1',
                    ingested_at = '2099-01-01T00:00:00Z', extracted_at = '2000-01-01T00:00:00Z',
                    title = 'old title'"
  cp "$work/old.db" "$work/old-out.db"
  run newer-wins 0 merge "$work/old-out.db" "$work/all.db" && expect_summary newer-wins "replaced=$n"
  same newer-wins documents "$work/all.db" "$work/old-out.db"
  cp "$work/all.db" "$work/new-out.db"
  run older-loses 0 merge "$work/new-out.db" "$work/old.db" &&
    expect_summary older-loses "unchanged=$n" replaced=0
  same older-loses documents "$work/all.db" "$work/new-out.db"
fi

# --- errors that stop a run before it writes
"$bin" merge "$work/never.db" "$work/no-such.db" > /dev/null 2> "$work/nosuch.err"
[ $? -eq 2 ] && [ ! -e "$work/never.db" ] && pass "merge: missing input, exit 2, nothing created" ||
  fail "merge: missing input: $(cat "$work/nosuch.err")"
"$bin" merge "$ldb" "$ldb" > /dev/null 2> "$work/self.err"
[ $? -eq 2 ] && pass "merge into itself: exit 2" || fail "merge into itself: not exit 2"
"$bin" load --db "$work/no/such/folder/x.db" "$work/all.jsonl" > /dev/null 2>&1
[ $? -eq 2 ] && pass "load: unopenable database, exit 2" || fail "load: unopenable database: not exit 2"

# --- human summaries on stderr, --quiet, standard input
"$bin" load --db "$ldb" "$work/all.jsonl" > "$work/human.out" 2> "$work/human.err"
grep -q "unchanged" "$work/human.err" && [ ! -s "$work/human.out" ] && pass "load: summary on stderr" ||
  fail "load: summary: $(cat "$work/human.err")"
"$bin" load --quiet --db "$ldb" "$work/all.jsonl" > "$work/quiet.out" 2> "$work/quiet.err"
[ ! -s "$work/quiet.err" ] && [ ! -s "$work/quiet.out" ] && pass "load --quiet" ||
  fail "load --quiet printed: $(cat "$work/quiet.err")"
"$bin" merge --quiet "$work/q.db" "$ldb" > "$work/mquiet.out" 2> "$work/mquiet.err"
[ ! -s "$work/mquiet.err" ] && [ ! -s "$work/mquiet.out" ] && pass "merge --quiet" ||
  fail "merge --quiet printed: $(cat "$work/mquiet.err")"
"$bin" load --json --db "$work/stdin.db" - < "$work/all.jsonl" > "$work/stdin.json" 2> "$work/stdin.err" &&
  expect_summary stdin "added=$n"

finish

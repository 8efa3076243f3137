#!/usr/bin/env bash
# End-to-end tests of `sendscan ingest` with the real binary and a real SQLite file: a first run
# stores every document, a rerun finds them all unchanged, a renamed copy adds a path and not a
# document, a bad file is a failure row (exit 1) while the rest are stored, a manifest wins over
# the documents, the --json summary parses, the result does not depend on --jobs, and the
# sqlite3 CLI reads the database.
# usage: ingest_cli_test.sh SENDSCAN_BINARY SOURCE_DIR
set -uo pipefail
bin=$(realpath "$1") src=$(realpath "$2")
source "$src/tests/cli/cli_test_lib.sh"
SUMMARY_KEYS="files added replaced unchanged paths_added failed bytes seconds mb_per_s"

# ingest NAME EXPECTED_STATUS DB ARGS...: runs ingest --json into DB.
ingest() {
  local name=$1 want=$2 db=$3
  shift 3
  run "$name" "$want" ingest --db "$db" "$@"
}

docs="$work/docs"
cp -r "$src/corpus/docs" "$docs"
n=$(find "$docs" -type f | wc -l)
db="$work/corpus.db"

# --- first run: everything stored
ingest first 0 "$db" "$docs" && expect_summary first "files=$n" "added=$n" failed=0 unchanged=0
[ "$(q "$db" 'select count(*) from documents')" = "$n" ] && pass "first: $n documents" ||
  fail "first: $(q "$db" 'select count(*) from documents') documents, expected $n"
[ "$(q "$db" 'pragma integrity_check')" = ok ] && pass integrity || fail "integrity_check"
[ "$(q "$db" 'pragma journal_mode')" = wal ] && pass wal || fail "journal_mode is not wal"

# --- rerun: all unchanged, nothing written
before=$(q "$db" 'select count(*) from documents; select count(*) from document_paths')
ingest rerun 0 "$db" "$docs" && expect_summary rerun "files=$n" "unchanged=$n" added=0 replaced=0 paths_added=0
[ "$(q "$db" 'select count(*) from documents; select count(*) from document_paths')" = "$before" ] &&
  pass "rerun: no new rows" || fail "rerun changed the row counts"

# --- a renamed copy: a path, not a document
cp "$docs/kent-2019-wsoa-news.txt" "$docs/renamed-copy.txt"
ingest copy 0 "$db" "$docs" && expect_summary copy "files=$((n + 1))" "unchanged=$n" paths_added=1 added=0
sha=$(sha256sum "$docs/renamed-copy.txt" | cut -d' ' -f1)
[ "$(q "$db" 'select count(*) from documents')" = "$n" ] && pass "copy: no new document" ||
  fail "copy: stored as a new document"
paths=$(q "$db" "select count(*) from document_paths p join documents d on d.id = p.document_id where d.sha256 = '$sha'")
[ "$paths" = 2 ] && pass "copy: two paths for the bytes" || fail "copy: $paths paths, expected 2"

# --- bad inputs: failure rows with reasons, exit 1, the rest stored
mkdir -p "$work/mixed"
: > "$work/mixed/empty.txt"
head -c 4096 /dev/urandom > "$work/mixed/random.bin"
{ cat "$docs/kent-2019-wsoa-news.txt"; echo; echo "A new closing paragraph makes these bytes new."; } > "$work/mixed/new.txt"
ingest mixed 1 "$db" "$work/mixed" && expect_summary mixed files=3 added=1 failed=2
reasons=$(q "$db" "select reason from failures where source like '$work/mixed/%' order by source")
if [ "$(printf '%s\n' "$reasons" | grep -c .)" = 2 ] && printf '%s' "$reasons" | grep -q "empty file"; then
  pass "mixed: failure rows with reasons"
else
  fail "mixed: failure rows: $reasons"
fi
grep -q "empty.txt" "$work/mixed.err" && pass "mixed: failure named on stderr" || fail "mixed: no warning"
[ "$(q "$db" "select count(*) from documents")" = "$((n + 1))" ] && pass "mixed: the good file stored" ||
  fail "mixed: good file not stored"

# --- the next run: a file that still fails keeps one row; a file fixed since has none
cp "$docs/essex-2021-revisit-news.txt" "$work/mixed/empty.txt"
ingest mixed-again 1 "$db" "$work/mixed" && expect_summary mixed-again files=3 added=0 paths_added=1 failed=1
left=$(q "$db" "select source from failures where source like '$work/mixed/%'")
[ "$left" = "$work/mixed/random.bin" ] && pass "mixed-again: only the file that still fails" ||
  fail "mixed-again: failures left: $left"

# --- manifest: set cells win, paths relative to the manifest's folder or as given
mdb="$work/manifest.db"
cat > "$docs/manifest.csv" <<CSV
title,path,outlet,published,url
,kent-2019-wsoa-news.txt,"Kent Messenger, online",2001-02-03,
"A ""quoted"" title",$docs/essex-2021-revisit-news.txt,,,https://example.org/essex
CSV
ingest manifest 0 "$mdb" --manifest "$docs/manifest.csv" "$docs" && expect_summary manifest "added=$n"
[ "$(q "$mdb" "select count(*) from document_paths where path like '%manifest.csv'")" = 0 ] &&
  pass "manifest: not ingested itself" || fail "manifest: the CSV was stored as a document"
row=$(q "$mdb" "select published || '|' || outlet from documents d join document_paths p on p.document_id = d.id where p.path like '%/kent-2019-wsoa-news.txt'")
[ "$row" = "2001-02-03|Kent Messenger, online" ] && pass "manifest: published and outlet" || fail "manifest: kent row is '$row'"
row=$(q "$mdb" "select title || '|' || url from documents d join document_paths p on p.document_id = d.id where p.path like '%/essex-2021-revisit-news.txt'")
[ "$row" = 'A "quoted" title|https://example.org/essex' ] && pass "manifest: title and url" || fail "manifest: essex row is '$row'"

rm "$docs/manifest.csv"

printf 'path,published\na.txt,2021-01-01\nb.txt,2021-02-30\n' > "$work/bad-manifest.csv"
ingest bad-manifest 2 "$work/never.db" --manifest "$work/bad-manifest.csv" "$docs" &&
  { grep -q "bad-manifest.csv:3: bad published date" "$work/bad-manifest.err" && [ ! -e "$work/never.db" ] &&
    pass "bad manifest: FILE:LINE, nothing created" || fail "bad manifest: $(cat "$work/bad-manifest.err")"; }

# --- the same content whatever the number of workers (ids aside)
dump() {
  q "$1" "select d.sha256, d.kind, d.published, d.title, d.outlet, d.url, d.text,
                 (select count(*) from findings f where f.document_id = d.id),
                 (select count(*) from quotes x where x.document_id = d.id),
                 (select group_concat(path, ';') from document_paths p where p.document_id = d.id)
          from documents d order by d.sha256"
}
ingest jobs1 0 "$work/j1.db" --jobs 1 "$docs" && ingest jobs2 0 "$work/j2.db" --jobs 2 "$docs" &&
  { [ "$(dump "$work/j1.db")" = "$(dump "$work/j2.db")" ] && pass "--jobs 1 and 2 store the same" ||
      fail "--jobs 1 and --jobs 2 differ"; }

# --- the human summary, --quiet, and errors that stop a run before it starts
"$bin" ingest --db "$work/h.db" "$docs" > "$work/human.out" 2> "$work/human.err"
grep -q "added" "$work/human.err" && [ ! -s "$work/human.out" ] && pass "summary on stderr" ||
  fail "summary: $(cat "$work/human.err")"
"$bin" ingest --quiet --db "$work/h.db" "$docs" > "$work/quiet.out" 2> "$work/quiet.err"
[ ! -s "$work/quiet.err" ] && [ ! -s "$work/quiet.out" ] && pass "--quiet" || fail "--quiet printed: $(cat "$work/quiet.err")"
"$bin" ingest --db "$work/no/such/folder/x.db" "$docs" > /dev/null 2> "$work/nodb.err"
[ $? -eq 2 ] && pass "unopenable database: exit 2" || fail "unopenable database: not exit 2"
"$bin" ingest --jobs 0 --db "$work/x.db" "$docs" > /dev/null 2>&1
[ $? -eq 2 ] && pass "--jobs 0: exit 2" || fail "--jobs 0: not exit 2"
"$bin" ingest --db "$work/x.db" > /dev/null 2>&1
[ $? -eq 2 ] && pass "no inputs: exit 2" || fail "no inputs: not exit 2"

# --- `sendscan ingest .` beside its default database: the database is not an input
mkdir -p "$work/here" && cp "$docs"/*.txt "$work/here/"
here_n=$(find "$work/here" -type f | wc -l)
(cd "$work/here" && "$bin" ingest --json . > ../here1.json 2> ../here1.err &&
  "$bin" ingest --json . > ../here2.json 2> ../here2.err) || fail "ingest . failed: $(cat "$work/here1.err" "$work/here2.err")"
expect_summary here1 "files=$here_n" failed=0
expect_summary here2 "files=$here_n" failed=0 added=0

# --- readers: the sqlite3 CLI opens the database read-only and searches it
hits=$(sqlite3 -readonly "$db" "select count(*) from documents_fts where documents_fts match 'inspection'")
[ "${hits:-0}" -gt 0 ] && pass "sqlite3 reads the corpus ($hits FTS hits)" || fail "sqlite3 FTS query: '$hits'"

"$bin" ingest --help > "$work/help.out"
for opt in --db --jobs --manifest --json --lexicons; do
  grep -q -- "$opt" "$work/help.out" || fail "ingest --help does not mention $opt"
done

finish

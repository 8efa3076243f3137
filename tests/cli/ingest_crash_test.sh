#!/usr/bin/env bash
# Crash safety of `sendscan ingest`: a run killed with SIGKILL at several points leaves a
# database that passes PRAGMA integrity_check and holds only whole documents (each exactly as
# an uninterrupted run stores it); rerunning ingest completes it to the same content. Also: a
# reader (the sqlite3 CLI) can query while an ingest runs.
# usage: ingest_crash_test.sh SENDSCAN_BINARY SOURCE_DIR
set -uo pipefail
bin=$1 src=$2
source "$src/tests/cli/cli_test_lib.sh"
command -v sqlite3 > /dev/null || { echo "sqlite3 CLI missing: skipped"; exit 0; }

"$PY" "$src/scripts/bench_corpus.py" "$work/corpus" --files 1500 2> /dev/null ||
  { echo "FAIL: could not generate the corpus"; exit 1; }
inputs=("$work/corpus/text" "$work/corpus/html" "$work/corpus/pdf")

# What a database holds, document by document, independent of ids and insertion order.
content() {
  sqlite3 "$1" "
    SELECT d.sha256, d.kind, coalesce(d.published, '-'), coalesce(d.title, '-'), length(d.text),
           (SELECT group_concat(a.name || ':' || da.role, ',') FROM document_areas da
              JOIN local_areas a ON a.id = da.area_id WHERE da.document_id = d.id),
           (SELECT count(*) FROM findings f WHERE f.document_id = d.id),
           (SELECT count(*) FROM quotes q WHERE q.document_id = d.id),
           (SELECT count(*) FROM document_paths p WHERE p.document_id = d.id)
    FROM documents d ORDER BY d.sha256;"
}

"$bin" -q ingest --jobs 2 --db "$work/reference.db" "${inputs[@]}" > /dev/null 2>&1
content "$work/reference.db" > "$work/reference.txt"
[ -s "$work/reference.txt" ] || { echo "FAIL: the uninterrupted run stored nothing"; exit 1; }

for delay in 0.1 0.25 0.5 0.9; do
  db="$work/killed-$delay.db"
  "$bin" -q ingest --jobs 1 --db "$db" "${inputs[@]}" > /dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  if [ "$delay" = 0.25 ] && [ -f "$db" ]; then  # a reader while the writer works
    sqlite3 "$db" "SELECT count(*) FROM documents" > /dev/null 2>&1 ||
      fail "sqlite3 could not read while ingest ran"
  fi
  kill -9 "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
  if [ -f "$db" ]; then
    check=$(sqlite3 "$db" "PRAGMA integrity_check" 2>&1)
    [ "$check" = ok ] || fail "killed at ${delay}s: integrity_check said: $check"
    # Every document present is whole: exactly as the uninterrupted run stored it.
    content "$db" > "$work/partial.txt"
    extra=$(comm -23 "$work/partial.txt" "$work/reference.txt" | head -3)
    [ -z "$extra" ] || fail "killed at ${delay}s: partial documents: $extra"
    echo "killed at ${delay}s: $(wc -l < "$work/partial.txt") whole documents committed"
  else
    echo "killed at ${delay}s: before the database was created"
  fi
  "$bin" -q ingest --jobs 2 --db "$db" "${inputs[@]}" > /dev/null 2>&1
  content "$db" > "$work/completed.txt"
  cmp -s "$work/completed.txt" "$work/reference.txt" ||
    fail "killed at ${delay}s: the rerun did not complete to the uninterrupted content"
done

finish

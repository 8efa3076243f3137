// Write transactions and the TEMP staging tables: rows of the full-text-indexed tables wait
// there during a write and are flushed in one statement per table before COMMIT.
#include <string>

#include "store/sqlite_store_impl.hpp"

namespace sendscan::sqlite {
namespace {

constexpr std::string_view kSqlDeferForeignKeys = "PRAGMA defer_foreign_keys = ON";
constexpr std::string_view kSqlSavepoint = "SAVEPOINT sendscan_write";
constexpr std::string_view kSqlRelease = "RELEASE sendscan_write";
constexpr std::string_view kSqlRollbackTo = "ROLLBACK TO sendscan_write";
constexpr std::string_view kSqlDataVersion = "PRAGMA data_version";
constexpr std::string_view kSqlAnyFailure = "SELECT EXISTS (SELECT 1 FROM failures)";

// Staging. A statement that writes to an FTS5 table inside a transaction opens a statement
// savepoint, at which FTS5 (3.40) writes its pending terms out as a new segment: inserted a
// row per statement, the index grows in tiny segments that are merged again and again, and
// ingest ran at a third of its speed (measured). Within a write, rows of the three
// full-text-indexed tables (documents, findings, quotes) therefore wait in TEMP tables of the
// same columns, and Flush moves them in one statement per table, whose triggers index them
// together. Foreign keys are deferred meanwhile, since facts may name a staged row. Readers
// of this connection (Lookup, AddPath, story groups) look in staging first; the others
// (Stale, CurrentDocuments, QueryStore) flush first.
constexpr std::string_view kSqlCreateStaging = R"sql(
CREATE TEMP TABLE stage_documents AS SELECT * FROM main.documents WHERE 0;
CREATE UNIQUE INDEX temp.stage_documents_id ON stage_documents (id);
CREATE UNIQUE INDEX temp.stage_documents_sha256 ON stage_documents (sha256);
CREATE TEMP TABLE stage_findings AS SELECT * FROM main.findings WHERE 0;
CREATE INDEX temp.stage_findings_document ON stage_findings (document_id);
CREATE TEMP TABLE stage_quotes AS SELECT * FROM main.quotes WHERE 0;
CREATE INDEX temp.stage_quotes_document ON stage_quotes (document_id);
CREATE TEMP TABLE stage_replaced (id INTEGER PRIMARY KEY);
)sql";
constexpr std::string_view kSqlFlushDeleteFindings =
    "DELETE FROM main.findings WHERE document_id IN (SELECT id FROM temp.stage_replaced)";
constexpr std::string_view kSqlFlushDeleteQuotes =
    "DELETE FROM main.quotes WHERE document_id IN (SELECT id FROM temp.stage_replaced)";
constexpr std::string_view kSqlFlushInsertDocuments =
    "INSERT INTO main.documents SELECT * FROM temp.stage_documents "
    "WHERE id NOT IN (SELECT id FROM temp.stage_replaced) ORDER BY id";
constexpr std::string_view kSqlFlushInsertFindings =
    "INSERT INTO main.findings SELECT * FROM temp.stage_findings ORDER BY id";
constexpr std::string_view kSqlFlushInsertQuotes =
    "INSERT INTO main.quotes SELECT * FROM temp.stage_quotes ORDER BY id";
constexpr std::string_view kSqlClearStagedDocuments = "DELETE FROM temp.stage_documents";
constexpr std::string_view kSqlClearStagedFindings = "DELETE FROM temp.stage_findings";
constexpr std::string_view kSqlClearStagedQuotes = "DELETE FROM temp.stage_quotes";
constexpr std::string_view kSqlClearReplaced = "DELETE FROM temp.stage_replaced";
// Flush when this much text and raw input waits in memory.
constexpr std::size_t kFlushBytes = std::size_t{16} << 20;

constexpr std::string_view kSqlMaxIds =
    "SELECT (SELECT coalesce(max(id), 0) FROM main.documents), "
    "(SELECT coalesce(max(id), 0) FROM main.findings), "
    "(SELECT coalesce(max(id), 0) FROM main.quotes)";
constexpr std::string_view kSqlDocumentColumns =
    "SELECT name FROM pragma_table_info('documents') ORDER BY cid";

constexpr std::string_view kSqlMarkReplaced =
    "INSERT INTO temp.stage_replaced (id) VALUES (?1) ON CONFLICT (id) DO NOTHING";

// Replacing a staged version of a document (the same bytes twice in one batch).
constexpr std::string_view kSqlUnstageThemes =
    "DELETE FROM main.finding_themes WHERE finding_id IN "
    "(SELECT id FROM temp.stage_findings WHERE document_id = ?1)";
constexpr std::string_view kSqlUnstageFindings =
    "DELETE FROM temp.stage_findings WHERE document_id = ?1";
constexpr std::string_view kSqlUnstageQuotes =
    "DELETE FROM temp.stage_quotes WHERE document_id = ?1";
constexpr std::string_view kSqlUnstageDocument = "DELETE FROM temp.stage_documents WHERE id = ?1";

}  // namespace

// ---- Transactions and staging

void SqliteStore::ForgetStaging() {
  staged_ = false;
  replaced_ = false;
  staged_bytes_ = 0;
  ids_known_ = false;
  pending_bands_.clear();
}

Status SqliteStore::BeginTransaction() {
  if (Status s = Run(kSqlBegin); !s.ok()) return s;
  ForgetStaging();
  Status status = Run(kSqlDeferForeignKeys);
  if (status.ok()) status = CatchUpWithOtherWriters();
  if (!status.ok()) (void)RollbackTransaction();
  return status;
}

Status SqliteStore::CatchUpWithOtherWriters() {
  Result<std::int64_t> version = SingleInt(kSqlDataVersion);
  if (!version.ok()) return version.status();
  const bool first = !caught_up_;
  const bool others_wrote = caught_up_ && *version != data_version_;
  caught_up_ = true;
  data_version_ = *version;
  if (Status s = CheckBandsInMemory(first, others_wrote); !s.ok()) return s;
  if (first || others_wrote) {
    Result<std::int64_t> any = SingleInt(kSqlAnyFailure);
    if (!any.ok()) return any.status();
    failures_may_exist_ = *any != 0;
  }
  return Status::Ok();
}

Status SqliteStore::CommitTransaction() {
  if (Status s = Flush(); !s.ok()) return s;
  if (Status s = WritePendingBands(); !s.ok()) return s;
  if (Status s = Run(kSqlCommit); !s.ok()) return s;
  ForgetStaging();
  return Status::Ok();
}

Status SqliteStore::RollbackTransaction() {
  ForgetStaging();
  if (sqlite3_get_autocommit(db_) != 0) return Status::Ok();  // nothing open
  return Run(kSqlRollback);
}

Status SqliteStore::Flush() {
  if (!staged_) return Status::Ok();
  if (replaced_) {
    for (std::string_view sql :
         {kSqlFlushDeleteFindings, kSqlFlushDeleteQuotes, std::string_view(update_replaced_)}) {
      if (Status s = Run(sql); !s.ok()) return s;
    }
  }
  for (std::string_view sql :
       {kSqlFlushInsertDocuments, kSqlFlushInsertFindings, kSqlFlushInsertQuotes,
        kSqlClearStagedDocuments, kSqlClearStagedFindings, kSqlClearStagedQuotes}) {
    if (Status s = Run(sql); !s.ok()) return s;
  }
  if (replaced_) {
    if (Status s = Run(kSqlClearReplaced); !s.ok()) return s;
  }
  staged_ = false;
  replaced_ = false;
  staged_bytes_ = 0;
  return Status::Ok();
}

SqliteStore::WriteScope::~WriteScope() {
  if (!open_ || sqlite3_get_autocommit(store_.db_) != 0) return;
  if (own_) {
    (void)store_.RollbackTransaction();
  } else {
    (void)store_.Run(kSqlRollbackTo);
    (void)store_.Run(kSqlRelease);
    // A flush inside the savepoint was undone with it: its rows wait in staging again.
    store_.staged_ = true;
    store_.replaced_ = true;
  }
}

Status SqliteStore::WriteScope::Start() {
  own_ = sqlite3_get_autocommit(store_.db_) != 0;
  Status status = own_ ? store_.BeginTransaction() : store_.Run(kSqlSavepoint);
  open_ = status.ok();
  return status;
}

Status SqliteStore::WriteScope::Commit() {
  Status status = own_ ? store_.CommitTransaction() : store_.Run(kSqlRelease);
  if (status.ok()) open_ = false;
  return status;
}

Status SqliteStore::PrepareStaging() {
  const std::string script(kSqlCreateStaging);
  if (int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, nullptr); rc != SQLITE_OK) {
    return Error(rc);
  }
  // Every column but id, so a column a later migration adds is replaced too.
  Result<Statement> columns = Prepare(kSqlDocumentColumns);
  if (!columns.ok()) return columns.status();
  std::string assignments;
  int rc = SQLITE_OK;
  while ((rc = columns->Step()) == SQLITE_ROW) {
    const std::string name = columns->ColumnText(0);
    if (name == "id") continue;
    std::string quoted = "\"";
    for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += '"';
    if (!assignments.empty()) assignments += ", ";
    assignments += quoted + " = s." + quoted;
  }
  if (rc != SQLITE_DONE) return Error(rc);
  update_replaced_ = "UPDATE main.documents AS d SET " + assignments +
                     " FROM temp.stage_documents AS s WHERE d.id = s.id";
  return Status::Ok();
}

Result<std::int64_t> SqliteStore::NextId(std::int64_t& counter) {
  if (!ids_known_) {
    Result<Statement> max = Prepare(kSqlMaxIds);
    if (!max.ok()) return max.status();
    const int rc = max->Step();
    if (rc != SQLITE_ROW) return Error(rc);
    next_document_id_ = max->ColumnInt(0) + 1;
    next_finding_id_ = max->ColumnInt(1) + 1;
    next_quote_id_ = max->ColumnInt(2) + 1;
    ids_known_ = true;
  }
  return counter++;
}

Status SqliteStore::Unstage(std::int64_t id) {
  for (std::string_view sql :
       {kSqlUnstageThemes, kSqlUnstageFindings, kSqlUnstageQuotes, kSqlUnstageDocument}) {
    Result<Statement> remove = Prepare(sql);
    if (!remove.ok()) return remove.status();
    remove->Int(1, id);
    if (Status s = Done(*remove); !s.ok()) return s;
  }
  return Status::Ok();
}

Status SqliteStore::MarkReplaced(std::int64_t id) {
  Result<Statement> mark = Prepare(kSqlMarkReplaced);
  if (!mark.ok()) return mark.status();
  mark->Int(1, id);
  if (Status s = Done(*mark); !s.ok()) return s;
  replaced_ = true;
  return Status::Ok();
}

Status SqliteStore::FlushIfLarge() {
  if (staged_bytes_ >= kFlushBytes) return Flush();
  return Status::Ok();
}

}  // namespace sendscan::sqlite

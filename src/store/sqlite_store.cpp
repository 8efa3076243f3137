// Store::Open and the SQLite Store's API: opening, migrating, batches, lookups, paths,
// failures, stale documents and the orchestration of Put; and the raw-SQL helpers of
// sqlite_store.hpp. Values are always bound, never spliced into SQL.
#include "store/sqlite_store.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <span>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "store/migrations.hpp"
#include "store/minhash.hpp"
#include "store/sqlite_store_impl.hpp"

namespace sendscan::sqlite {
namespace {

constexpr std::string_view kSqlUserVersion = "PRAGMA user_version";

// The stored document with given bytes: its staged row first, then its committed one.
constexpr std::string_view kSqlFindDocument = R"sql(
SELECT 0 AS staged_first, id, ingested_at, extractor_version, lexicons_digest
  FROM temp.stage_documents WHERE sha256 = ?1
UNION ALL
SELECT 1, id, ingested_at, extractor_version, lexicons_digest
  FROM main.documents WHERE sha256 = ?1
ORDER BY staged_first)sql";
constexpr std::string_view kSqlFindDocumentReadOnly =
    "SELECT 1, id, ingested_at, extractor_version, lexicons_digest "
    "FROM main.documents WHERE sha256 = ?1";
constexpr std::string_view kSqlStoredRaw = R"sql(
SELECT 0 AS staged_first, raw FROM temp.stage_documents WHERE id = ?1
UNION ALL
SELECT 1, raw FROM main.documents WHERE id = ?1
ORDER BY staged_first LIMIT 1)sql";
constexpr std::string_view kSqlInsertPath =
    "INSERT INTO document_paths (document_id, path) VALUES (?1, ?2) "
    "ON CONFLICT (document_id, path) DO NOTHING";
constexpr std::string_view kSqlCurrentDocuments = R"sql(
SELECT d.sha256, p.path
FROM documents d LEFT JOIN document_paths p ON p.document_id = d.id
WHERE d.extractor_version = ?1 AND d.lexicons_digest = ?2
ORDER BY d.sha256)sql";
constexpr std::string_view kSqlUpsertArea = R"sql(
INSERT INTO local_areas (name, gss, region, type, end_date, successors)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (name) DO UPDATE SET gss = excluded.gss, region = excluded.region,
  type = excluded.type, end_date = excluded.end_date, successors = excluded.successors)sql";
constexpr std::string_view kSqlStoredAreas =
    "SELECT name, gss, region, type, end_date, successors FROM local_areas";
// One row per source: its latest failure, until the source is stored (ForgetFailuresOf).
constexpr std::string_view kSqlForgetOlderFailures =
    "DELETE FROM failures WHERE source = ?1 AND failed_at <= ?2";
constexpr std::string_view kSqlInsertFailure =
    "INSERT INTO failures (source, reason, failed_at) SELECT ?1, ?2, ?3 "
    "WHERE NOT EXISTS (SELECT 1 FROM failures WHERE source = ?1)";
constexpr std::string_view kSqlForgetFailures = "DELETE FROM failures WHERE source = ?1";
constexpr std::string_view kSqlStale = R"sql(
SELECT d.id, d.sha256, d.raw,
  (SELECT p.path FROM document_paths p WHERE p.document_id = d.id ORDER BY p.id LIMIT 1),
  d.manifest_url, d.manifest_outlet, d.manifest_published, d.manifest_title
FROM documents d
WHERE d.extractor_version <> ?1 OR d.lexicons_digest <> ?2
ORDER BY d.id LIMIT ?3)sql";

}  // namespace

// ---- Plumbing

Result<Statement> SqliteStore::Prepare(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found != statements_.end()) return Statement(found->second);
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Error(rc);
  }
  statements_.emplace(sql, stmt);
  return Statement(stmt);
}

Status SqliteStore::Done(Statement& statement) {
  int rc = statement.Step();
  while (rc == SQLITE_ROW) rc = statement.Step();
  return rc == SQLITE_DONE ? Status::Ok() : Error(rc);
}

Status SqliteStore::Run(std::string_view sql) {
  Result<Statement> statement = Prepare(sql);
  if (!statement.ok()) return statement.status();
  return Done(*statement);
}

Status SqliteStore::Writable() const {
  if (read_only_) return Status::InvalidArgument(path_ + ": store opened read-only");
  return Status::Ok();
}

Result<std::int64_t> SqliteStore::SingleInt(std::string_view sql) {
  Result<Statement> statement = Prepare(sql);
  if (!statement.ok()) return statement.status();
  if (const int rc = statement->Step(); rc != SQLITE_ROW) return Error(rc);
  return statement->ColumnInt(0);
}

Result<int> SqliteStore::UserVersion() {
  Result<std::int64_t> version = SingleInt(kSqlUserVersion);
  if (!version.ok()) return version.status();
  return static_cast<int>(*version);
}

// ---- Opening

Status SqliteStore::Initialise(bool in_memory) {
  sqlite3_extended_result_codes(db_, 1);
  // SQLite falls back to reading a file it may not write: known before the first read, which
  // (for a WAL database in a directory this user cannot write) might fail less clearly.
  if (!read_only_ && sqlite3_db_readonly(db_, "main") == 1) {
    return Status::IOError(path_ + ": database is read-only");
  }
  // The first read of the file: tells a non-database apart.
  Result<int> version = UserVersion();
  if (!version.ok()) return version.status();
  const int current = Store::CurrentSchemaVersion();
  if (*version > current) {
    return Status::InvalidArgument(
        path_ + ": this database was written by a newer sendscan (schema " +
        std::to_string(*version) + " > " + std::to_string(current) + ")");
  }
  if (Status s = Run("PRAGMA foreign_keys = ON"); !s.ok()) return s;
  if (read_only_) {
    if (*version < current) {
      return Status::InvalidArgument(path_ + ": schema " + std::to_string(*version) +
                                     " is older than this sendscan's (" + std::to_string(current) +
                                     "); open it once for writing to upgrade it");
    }
    return Status::Ok();
  }
  if (!in_memory) {
    Result<Statement> wal = Prepare("PRAGMA journal_mode = WAL");
    if (!wal.ok()) return wal.status();
    const int rc = wal->Step();
    if (rc != SQLITE_ROW) return Error(rc);
    if (wal->ColumnText(0) != "wal") {
      return Status::IOError(path_ + ": cannot switch to WAL journal mode (" + wal->ColumnText(0) +
                             ")");
    }
  }
  // A checkpoint (copying the WAL into the database, with an fsync) once per 64 MB of WAL
  // rather than SQLite's 4 MB: batches of several MB would otherwise each pay one, and the
  // pages every batch touches (index pages) would be copied each time.
  for (std::string_view pragma :
       {"PRAGMA synchronous = NORMAL", "PRAGMA cache_size = -16384", "PRAGMA temp_store = MEMORY",
        "PRAGMA wal_autocheckpoint = 16384", "PRAGMA journal_size_limit = 67108864"}) {
    if (Status s = Run(pragma); !s.ok()) return s;
  }
  if (Status s = Migrate(*version); !s.ok()) return s;
  return PrepareStaging();
}

Status SqliteStore::Migrate(int from) {
  const std::span<const std::string_view> migrations = SchemaMigrations();
  for (int version = from; version < static_cast<int>(migrations.size());) {
    if (Status s = Run(kSqlBegin); !s.ok()) return s;
    // Another process may have migrated while this one waited for the lock.
    Result<int> now = UserVersion();
    if (!now.ok()) {
      (void)Run(kSqlRollback);
      return now.status();
    }
    if (*now != version) {
      (void)Run(kSqlRollback);
      version = *now;
      continue;
    }
    const std::string script(migrations[static_cast<std::size_t>(version)]);
    char* message = nullptr;
    int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) {
      // The version is our own constant, not a value from outside.
      const std::string bump = "PRAGMA user_version = " + std::to_string(version + 1);
      sqlite3_free(message);
      message = nullptr;
      rc = sqlite3_exec(db_, bump.c_str(), nullptr, nullptr, &message);
    }
    if (rc != SQLITE_OK) {
      const std::string detail = message != nullptr ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      Status error = SqliteError(rc, db_, path_);
      (void)Run(kSqlRollback);
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_READONLY) return error;
      return Status(error.code(), path_ + ": migrating the schema from version " +
                                      std::to_string(version) + " to " +
                                      std::to_string(version + 1) + ": " + detail);
    }
    if (Status s = Run(kSqlCommit); !s.ok()) {
      (void)Run(kSqlRollback);
      return s;
    }
    ++version;
  }
  return Status::Ok();
}

// ---- Batches

Status SqliteStore::Begin() {
  if (Status s = Writable(); !s.ok()) return s;
  return BeginTransaction();
}

Status SqliteStore::Commit() {
  if (Status s = Writable(); !s.ok()) return s;
  return CommitTransaction();
}

Status SqliteStore::Rollback() { return RollbackTransaction(); }

// ---- Areas, lookups, paths, failures

Status SqliteStore::SyncAreas(const std::vector<AreaRecord>& areas) {
  if (Status s = Writable(); !s.ok()) return s;
  WriteScope scope(*this);
  if (Status s = scope.Start(); !s.ok()) return s;
  // Every ingest syncs the whole gazetteer: rows already as given are not written again.
  using Text = std::optional<std::string>;  // NULL apart from ''
  using Row = std::tuple<Text, Text, Text, Text, std::string>;
  std::unordered_map<std::string, Row> stored;
  {
    Result<Statement> read = Prepare(kSqlStoredAreas);
    if (!read.ok()) return read.status();
    int rc = SQLITE_OK;
    while ((rc = read->Step()) == SQLITE_ROW) {
      stored.emplace(
          read->ColumnText(0),
          Row{read->ColumnOptionalText(1), read->ColumnOptionalText(2), read->ColumnOptionalText(3),
              read->ColumnOptionalText(4), read->ColumnText(5)});
    }
    if (rc != SQLITE_DONE) return Error(rc);
  }
  for (const AreaRecord& area : areas) {
    const std::string successors = JsonArray(area.successors);
    if (auto it = stored.find(area.name);
        it != stored.end() &&
        it->second == Row{area.gss, area.region, area.type, area.end_date, successors}) {
      continue;
    }
    Result<Statement> upsert = Prepare(kSqlUpsertArea);
    if (!upsert.ok()) return upsert.status();
    upsert->Text(1, area.name);
    upsert->OptionalText(2, area.gss);
    upsert->Text(3, area.region);
    upsert->Text(4, area.type);
    upsert->OptionalText(5, area.end_date);
    upsert->Text(6, successors);
    if (Status s = Done(*upsert); !s.ok()) return s;
  }
  return scope.Commit();
}

Result<std::optional<Existing>> SqliteStore::FindDocument(const std::string& sha256) {
  Result<Statement> find = Prepare(read_only_ ? kSqlFindDocumentReadOnly : kSqlFindDocument);
  if (!find.ok()) return find.status();
  find->Text(1, sha256);
  std::optional<Existing> found;
  int rc = SQLITE_OK;
  while ((rc = find->Step()) == SQLITE_ROW) {
    const bool committed = find->ColumnInt(0) == 1;
    if (!found) {
      // The newest version: the staged one when there is one.
      found = Existing{find->ColumnInt(1),  !committed,          committed,
                       find->ColumnText(2), find->ColumnText(3), find->ColumnText(4)};
    } else if (committed) {
      found->committed = true;
      found->ingested_at = find->ColumnText(2);  // the first ingest's
    }
  }
  if (rc != SQLITE_DONE) return Error(rc);
  return found;
}

Result<StoredState> SqliteStore::Lookup(const std::string& sha256,
                                        const std::string& extractor_version,
                                        const std::string& lexicons_digest) {
  Result<std::optional<Existing>> found = FindDocument(sha256);
  if (!found.ok()) return found.status();
  StoredState state;
  if (!found->has_value()) return state;
  state.present = true;
  state.current = (*found)->extractor_version == extractor_version &&
                  (*found)->lexicons_digest == lexicons_digest;
  return state;
}

Result<std::vector<CurrentDocument>> SqliteStore::CurrentDocuments(
    const std::string& extractor_version, const std::string& lexicons_digest) {
  if (Status s = Flush(); !s.ok()) return s;
  Result<Statement> current = Prepare(kSqlCurrentDocuments);
  if (!current.ok()) return current.status();
  current->Text(1, extractor_version);
  current->Text(2, lexicons_digest);
  std::vector<CurrentDocument> out;
  int rc = SQLITE_OK;
  while ((rc = current->Step()) == SQLITE_ROW) {
    std::string sha256 = current->ColumnText(0);
    if (out.empty() || out.back().sha256 != sha256) out.push_back({std::move(sha256), {}});
    if (!current->ColumnIsNull(1)) out.back().paths.push_back(current->ColumnText(1));
  }
  if (rc != SQLITE_DONE) return Error(rc);
  return out;
}

Status SqliteStore::InsertPath(std::int64_t id, const std::string& path) {
  Result<Statement> insert = Prepare(kSqlInsertPath);
  if (!insert.ok()) return insert.status();
  insert->Int(1, id);
  insert->Text(2, path);
  if (Status s = Done(*insert); !s.ok()) return s;
  return ForgetFailuresOf(path);
}

Status SqliteStore::AddPath(const std::string& sha256, const std::string& path) {
  if (Status s = Writable(); !s.ok()) return s;
  Result<std::optional<Existing>> found = FindDocument(sha256);
  if (!found.ok()) return found.status();
  if (!found->has_value()) {
    return Status::NotFound(path_ + ": no stored document has sha256 " + sha256);
  }
  return InsertPath((*found)->id, path);
}

Status SqliteStore::RecordFailure(const std::string& source, const std::string& reason,
                                  const std::string& when) {
  if (Status s = Writable(); !s.ok()) return s;
  WriteScope scope(*this);
  if (Status s = scope.Start(); !s.ok()) return s;
  {
    Result<Statement> forget = Prepare(kSqlForgetOlderFailures);
    if (!forget.ok()) return forget.status();
    forget->Text(1, source);
    forget->Text(2, when);
    if (Status s = Done(*forget); !s.ok()) return s;
  }
  Result<Statement> insert = Prepare(kSqlInsertFailure);
  if (!insert.ok()) return insert.status();
  insert->Text(1, source);
  insert->Text(2, reason);
  insert->Text(3, when);
  if (Status s = Done(*insert); !s.ok()) return s;
  failures_may_exist_ = true;
  return scope.Commit();
}

Status SqliteStore::ForgetFailuresOf(const std::string& source) {
  if (!failures_may_exist_) return Status::Ok();
  Result<Statement> forget = Prepare(kSqlForgetFailures);
  if (!forget.ok()) return forget.status();
  forget->Text(1, source);
  return Done(*forget);
}

Result<std::vector<StaleDocument>> SqliteStore::Stale(const std::string& extractor_version,
                                                      const std::string& lexicons_digest,
                                                      std::size_t limit) {
  if (Status s = Flush(); !s.ok()) return s;
  Result<Statement> stale = Prepare(kSqlStale);
  if (!stale.ok()) return stale.status();
  stale->Text(1, extractor_version);
  stale->Text(2, lexicons_digest);
  constexpr auto kMaxLimit = std::numeric_limits<std::int64_t>::max();
  stale->Int(3, limit > static_cast<std::size_t>(kMaxLimit) ? kMaxLimit
                                                            : static_cast<std::int64_t>(limit));
  std::vector<StaleDocument> out;
  int rc = SQLITE_OK;
  while ((rc = stale->Step()) == SQLITE_ROW) {
    StaleDocument doc;
    doc.id = stale->ColumnInt(0);
    doc.sha256 = stale->ColumnText(1);
    doc.raw = stale->ColumnText(2);
    doc.source_path = stale->ColumnText(3);
    doc.manifest.url = stale->ColumnOptionalText(4);
    doc.manifest.outlet = stale->ColumnOptionalText(5);
    doc.manifest.published = stale->ColumnOptionalText(6);
    doc.manifest.title = stale->ColumnOptionalText(7);
    out.push_back(std::move(doc));
  }
  if (rc != SQLITE_DONE) return Error(rc);
  return out;
}

// ---- Put

Result<PutOutcome> SqliteStore::Put(const Extraction& extraction, const StoredInput& input,
                                    const ManifestEntry& manifest) {
  if (Status s = Writable(); !s.ok()) return s;
  const Document& doc = extraction.document;
  if (doc.sha256.empty()) {
    return Status::InvalidArgument(path_ + ": " + doc.source + ": document has no sha256");
  }
  WriteScope scope(*this);
  if (Status s = scope.Start(); !s.ok()) return s;

  Result<std::optional<Existing>> found = FindDocument(doc.sha256);
  if (!found.ok()) return found.status();
  const std::optional<Existing>& existing = *found;
  std::int64_t id = 0;
  std::string raw_kept;  // the stored bytes, when the caller has none (a loaded contract line)
  if (existing) {
    id = existing->id;
    if (input.raw.empty()) {
      Result<std::string> raw = StoredRaw(id);
      if (!raw.ok()) return raw.status();
      raw_kept = std::move(raw).value();
    }
    if (existing->staged) {
      if (Status s = Unstage(id); !s.ok()) return s;
    }
    if (existing->committed) {
      if (Status s = MarkReplaced(id); !s.ok()) return s;
    }
    if (Status s = DeleteDirectFacts(id); !s.ok()) return s;
  } else {
    Result<std::int64_t> next = NextId(next_document_id_);
    if (!next.ok()) return next.status();
    id = *next;
  }

  const MinHashSignature signature =
      input.story_signature ? MinHashSignature{*input.story_signature} : ComputeMinHash(doc.text);
  const std::vector<std::uint64_t> keys = BandKeys(signature);
  Result<std::int64_t> group = StoryGroup(id, signature, keys);
  if (!group.ok()) return group.status();
  if (Status s =
          StageDocument(id, *group, extraction, input, input.raw.empty() ? raw_kept : input.raw,
                        existing ? existing->ingested_at : input.ingested_at, manifest);
      !s.ok()) {
    return s;
  }
  if (Status s = InsertFacts(id, extraction); !s.ok()) return s;
  if (Status s = InsertMinHash(id, signature); !s.ok()) return s;
  if (!input.source_path.empty()) {
    if (Status s = InsertPath(id, input.source_path); !s.ok()) return s;
  }
  if (Status s = FlushIfLarge(); !s.ok()) return s;
  RememberBands(id, keys);  // last: nothing after it fails but the commit itself
  if (Status s = scope.Commit(); !s.ok()) return s;
  return existing ? PutOutcome::kReplaced : PutOutcome::kAdded;
}

Result<std::string> SqliteStore::StoredRaw(std::int64_t id) {
  Result<Statement> raw = Prepare(kSqlStoredRaw);
  if (!raw.ok()) return raw.status();
  raw->Int(1, id);
  const int rc = raw->Step();
  if (rc == SQLITE_DONE) return std::string();
  if (rc != SQLITE_ROW) return Error(rc);
  return raw->ColumnText(1);
}

// ---- Raw SQL (sqlite_store.hpp)

Result<std::vector<SqlRow>> SqliteStore::Query(std::string_view sql,
                                               const std::vector<std::string>& params) {
  if (!read_only_) {
    if (Status s = Flush(); !s.ok()) return s;  // show what this connection wrote
  }
  sqlite3_stmt* raw = nullptr;
  const int prepared =
      sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, &sqlite3_finalize);
  if (prepared != SQLITE_OK) return Error(prepared);
  if (raw == nullptr) return std::vector<SqlRow>();  // only whitespace or a comment
  Statement statement(raw);
  for (std::size_t i = 0; i < params.size(); ++i) {
    statement.Text(static_cast<int>(i + 1), params[i]);
  }
  std::vector<SqlRow> rows;
  int rc = SQLITE_OK;
  while ((rc = statement.Step()) == SQLITE_ROW) {
    SqlRow row;
    const int columns = sqlite3_column_count(raw);
    for (int c = 0; c < columns; ++c) row.push_back(ColumnOptional(raw, c));
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return Error(rc);
  return rows;
}

}  // namespace sendscan::sqlite

namespace sendscan {

using sqlite::SqliteStore;

int Store::CurrentSchemaVersion() { return static_cast<int>(SchemaMigrations().size()); }

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  if (options.busy_timeout_ms < 0) {
    return Status::InvalidArgument(path + ": busy timeout must not be negative");
  }
  const bool in_memory = path == ":memory:";
  if (!in_memory && path.empty()) return Status::InvalidArgument("no database path given");
  std::error_code error;
  if (options.read_only && !in_memory && !std::filesystem::exists(path, error)) {
    return Status::NotFound(path + ": no such database");
  }
  const int flags =
      (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
      SQLITE_OPEN_NOMUTEX;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  // The store owns the handle from here, even when opening failed.
  auto store = std::make_unique<SqliteStore>(db, path, options);
  if (rc != SQLITE_OK) {
    if (db == nullptr) return Status::Internal(path + ": out of memory opening the database");
    return Status::IOError(path + ": cannot open database: " + sqlite3_errmsg(db));
  }
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  if (Status s = store->Initialise(in_memory); !s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::vector<SqlRow>> QueryStore(Store& store, std::string_view sql,
                                       const std::vector<std::string>& params) {
  auto* sqlite = dynamic_cast<SqliteStore*>(&store);
  if (sqlite == nullptr) return Status::InvalidArgument("not a store made by Store::Open");
  return sqlite->Query(sql, params);
}

Status ExecuteScript(const std::string& path, std::string_view sql) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Status status;
  if (rc == SQLITE_OK) {
    const std::string script(sql);
    rc = sqlite3_exec(db, script.c_str(), nullptr, nullptr, nullptr);
  }
  if (rc != SQLITE_OK) status = sqlite::SqliteError(rc, db, path);
  sqlite3_close_v2(db);
  return status;
}

}  // namespace sendscan

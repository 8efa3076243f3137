// The one file that talks to SQLite: Store::Open, the SQLite implementation of Store, and the
// raw-SQL helpers of sqlite_store.hpp. Every value is bound to a prepared statement, never
// spliced into SQL; statements are prepared once per connection and reused. SQLite's result
// codes become Status values naming the database file.
#include "store/sqlite_store.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <unordered_map>
#include <utility>

#include "store/migrations.hpp"
#include "store/minhash.hpp"

namespace sendscan {
namespace {

// Copies of one story: documents whose estimated Jaccard similarity over 5-word shingles
// reaches this share one story group.
constexpr double kStoryGroupJaccard = 0.8;

Status OpenError(int rc, sqlite3* db, const std::string& path) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::IOError(path + ": database is locked by another process");
    case SQLITE_READONLY:
      return Status::IOError(path + ": database is read-only");
    case SQLITE_NOTADB:
      return Status::Corruption(path + ": not an SQLite database");
    case SQLITE_CORRUPT:
      return Status::Corruption(path + ": database is corrupt (" + message + ")");
    case SQLITE_FULL:
      return Status::IOError(path + ": disk full (" + message + ")");
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return Status::IOError(path + ": " + message);
    case SQLITE_TOOBIG:
      return Status::InvalidArgument(path + ": " + message);
    default:
      return Status::Internal(path + ": " + message);
  }
}

// The bytes of a column (text or blob; numbers as text); empty for NULL.
std::string ColumnBytes(sqlite3_stmt* stmt, int column) {
  const void* data = sqlite3_column_blob(stmt, column);
  const int size = sqlite3_column_bytes(stmt, column);
  if (data == nullptr || size <= 0) return {};
  return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::optional<std::string> ColumnOptional(sqlite3_stmt* stmt, int column) {
  if (sqlite3_column_type(stmt, column) == SQLITE_NULL) return std::nullopt;
  return ColumnBytes(stmt, column);
}

// A prepared statement borrowed from a connection's cache: binds by position, steps, reads
// columns, and is reset (bindings cleared) when it goes out of scope. Text and blobs are bound
// without copying: what is bound must outlive the last Step.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement() {
    if (stmt_ != nullptr) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
  }

  void Text(int index, std::string_view value) {
    // A null pointer would bind NULL: an empty view must bind ''.
    const char* data = value.data() != nullptr ? value.data() : "";
    Check(sqlite3_bind_text64(stmt_, index, data, value.size(), SQLITE_STATIC, SQLITE_UTF8));
  }
  void OptionalText(int index, const std::optional<std::string>& value) {
    if (value) {
      Text(index, *value);
    } else {
      Null(index);
    }
  }
  void Blob(int index, const void* data, std::size_t size) {
    static constexpr char kEmpty = 0;
    Check(sqlite3_bind_blob64(stmt_, index, size > 0 ? data : &kEmpty, size, SQLITE_STATIC));
  }
  void Int(int index, std::int64_t value) { Check(sqlite3_bind_int64(stmt_, index, value)); }
  void OptionalInt(int index, const std::optional<int>& value) {
    if (value) {
      Int(index, std::int64_t{*value});
    } else {
      Null(index);
    }
  }
  void Null(int index) { Check(sqlite3_bind_null(stmt_, index)); }

  // SQLITE_ROW, SQLITE_DONE or an error code (also the first failed bind).
  int Step() { return bind_error_ != SQLITE_OK ? bind_error_ : sqlite3_step(stmt_); }

  std::int64_t ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool ColumnIsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string ColumnText(int column) const { return ColumnBytes(stmt_, column); }
  std::optional<std::string> ColumnOptionalText(int column) const {
    return ColumnOptional(stmt_, column);
  }
  const void* ColumnBlob(int column) const { return sqlite3_column_blob(stmt_, column); }
  std::size_t ColumnSize(int column) const {
    return static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
  }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  }

  sqlite3_stmt* stmt_;
  int bind_error_ = SQLITE_OK;
};

// ASCII-lowercased, trimmed, inner whitespace runs collapsed to one space: the form speaker
// identities are compared in.
std::string IdentityPart(const std::optional<std::string>& value) {
  std::string out;
  if (!value) return out;
  bool space = false;
  for (char c : *value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::string_view CategoryName(SpeakerCategory category) {
  switch (category) {
    case SpeakerCategory::kOfficial:
      return "official";
    case SpeakerCategory::kParent:
      return "parent";
    case SpeakerCategory::kInspectorate:
      return "inspectorate";
    case SpeakerCategory::kOther:
      return "other";
  }
  return "other";
}

// "name|organisation" for a named speaker, "category|role|organisation" for an unnamed one.
std::string SpeakerIdentity(const Speaker& speaker) {
  if (speaker.name && !IdentityPart(speaker.name).empty()) {
    return IdentityPart(speaker.name) + "|" + IdentityPart(speaker.organisation);
  }
  return std::string(CategoryName(speaker.category)) + "|" + IdentityPart(speaker.role) + "|" +
         IdentityPart(speaker.organisation);
}

// A JSON array of strings.
std::string JsonArray(const std::vector<std::string>& items) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += '"';
    for (char c : items[i]) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (u < 0x20) {
        out += "\\u00";
        out += kHex[u >> 4];
        out += kHex[u & 0xF];
      } else {
        out += c;
      }
    }
    out += '"';
  }
  out += ']';
  return out;
}

const std::optional<std::string>& Either(const std::optional<std::string>& preferred,
                                         const std::optional<std::string>& fallback) {
  return preferred ? preferred : fallback;
}

// ---- The statements, each prepared once per connection.

constexpr std::string_view kSqlUserVersion = "PRAGMA user_version";
constexpr std::string_view kSqlBegin = "BEGIN IMMEDIATE";
constexpr std::string_view kSqlDeferForeignKeys = "PRAGMA defer_foreign_keys = ON";
constexpr std::string_view kSqlCommit = "COMMIT";
constexpr std::string_view kSqlRollback = "ROLLBACK";
constexpr std::string_view kSqlSavepoint = "SAVEPOINT sendscan_write";
constexpr std::string_view kSqlRelease = "RELEASE sendscan_write";
constexpr std::string_view kSqlRollbackTo = "ROLLBACK TO sendscan_write";

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

constexpr std::string_view kSqlStageDocument = R"sql(
INSERT INTO temp.stage_documents (id, kind, published, title, outlet, url, format,
  inspectorates, has_inspection, inspection_month, inspection_revisit, inspection_outcome,
  inspection_weakness_areas, inspection_weakness_areas_improved, story_group,
  extractor_version, lexicons_digest, manifest_url, manifest_outlet, manifest_published,
  manifest_title, text, sha256, ingested_at, raw)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
  ?20, ?21, ?22, ?23, ?24, ?25))sql";
constexpr std::string_view kSqlStageFinding =
    "INSERT INTO temp.stage_findings (id, document_id, polarity, text, start, \"end\", cue) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr std::string_view kSqlStageQuote =
    "INSERT INTO temp.stage_quotes (id, document_id, speaker_id, text, start, \"end\") "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
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

constexpr std::string_view kSqlDeleteAreas = "DELETE FROM document_areas WHERE document_id = ?1";
constexpr std::string_view kSqlDeleteDeadlines = "DELETE FROM deadlines WHERE document_id = ?1";
constexpr std::string_view kSqlStoredSignature =
    "SELECT signature FROM minhash WHERE document_id = ?1";
constexpr std::string_view kSqlDeleteMinHash = "DELETE FROM minhash WHERE document_id = ?1";
constexpr std::string_view kSqlDeleteBands =
    "DELETE FROM minhash_bands WHERE document_id = ?2 "
    "AND band_key IN (SELECT value FROM json_each(?1))";

constexpr std::string_view kSqlInsertPath =
    "INSERT INTO document_paths (document_id, path) VALUES (?1, ?2) "
    "ON CONFLICT (document_id, path) DO NOTHING";
constexpr std::string_view kSqlAreaByName = "SELECT id FROM local_areas WHERE name = ?1";
constexpr std::string_view kSqlInsertArea = "INSERT INTO local_areas (name, gss) VALUES (?1, ?2)";
constexpr std::string_view kSqlInsertDocumentArea =
    "INSERT INTO document_areas (document_id, area_id, role) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (document_id, area_id) DO NOTHING";
constexpr std::string_view kSqlInsertTheme =
    "INSERT INTO finding_themes (finding_id, theme) VALUES (?1, ?2) "
    "ON CONFLICT (finding_id, theme) DO NOTHING";
constexpr std::string_view kSqlInsertDeadline =
    "INSERT INTO deadlines (document_id, text, duration, due, working_days, action, start, "
    "\"end\") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr std::string_view kSqlUpsertSpeaker =
    "INSERT INTO speakers (identity, name, role, organisation, category) "
    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (identity) DO UPDATE SET "
    "name = coalesce(excluded.name, name), role = coalesce(excluded.role, role), "
    "organisation = coalesce(excluded.organisation, organisation), "
    "category = excluded.category RETURNING id";
constexpr std::string_view kSqlInsertMinHash =
    "INSERT INTO minhash (document_id, signature) VALUES (?1, ?2)";
// ?1 is a JSON array of band keys: one statement per document, not one per band.
constexpr std::string_view kSqlInsertBands =
    "INSERT INTO minhash_bands (band_key, document_id) SELECT value, ?2 FROM json_each(?1) "
    "WHERE true ON CONFLICT (band_key, document_id) DO NOTHING";
// Documents sharing at least ?2 of the band keys in ?1.
constexpr std::string_view kSqlBandCandidates =
    "SELECT b.document_id FROM json_each(?1) AS j "
    "JOIN minhash_bands AS b ON b.band_key = j.value "
    "GROUP BY b.document_id HAVING count(*) >= ?2 ORDER BY b.document_id";
constexpr std::string_view kSqlCandidateSignature =
    "SELECT signature FROM minhash WHERE document_id = ?1";
constexpr std::string_view kSqlCandidateGroup = R"sql(
SELECT s.story_group FROM temp.stage_documents s WHERE s.id = ?1
UNION ALL
SELECT d.story_group FROM main.documents d WHERE d.id = ?1
LIMIT 1)sql";

// How many band keys a document must share with another for their estimated similarity to
// reach kStoryGroupJaccard. Bands are runs of consecutive signature values, so a pair whose
// values differ in at most k places keeps at least kMinHashBands - k bands whole (and shares
// their keys): checking only the documents that share this many loses no copy, and skips the
// many that share a band or two by chance (a paragraph in common).
constexpr int MinSharedBands() {
  const double needed_equal = kStoryGroupJaccard * kMinHashValues;
  int equal = static_cast<int>(needed_equal);
  if (equal < needed_equal) ++equal;  // ceil, in a constant expression
  const int unequal = kMinHashValues - equal;
  return unequal >= kMinHashBands ? 1 : kMinHashBands - unequal;
}

constexpr std::string_view kSqlCurrentDocuments = R"sql(
SELECT d.sha256, p.path
FROM documents d LEFT JOIN document_paths p ON p.document_id = d.id
WHERE d.extractor_version = ?1 AND d.lexicons_digest = ?2
ORDER BY d.sha256, p.id)sql";
constexpr std::string_view kSqlUpsertArea = R"sql(
INSERT INTO local_areas (name, gss, region, type, end_date, successors)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (name) DO UPDATE SET gss = excluded.gss, region = excluded.region,
  type = excluded.type, end_date = excluded.end_date, successors = excluded.successors)sql";
constexpr std::string_view kSqlInsertFailure =
    "INSERT INTO failures (source, reason, failed_at) VALUES (?1, ?2, ?3)";
constexpr std::string_view kSqlStale = R"sql(
SELECT d.id, d.sha256, d.raw,
  (SELECT p.path FROM document_paths p WHERE p.document_id = d.id ORDER BY p.id LIMIT 1),
  d.manifest_url, d.manifest_outlet, d.manifest_published, d.manifest_title
FROM documents d
WHERE d.extractor_version <> ?1 OR d.lexicons_digest <> ?2
ORDER BY d.id LIMIT ?3)sql";

// "[k1,k2,...]": band keys as a JSON array of signed 64-bit integers.
std::string JsonKeys(const MinHashSignature& signature) {
  std::string out = "[";
  for (std::uint64_t key : BandKeys(signature)) {
    if (out.size() > 1) out += ',';
    out += std::to_string(static_cast<std::int64_t>(key));
  }
  return out + "]";
}

// A stored document found by its bytes.
struct Existing {
  std::int64_t id = 0;
  bool staged = false;     // a version waits in the staging tables
  bool committed = false;  // a version is in the main tables
  std::string ingested_at;
  std::string extractor_version;
  std::string lexicons_digest;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path, bool read_only)
      : db_(db), path_(std::move(path)), read_only_(read_only) {}
  ~SqliteStore() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);  // rolls back an open transaction
  }
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  // Checks the file, sets the connection up and brings the schema up to date.
  Status Initialise(bool in_memory);

  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  Status SyncAreas(const std::vector<AreaRecord>& areas) override;
  Result<StoredState> Lookup(const std::string& sha256, const std::string& extractor_version,
                             const std::string& lexicons_digest) override;
  Result<std::vector<CurrentDocument>> CurrentDocuments(
      const std::string& extractor_version, const std::string& lexicons_digest) override;
  Result<PutOutcome> Put(const Extraction& extraction, const StoredInput& input,
                         const ManifestEntry& manifest) override;
  Status AddPath(const std::string& sha256, const std::string& path) override;
  Status RecordFailure(const std::string& source, const std::string& reason,
                       const std::string& when) override;
  Result<std::vector<StaleDocument>> Stale(const std::string& extractor_version,
                                           const std::string& lexicons_digest,
                                           std::size_t limit) override;

  Result<std::vector<SqlRow>> Query(std::string_view sql, const std::vector<std::string>& params);

 private:
  // A group of writes made atomic: a transaction of its own when none is open (BEGIN
  // IMMEDIATE, so the write lock is taken up front), else a savepoint in the caller's batch.
  // Rolled back when destroyed before Commit.
  class WriteScope {
   public:
    explicit WriteScope(SqliteStore& store) : store_(store) {}
    WriteScope(const WriteScope&) = delete;
    WriteScope& operator=(const WriteScope&) = delete;
    ~WriteScope();
    Status Start();
    Status Commit();

   private:
    SqliteStore& store_;
    bool own_ = false;
    bool open_ = false;
  };

  Status Error(int rc) const { return OpenError(rc, db_, path_); }
  Status Writable() const;
  Result<Statement> Prepare(std::string_view sql);
  Status Run(std::string_view sql);   // a statement without parameters
  Status Done(Statement& statement);  // steps to the end
  Result<int> UserVersion();
  Status Migrate(int from);
  Status PrepareStaging();

  // Transactions: BEGIN IMMEDIATE with deferred foreign keys; COMMIT after a flush.
  Status BeginTransaction();
  Status CommitTransaction();
  Status RollbackTransaction();
  void ForgetStaging();  // after a rollback, or at a transaction's start
  Status Flush();

  Result<std::optional<Existing>> FindDocument(const std::string& sha256);
  Result<std::int64_t> NextId(std::int64_t& counter);
  Status Unstage(std::int64_t id);
  Status DeleteDirectFacts(std::int64_t id);
  Result<std::string> StoredRaw(std::int64_t id);
  Result<std::int64_t> StoryGroup(std::int64_t id, const MinHashSignature& signature,
                                  const std::string& keys);
  Status StageDocument(std::int64_t id, std::int64_t story_group, const Extraction& extraction,
                       const StoredInput& input, const std::string& raw,
                       const std::string& ingested_at, const ManifestEntry& manifest);
  Status InsertFacts(std::int64_t id, const Extraction& extraction);
  Status InsertMinHash(std::int64_t id, const MinHashSignature& signature, const std::string& keys);
  Status InsertPath(std::int64_t id, const std::string& path);
  Result<std::int64_t> AreaId(const LocalArea& area);
  Result<std::int64_t> SpeakerId(const Speaker& speaker);

  sqlite3* db_;
  std::string path_;
  bool read_only_;
  // Keyed by the SQL text, which lives in static storage (the kSql constants) or, for
  // update_replaced_, in this object.
  std::unordered_map<std::string_view, sqlite3_stmt*> statements_;
  // UPDATE of every column of documents from its staged row, built from the schema at open.
  std::string update_replaced_;

  // What waits in the staging tables of the open transaction.
  bool staged_ = false;
  bool replaced_ = false;  // a committed document is among them (stage_replaced has rows)
  std::size_t staged_bytes_ = 0;
  // The next ids of the staged tables, read at the first write of a transaction (the write
  // lock is held from BEGIN IMMEDIATE on, so nobody else takes them).
  bool ids_known_ = false;
  std::int64_t next_document_id_ = 0;
  std::int64_t next_finding_id_ = 0;
  std::int64_t next_quote_id_ = 0;
};

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

Result<int> SqliteStore::UserVersion() {
  Result<Statement> statement = Prepare(kSqlUserVersion);
  if (!statement.ok()) return statement.status();
  const int rc = statement->Step();
  if (rc != SQLITE_ROW) return Error(rc);
  return static_cast<int>(statement->ColumnInt(0));
}

// ---- Transactions and staging

void SqliteStore::ForgetStaging() {
  staged_ = false;
  replaced_ = false;
  staged_bytes_ = 0;
  ids_known_ = false;
}

Status SqliteStore::BeginTransaction() {
  if (Status s = Run(kSqlBegin); !s.ok()) return s;
  ForgetStaging();
  if (Status s = Run(kSqlDeferForeignKeys); !s.ok()) {
    (void)RollbackTransaction();
    return s;
  }
  return Status::Ok();
}

Status SqliteStore::CommitTransaction() {
  if (Status s = Flush(); !s.ok()) return s;
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
      Status error = OpenError(rc, db_, path_);
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
  for (const AreaRecord& area : areas) {
    Result<Statement> upsert = Prepare(kSqlUpsertArea);
    if (!upsert.ok()) return upsert.status();
    const std::string successors = JsonArray(area.successors);
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
  return Done(*insert);
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
  Result<Statement> insert = Prepare(kSqlInsertFailure);
  if (!insert.ok()) return insert.status();
  insert->Text(1, source);
  insert->Text(2, reason);
  insert->Text(3, when);
  return Done(*insert);
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
      Result<Statement> mark = Prepare(kSqlMarkReplaced);
      if (!mark.ok()) return mark.status();
      mark->Int(1, id);
      if (Status s = Done(*mark); !s.ok()) return s;
      replaced_ = true;
    }
    if (Status s = DeleteDirectFacts(id); !s.ok()) return s;
  } else {
    Result<std::int64_t> next = NextId(next_document_id_);
    if (!next.ok()) return next.status();
    id = *next;
  }

  const MinHashSignature signature = ComputeMinHash(doc.text);
  const std::string keys = JsonKeys(signature);
  Result<std::int64_t> group = StoryGroup(id, signature, keys);
  if (!group.ok()) return group.status();
  if (Status s =
          StageDocument(id, *group, extraction, input, input.raw.empty() ? raw_kept : input.raw,
                        existing ? existing->ingested_at : input.ingested_at, manifest);
      !s.ok()) {
    return s;
  }
  if (Status s = InsertFacts(id, extraction); !s.ok()) return s;
  if (Status s = InsertMinHash(id, signature, keys); !s.ok()) return s;
  if (!input.source_path.empty()) {
    if (Status s = InsertPath(id, input.source_path); !s.ok()) return s;
  }
  if (staged_bytes_ >= kFlushBytes) {
    if (Status s = Flush(); !s.ok()) return s;
  }
  if (Status s = scope.Commit(); !s.ok()) return s;
  return existing ? PutOutcome::kReplaced : PutOutcome::kAdded;
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

Result<std::string> SqliteStore::StoredRaw(std::int64_t id) {
  Result<Statement> raw = Prepare(kSqlStoredRaw);
  if (!raw.ok()) return raw.status();
  raw->Int(1, id);
  const int rc = raw->Step();
  if (rc == SQLITE_DONE) return std::string();
  if (rc != SQLITE_ROW) return Error(rc);
  return raw->ColumnText(1);
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

// The facts kept outside the staging tables; staged and full-text-indexed ones are replaced
// by Unstage and at the flush.
Status SqliteStore::DeleteDirectFacts(std::int64_t id) {
  for (std::string_view sql : {kSqlDeleteAreas, kSqlDeleteDeadlines}) {
    Result<Statement> remove = Prepare(sql);
    if (!remove.ok()) return remove.status();
    remove->Int(1, id);
    if (Status s = Done(*remove); !s.ok()) return s;
  }
  std::string old_keys;
  {
    Result<Statement> stored = Prepare(kSqlStoredSignature);
    if (!stored.ok()) return stored.status();
    stored->Int(1, id);
    const int rc = stored->Step();
    if (rc == SQLITE_ROW) {
      old_keys = JsonKeys(SignatureFromBytes(stored->ColumnBlob(0), stored->ColumnSize(0)));
    } else if (rc != SQLITE_DONE) {
      return Error(rc);
    }
  }
  if (old_keys.empty()) return Status::Ok();  // no signature stored: no bands either
  Result<Statement> bands = Prepare(kSqlDeleteBands);
  if (!bands.ok()) return bands.status();
  bands->Text(1, old_keys);
  bands->Int(2, id);
  if (Status s = Done(*bands); !s.ok()) return s;
  Result<Statement> signature = Prepare(kSqlDeleteMinHash);
  if (!signature.ok()) return signature.status();
  signature->Int(1, id);
  return Done(*signature);
}

Result<std::int64_t> SqliteStore::StoryGroup(std::int64_t id, const MinHashSignature& signature,
                                             const std::string& keys) {
  if (signature.values.empty()) return id;
  std::vector<std::int64_t> candidates;  // in id order: the result does not depend on hashing
  {
    Result<Statement> members = Prepare(kSqlBandCandidates);
    if (!members.ok()) return members.status();
    members->Text(1, keys);
    members->Int(2, MinSharedBands());
    int rc = SQLITE_OK;
    while ((rc = members->Step()) == SQLITE_ROW) {
      const std::int64_t other = members->ColumnInt(0);
      if (other != id) candidates.push_back(other);
    }
    if (rc != SQLITE_DONE) return Error(rc);
  }
  double best = -1;
  std::int64_t group = id;
  for (std::int64_t other : candidates) {
    double similarity = 0;
    {
      Result<Statement> candidate = Prepare(kSqlCandidateSignature);
      if (!candidate.ok()) return candidate.status();
      candidate->Int(1, other);
      const int rc = candidate->Step();
      if (rc == SQLITE_DONE) continue;
      if (rc != SQLITE_ROW) return Error(rc);
      similarity = EstimatedJaccard(
          signature, SignatureFromBytes(candidate->ColumnBlob(0), candidate->ColumnSize(0)));
    }
    if (similarity < kStoryGroupJaccard || similarity < best) continue;
    Result<Statement> find = Prepare(kSqlCandidateGroup);
    if (!find.ok()) return find.status();
    find->Int(1, other);
    const int rc = find->Step();
    if (rc == SQLITE_DONE || (rc == SQLITE_ROW && find->ColumnIsNull(0))) {
      continue;  // bands of a document deleted outside sendscan
    }
    if (rc != SQLITE_ROW) return Error(rc);
    const std::int64_t other_group = find->ColumnInt(0);
    if (similarity > best || other_group < group) {
      best = similarity;
      group = other_group;
    }
  }
  return group;
}

Status SqliteStore::StageDocument(std::int64_t id, std::int64_t story_group,
                                  const Extraction& extraction, const StoredInput& input,
                                  const std::string& raw, const std::string& ingested_at,
                                  const ManifestEntry& manifest) {
  const Document& doc = extraction.document;
  Result<Statement> write = Prepare(kSqlStageDocument);
  if (!write.ok()) return write.status();
  const std::string inspectorates = JsonArray(doc.inspectorates);
  const std::optional<Inspection>& inspection = extraction.inspection;
  write->Int(1, id);
  write->Text(2, KindName(doc.kind));
  write->OptionalText(3, Either(manifest.published, doc.published));
  write->OptionalText(4, Either(manifest.title, doc.title));
  write->OptionalText(5, Either(manifest.outlet, input.outlet));
  write->OptionalText(6, Either(manifest.url, doc.url));
  write->Text(7, FormatName(doc.format));
  write->Text(8, inspectorates);
  write->Int(9, inspection ? 1 : 0);
  if (inspection) {
    write->OptionalText(10, inspection->month);
    write->Int(11, inspection->revisit ? 1 : 0);
    write->OptionalText(12, inspection->outcome);
    write->OptionalInt(13, inspection->weakness_areas);
    write->OptionalInt(14, inspection->weakness_areas_improved);
  } else {
    for (int column = 10; column <= 14; ++column) write->Null(column);
  }
  write->Int(15, story_group);
  write->Text(16, input.extractor_version);
  write->Text(17, input.lexicons_digest);
  write->OptionalText(18, manifest.url);
  write->OptionalText(19, manifest.outlet);
  write->OptionalText(20, manifest.published);
  write->OptionalText(21, manifest.title);
  write->Text(22, doc.text);
  write->Text(23, doc.sha256);
  write->Text(24, ingested_at);
  write->Blob(25, raw.data(), raw.size());
  if (Status s = Done(*write); !s.ok()) return s;
  staged_ = true;
  staged_bytes_ += doc.text.size() + raw.size();
  return Status::Ok();
}

Result<std::int64_t> SqliteStore::AreaId(const LocalArea& area) {
  {
    Result<Statement> find = Prepare(kSqlAreaByName);
    if (!find.ok()) return find.status();
    find->Text(1, area.name);
    const int rc = find->Step();
    if (rc == SQLITE_ROW) return find->ColumnInt(0);
    if (rc != SQLITE_DONE) return Error(rc);
  }
  // Not in the gazetteer the caller synced: kept with its name (and code) only.
  Result<Statement> insert = Prepare(kSqlInsertArea);
  if (!insert.ok()) return insert.status();
  insert->Text(1, area.name);
  insert->OptionalText(2, area.gss);
  if (Status s = Done(*insert); !s.ok()) return s;
  return sqlite3_last_insert_rowid(db_);
}

Result<std::int64_t> SqliteStore::SpeakerId(const Speaker& speaker) {
  Result<Statement> upsert = Prepare(kSqlUpsertSpeaker);
  if (!upsert.ok()) return upsert.status();
  const std::string identity = SpeakerIdentity(speaker);
  upsert->Text(1, identity);
  upsert->OptionalText(2, speaker.name);
  upsert->OptionalText(3, speaker.role);
  upsert->OptionalText(4, speaker.organisation);
  upsert->Text(5, CategoryName(speaker.category));
  const int rc = upsert->Step();
  if (rc != SQLITE_ROW) return Error(rc);
  const std::int64_t id = upsert->ColumnInt(0);
  if (Status s = Done(*upsert); !s.ok()) return s;
  return id;
}

Status SqliteStore::InsertFacts(std::int64_t id, const Extraction& extraction) {
  const Document& doc = extraction.document;
  auto span_error = [&](const char* what, const Span& span) {
    return Status::InvalidArgument(path_ + ": " + doc.source + ": " + what + " span [" +
                                   std::to_string(span.start) + ", " + std::to_string(span.end) +
                                   ") is outside the text");
  };
  auto valid = [&](const Span& span) {
    return span.start <= span.end && span.end <= doc.text.size();
  };

  for (const LocalArea& area : extraction.local_areas) {
    Result<std::int64_t> area_id = AreaId(area);
    if (!area_id.ok()) return area_id.status();
    Result<Statement> link = Prepare(kSqlInsertDocumentArea);
    if (!link.ok()) return link.status();
    link->Int(1, id);
    link->Int(2, *area_id);
    link->Text(3, area.role == AreaRole::kSubject ? "subject" : "mentioned");
    if (Status s = Done(*link); !s.ok()) return s;
  }

  for (const Finding& finding : extraction.findings) {
    if (!valid(finding.span)) return span_error("finding", finding.span);
    Result<std::int64_t> finding_id = NextId(next_finding_id_);
    if (!finding_id.ok()) return finding_id.status();
    {
      Result<Statement> insert = Prepare(kSqlStageFinding);
      if (!insert.ok()) return insert.status();
      insert->Int(1, *finding_id);
      insert->Int(2, id);
      insert->Text(3, finding.polarity == Polarity::kWeakness ? "weakness" : "strength");
      insert->Text(4, doc.Slice(finding.span));
      insert->Int(5, static_cast<std::int64_t>(finding.span.start));
      insert->Int(6, static_cast<std::int64_t>(finding.span.end));
      insert->Text(7, finding.cue);
      if (Status s = Done(*insert); !s.ok()) return s;
      staged_bytes_ += finding.span.size();
    }
    for (const std::string& theme : finding.themes) {
      Result<Statement> insert = Prepare(kSqlInsertTheme);
      if (!insert.ok()) return insert.status();
      insert->Int(1, *finding_id);
      insert->Text(2, theme);
      if (Status s = Done(*insert); !s.ok()) return s;
    }
  }

  for (const Deadline& deadline : extraction.deadlines) {
    if (!valid(deadline.span)) return span_error("deadline", deadline.span);
    Result<Statement> insert = Prepare(kSqlInsertDeadline);
    if (!insert.ok()) return insert.status();
    insert->Int(1, id);
    insert->Text(2, doc.Slice(deadline.span));
    insert->OptionalText(3, deadline.duration);
    insert->OptionalText(4, deadline.due);
    insert->Int(5, deadline.working_days ? 1 : 0);
    insert->OptionalText(6, deadline.action);
    insert->Int(7, static_cast<std::int64_t>(deadline.span.start));
    insert->Int(8, static_cast<std::int64_t>(deadline.span.end));
    if (Status s = Done(*insert); !s.ok()) return s;
  }

  for (const Quote& quote : extraction.quotes) {
    if (!valid(quote.span)) return span_error("quote", quote.span);
    Result<std::int64_t> speaker_id = SpeakerId(quote.speaker);
    if (!speaker_id.ok()) return speaker_id.status();
    Result<std::int64_t> quote_id = NextId(next_quote_id_);
    if (!quote_id.ok()) return quote_id.status();
    Result<Statement> insert = Prepare(kSqlStageQuote);
    if (!insert.ok()) return insert.status();
    insert->Int(1, *quote_id);
    insert->Int(2, id);
    insert->Int(3, *speaker_id);
    insert->Text(4, quote.text);
    insert->Int(5, static_cast<std::int64_t>(quote.span.start));
    insert->Int(6, static_cast<std::int64_t>(quote.span.end));
    if (Status s = Done(*insert); !s.ok()) return s;
    staged_bytes_ += quote.text.size();
  }
  return Status::Ok();
}

Status SqliteStore::InsertMinHash(std::int64_t id, const MinHashSignature& signature,
                                  const std::string& keys) {
  if (signature.values.empty()) return Status::Ok();  // under 5 words: never a copy
  const std::vector<unsigned char> bytes = SignatureBytes(signature);
  {
    Result<Statement> insert = Prepare(kSqlInsertMinHash);
    if (!insert.ok()) return insert.status();
    insert->Int(1, id);
    insert->Blob(2, bytes.data(), bytes.size());
    if (Status s = Done(*insert); !s.ok()) return s;
  }
  Result<Statement> bands = Prepare(kSqlInsertBands);
  if (!bands.ok()) return bands.status();
  bands->Text(1, keys);
  bands->Int(2, id);
  return Done(*bands);
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

}  // namespace

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
  auto store = std::make_unique<SqliteStore>(db, path, options.read_only);
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
  if (rc != SQLITE_OK) status = OpenError(rc, db, path);
  sqlite3_close_v2(db);
  return status;
}

}  // namespace sendscan

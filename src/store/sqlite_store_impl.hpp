// The SQLite implementation of Store, shared by the sqlite_*.cpp files that define its parts:
// opening and the Store API (sqlite_store.cpp), staging and transactions (sqlite_staging.cpp),
// one extraction's rows (sqlite_facts.cpp) and story groups (sqlite_story_groups.cpp).
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sendscan/status.hpp"
#include "sendscan/store.hpp"
#include "store/band_index.hpp"
#include "store/minhash.hpp"
#include "store/sqlite_statement.hpp"
#include "store/sqlite_store.hpp"

namespace sendscan::sqlite {

// Used both by migrations and by the write transactions.
inline constexpr std::string_view kSqlBegin = "BEGIN IMMEDIATE";
inline constexpr std::string_view kSqlCommit = "COMMIT";
inline constexpr std::string_view kSqlRollback = "ROLLBACK";

// A JSON array of strings.
std::string JsonArray(const std::vector<std::string>& items);

// "[k1,k2,...]": band keys as a JSON array of signed 64-bit integers.
std::string JsonKeys(const std::vector<std::uint64_t>& keys);

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
  SqliteStore(sqlite3* db, std::string path, const StoreOptions& options)
      : db_(db),
        path_(std::move(path)),
        read_only_(options.read_only),
        max_bands_in_memory_(options.band_keys_in_memory) {}
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

  Status Error(int rc) const { return SqliteError(rc, db_, path_); }
  Status Writable() const;
  Result<Statement> Prepare(std::string_view sql);
  Status Run(std::string_view sql);                      // a statement without parameters
  Status Done(Statement& statement);                     // steps to the end
  Result<std::int64_t> SingleInt(std::string_view sql);  // the first column of the first row
  Result<int> UserVersion();
  Status Migrate(int from);
  Status PrepareStaging();

  // Transactions: BEGIN IMMEDIATE with deferred foreign keys; COMMIT after a flush.
  Status BeginTransaction();
  Status CommitTransaction();
  Status RollbackTransaction();
  void ForgetStaging();  // after a rollback, or at a transaction's start
  Status Flush();
  // At each transaction's start: refreshes what this connection keeps in memory about the
  // database, at the first and whenever another connection has committed since.
  Status CatchUpWithOtherWriters();
  Status FlushIfLarge();                 // when enough waits in memory
  Status MarkReplaced(std::int64_t id);  // a committed document is replaced at the flush

  Result<std::optional<Existing>> FindDocument(const std::string& sha256);
  Result<std::int64_t> NextId(std::int64_t& counter);
  Status Unstage(std::int64_t id);
  Status DeleteDirectFacts(std::int64_t id);
  Status DeleteMinHash(std::int64_t id);
  Result<std::string> StoredRaw(std::int64_t id);
  // Story groups (sqlite_story_groups.cpp).
  Status CheckBandsInMemory(bool first, bool others_wrote);
  Result<std::int64_t> StoryGroup(std::int64_t id, const MinHashSignature& signature,
                                  const std::vector<std::uint64_t>& keys);
  Status AddCandidatesFromTable(const std::vector<std::uint64_t>& keys,
                                std::vector<std::int64_t>& candidates);
  void AddCandidatesFromMemory(const std::vector<std::uint64_t>& keys,
                               std::vector<std::int64_t>& candidates) const;
  void RememberBands(std::int64_t id, const std::vector<std::uint64_t>& keys);
  Status WritePendingBands();  // before COMMIT
  Status StageDocument(std::int64_t id, std::int64_t story_group, const Extraction& extraction,
                       const StoredInput& input, const std::string& raw,
                       const std::string& ingested_at, const ManifestEntry& manifest);
  Status InsertFacts(std::int64_t id, const Extraction& extraction);
  Status InsertMinHash(std::int64_t id, const MinHashSignature& signature);
  Status InsertPath(std::int64_t id, const std::string& path);
  Status ForgetFailuresOf(const std::string& source);  // it has been stored since
  Result<std::int64_t> AreaId(const LocalArea& area);
  Result<std::int64_t> SpeakerId(const Speaker& speaker);

  sqlite3* db_;
  std::string path_;
  bool read_only_;
  std::size_t max_bands_in_memory_;
  // Keyed by the SQL text, which lives in static storage (the kSql constants) or, for
  // update_replaced_, in this object.
  std::unordered_map<std::string_view, sqlite3_stmt*> statements_;
  // UPDATE of every column of documents from its staged row, built from the schema at open.
  std::string update_replaced_;

  // What waits in the staging tables of the open transaction.
  bool staged_ = false;
  bool replaced_ = false;  // a committed document is among them (stage_replaced has rows)
  std::size_t staged_bytes_ = 0;
  // PRAGMA data_version when this connection last caught up (CatchUpWithOtherWriters).
  bool caught_up_ = false;
  std::int64_t data_version_ = 0;
  // Whether failures may hold a row: when not, storing a path has no failure of it to forget.
  bool failures_may_exist_ = true;
  // The next ids of the staged tables, read at the first write of a transaction (the write
  // lock is held from BEGIN IMMEDIATE on, so nobody else takes them).
  bool ids_known_ = false;
  std::int64_t next_document_id_ = 0;
  std::int64_t next_finding_id_ = 0;
  std::int64_t next_quote_id_ = 0;

  // Story-group candidates. The band keys of the open transaction wait in pending_bands_ and
  // are written to minhash_bands, sorted, before COMMIT. recent_bands_ holds them too, and,
  // while bands_in_memory_, those of every document this connection committed as well, which
  // then is every band key in the database: lookups need not ask the table. That holds from a
  // first transaction that found the table empty until another connection commits (PRAGMA
  // data_version) or the index outgrows max_bands_in_memory_; from then on recent_bands_ holds
  // only the open transaction's keys, and the table answers for committed ones.
  std::vector<std::pair<std::uint64_t, std::int64_t>> pending_bands_;
  BandIndex recent_bands_;
  bool bands_in_memory_ = false;
};

}  // namespace sendscan::sqlite

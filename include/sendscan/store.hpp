// The store stage: Extractions <-> one SQLite file, the queryable corpus. Documents are keyed
// by the SHA-256 of their input bytes; the raw input is kept so `reprocess` can redo a stale
// document from the start. Every table with a full-text index (FTS5, declared the way
// sqlite-utils creates them) has an INTEGER PRIMARY KEY. One Store is one connection: use it
// from one thread (the ingest writer); readers open their own.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sendscan/extract.hpp"
#include "sendscan/ingest.hpp"
#include "sendscan/status.hpp"

namespace sendscan {

struct StoreOptions {
  bool read_only = false;       // open without writing (queries); the file must exist
  int busy_timeout_ms = 10000;  // how long to wait for another writer's lock. Default: 10 s.
};

// What a store keeps of one input besides its extraction.
struct StoredInput {
  std::string raw;           // the input bytes as read
  std::string source_path;   // the path as given (or a name for standard input)
  std::optional<std::string> outlet;  // from a manifest; null if unknown
  std::string extractor_version;      // ExtractorInfo::version
  std::string lexicons_digest;        // ExtractorInfo::lexicons_digest
  std::string ingested_at;            // ISO 8601 UTC, given by the caller (no clock read here)
};

// Whether the bytes with a given hash are stored, and by which extractor and lexicons.
struct StoredState {
  bool present = false;
  bool current = false;  // present with the same extractor version and lexicon digest
};

enum class PutOutcome { kAdded, kReplaced };

// A document whose extractor version or lexicon digest differs from the current one.
struct StaleDocument {
  std::int64_t id = 0;
  std::string sha256;
  std::string raw;
  std::string source_path;
  ManifestEntry manifest;  // what the manifest said when it was ingested
};

class Store {
 public:
  // Opens or creates the database at `path` (":memory:" for tests), applying forward
  // migrations. Fails with InvalidArgument for a database written by a newer sendscan,
  // IOError for a file that cannot be opened or written, Corruption for one that is not an
  // SQLite database.
  static Result<std::unique_ptr<Store>> Open(const std::string& path,
                                             const StoreOptions& options = {});
  virtual ~Store() = default;

  // The schema version (PRAGMA user_version) this build writes.
  static int CurrentSchemaVersion();

  // Batches: everything between Begin and Commit lands together or not at all.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Writes the gazetteer's areas (insert or update by name), so documents can refer to them
  // and queries can show an abolished area's successors.
  virtual Status SyncAreas(const std::vector<AreaRecord>& areas) = 0;

  virtual Result<StoredState> Lookup(const std::string& sha256, const std::string& extractor_version,
                                     const std::string& lexicons_digest) = 0;

  // Stores a document and all its facts (replacing the facts of the same bytes if present),
  // records `input.source_path` among its paths and `manifest` as given.
  virtual Result<PutOutcome> Put(const Extraction& extraction, const StoredInput& input,
                                 const ManifestEntry& manifest = {}) = 0;

  // Records another path for bytes already stored (the same file renamed or copied).
  virtual Status AddPath(const std::string& sha256, const std::string& path) = 0;

  // Records an input that failed, with its one-line reason.
  virtual Status RecordFailure(const std::string& source, const std::string& reason,
                               const std::string& when) = 0;

  // Up to `limit` documents not produced by this extractor version and lexicon digest.
  virtual Result<std::vector<StaleDocument>> Stale(const std::string& extractor_version,
                                                   const std::string& lexicons_digest,
                                                   std::size_t limit) = 0;
};

}  // namespace sendscan

// The store stage: Extractions <-> one SQLite file, the queryable corpus. Documents are keyed
// by the SHA-256 of their input bytes; the raw input is kept so `reprocess` can redo a stale
// document from the start. Every table with a full-text index (FTS5, declared the way
// sqlite-utils creates them) has an INTEGER PRIMARY KEY. One Store is one connection: use it
// from one thread (the ingest writer); readers open their own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sendscan/extract.hpp"
#include "sendscan/ingest.hpp"
#include "sendscan/status.hpp"

namespace sendscan {

struct StoreOptions {
  bool read_only = false;       // open without writing (queries); the file must exist and
                                // every write fails with InvalidArgument
  int busy_timeout_ms = 10000;  // how long to wait for another writer's lock. Default: 10 s.
  // Story-group band keys a writing connection keeps in memory (16 bytes each, 32 per
  // document), so that a bulk ingest into a store that started empty finds copies without
  // asking the minhash_bands table. Past this many, or once another connection has written,
  // the table answers. 0: always the table. Default: about 30,000 documents' worth, in a 32 MB
  // table (kept a batch's worth under the 1,048,576 keys at which that table would double).
  std::size_t band_keys_in_memory = 1'000'000;
};

// What a store keeps of one input besides its extraction.
struct StoredInput {
  std::string raw;                    // the input bytes as read
  std::string source_path;            // the path as given (or a name for standard input)
  std::optional<std::string> outlet;  // from a manifest; null if unknown
  std::string extractor_version;      // ExtractorInfo::version
  std::string lexicons_digest;        // ExtractorInfo::lexicons_digest
  std::string ingested_at;            // ISO 8601 UTC, given by the caller (no clock read here);
                                      // kept from the first Put of the same bytes
  std::string extracted_at;  // when this extraction was made (ISO 8601 UTC); empty: ingested_at.
                             // Every Put records it: merge keeps the newer extraction
  // StorySignature(text) of the extraction's document, when the caller computed it (ingest's
  // workers do); Put computes it when absent.
  std::optional<std::vector<std::uint32_t>> story_signature;
};

// A document's MinHash signature over the 5-word shingles of its normalised text, by which Put
// finds its story group; empty for a text under 5 words. Pure and thread-safe, so ingest's
// workers compute it beside extraction and the one writer thread only writes.
std::vector<std::uint32_t> StorySignature(std::string_view text);

// Whether the bytes with a given hash are stored, and by which extractor and lexicons.
struct StoredState {
  bool present = false;
  bool current = false;  // present with the same extractor version and lexicon digest
};

enum class PutOutcome { kAdded, kReplaced };

// A document stored by a given extractor version and lexicon digest, with every path recorded
// for it: what ingest may skip after hashing, without parsing.
struct CurrentDocument {
  std::string sha256;
  std::vector<std::string> paths;
};

// A document whose extractor version or lexicon digest differs from the current one.
struct StaleDocument {
  std::int64_t id = 0;
  std::string sha256;
  std::string raw;
  std::string source_path;  // the first path recorded for it
  ManifestEntry manifest;   // what the manifest said when it was ingested
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

  // Batches: everything between Begin and Commit lands together or not at all. Begin takes
  // the write lock at once (IOError "database is locked by another process" after
  // busy_timeout_ms). Write many documents per batch: a commit costs far more than a row.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Writes the gazetteer's areas (insert or update by name), so documents can refer to them
  // and queries can show an abolished area's successors.
  virtual Status SyncAreas(const std::vector<AreaRecord>& areas) = 0;

  virtual Result<StoredState> Lookup(const std::string& sha256,
                                     const std::string& extractor_version,
                                     const std::string& lexicons_digest) = 0;

  // Every document stored by this extractor version and lexicon digest, with its paths, in
  // sha256 order. Ingest loads it once before a run, so its workers can skip stored bytes
  // without asking the store (which only the writer thread may touch).
  // Paths come in no particular order: ordering them made the query sort (a fifth of the time
  // of re-ingesting a corpus in which everything is current, measured).
  virtual Result<std::vector<CurrentDocument>> CurrentDocuments(
      const std::string& extractor_version, const std::string& lexicons_digest) = 0;

  // Stores a document and all its facts (replacing the facts of the same bytes if present,
  // keeping its id), records `input.source_path` among its paths and `manifest` as given; set
  // manifest fields win over the document's url, title, published and input.outlet. Atomic on
  // its own; between Begin and Commit it joins the batch. The document's story group is the
  // group of the most similar stored document with an estimated Jaccard >= 0.8 over 5-word
  // shingles, else its own id. An empty `input.raw` does not overwrite stored raw bytes. A
  // failure recorded for the path is forgotten: the path is stored now.
  virtual Result<PutOutcome> Put(const Extraction& extraction, const StoredInput& input,
                                 const ManifestEntry& manifest = {}) = 0;

  // Records another path for bytes already stored (the same file renamed or copied); a path
  // already recorded is not added twice. NotFound when no document has those bytes. A failure
  // recorded for the path is forgotten.
  virtual Status AddPath(const std::string& sha256, const std::string& path) = 0;

  // Records an input that failed, with its one-line reason. The failures table keeps one row
  // per source, its latest failure (a failure older than the one kept changes nothing), until
  // the source is stored by Put or AddPath: a batch job re-running over a folder sees what
  // fails now, not every past attempt.
  virtual Status RecordFailure(const std::string& source, const std::string& reason,
                               const std::string& when) = 0;

  // Up to `limit` documents not produced by this extractor version and lexicon digest, in id
  // order (oldest first). A document that cannot be redone stays stale and comes back in the
  // next call: skip the ids that failed (ask for limit + failed of them).
  virtual Result<std::vector<StaleDocument>> Stale(const std::string& extractor_version,
                                                   const std::string& lexicons_digest,
                                                   std::size_t limit) = 0;
};

// ---- Reading a whole store back, for `sendscan merge`. Free functions over the connection
// of a store made by Store::Open (implemented in src/store/sqlite_read.cpp); InvalidArgument
// for any other Store. They see what this connection wrote, staged writes included.

// One stored document's identity and provenance, without its text: what merge compares.
struct StoredDocumentState {
  std::string sha256;
  std::string extractor_version;
  std::string lexicons_digest;
  std::string ingested_at;         // the first ingest
  std::string extracted_at;        // when its current extraction was made
  bool has_raw = false;            // false for a document loaded from contract lines
  std::vector<std::string> paths;  // in the order they were recorded
};

// Everything a store keeps of one document: Put(extraction, input, manifest) and AddPath for
// the other paths store it again, as it was, in another store (story group aside, which the
// other store computes).
struct StoredDocument {
  // document.source is the first path; url, title and published are the stored columns (the
  // manifest's where it set them, which `manifest` repeats); the input's format is kept, its
  // paragraphs and sentences are not stored (empty). Areas come subjects first, each role in
  // the order the store numbered the areas; themes in name order.
  Extraction extraction;
  StoredInput input;  // raw (empty for a loaded document), first path, outlet, provenance
  ManifestEntry manifest;
  std::vector<std::string> paths;  // every path, in the order they were recorded
};

// An input recorded by Store::RecordFailure.
struct StoredFailure {
  std::string source;
  std::string reason;
  std::string when;
};

// Every document's state, in id order.
Result<std::vector<StoredDocumentState>> StoredDocumentStates(Store& store);

// Calls `visit` with each document in id order, reading a page of them at a time; stops at the
// first error `visit` returns and returns it.
Status ForEachStoredDocument(Store& store,
                             const std::function<Status(StoredDocument&& document)>& visit);

// Every failure recorded, in the order recorded.
Result<std::vector<StoredFailure>> StoredFailures(Store& store);

// Every area the store knows: the gazetteer's (SyncAreas; with a region) and those only a
// document named (name and code only; region and type empty), in id order.
Result<std::vector<AreaRecord>> StoredAreas(Store& store);

}  // namespace sendscan

// The ingest engine behind `sendscan ingest`: input files -> N worker threads (read and hash,
// skip what is stored, normalise, apply the manifest, extract) -> one writer thread that owns
// the Store and writes in batched transactions. Results are written in input order whatever
// the thread timing, so the same inputs give the same database content (ids and times aside)
// with any number of workers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cli/progress.hpp"
#include "sendscan/contract.hpp"
#include "sendscan/ingest.hpp"
#include "sendscan/lexicon.hpp"
#include "sendscan/status.hpp"
#include "sendscan/store.hpp"

namespace sendscan::cli {

// One input of a run. `error` is set when listing it already failed (an unreadable folder);
// such an input is recorded as a failure without being read.
struct InputFile {
  std::string path;        // as given, or a folder as given joined with the path below it
  std::uint64_t size = 0;  // bytes, as listed (0 when unknown)
  std::string error;       // one-line reason; empty when listing went well
};

// Expands `paths` (files and folders, as given on the command line) into the files to ingest:
// folders recursively, their files sorted by path, names starting with '.' skipped; arguments
// keep their order; a path listed twice is kept once. A path that does not exist is kept, so
// the run records it as a failure ("no such file").
std::vector<InputFile> CollectInputs(const std::vector<std::string>& paths);

// Called on the writer thread, one call at a time.
struct IngestCallbacks {
  // After each input is written or skipped.
  std::function<void(const Progress&)> progress;
  // For each input that failed, with the reason it was recorded with.
  std::function<void(const std::string& source, const std::string& reason)> failure;
};

struct IngestOptions {
  // Worker threads that read and extract. Default: 1 (the CLI passes the number of cores).
  int jobs = 1;
  // A transaction is committed after this many writes or this many bytes of input and text,
  // whichever comes first. Defaults: 500 and 32 MB (larger batches cost the FTS indexes less).
  std::size_t batch_documents = 500;
  std::size_t batch_bytes = std::size_t{32} << 20;
  // Inputs read ahead of the writer, at most: a slow file holds the writer, not memory.
  // Defaults: 512 inputs per worker and 64 MB of input; the next input to write is always let
  // in. The window must outlast a commit (flushing a batch into the full-text indexes takes
  // ~0.1 s, in which a worker extracts a few hundred documents): with a few dozen, workers
  // stood idle at every commit and ingest ran ~10% slower (measured).
  std::size_t read_ahead_per_job = 512;
  std::uint64_t read_ahead_bytes = std::uint64_t{64} << 20;

  ExtractorInfo extractor;  // recorded with every document; what makes a stored one current
  std::string ingested_at;  // ISO 8601 UTC, recorded with documents and failures
  ReadOptions read;
  Manifest manifest;  // set fields win over what documents say
  // Where the manifest file is: its relative paths are matched against the inputs both as
  // given (relative to the current folder) and relative to this folder.
  std::string manifest_dir;
  IngestCallbacks callbacks;
};

// What a run did. Every input is counted once in added, replaced, unchanged, paths_added or
// failed.
struct IngestSummary {
  std::size_t files = 0;
  std::size_t added = 0;        // new documents
  std::size_t replaced = 0;     // stored bytes redone by this extractor or these lexicons
  std::size_t unchanged = 0;    // bytes already stored and current, path already known
  std::size_t paths_added = 0;  // bytes already stored (or earlier in this run) under a new path
  std::size_t failed = 0;       // recorded in the store's failures
  std::size_t manifest_unmatched = 0;  // manifest rows that matched no input
  std::uint64_t bytes = 0;             // input bytes read
  double seconds = 0;
  double store_seconds = 0;  // of which the writer spent in Store calls
};

// Read, normalise, apply the manifest (its set fields win) and extract: one input's bytes to
// its extraction, as ingest and reprocess both do it. Errors name `source`.
Result<Extraction> ExtractBytes(std::string bytes, const std::string& source,
                                const ManifestEntry* manifest, const Lexicons& lexicons,
                                const ReadOptions& read = {});

// The time now as ISO 8601 UTC ("2026-11-23T08:49:13Z"), for ingested_at and failed_at.
std::string NowUtc();

// Ingests `inputs` into `store` (which only the writer thread touches while this runs), with
// lexicons loaded once and shared read-only by every worker. A file that cannot be read or
// parsed is recorded with Store::RecordFailure and the run goes on. Fails only when the store
// does (the current batch is rolled back; earlier batches stay committed).
Result<IngestSummary> RunIngest(const std::vector<InputFile>& inputs, const Lexicons& lexicons,
                                Store& store, const IngestOptions& options);

}  // namespace sendscan::cli

// The ingest engine: a scheduler hands inputs to worker threads in input order and holds their
// results until the writer (the calling thread, the only one that touches the Store) takes
// them in that same order. Read-ahead is bounded in inputs and bytes, so a slow file makes the
// others wait rather than pile up in memory.
#include "cli/ingest_pipeline.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "sendscan/extract.hpp"
#include "sendscan/normalise.hpp"
#include "sendscan/store.hpp"

namespace sendscan::cli {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------- listing the inputs

bool Hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// Every file below `dir` (not following links to folders), sorted by path; folders that cannot
// be listed become inputs carrying the reason.
void CollectFolder(const fs::path& dir, std::vector<InputFile>& out) {
  std::vector<InputFile> found;
  std::vector<fs::path> pending{dir};
  while (!pending.empty()) {
    fs::path current = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    for (fs::directory_iterator it(current, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::directory_entry& entry = *it;
      if (Hidden(entry.path())) continue;
      std::error_code type_ec;
      if (entry.is_directory(type_ec) && !entry.is_symlink(type_ec)) {
        pending.push_back(entry.path());
      } else if (!entry.is_directory(type_ec)) {
        std::uint64_t size = entry.is_regular_file(type_ec) ? entry.file_size(type_ec) : 0;
        found.push_back({entry.path().string(), type_ec ? 0 : size, {}});
      }
    }
    if (ec) found.push_back({current.string(), 0, "cannot list folder: " + ec.message()});
  }
  std::sort(found.begin(), found.end(),
            [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  for (InputFile& f : found) out.push_back(std::move(f));
}

// ---------------------------------------------------------------- the manifest

// Finds a manifest row for an input path: by the path as written in the manifest, else by the
// canonical path of both (manifest paths taken relative to the current folder first, then to
// the manifest's folder).
class ManifestIndex {
 public:
  ManifestIndex(const Manifest& manifest, const std::string& manifest_dir) {
    for (const auto& [key, entry] : manifest) exact_.emplace(key, &entry);
    for (const auto& [key, entry] : manifest) canonical_.emplace(Canonical(key), &entry);
    if (manifest_dir.empty()) return;
    for (const auto& [key, entry] : manifest) {
      if (fs::path(key).is_relative()) {
        canonical_.emplace(Canonical((fs::path(manifest_dir) / key).string()), &entry);
      }
    }
  }

  const ManifestEntry* Find(const std::string& path) const {
    if (auto it = exact_.find(path); it != exact_.end()) return it->second;
    if (canonical_.empty()) return nullptr;
    auto it = canonical_.find(Canonical(path));
    return it == canonical_.end() ? nullptr : it->second;
  }

 private:
  static std::string Canonical(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
    return ec ? fs::absolute(path, ec).lexically_normal().string() : p.string();
  }

  std::unordered_map<std::string, const ManifestEntry*> exact_;
  std::unordered_map<std::string, const ManifestEntry*> canonical_;
};

// The manifest wins over what the document says (the outlet goes with the stored input).
void ApplyManifest(const ManifestEntry& entry, Document& doc) {
  if (entry.title) doc.title = entry.title;
  if (entry.published) doc.published = entry.published;
  if (entry.url) doc.url = entry.url;
}

// ---------------------------------------------------------------- one input, on a worker

// What a worker made of one input.
struct WorkResult {
  enum class Kind { kFailed, kCurrent, kExtracted };
  Kind kind = Kind::kFailed;
  std::string sha256;
  std::string reason;  // kFailed: one line, without the path in front
  std::optional<Extraction> extraction;
  StoredInput input;  // kExtracted
  std::uint64_t bytes = 0;
};

// A stage's message without the "path: " the stages put in front.
std::string Reason(const std::string& path, const Status& status) {
  const std::string& m = status.message();
  if (m.size() > path.size() + 2 && m.compare(0, path.size(), path) == 0 &&
      m.compare(path.size(), 2, ": ") == 0) {
    return m.substr(path.size() + 2);
  }
  return m;
}

// Everything a worker shares with the others: read-only for the whole run.
struct WorkerContext {
  const Lexicons& lexicons;
  const IngestOptions& options;
  const std::unordered_set<std::string>& current;  // hashes to skip after reading
};

WorkResult Process(const InputFile& file, const ManifestEntry* entry, const WorkerContext& ctx) {
  WorkResult r;
  if (!file.error.empty()) {
    r.reason = file.error;
    return r;
  }
  Result<std::string> bytes = ReadFileBytes(file.path, ctx.options.read);
  if (!bytes.ok()) {
    r.reason = Reason(file.path, bytes.status());
    return r;
  }
  r.bytes = bytes->size();
  r.sha256 = Sha256Hex(*bytes);
  if (ctx.current.count(r.sha256) > 0) {
    r.kind = WorkResult::Kind::kCurrent;
    return r;
  }
  Result<Extraction> extraction =
      ExtractBytes(*bytes, file.path, entry, ctx.lexicons, ctx.options.read);
  if (!extraction.ok()) {
    r.reason = Reason(file.path, extraction.status());
    return r;
  }
  r.extraction = std::move(extraction).value();
  r.input.story_signature = StorySignature(r.extraction->document.text);  // off the writer
  r.input.raw = std::move(bytes).value();
  r.input.source_path = file.path;
  if (entry != nullptr) r.input.outlet = entry->outlet;
  r.input.extractor_version = ctx.options.extractor.version;
  r.input.lexicons_digest = ctx.options.extractor.lexicons_digest;
  r.input.ingested_at = ctx.options.ingested_at;
  r.kind = WorkResult::Kind::kExtracted;
  return r;
}

// Never lets an exception out of a worker thread: a bug in one document is that document's
// failure, not the end of the run.
WorkResult ProcessSafely(const InputFile& file, const ManifestEntry* entry,
                         const WorkerContext& ctx) {
  try {
    return Process(file, entry, ctx);
  } catch (const std::exception& e) {
    WorkResult r;
    r.reason = std::string("internal error: ") + e.what();
    return r;
  } catch (...) {
    WorkResult r;
    r.reason = "internal error";
    return r;
  }
}

// ---------------------------------------------------------------- the bounded reorder queue

// Hands out input indexes in order and returns results in order. A worker may claim input i
// when it is the next to write, or when fewer than `max_inputs` inputs and `max_bytes` input
// bytes are claimed and not yet written.
class Scheduler {
 public:
  Scheduler(const std::vector<InputFile>& inputs, std::size_t max_inputs, std::uint64_t max_bytes)
      : inputs_(inputs), max_inputs_(std::max<std::size_t>(max_inputs, 1)), max_bytes_(max_bytes) {}

  // The next input to process; nullopt when all are claimed or the run stopped.
  std::optional<std::size_t> Claim() {
    std::unique_lock lock(mu_);
    room_.wait(lock, [this] { return stopped_ || next_claim_ >= inputs_.size() || HasRoom(); });
    if (stopped_ || next_claim_ >= inputs_.size()) return std::nullopt;
    in_flight_bytes_ += inputs_[next_claim_].size;
    return next_claim_++;
  }

  void Deliver(std::size_t index, WorkResult result) {
    bool awaited = false;
    {
      std::lock_guard lock(mu_);
      done_.emplace(index, std::move(result));
      awaited = index == next_write_;
    }
    // The writer only ever waits for the next result: waking it for any other would only put
    // it back to sleep, a pair of system calls per file when files are skipped after hashing.
    if (awaited) ready_.notify_one();
  }

  // The result of input `index`, which must be the next to write; waits for it.
  WorkResult Take(std::size_t index) {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] { return done_.count(index) > 0; });
    WorkResult result = std::move(done_.at(index));
    done_.erase(index);
    in_flight_bytes_ -= inputs_[index].size;
    next_write_ = index + 1;
    lock.unlock();
    room_.notify_all();
    return result;
  }

  // Claims nothing more (the writer failed); inputs under way still finish.
  void Stop() {
    {
      std::lock_guard lock(mu_);
      stopped_ = true;
    }
    room_.notify_all();
  }

 private:
  bool HasRoom() const {
    if (next_claim_ == next_write_) return true;
    return next_claim_ - next_write_ < max_inputs_ &&
           in_flight_bytes_ + inputs_[next_claim_].size <= max_bytes_;
  }

  const std::vector<InputFile>& inputs_;
  const std::size_t max_inputs_;
  const std::uint64_t max_bytes_;
  std::mutex mu_;
  std::condition_variable room_;   // workers wait here for read-ahead room
  std::condition_variable ready_;  // the writer waits here for the next result
  std::size_t next_claim_ = 0;
  std::size_t next_write_ = 0;
  std::uint64_t in_flight_bytes_ = 0;
  bool stopped_ = false;
  std::map<std::size_t, WorkResult> done_;
};

// ---------------------------------------------------------------- the writer

// Adds the time from construction to destruction to `total`.
class StoreTimer {
 public:
  explicit StoreTimer(double& total) : total_(total) {}
  ~StoreTimer() {
    total_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  StoreTimer(const StoreTimer&) = delete;
  StoreTimer& operator=(const StoreTimer&) = delete;

 private:
  double& total_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// Owns the store for the run: writes results in input order in batched transactions and
// counts what happened.
class Writer {
 public:
  Writer(Store& store, const IngestOptions& options, std::vector<CurrentDocument> current)
      : store_(store), options_(options) {
    for (CurrentDocument& doc : current) {
      for (std::string& path : doc.paths) known_paths_.insert(PathKey(doc.sha256, path));
      stored_.insert(std::move(doc.sha256));
    }
  }

  // The hashes stored and current when the run began: what workers skip.
  const std::unordered_set<std::string>& Current() const { return stored_; }

  Status Begin() { return store_.Begin(); }

  Status Write(const InputFile& file, const ManifestEntry* entry, WorkResult&& r,
               IngestSummary& summary) {
    StoreTimer timer(summary.store_seconds);
    summary.bytes += r.bytes;
    Status s;
    if (r.kind == WorkResult::Kind::kFailed) {
      s = WriteFailure(file, r.reason, summary);
    } else if (r.kind == WorkResult::Kind::kCurrent || written_.count(r.sha256) > 0) {
      s = WritePath(r.sha256, file.path, summary);
    } else {
      s = WriteDocument(r, entry != nullptr ? *entry : ManifestEntry{}, summary);
    }
    if (!s.ok()) return s;
    if (batch_writes_ >= options_.batch_documents || batch_bytes_ >= options_.batch_bytes) {
      return CommitAndBegin();
    }
    return Status::Ok();
  }

  Status Commit() { return store_.Commit(); }
  void Abandon() { (void)store_.Rollback(); }

 private:
  static std::string PathKey(const std::string& sha256, const std::string& path) {
    return sha256 + '\n' + path;
  }

  Status WriteFailure(const InputFile& file, const std::string& reason, IngestSummary& summary) {
    ++summary.failed;
    ++batch_writes_;
    if (options_.callbacks.failure) options_.callbacks.failure(file.path, reason);
    return store_.RecordFailure(file.path, reason, options_.ingested_at)
        .WithContext("recording the failure of " + file.path);
  }

  // Bytes already stored: record the path if it is new.
  Status WritePath(const std::string& sha256, const std::string& path, IngestSummary& summary) {
    if (!known_paths_.insert(PathKey(sha256, path)).second) {
      ++summary.unchanged;
      return Status::Ok();
    }
    ++summary.paths_added;
    ++batch_writes_;
    return store_.AddPath(sha256, path).WithContext("adding the path " + path);
  }

  Status WriteDocument(WorkResult& r, const ManifestEntry& manifest, IngestSummary& summary) {
    batch_bytes_ += r.input.raw.size() + r.extraction->document.text.size();
    ++batch_writes_;
    Result<PutOutcome> put = store_.Put(*r.extraction, r.input, manifest);
    if (!put.ok()) return put.status().WithContext("storing " + r.input.source_path);
    ++(*put == PutOutcome::kAdded ? summary.added : summary.replaced);
    written_.insert(r.sha256);
    known_paths_.insert(PathKey(r.sha256, r.input.source_path));
    return Status::Ok();
  }

  Status CommitAndBegin() {
    batch_writes_ = 0;
    batch_bytes_ = 0;
    if (Status s = store_.Commit(); !s.ok()) return s;
    return store_.Begin();
  }

  Store& store_;
  const IngestOptions& options_;
  std::unordered_set<std::string> stored_;       // current when the run began
  std::unordered_set<std::string> written_;      // put by this run
  std::unordered_set<std::string> known_paths_;  // PathKey of every (bytes, path) stored
  std::size_t batch_writes_ = 0;
  std::size_t batch_bytes_ = 0;
};

// ---------------------------------------------------------------- the run

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The manifest row of each input (null when none), and how many rows matched no input.
std::vector<const ManifestEntry*> MatchManifest(const std::vector<InputFile>& inputs,
                                                const IngestOptions& options,
                                                std::size_t& unmatched) {
  std::vector<const ManifestEntry*> entries(inputs.size(), nullptr);
  unmatched = 0;
  if (options.manifest.empty()) return entries;
  ManifestIndex index(options.manifest, options.manifest_dir);
  std::unordered_set<const ManifestEntry*> used;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    entries[i] = index.Find(inputs[i].path);
    if (entries[i] != nullptr) used.insert(entries[i]);
  }
  unmatched = options.manifest.size() - used.size();
  return entries;
}

struct RunPlan {
  const std::vector<InputFile>& inputs;
  std::vector<const ManifestEntry*> entries;
  const IngestOptions& options;
};

void WorkerLoop(Scheduler& scheduler, const RunPlan& plan, const WorkerContext& ctx) {
  while (std::optional<std::size_t> i = scheduler.Claim()) {
    scheduler.Deliver(*i, ProcessSafely(plan.inputs[*i], plan.entries[*i], ctx));
  }
}

// The writer's loop: takes every result in input order, writes it, reports progress.
Status WriteAll(Scheduler& scheduler, Writer& writer, const RunPlan& plan,
                std::chrono::steady_clock::time_point start, IngestSummary& summary) {
  Progress progress;
  progress.files_total = plan.inputs.size();
  for (const InputFile& f : plan.inputs) progress.bytes_total += f.size;
  for (std::size_t i = 0; i < plan.inputs.size(); ++i) {
    Status s = writer.Write(plan.inputs[i], plan.entries[i], scheduler.Take(i), summary);
    if (!s.ok()) return s;
    progress.files_done = i + 1;
    progress.bytes_done += plan.inputs[i].size;
    progress.elapsed_seconds = SecondsSince(start);
    if (plan.options.callbacks.progress) plan.options.callbacks.progress(progress);
  }
  StoreTimer timer(summary.store_seconds);
  return writer.Commit();
}

}  // namespace

Result<Extraction> ExtractBytes(std::string bytes, const std::string& source,
                                const ManifestEntry* manifest, const Lexicons& lexicons,
                                const ReadOptions& read) {
  Result<RawDocument> raw = ReadBytes(std::move(bytes), source, read);
  Result<Document> doc = raw.ok() ? Normalise(*raw, lexicons) : Result<Document>(raw.status());
  if (!doc.ok()) return doc.status();
  if (manifest != nullptr) ApplyManifest(*manifest, *doc);
  return Extract(std::move(doc).value(), lexicons);
}

std::string NowUtc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<IngestSummary> RunIngest(const std::vector<InputFile>& inputs, const Lexicons& lexicons,
                                Store& store, const IngestOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  IngestSummary summary;
  summary.files = inputs.size();
  Result<std::vector<CurrentDocument>> current =
      store.CurrentDocuments(options.extractor.version, options.extractor.lexicons_digest);
  if (!current.ok()) return current.status();
  Writer writer(store, options, std::move(current).value());
  RunPlan plan{inputs, MatchManifest(inputs, options, summary.manifest_unmatched), options};

  if (Status s = writer.Begin(); !s.ok()) return s;
  if (Status s = store.SyncAreas(AreaGazetteer(lexicons)); !s.ok()) {
    writer.Abandon();
    return s.WithContext("storing the gazetteer's areas");
  }
  const std::size_t jobs =
      std::clamp<std::size_t>(static_cast<std::size_t>(std::max(options.jobs, 1)), 1,
                              std::max<std::size_t>(inputs.size(), 1));
  Scheduler scheduler(inputs, jobs * options.read_ahead_per_job, options.read_ahead_bytes);
  WorkerContext ctx{lexicons, options, writer.Current()};
  std::vector<std::thread> workers;
  for (std::size_t j = 0; j < jobs && !inputs.empty(); ++j) {
    workers.emplace_back(WorkerLoop, std::ref(scheduler), std::cref(plan), std::cref(ctx));
  }
  Status status = WriteAll(scheduler, writer, plan, start, summary);
  if (!status.ok()) {
    scheduler.Stop();
    writer.Abandon();
  }
  for (std::thread& t : workers) t.join();
  if (!status.ok()) return status;
  summary.seconds = SecondsSince(start);
  return summary;
}

std::vector<InputFile> CollectInputs(const std::vector<std::string>& paths) {
  std::vector<InputFile> listed;
  for (const std::string& path : paths) {
    // One stat(2) per argument: a batch job passes thousands of files, and this runs before
    // any of them is read.
    struct stat st {};
    const bool found = ::stat(path.c_str(), &st) == 0;
    if (found && S_ISDIR(st.st_mode)) {
      CollectFolder(path, listed);
    } else {
      const bool regular = found && S_ISREG(st.st_mode);
      listed.push_back({path, regular ? static_cast<std::uint64_t>(st.st_size) : 0, {}});
    }
  }
  std::set<std::string> seen;
  std::vector<InputFile> inputs;
  for (InputFile& f : listed) {
    if (seen.insert(f.path).second) inputs.push_back(std::move(f));
  }
  return inputs;
}

}  // namespace sendscan::cli

// `sendscan merge`: combines stores built on different machines or shards into one, with the
// dedup rules of ingest. A document of an input whose bytes the output lacks is copied with all
// its facts and paths (the output computes its story group); bytes the output has gain the
// input's paths; when both hold the bytes by different extractors or lexicons, the extraction
// made later (extracted_at) wins. Failures and the gazetteer's areas come along.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "cli/commands.hpp"
#include "cli/ingest_pipeline.hpp"
#include "cli/store_batches.hpp"
#include "sendscan/store.hpp"

namespace sendscan::cli {
namespace {

// A transaction is committed after this many writes or bytes of text and raw input, whichever
// comes first (ingest's batch sizes).

// What a run did. Every document of every input is counted once in added, replaced,
// unchanged, paths_added or failed.
struct MergeSummary {
  std::size_t inputs = 0;
  std::size_t documents = 0;        // documents read from the inputs
  std::size_t added = 0;            // bytes the output lacked
  std::size_t replaced = 0;         // bytes the output held by an earlier ingest, or without raw
  std::size_t unchanged = 0;        // nothing new
  std::size_t paths_added = 0;      // only new paths for bytes the output held
  std::size_t failures_copied = 0;  // rows of the inputs' failures tables
  std::size_t failed = 0;           // documents the output refused (recorded in its failures)
  double seconds = 0;
};

// A document of the output as the merge sees it, kept up to date as it writes.
struct OutputDocument {
  std::string extractor_version;
  std::string lexicons_digest;
  std::string extracted_at;  // of the extraction that won
  bool has_raw = false;
  std::unordered_set<std::string> paths;
};

std::string FailureKey(const StoredFailure& f) {
  return f.source + '\n' + f.reason + '\n' + f.when;
}

// Writes into the output store in batched transactions and counts what happened. A store error
// ends the run (the open batch is rolled back; earlier ones stay committed).
class Merger {
 public:
  explicit Merger(Store& out) : out_(out) {}

  // Reads what the output holds.
  Status Prepare() {
    Result<std::vector<StoredDocumentState>> states = StoredDocumentStates(out_);
    if (!states.ok()) return states.status();
    for (StoredDocumentState& s : *states) {
      OutputDocument& doc = known_[s.sha256];
      doc = {std::move(s.extractor_version),
             std::move(s.lexicons_digest),
             std::move(s.extracted_at),
             s.has_raw,
             {}};
      for (std::string& path : s.paths) doc.paths.insert(std::move(path));
    }
    Result<std::vector<StoredFailure>> failures = StoredFailures(out_);
    if (!failures.ok()) return failures.status();
    for (const StoredFailure& f : *failures) failures_.insert(FailureKey(f));
    return Status::Ok();
  }

  Status Begin() { return out_.Begin(); }
  Status Commit() { return out_.Commit(); }
  void Abandon() { (void)out_.Rollback(); }

  Status Merge(Store& in, const std::string& name, MergeSummary& summary) {
    ++summary.inputs;
    if (Status s = MergeAreas(in); !s.ok()) return s.WithContext("merging areas");
    Status s = ForEachStoredDocument(
        in, [&](StoredDocument&& doc) { return MergeDocument(std::move(doc), name, summary); });
    if (!s.ok()) return s;
    return MergeFailures(in, summary);
  }

 private:
  // The gazetteer's areas of the input (those with a region) that the output lacks or knows
  // only by a document's mention.
  Status MergeAreas(Store& in) {
    Result<std::vector<AreaRecord>> theirs = StoredAreas(in);
    if (!theirs.ok()) return theirs.status();
    Result<std::vector<AreaRecord>> ours = StoredAreas(out_);
    if (!ours.ok()) return ours.status();
    std::unordered_map<std::string, bool> has_region;
    for (const AreaRecord& a : *ours) has_region[a.name] = !a.region.empty();
    std::vector<AreaRecord> missing;
    for (AreaRecord& a : *theirs) {
      auto it = has_region.find(a.name);
      if (!a.region.empty() && (it == has_region.end() || !it->second)) {
        missing.push_back(std::move(a));
      }
    }
    if (missing.empty()) return Status::Ok();
    return out_.SyncAreas(missing);
  }

  // Whether the input's version of a document replaces (or first gives) the output's.
  static bool Wins(const StoredDocument& doc, const OutputDocument* ours) {
    if (ours == nullptr) return true;
    if (ours->extractor_version == doc.input.extractor_version &&
        ours->lexicons_digest == doc.input.lexicons_digest) {
      // The same extraction: only worth writing for raw input the output lacks.
      return !ours->has_raw && !doc.input.raw.empty();
    }
    return doc.input.extracted_at > ours->extracted_at;
  }

  Status MergeDocument(StoredDocument&& doc, const std::string& name, MergeSummary& summary) {
    ++summary.documents;
    const std::string sha256 = doc.extraction.document.sha256;
    auto found = known_.find(sha256);
    OutputDocument* ours = found == known_.end() ? nullptr : &found->second;
    std::size_t written_bytes = 0;
    bool put = false;
    if (Wins(doc, ours)) {
      Result<PutOutcome> outcome = out_.Put(doc.extraction, doc.input, doc.manifest);
      if (!outcome.ok()) {
        if (outcome.status().code() != StatusCode::kInvalidArgument) {
          return outcome.status().WithContext("storing " + sha256);
        }
        // The output refuses this document (a value it cannot hold): recorded, and on.
        return Failure(name + ":" + sha256, outcome.status().message(), summary);
      }
      put = true;
      ++(*outcome == PutOutcome::kAdded ? summary.added : summary.replaced);
      written_bytes = doc.extraction.document.text.size() + doc.input.raw.size();
      OutputDocument& now = ours != nullptr ? *ours : known_[sha256];
      now.extractor_version = doc.input.extractor_version;
      now.lexicons_digest = doc.input.lexicons_digest;
      now.extracted_at = std::max(now.extracted_at, doc.input.extracted_at);
      now.has_raw = now.has_raw || !doc.input.raw.empty();
      if (!doc.input.source_path.empty()) now.paths.insert(doc.input.source_path);
      ours = &now;
    }
    bool new_paths = false;
    for (const std::string& path : doc.paths) {
      if (!ours->paths.insert(path).second) continue;
      new_paths = true;
      if (Status s = out_.AddPath(sha256, path); !s.ok()) {
        return s.WithContext("adding the path " + path);
      }
    }
    if (!put) {
      ++(new_paths ? summary.paths_added : summary.unchanged);
      if (!new_paths) return Status::Ok();
    }
    return Written(written_bytes);
  }

  Status MergeFailures(Store& in, MergeSummary& summary) {
    Result<std::vector<StoredFailure>> failures = StoredFailures(in);
    if (!failures.ok()) return failures.status();
    for (const StoredFailure& f : *failures) {
      if (!failures_.insert(FailureKey(f)).second) continue;
      ++summary.failures_copied;
      if (Status s = out_.RecordFailure(f.source, f.reason, f.when); !s.ok()) return s;
      if (Status s = Written(0); !s.ok()) return s;
    }
    return Status::Ok();
  }

  Status Failure(const std::string& source, const std::string& reason, MergeSummary& summary) {
    ++summary.failed;
    spdlog::warn("{}: {}", source, reason);
    StoredFailure failure{source, reason, NowUtc()};
    failures_.insert(FailureKey(failure));
    if (Status s = out_.RecordFailure(failure.source, failure.reason, failure.when); !s.ok()) {
      return s;
    }
    return Written(0);
  }

  Status Written(std::size_t bytes) { return batches_.Written(bytes); }

  Store& out_;
  std::unordered_map<std::string, OutputDocument> known_;  // by sha256
  std::unordered_set<std::string> failures_;               // FailureKey of every row
  StoreBatches batches_{out_};
};

std::string SummaryJson(const MergeSummary& s) {
  return fmt::format(
      "{{\"inputs\":{},\"documents\":{},\"added\":{},\"replaced\":{},\"unchanged\":{},"
      "\"paths_added\":{},\"failures_copied\":{},\"failed\":{},\"seconds\":{:.3f}}}",
      s.inputs, s.documents, s.added, s.replaced, s.unchanged, s.paths_added, s.failures_copied,
      s.failed, s.seconds);
}

std::string SummaryText(const MergeSummary& s, const std::string& out) {
  return fmt::format(
      "sendscan: {} documents from {} store{} merged into {} in {:.1f} s: {} added, {} replaced, "
      "{} unchanged, {} paths added, {} failures copied, {} failed",
      s.documents, s.inputs, s.inputs == 1 ? "" : "s", out, s.seconds, s.added, s.replaced,
      s.unchanged, s.paths_added, s.failures_copied, s.failed);
}

std::filesystem::path Canonical(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(path, ec);
  return ec ? std::filesystem::path(path) : p;
}

class MergeCommand : public Command {
 public:
  explicit MergeCommand(CLI::App& app) {
    sub_ = app.add_subcommand(
        "merge",
        "Combine stores built on different machines or shards into OUT (created if missing), "
        "with ingest's dedup rules: a document whose bytes OUT lacks is copied with its facts, "
        "paths and provenance (OUT gives it a story group); bytes OUT has gain the new paths; "
        "when both hold the bytes by different extractor versions or lexicons, the extraction "
        "made later (extracted_at) wins. Failures and gazetteer areas are copied too. Exit status: "
        "0 all "
        "merged, 1 some documents refused (recorded in OUT's failures), 2 bad options or a "
        "database that cannot be opened or written.");
    sub_->add_option("out", out_, "The database to merge into (created if missing)")->required();
    sub_->add_option("inputs", inputs_, "Databases to read (opened read-only)")->required();
    sub_->add_flag("--json", json_,
                   "Print the summary as one JSON object on stdout instead of a line on stderr");
  }

  int Run(const GlobalOptions& global) override {
    const auto start = std::chrono::steady_clock::now();
    StoreOptions read_only;
    read_only.read_only = true;
    std::vector<std::unique_ptr<Store>> inputs;
    for (const std::string& path : inputs_) {
      if (Canonical(path) == Canonical(out_)) {
        return FailWith(Status::InvalidArgument(path + ": is the output database"));
      }
      auto in = Store::Open(path, read_only);
      if (!in.ok()) return FailWith(in.status().WithContext(path));
      inputs.push_back(std::move(in).value());
    }
    auto out = Store::Open(out_);
    if (!out.ok()) return FailWith(out.status().WithContext(out_));

    MergeSummary summary;
    Merger merger(**out);
    Status status = merger.Prepare();
    if (status.ok()) status = merger.Begin();
    if (!status.ok()) return FailWith(status.WithContext(out_));
    for (std::size_t i = 0; i < inputs.size() && status.ok(); ++i) {
      status = merger.Merge(*inputs[i], inputs_[i], summary).WithContext(inputs_[i]);
    }
    if (status.ok()) status = merger.Commit();
    if (!status.ok()) {
      merger.Abandon();
      return FailWith(status);
    }
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Report(summary, global);
    return summary.failed > 0 ? 1 : 0;
  }

 private:
  void Report(const MergeSummary& summary, const GlobalOptions& global) const {
    PrintSummary(SummaryJson(summary), SummaryText(summary, out_), json_, global);
  }

  CLI::App* sub_ = nullptr;
  std::string out_;
  std::vector<std::string> inputs_;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> AddMergeCommand(CLI::App& app, GlobalOptions& /*global*/) {
  return std::make_unique<MergeCommand>(app);
}

}  // namespace sendscan::cli

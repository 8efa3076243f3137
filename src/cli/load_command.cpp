// `sendscan load`: stores contract lines (CONTRACT.md) that `sendscan extract` printed elsewhere,
// one shard per machine or job, so a batch run can extract anywhere and load once. The dedup
// rules are ingest's, with the provenance each line's `extractor` field gives: bytes already
// stored by that extractor version and lexicon digest are unchanged (a new `source` adds a
// path), other stored bytes are replaced. The contract does not carry the input bytes, so a
// loaded document is stored without its raw input and `reprocess` cannot redo it.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <istream>
#include <set>
#include <unordered_set>
#include <utility>

#include "cli/commands.hpp"
#include "cli/ingest_pipeline.hpp"
#include "cli/store_batches.hpp"
#include "sendscan/contract.hpp"
#include "sendscan/extract.hpp"
#include "sendscan/lexicon.hpp"
#include "sendscan/store.hpp"

namespace sendscan::cli {
namespace {

// A transaction is committed after this many writes or bytes of text, whichever comes first
// (ingest's batch sizes).

struct LoadSummary {
  std::size_t files = 0;
  std::size_t lines = 0;        // lines read, blank ones aside
  std::size_t added = 0;        // new documents
  std::size_t replaced = 0;     // stored bytes, now with this line's extraction
  std::size_t unchanged = 0;    // stored by the line's extractor and lexicons, path known
  std::size_t paths_added = 0;  // stored by the line's extractor and lexicons, new path
  std::size_t failed = 0;       // lines (and files) recorded in the store's failures
  std::uint64_t bytes = 0;      // bytes of the lines read
  double seconds = 0;
};

// Writes lines into the store in batched transactions and counts what happened. A store error
// ends the run (the open batch is rolled back; earlier ones stay committed).
class Loader {
 public:
  Loader(Store& store, std::string now) : store_(store), now_(std::move(now)) {}

  Status Begin() { return store_.Begin(); }
  Status Commit() { return store_.Commit(); }
  void Abandon() { (void)store_.Rollback(); }

  // Loads every line of `path` ("-": standard input).
  Status LoadFile(const std::string& path, LoadSummary& summary) {
    ++summary.files;
    if (path == "-") return LoadStream(std::cin, "-", summary);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::error_code ec;
      const char* why = !std::filesystem::exists(path, ec)        ? "no such file"
                        : std::filesystem::is_directory(path, ec) ? "is a directory"
                                                                  : "cannot be read";
      return Failure(path, why, summary);
    }
    return LoadStream(in, path, summary);
  }

 private:
  static std::string PathKey(const std::string& sha256, const std::string& path) {
    return sha256 + '\n' + path;
  }

  Status LoadStream(std::istream& in, const std::string& name, LoadSummary& summary) {
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
      ++number;
      summary.bytes += line.size() + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      ++summary.lines;
      if (Status s = LoadLine(name + ":" + std::to_string(number), line, summary); !s.ok()) {
        return s;
      }
    }
    if (in.bad()) return Failure(name, "read error after line " + std::to_string(number), summary);
    return Status::Ok();
  }

  Status LoadLine(const std::string& where, const std::string& line, LoadSummary& summary) {
    Result<ParsedLine> parsed = ParseContractLine(line);
    if (!parsed.ok()) return Failure(where, parsed.status().message(), summary);
    const Extraction& x = parsed->extraction;
    const ExtractorInfo& by = parsed->extractor;
    const std::string& sha256 = x.document.sha256;
    const std::string& path = x.document.source;
    if (Status s = LearnPaths(by); !s.ok()) return s;
    Result<StoredState> state = store_.Lookup(sha256, by.version, by.lexicons_digest);
    if (!state.ok()) return state.status();

    if (state->current) {
      if (!known_paths_.insert(PathKey(sha256, path)).second) {
        ++summary.unchanged;
        return Status::Ok();
      }
      ++summary.paths_added;
      if (Status s = store_.AddPath(sha256, path); !s.ok()) {
        return s.WithContext("adding the path " + path);
      }
      return Written(0);
    }

    StoredInput input;  // contract lines carry no input bytes
    input.source_path = path;
    input.extractor_version = by.version;
    input.lexicons_digest = by.lexicons_digest;
    input.ingested_at = now_;
    Result<PutOutcome> put = store_.Put(x, input);
    if (!put.ok()) {
      // The store refuses the document itself (a value it cannot hold): a failure of the line.
      if (put.status().code() == StatusCode::kInvalidArgument) {
        return Failure(where, put.status().message(), summary);
      }
      return put.status().WithContext("storing " + where);
    }
    ++(*put == PutOutcome::kAdded ? summary.added : summary.replaced);
    known_paths_.insert(PathKey(sha256, path));
    return Written(x.document.text.size());
  }

  // The paths of every document stored by `by`, read once per extractor version and lexicon
  // digest: whether a line's source is a new path of stored bytes. Paths belong to the bytes,
  // whichever extractor stored them, so one set serves every provenance.
  Status LearnPaths(const ExtractorInfo& by) {
    if (!provenances_.insert(by.version + '\n' + by.lexicons_digest).second) return Status::Ok();
    Result<std::vector<CurrentDocument>> current =
        store_.CurrentDocuments(by.version, by.lexicons_digest);
    if (!current.ok()) return current.status();
    for (const CurrentDocument& doc : *current) {
      for (const std::string& path : doc.paths) known_paths_.insert(PathKey(doc.sha256, path));
    }
    return Status::Ok();
  }

  Status Failure(const std::string& where, const std::string& reason, LoadSummary& summary) {
    ++summary.failed;
    spdlog::warn("{}: {}", where, reason);
    if (Status s = store_.RecordFailure(where, reason, now_); !s.ok()) {
      return s.WithContext("recording the failure of " + where);
    }
    return Written(0);
  }

  Status Written(std::size_t bytes) { return batches_.Written(bytes); }

  Store& store_;
  const std::string now_;
  std::set<std::string> provenances_;            // "version\ndigest" whose paths are known
  std::unordered_set<std::string> known_paths_;  // PathKey of every (bytes, path) stored
  StoreBatches batches_{store_};
};

std::string SummaryJson(const LoadSummary& s) {
  return fmt::format(
      "{{\"files\":{},\"lines\":{},\"added\":{},\"replaced\":{},\"unchanged\":{},"
      "\"paths_added\":{},\"failed\":{},\"bytes\":{},\"seconds\":{:.3f}}}",
      s.files, s.lines, s.added, s.replaced, s.unchanged, s.paths_added, s.failed, s.bytes,
      s.seconds);
}

std::string SummaryText(const LoadSummary& s, const std::string& db) {
  return fmt::format(
      "sendscan: {} lines from {} file{}, {:.1f} MB in {:.1f} s into {}: {} added, {} replaced, "
      "{} unchanged, {} paths added, {} failed",
      s.lines, s.files, s.files == 1 ? "" : "s", static_cast<double>(s.bytes) / 1e6, s.seconds, db,
      s.added, s.replaced, s.unchanged, s.paths_added, s.failed);
}

class LoadCommand : public Command {
 public:
  LoadCommand(CLI::App& app, GlobalOptions& global) {
    sub_ = app.add_subcommand(
        "load",
        "Store JSON lines that `sendscan extract` printed (schema sendscan.extract/1), e.g. one "
        "file per machine or shard, into the SQLite corpus. Dedup as in ingest, by each line's "
        "sha256 and `extractor`: bytes stored by that version and those lexicons are unchanged "
        "(a new source adds a path). The lines carry no input bytes, so a loaded document has "
        "no raw input and `reprocess` cannot redo it. A malformed line, an error line or a line "
        "of another schema is recorded in the failures table as FILE:LINE and the rest load. "
        "Exit status: 0 all stored, 1 some lines failed, 2 bad options or lexicons, or a "
        "database that cannot be opened or written.");
    sub_->add_option("inputs", inputs_, "JSON Lines files ('-' for standard input)")->required();
    sub_->add_option("--db", db_, "The SQLite database to fill (created if missing)")
        ->default_str("sendscan.db");
    sub_->add_flag("--json", json_,
                   "Print the summary as one JSON object on stdout instead of a line on stderr");
    AddLexiconOption(*sub_, global);
  }

  int Run(const GlobalOptions& global) override {
    // The lexicons give the gazetteer the areas are stored with, as ingest stores them.
    auto lexicons = LoadCommandLexicons(global);
    if (!lexicons.ok()) return FailWith(lexicons.status());
    auto store = Store::Open(db_);
    if (!store.ok()) return FailWith(store.status().WithContext(db_));

    const auto start = std::chrono::steady_clock::now();
    LoadSummary summary;
    Loader loader(**store, NowUtc());
    if (Status s = loader.Begin(); !s.ok()) return FailWith(s.WithContext(db_));
    Status status = (*store)->SyncAreas(AreaGazetteer(**lexicons));
    for (const std::string& input : inputs_) {
      if (!status.ok()) break;
      status = loader.LoadFile(input, summary);
    }
    if (status.ok()) status = loader.Commit();
    if (!status.ok()) {
      loader.Abandon();
      return FailWith(status.WithContext(db_));
    }
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (summary.added + summary.replaced > 0) {
      spdlog::info("{} documents stored without their raw input: `reprocess` cannot redo them",
                   summary.added + summary.replaced);
    }
    Report(summary, global);
    return summary.failed > 0 ? 1 : 0;
  }

 private:
  void Report(const LoadSummary& summary, const GlobalOptions& global) const {
    PrintSummary(SummaryJson(summary), SummaryText(summary, db_), json_, global);
  }

  CLI::App* sub_ = nullptr;
  std::vector<std::string> inputs_;
  std::string db_ = "sendscan.db";
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> AddLoadCommand(CLI::App& app, GlobalOptions& global) {
  return std::make_unique<LoadCommand>(app, global);
}

}  // namespace sendscan::cli

// `sendscan reprocess`: redoes, from the stored raw input, normalisation and extraction of every
// document stored by another extractor version or other lexicons, replacing its facts one
// transaction per batch (a killed run keeps every finished batch; rerunning finishes the rest).
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>

#include "cli/commands.hpp"
#include "cli/ingest_pipeline.hpp"
#include "sendscan/extract.hpp"
#include "sendscan/lexicon.hpp"
#include "sendscan/store.hpp"

#ifndef SENDSCAN_VERSION
#define SENDSCAN_VERSION "0.0.0"
#endif

namespace sendscan::cli {
namespace {

struct ReprocessSummary {
  std::size_t redone = 0;
  std::size_t failed = 0;
  std::size_t without_raw = 0;  // loaded from contract lines: no input bytes to redo them from
  double seconds = 0;
};

class ReprocessCommand : public Command {
 public:
  ReprocessCommand(CLI::App& app, GlobalOptions& global) {
    sub_ = app.add_subcommand(
        "reprocess",
        "Redo, from the stored raw input, the extraction of every document stored by another "
        "sendscan version or other lexicons (after an upgrade or a lexicon edit). A document "
        "that now fails keeps its old facts and is recorded in the failures table. Exit status: "
        "0 all redone, 1 some failed, 2 bad options or a database that cannot be opened.");
    sub_->add_option("--db", db_, "The SQLite corpus to update")->default_str("sendscan.db");
    sub_->add_option("--batch", batch_, "Documents per transaction")
        ->check(CLI::Range(1, 100000))
        ->default_str("100");
    sub_->add_flag("--json", json_, "Print the summary as one JSON object on stdout");
    AddLexiconOption(*sub_, global);
  }

  int Run(const GlobalOptions& global) override {
    auto lexicons = LoadCommandLexicons(global);
    if (!lexicons.ok()) return FailWith(lexicons.status());
    if (!std::filesystem::exists(db_))
      return FailWith(Status::NotFound(db_ + ": no such database"));
    auto store = Store::Open(db_);
    if (!store.ok()) return FailWith(store.status().WithContext(db_));
    ExtractorInfo info{std::string("sendscan ") + SENDSCAN_VERSION, LexiconDigest(**lexicons)};
    Result<ReprocessSummary> summary = Reprocess(**store, **lexicons, info);
    if (!summary.ok()) return FailWith(summary.status().WithContext(db_));
    Report(*summary, global);
    return summary->failed > 0 ? 1 : 0;
  }

 private:
  // Batches until no stale document is left but those that failed in this run.
  Result<ReprocessSummary> Reprocess(Store& store, const Lexicons& lexicons,
                                     const ExtractorInfo& info) const {
    auto start = std::chrono::steady_clock::now();
    ReprocessSummary summary;
    std::set<std::int64_t> failed;
    while (true) {
      auto stale = store.Stale(info.version, info.lexicons_digest, failed.size() + batch_);
      if (!stale.ok()) return stale.status();
      std::erase_if(*stale, [&](const StaleDocument& d) { return failed.count(d.id) > 0; });
      if (stale->empty()) break;
      if (Status s = RedoBatch(*stale, store, lexicons, info, failed, summary); !s.ok()) return s;
    }
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
  }

  static Status RedoBatch(const std::vector<StaleDocument>& batch, Store& store,
                          const Lexicons& lexicons, const ExtractorInfo& info,
                          std::set<std::int64_t>& failed, ReprocessSummary& summary) {
    const std::string now = NowUtc();
    if (Status s = store.Begin(); !s.ok()) return s;
    for (const StaleDocument& doc : batch) {
      if (doc.raw.empty()) {  // `sendscan load` keeps no input bytes; nothing to redo from
        failed.insert(doc.id);
        ++summary.without_raw;
        continue;
      }
      Result<Extraction> x = ExtractBytes(doc.raw, doc.source_path, &doc.manifest, lexicons);
      if (!x.ok()) {
        failed.insert(doc.id);
        ++summary.failed;
        spdlog::warn("{}", x.status().message());
        if (Status s = store.RecordFailure(doc.source_path, x.status().message(), now); !s.ok()) {
          store.Rollback();
          return s;
        }
        continue;
      }
      StoredInput input;
      input.raw = doc.raw;
      input.source_path = doc.source_path;
      input.outlet = doc.manifest.outlet;
      input.extractor_version = info.version;
      input.lexicons_digest = info.lexicons_digest;
      input.ingested_at = now;  // recorded as extracted_at; the first ingest's time stays
      if (auto put = store.Put(*x, input, doc.manifest); !put.ok()) {
        store.Rollback();
        return put.status();
      }
      ++summary.redone;
    }
    return store.Commit();
  }

  void Report(const ReprocessSummary& s, const GlobalOptions& global) const {
    PrintSummary(
        fmt::format("{{\"redone\":{},\"failed\":{},\"without_raw\":{},\"seconds\":{:.3f}}}",
                    s.redone, s.failed, s.without_raw, s.seconds),
        fmt::format("sendscan: {} documents redone, {} failed, in {:.1f} s ({})", s.redone,
                    s.failed, s.seconds, db_),
        json_, global);
    if (s.without_raw > 0) {
      spdlog::warn(
          "{} stale document(s) were loaded from contract lines and have no input bytes "
          "to redo them from; ingest their files again to update them",
          s.without_raw);
    }
  }

  CLI::App* sub_ = nullptr;
  std::string db_ = "sendscan.db";
  std::size_t batch_ = 100;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> AddReprocessCommand(CLI::App& app, GlobalOptions& global) {
  return std::make_unique<ReprocessCommand>(app, global);
}

}  // namespace sendscan::cli

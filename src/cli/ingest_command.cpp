// `sendscan ingest`: reads files and folders into the SQLite corpus (issue 4). The engine is
// cli/ingest_pipeline; this file parses options, draws progress and prints the summary.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <set>
#include <thread>

#include "cli/commands.hpp"
#include "cli/ingest_pipeline.hpp"
#include "cli/progress.hpp"
#include "sendscan/extract.hpp"
#include "sendscan/lexicon.hpp"
#include "sendscan/store.hpp"

#ifndef SENDSCAN_VERSION
#define SENDSCAN_VERSION "0.0.0"
#endif

namespace sendscan::cli {
namespace {

struct IngestCommandOptions {
  std::vector<std::string> inputs;
  std::string db = "sendscan.db";
  int jobs = 0;  // 0: the number of cores
  std::string manifest;
  bool json = false;
};

double MegabytesPerSecond(const IngestSummary& s) {
  return s.seconds > 0 ? static_cast<double>(s.bytes) / 1e6 / s.seconds : 0;
}

long PeakRssKib() {
  struct rusage usage {};
  return ::getrusage(RUSAGE_SELF, &usage) == 0 ? usage.ru_maxrss : 0;
}

// One JSON object (numbers only, so no escaping) for scripts.
std::string SummaryJson(const IngestSummary& s) {
  return fmt::format(
      "{{\"files\":{},\"added\":{},\"replaced\":{},\"unchanged\":{},\"paths_added\":{},"
      "\"failed\":{},\"manifest_unmatched\":{},\"bytes\":{},\"seconds\":{:.3f},"
      "\"store_seconds\":{:.3f},\"mb_per_s\":{:.2f},\"peak_rss_mb\":{:.1f}}}",
      s.files, s.added, s.replaced, s.unchanged, s.paths_added, s.failed, s.manifest_unmatched,
      s.bytes, s.seconds, s.store_seconds, MegabytesPerSecond(s),
      static_cast<double>(PeakRssKib()) / 1024.0);
}

std::string SummaryText(const IngestSummary& s, const std::string& db) {
  return fmt::format(
      "sendscan: {} files, {:.1f} MB in {:.1f} s ({:.1f} MB/s) into {}: {} added, {} replaced, "
      "{} unchanged, {} paths added, {} failed",
      s.files, static_cast<double>(s.bytes) / 1e6, s.seconds, MegabytesPerSecond(s), db, s.added,
      s.replaced, s.unchanged, s.paths_added, s.failed);
}

class IngestCommand : public Command {
 public:
  IngestCommand(CLI::App& app, GlobalOptions& global) {
    sub_ = app.add_subcommand(
        "ingest",
        "Read files and folders (recursively; text, HTML or PDF) into the SQLite corpus. Bytes "
        "already stored by this version and these lexicons are skipped before parsing; the same "
        "bytes under a new path add the path. A file that fails is recorded in the failures "
        "table and the run goes on. Exit status: 0 all stored, 1 some inputs failed (the rest "
        "stored), 2 bad options, lexicons or manifest, or a database that cannot be opened or "
        "written.");
    sub_->add_option("inputs", o_.inputs, "Files and folders to ingest")->required();
    sub_->add_option("--db", o_.db, "The SQLite database to fill (created if missing)")
        ->default_str("sendscan.db");
    sub_->add_option("--jobs", o_.jobs, "Worker threads that read and extract (default: cores)")
        ->check(CLI::Range(1, 256));
    sub_->add_option("--manifest", o_.manifest,
                     "CSV with a header naming some of path, url, outlet, published "
                     "(YYYY-MM-DD), title; set cells win over what the documents say. Paths "
                     "match as given or relative to the manifest's folder");
    sub_->add_flag("--json", o_.json,
                   "Print the summary as one JSON object on stdout instead of a line on stderr");
    AddLexiconOption(*sub_, global);
  }

  int Run(const GlobalOptions& global) override {
    auto lexicons = LoadCommandLexicons(global);
    if (!lexicons.ok()) return FailWith(lexicons.status());
    IngestOptions options;
    if (Status s = ReadManifestOption(options); !s.ok()) return FailWith(s);
    auto store = Store::Open(o_.db);
    if (!store.ok()) return FailWith(store.status().WithContext(o_.db));

    options.jobs = o_.jobs > 0 ? o_.jobs : static_cast<int>(std::thread::hardware_concurrency());
    options.extractor = {std::string("sendscan ") + SENDSCAN_VERSION, LexiconDigest(**lexicons)};
    options.ingested_at = NowUtc();
    ProgressBar bar(StderrIsTerminal() && !global.quiet);
    options.callbacks.progress = [&bar](const Progress& p) { bar.Update(p); };
    options.callbacks.failure = [&bar](const std::string& source, const std::string& reason) {
      bar.Clear();
      spdlog::warn("{}: {}", source, reason);
    };
    Result<IngestSummary> summary = RunIngest(Inputs(), **lexicons, **store, options);
    bar.Clear();
    if (!summary.ok()) return FailWith(summary.status().WithContext(o_.db));
    Report(*summary, global);
    return summary->failed > 0 ? 1 : 0;
  }

 private:
  // The files to read. The database (with its -wal, -shm and -journal files) and the
  // manifest are not inputs, even when they sit among them (`sendscan ingest .`).
  std::vector<InputFile> Inputs() const {
    std::set<std::filesystem::path> own;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      own.insert(Canonical(o_.db + suffix));
    if (!o_.manifest.empty()) own.insert(Canonical(o_.manifest));
    std::set<std::filesystem::path> names;
    for (const auto& p : own) names.insert(p.filename());
    std::vector<InputFile> inputs = CollectInputs(o_.inputs);
    std::erase_if(inputs, [&](const InputFile& f) {
      std::filesystem::path p(f.path);
      return names.count(p.filename()) > 0 && own.count(Canonical(f.path)) > 0;
    });
    if (inputs.empty()) spdlog::warn("no files to ingest");
    return inputs;
  }

  static std::filesystem::path Canonical(const std::string& path) {
    std::error_code ec;
    std::filesystem::path p = std::filesystem::weakly_canonical(path, ec);
    return ec ? std::filesystem::path(path) : p;
  }

  Status ReadManifestOption(IngestOptions& options) const {
    if (o_.manifest.empty()) return Status::Ok();
    Result<Manifest> manifest = ReadManifest(o_.manifest);
    if (!manifest.ok()) return manifest.status();
    options.manifest = std::move(manifest).value();
    options.manifest_dir = std::filesystem::path(o_.manifest).parent_path().string();
    return Status::Ok();
  }

  void Report(const IngestSummary& summary, const GlobalOptions& global) const {
    if (summary.manifest_unmatched > 0) {
      spdlog::warn("{}: {} row(s) matched no input file", o_.manifest, summary.manifest_unmatched);
    }
    PrintSummary(SummaryJson(summary), SummaryText(summary, o_.db), o_.json, global);
  }

  CLI::App* sub_ = nullptr;
  IngestCommandOptions o_;
};

}  // namespace

std::unique_ptr<Command> AddIngestCommand(CLI::App& app, GlobalOptions& global) {
  return std::make_unique<IngestCommand>(app, global);
}

}  // namespace sendscan::cli

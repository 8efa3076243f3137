// Stage benchmark: runs read+normalise (optionally + extract) over many files in one process on
// one thread and prints one JSON object with throughput and peak memory. scripts/bench runs it
// beside `cat` and `grep` over the same files; speed is measured here, never in timed tests.
//
// usage: sendscan_bench --stage read+normalise|extract [--lexicons DIR] [--repeat N]
//                       FILE... | --list FILE
#include <sys/resource.h>

#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sendscan/extract.hpp"
#include "sendscan/ingest.hpp"
#include "sendscan/lexicon.hpp"
#include "sendscan/normalise.hpp"

namespace {

enum class Stage { kReadNormalise, kExtract };

struct Args {
  Stage stage = Stage::kReadNormalise;
  std::string stage_name = "read+normalise";
  std::string lexicon_dir;  // empty: DefaultLexiconDir(argv[0])
  int repeat = 1;           // passes over the file list; > 1 for sets too small to time
  std::vector<std::string> files;
  std::vector<std::string> list_files;
};

struct Totals {
  std::size_t files = 0;
  std::size_t bytes = 0;
  std::size_t pages = 0;
  std::size_t failed = 0;
  std::size_t text_bytes = 0;  // normalised text produced; also keeps the work observable
  std::size_t facts = 0;       // areas, findings, deadlines and quotes (extract stage only)
};

constexpr int kFailuresShown = 5;  // enough to see why a stage fails without flooding stderr

void PrintUsage() {
  std::cerr << "usage: sendscan_bench --stage read+normalise|extract [--lexicons DIR] "
               "[--repeat N] FILE... | --list FILE\n";
}

std::optional<Stage> ParseStage(const std::string& name) {
  if (name == "read+normalise") return Stage::kReadNormalise;
  if (name == "extract") return Stage::kExtract;
  return std::nullopt;
}

// Returns nullopt (after printing why) on a bad command line.
std::optional<Args> ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--stage" && has_value) {
      args.stage_name = argv[++i];
      auto stage = ParseStage(args.stage_name);
      if (!stage) {
        std::cerr << "sendscan_bench: unknown stage " << args.stage_name << "\n";
        return std::nullopt;
      }
      args.stage = *stage;
    } else if (arg == "--lexicons" && has_value) {
      args.lexicon_dir = argv[++i];
    } else if (arg == "--repeat" && has_value) {
      args.repeat = std::atoi(argv[++i]);
      if (args.repeat < 1) {
        std::cerr << "sendscan_bench: --repeat must be at least 1\n";
        return std::nullopt;
      }
    } else if (arg == "--list" && has_value) {
      args.list_files.push_back(argv[++i]);
    } else if (arg.starts_with("--")) {
      PrintUsage();
      return std::nullopt;
    } else {
      args.files.push_back(arg);
    }
  }
  return args;
}

// Appends the non-empty lines of `list` to `files`; false if the list cannot be opened.
bool ReadList(const std::string& list, std::vector<std::string>& files) {
  std::ifstream in(list);
  if (!in) return false;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) files.push_back(line);
  }
  return true;
}

// Sizes are taken before timing starts so the timed loop holds only the stage's own work;
// an unreadable file counts 0 bytes and shows up as a failure.
std::size_t TotalBytes(const std::vector<std::string>& files) {
  std::size_t total = 0;
  for (const auto& f : files) {
    std::error_code ec;
    auto size = std::filesystem::file_size(f, ec);
    if (!ec) total += size;
  }
  return total;
}

void ReportFailure(const sendscan::Status& status, Totals& totals) {
  if (++totals.failed <= kFailuresShown) std::cerr << "failed: " << status.message() << "\n";
}

// One file through the chosen stages, counted into `totals`.
void RunOne(const std::string& path, const Args& args, const sendscan::Lexicons& lexicons,
            Totals& totals) {
  ++totals.files;
  auto raw = sendscan::ReadFile(path);
  if (!raw.ok()) return ReportFailure(raw.status(), totals);
  totals.pages += static_cast<std::size_t>(raw->pages);
  auto doc = sendscan::Normalise(*raw, lexicons);
  if (!doc.ok()) return ReportFailure(doc.status(), totals);
  totals.text_bytes += doc->text.size();
  if (args.stage == Stage::kExtract) {
    auto extraction = sendscan::Extract(std::move(doc).value(), lexicons);
    totals.facts += extraction.local_areas.size() + extraction.findings.size() +
                    extraction.deadlines.size() + extraction.quotes.size();
  }
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is KiB on Linux
}

// CPU time of this process: beside the wall time, it shows when other load on the machine
// (not the code) made a run slow.
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double PerSecond(double amount, double seconds) { return seconds > 0 ? amount / seconds : 0.0; }

nlohmann::ordered_json Report(const Args& args, const Totals& t, std::size_t bytes, double seconds,
                              double cpu_seconds) {
  double mb = static_cast<double>(bytes) / 1e6;
  return {{"stage", args.stage_name},
          {"files", t.files},
          {"bytes", bytes},
          {"seconds", seconds},
          {"cpu_seconds", cpu_seconds},
          {"mb_s", PerSecond(mb, seconds)},
          {"files_s", PerSecond(static_cast<double>(t.files), seconds)},
          {"pages", t.pages},
          {"pages_s", PerSecond(static_cast<double>(t.pages), seconds)},
          {"failed", t.failed},
          {"text_bytes", t.text_bytes},
          {"facts", t.facts},
          {"peak_rss_mb", PeakRssMb()}};
}

}  // namespace

int main(int argc, char** argv) {
  auto args = ParseArgs(argc, argv);
  if (!args) return 2;
  for (const auto& list : args->list_files) {
    if (!ReadList(list, args->files)) {
      std::cerr << "sendscan_bench: cannot open list " << list << "\n";
      return 2;
    }
  }
  if (args->files.empty()) {
    PrintUsage();
    return 2;
  }

  std::string dir =
      args->lexicon_dir.empty() ? sendscan::DefaultLexiconDir(argv[0]) : args->lexicon_dir;
  auto lexicons = sendscan::LoadLexicons(dir);
  if (!lexicons.ok()) {
    std::cerr << "sendscan_bench: " << lexicons.status().message() << "\n";
    return 2;
  }

  std::size_t bytes = TotalBytes(args->files) * static_cast<std::size_t>(args->repeat);
  Totals totals;
  double cpu_start = CpuSeconds();
  auto start = std::chrono::steady_clock::now();
  for (int pass = 0; pass < args->repeat; ++pass) {
    for (const auto& path : args->files) RunOne(path, *args, **lexicons, totals);
  }
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  double cpu_seconds = CpuSeconds() - cpu_start;

  std::cout << Report(*args, totals, bytes, elapsed.count(), cpu_seconds).dump() << "\n";
  return 0;
}

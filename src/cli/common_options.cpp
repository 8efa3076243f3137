// Options and logging shared by the subcommands. Logging goes to stderr through spdlog, set
// up once here; stdout is for results only.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"

namespace sendscan::cli {

int FailWith(const Status& status) {
  spdlog::error("{}", status.message());
  return 2;
}

void PrintSummary(const std::string& json, const std::string& text, bool as_json,
                  const GlobalOptions& global) {
  if (as_json) {
    std::fputs((json + "\n").c_str(), stdout);
    std::fflush(stdout);
  } else if (!global.quiet) {
    std::fputs((text + "\n").c_str(), stderr);
  }
}

Result<std::shared_ptr<const Lexicons>> LoadCommandLexicons(const GlobalOptions& global) {
  return LoadLexicons(global.lexicons.empty() ? DefaultLexiconDir(global.argv0) : global.lexicons);
}

void AddLexiconOption(CLI::App& sub, GlobalOptions& global) {
  sub.add_option("--lexicons", global.lexicons,
                 "Lexicon folder (default: $SENDSCAN_LEXICONS, else share/sendscan/lexicons "
                 "of the installation, else the source tree's lexicons/)")
      ->check(CLI::ExistingDirectory);
}

void SetUpLogging(const GlobalOptions& global) {
  auto logger = spdlog::stderr_color_mt("sendscan");
  logger->set_pattern("sendscan: %^%l%$: %v");
  spdlog::level::level_enum level = spdlog::level::warn;
  if (global.quiet) level = spdlog::level::err;
  else if (global.verbosity == 1) level = spdlog::level::info;
  else if (global.verbosity >= 2) level = spdlog::level::debug;
  logger->set_level(level);
  spdlog::set_default_logger(logger);
}

}  // namespace sendscan::cli

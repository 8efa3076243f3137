// Options and logging shared by the subcommands. Logging goes to stderr through spdlog, set
// up once here; stdout is for results only.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"

namespace sendscan::cli {

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

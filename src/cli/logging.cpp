// Logging goes to stderr through spdlog, set up once here; stdout is for results only.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"

namespace sendscan::cli {

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

// The subcommands of the sendscan CLI. Each registers its options on the CLI11 app and
// returns the process exit status when run; only src/cli prints or exits.
#pragma once

#include <memory>
#include <string>

#include "sendscan/lexicon.hpp"
#include "sendscan/status.hpp"

namespace CLI {
class App;
}

namespace sendscan::cli {

// Options every subcommand shares.
struct GlobalOptions {
  std::string argv0;
  std::string lexicons;  // --lexicons DIR of the subcommand; empty: DefaultLexiconDir
  int verbosity = 0;     // -v count
  bool quiet = false;
};

// Returns a runner set up by CLI11's parse; call it after parsing when its subcommand was
// chosen.
struct Command {
  virtual ~Command() = default;
  virtual int Run(const GlobalOptions& global) = 0;
};

// Logs `status` as an error and returns exit status 2 (bad options, lexicons or database).
int FailWith(const Status& status);

// Prints a run's summary: `json` as one line on stdout with --json, else `text` as one line on
// stderr unless --quiet.
void PrintSummary(const std::string& json, const std::string& text, bool as_json,
                  const GlobalOptions& global);

// The lexicons a subcommand uses: --lexicons, else the default folder.
Result<std::shared_ptr<const Lexicons>> LoadCommandLexicons(const GlobalOptions& global);

// Registers --lexicons on a subcommand that reads lexicons.
void AddLexiconOption(CLI::App& sub, GlobalOptions& global);

std::unique_ptr<Command> AddExtractCommand(CLI::App& app, GlobalOptions& global);
// `sendscan ingest PATH... [--db FILE] [--jobs N] [--manifest FILE.csv] [--json]`.
std::unique_ptr<Command> AddIngestCommand(CLI::App& app, GlobalOptions& global);
std::unique_ptr<Command> AddReprocessCommand(CLI::App& app, GlobalOptions& global);
// `sendscan load FILE.jsonl... [--db FILE] [--json]`: stores contract lines.
std::unique_ptr<Command> AddLoadCommand(CLI::App& app, GlobalOptions& global);
// `sendscan merge OUT.db IN.db... [--json]`: combines stores.
std::unique_ptr<Command> AddMergeCommand(CLI::App& app, GlobalOptions& global);

// Sets up the stderr logger: warnings by default, -v info, -vv debug, --quiet errors only.
void SetUpLogging(const GlobalOptions& global);

}  // namespace sendscan::cli

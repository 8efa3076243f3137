// sendscan's entry point: parses the command line, sets up logging and runs one subcommand.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

#ifndef SENDSCAN_VERSION
#define SENDSCAN_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  using namespace sendscan::cli;
  CLI::App app{
      "sendscan: reads news articles and Ofsted/CQC local area SEND inspection letters (text, "
      "HTML, PDF) and extracts areas, findings, deadlines, inspection outcomes and quotes."};
  app.set_version_flag("--version", std::string("sendscan ") + SENDSCAN_VERSION);
  app.require_subcommand(1);
  GlobalOptions global;
  global.argv0 = argv[0];
  app.add_flag("-v,--verbose", global.verbosity, "More log detail on stderr (-vv for debug)");
  app.add_flag("-q,--quiet", global.quiet, "Only errors on stderr");
  app.fallthrough();

  std::unique_ptr<Command> extract = AddExtractCommand(app, global);
  std::unique_ptr<Command> ingest = AddIngestCommand(app, global);
  std::unique_ptr<Command> reprocess = AddReprocessCommand(app, global);
  std::unique_ptr<Command> load = AddLoadCommand(app, global);
  std::unique_ptr<Command> merge = AddMergeCommand(app, global);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // --help and --version are not errors
  }
  SetUpLogging(global);
  if (app.got_subcommand("extract")) return extract->Run(global);
  if (app.got_subcommand("ingest")) return ingest->Run(global);
  if (app.got_subcommand("reprocess")) return reprocess->Run(global);
  if (app.got_subcommand("load")) return load->Run(global);
  if (app.got_subcommand("merge")) return merge->Run(global);
  return 2;
}

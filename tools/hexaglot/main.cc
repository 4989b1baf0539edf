// hexaglot: the command-line tool, a thin layer over the public API (include/hexaglot).

#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.h"
#include "output.h"

namespace {

int Run(int argc, char** argv) {
  CLI::App app{
      "hexaglot: full-text search over UN documents in Arabic, Chinese, English, French, "
      "Russian and Spanish.\n\nExit codes: 0 ok, 1 no results or check failed, 2 usage "
      "error, 3 missing, unreadable, invalid or corrupt input, 4 internal error, 5 index busy "
      "(another writer holds it; see --wait).",
      "hexaglot"};
  app.set_version_flag("--version", "hexaglot " HEXAGLOT_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  int exit_code = hexaglot::tool::kExitOk;
  hexaglot::tool::AddIndexCommand(app, &exit_code);
  hexaglot::tool::AddSearchCommand(app, &exit_code);
  hexaglot::tool::AddShowCommand(app, &exit_code);
  hexaglot::tool::AddParseCommand(app, &exit_code);
  hexaglot::tool::AddAnalyzeCommand(app, &exit_code);
  hexaglot::tool::AddStatsCommand(app, &exit_code);
  hexaglot::tool::AddCheckCommand(app, &exit_code);
  hexaglot::tool::AddMergeCommand(app, &exit_code);
  hexaglot::tool::AddDumpCommand(app, &exit_code);
  hexaglot::tool::AddEvalCommand(app, &exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int cli_code = app.exit(e);
    return cli_code == 0 ? hexaglot::tool::kExitOk : hexaglot::tool::kExitUsage;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  // The library reports errors as Status values; only the standard library (allocation)
  // and CLI11 throw, and nothing may escape as a crash.
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "hexaglot: internal error: " << e.what() << '\n';
  } catch (...) {
    std::cerr << "hexaglot: internal error\n";
  }
  return hexaglot::tool::kExitInternal;
}

// hexaglot check: verifies every checksum and invariant of an index (IndexReader::Check).

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands.h"
#include "hexaglot/index_reader.h"
#include "output.h"
#include "terminal.h"

namespace hexaglot::tool {
namespace {

struct CheckArgs {
  std::string index;
  std::string color = "auto";
  bool json = false;
};

// Corruption is what check looks for (exit 1); a missing or unreadable index is exit 3.
int ReportCheckFailure(const Status& status, const std::string& path, bool json) {
  if (json && status.IsCorruption()) {
    std::cout << nlohmann::ordered_json{{"index", path}, {"ok", false}, {"error", status.message()}}
                     .dump()
              << '\n';
  }
  const int exit_code = ReportError(status);
  return status.IsCorruption() ? kExitNoResults : exit_code;
}

int RunCheck(const CheckArgs& args) {
  Result<ColorMode> color = ParseColorMode(args.color);
  if (!color.ok()) return ReportError(color.status());
  Result<std::string> path = ResolveIndexPath(args.index);
  if (!path.ok()) return ReportError(path.status());
  Result<std::unique_ptr<IndexReader>> reader = OpenIndex(*path);
  if (!reader.ok()) return ReportCheckFailure(reader.status(), *path, args.json);
  if (Status status = (*reader)->Check(); !status.ok()) {
    return ReportCheckFailure(status, *path, args.json);
  }
  if (args.json) {
    std::cout << nlohmann::ordered_json{{"index", *path},
                                        {"ok", true},
                                        {"documents", (*reader)->doc_count()},
                                        {"generation", (*reader)->generation()}}
                     .dump()
              << '\n';
  } else {
    const Style style(*color, stdout);
    std::cout << style.Bold("ok", Style::kGreen) << ": " << GroupDigits((*reader)->doc_count())
              << " documents, generation " << (*reader)->generation() << '\n';
  }
  return kExitOk;
}

}  // namespace

void AddCheckCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* command = app.add_subcommand(
      "check",
      "Verify an index: every file's checksum and structure, every posting list against its "
      "dictionary and documents, deletions and stored records. Exit 0 and \"ok: N documents, "
      "generation G\"; exit 1 with the file and byte offset of the first problem; exit 3 when "
      "there is no index.");
  AddIndexOption(command, &args->index, /*positional=*/true);
  AddColorOption(command, &args->color);
  command->add_flag("--json", args->json, "The result as one JSON object");
  command->callback([args, exit_code] { *exit_code = RunCheck(*args); });
}

}  // namespace hexaglot::tool

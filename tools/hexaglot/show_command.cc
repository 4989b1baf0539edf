// hexaglot show: one indexed paragraph, and with --parallel its other language versions.

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "hexaglot/index_reader.h"
#include "hexaglot/ingest.h"
#include "output.h"
#include "terminal.h"

namespace hexaglot::tool {
namespace {

struct ShowArgs {
  std::string id;
  std::string index;
  std::string color = "auto";
  bool parallel = false;
  bool json = false;
};

int RunShow(const ShowArgs& args) {
  Result<ColorMode> color = ParseColorMode(args.color);
  if (!color.ok()) return ReportError(color.status());
  Result<std::string> path = ResolveIndexPath(args.index);
  if (!path.ok()) return ReportError(path.status());
  Result<std::unique_ptr<IndexReader>> reader = OpenIndex(*path);
  if (!reader.ok()) return ReportError(reader.status());
  Result<std::optional<Paragraph>> paragraph = (*reader)->Get(args.id);
  if (!paragraph.ok()) return ReportError(paragraph.status());
  if (!*paragraph) {
    std::cerr << "hexaglot: no paragraph has the id \"" << args.id << "\" in " << *path << '\n';
    return kExitNoResults;
  }
  std::vector<Paragraph> shown = {**paragraph};
  if (args.parallel) {
    Result<std::vector<Paragraph>> versions = (*reader)->GetParallel((*paragraph)->parallel);
    if (!versions.ok()) return ReportError(versions.status());
    for (Paragraph& version : *versions) {
      if (version.id != args.id) shown.push_back(std::move(version));
    }
  }
  const Style style(*color, stdout);
  for (const Paragraph& p : shown) {
    if (args.json) {
      std::cout << ParagraphToJson(p) << '\n';
    } else {
      std::cout << FormatParagraph(p, style) << '\n';
    }
  }
  if (args.parallel && shown.size() == 1 && !args.json) {
    std::cerr << "hexaglot: no other language version of " << (*paragraph)->parallel
              << " is indexed\n";
  }
  return kExitOk;
}

}  // namespace

void AddShowCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ShowArgs>();
  CLI::App* command = app.add_subcommand(
      "show",
      "Show the indexed paragraph ID (e.g. V.21-05340/en/16), and with --parallel its other "
      "language versions (same parallel key), in language code order. Exit 1 when no "
      "paragraph has the id.");
  command->add_option("id", args->id, "Paragraph id")->required();
  AddIndexOption(command, &args->index, /*positional=*/false);
  command->add_flag("--parallel,-p", args->parallel, "Also show the other language versions");
  AddColorOption(command, &args->color);
  command->add_flag("--json", args->json, "One JSON object per paragraph (as parse --json)");
  command->callback([args, exit_code] { *exit_code = RunShow(*args); });
}

}  // namespace hexaglot::tool

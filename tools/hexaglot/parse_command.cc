// hexaglot parse: shows the paragraph records hexaglot would index from compendia, JSON
// Lines, BEIR corpora or plain text.

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "hexaglot/ingest.h"
#include "output.h"
#include "terminal.h"

namespace hexaglot::tool {
namespace {

struct ParseArgs {
  std::vector<std::string> files;
  std::string lang = "auto";
  std::string doc;
  std::string format = "auto";
  bool json = false;
  bool strict = false;
};

int RunParse(const ParseArgs& args) {
  ParseOptions options;
  options.doc = args.doc;
  options.strict = args.strict;
  if (args.lang != "auto") {
    Result<Language> language = ParseLanguage(args.lang);
    if (!language.ok()) return ReportError(language.status());
    options.language = *language;
  }
  Result<InputFormat> format = ParseInputFormat(args.format);
  if (!format.ok()) return ReportError(format.status());
  options.format = *format;

  int exit_code = kExitOk;
  for (const std::string& file : args.files) {
    Result<std::string> contents = ReadInput(file);
    if (!contents.ok()) {
      exit_code = ReportError(contents.status());
      continue;
    }
    const std::string source = file == "-" ? "<stdin>" : file;
    Result<ParseResult> result = ParseInput(*contents, source, options);
    if (!result.ok()) {
      // The file's content is at fault (bad UTF-8, a warning under --strict): a data error.
      ReportError(result.status());
      exit_code = kExitData;
      continue;
    }
    for (const ParseWarning& warning : result->warnings) {
      std::cerr << warning.source << ':' << warning.line << ": warning: " << warning.message
                << '\n';
    }
    for (const Paragraph& paragraph : result->paragraphs) {
      if (args.json) {
        std::cout << ParagraphToJson(paragraph) << '\n';
      } else {
        std::cout << FormatParagraph(paragraph, Style(false)) << '\n';
      }
    }
  }
  std::cout.flush();
  return exit_code;
}

}  // namespace

void AddParseCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ParseArgs>();
  CLI::App* command = app.add_subcommand(
      "parse",
      "Print the paragraph records of FILEs (compendia, JSON Lines, BEIR corpus.jsonl, plain "
      "text or markdown): one block per record, or one JSON object per line. Warnings go to "
      "standard error as FILE:LINE: warning: ...");
  command->add_option("files", args->files, "Files to parse ('-' for standard input)")->required();
  command->add_option("--lang,-l", args->lang, "Language of the files: ar zh en fr ru es, or auto")
      ->check(CLI::IsMember({"auto", "ar", "zh", "en", "fr", "ru", "es"}))
      ->capture_default_str();
  command->add_option(
      "--doc", args->doc,
      "Document symbol or name for the records' id and parallel key (default: "
      "the job number in a compendium's page footers, a UN document's symbol, else the "
      "file name)");
  command->add_option("--format", args->format, "Input format")
      ->check(CLI::IsMember({"auto", "compendium", "jsonl", "beir", "text", "un"}))
      ->capture_default_str();
  command->add_flag("--json", args->json, "One JSON object per record and line");
  command->add_flag("--strict", args->strict,
                    "Treat warnings (numbering gaps, duplicates, stray text) as errors");
  command->callback([args, exit_code] { *exit_code = RunParse(*args); });
}

}  // namespace hexaglot::tool

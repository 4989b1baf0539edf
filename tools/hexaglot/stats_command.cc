// hexaglot stats: documents, terms, segments, bytes per file kind, bits per posting and
// per-language figures of an index (IndexReader::Stats).

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "analysis_flags.h"
#include "commands.h"
#include "hexaglot/index_reader.h"
#include "output.h"
#include "terminal.h"

namespace hexaglot::tool {
namespace {

struct StatsArgs {
  std::string index;
  std::string color = "auto";
  bool json = false;
};

nlohmann::ordered_json StatsToJson(const std::string& path, const IndexStats& stats,
                                   const AnalyzerOptions& analysis) {
  nlohmann::ordered_json segments = nlohmann::ordered_json::array();
  for (const IndexSegmentStats& s : stats.segments) {
    segments.push_back(
        {{"name", s.name}, {"documents", s.documents}, {"deleted", s.deleted}, {"bytes", s.bytes}});
  }
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const IndexFileKindStats& f : stats.files) {
    files.push_back({{"kind", f.kind}, {"files", f.files}, {"bytes", f.bytes}});
  }
  nlohmann::ordered_json languages = nlohmann::ordered_json::array();
  for (const IndexLanguageStats& l : stats.languages) {
    languages.push_back({{"lang", LanguageCode(l.language)},
                         {"documents", l.documents},
                         {"text_length", l.text_length},
                         {"terms", l.terms}});
  }
  return {{"index", path},
          {"generation", stats.generation},
          {"documents", stats.documents},
          {"deleted", stats.deleted_documents},
          {"terms", stats.terms},
          {"postings", stats.postings},
          {"bits_per_posting", stats.bits_per_posting},
          {"bytes", stats.bytes},
          {"analysis", AnalysisFlagsOf(analysis)},
          {"segments", segments},
          {"files", files},
          {"languages", languages}};
}

void PrintStats(const std::string& path, const IndexStats& stats, const AnalyzerOptions& analysis,
                const Style& style) {
  std::cout << style.Bold(path) << '\n'
            << "  generation  " << stats.generation << '\n'
            << "  documents   " << GroupDigits(stats.documents) << " ("
            << GroupDigits(stats.deleted_documents) << " deleted)\n"
            << "  terms       " << GroupDigits(stats.terms) << '\n'
            << "  postings    " << GroupDigits(stats.postings) << " ("
            << Fixed(stats.bits_per_posting, 2) << " bits per posting)\n"
            << "  bytes       " << GroupDigits(stats.bytes) << '\n'
            << "  analysis    " << AnalysisFlagsOf(analysis) << '\n'
            << style.Bold("segments") << '\n';
  const auto left = [](std::string_view text, int width) {
    std::string cell(text);
    if (cell.size() < static_cast<std::size_t>(width)) cell.resize(width, ' ');
    return cell;
  };
  const auto right = [](std::uint64_t value, int width) {
    std::string cell = GroupDigits(value);
    if (cell.size() < static_cast<std::size_t>(width)) cell.insert(0, width - cell.size(), ' ');
    return cell;
  };
  for (const IndexSegmentStats& s : stats.segments) {
    std::cout << "  " << left(s.name, 13) << right(s.documents, 12) << " documents "
              << right(s.deleted, 10) << " deleted " << right(s.bytes, 14) << " bytes\n";
  }
  std::cout << style.Bold("files") << '\n';
  for (const IndexFileKindStats& f : stats.files) {
    std::cout << "  " << left(f.kind, 13) << right(f.files, 6) << ' '
              << left(f.files == 1 ? "file" : "files", 5) << right(f.bytes, 14) << " bytes\n";
  }
  std::cout << style.Bold("languages") << '\n';
  for (const IndexLanguageStats& l : stats.languages) {
    std::cout << "  " << left(LanguageCode(l.language), 13) << right(l.documents, 12)
              << " documents " << right(l.text_length, 14) << " tokens " << right(l.terms, 12)
              << " terms\n";
  }
}

int RunStats(const StatsArgs& args) {
  Result<ColorMode> color = ParseColorMode(args.color);
  if (!color.ok()) return ReportError(color.status());
  Result<std::string> path = ResolveIndexPath(args.index);
  if (!path.ok()) return ReportError(path.status());
  Result<std::unique_ptr<IndexReader>> reader = OpenIndex(*path);
  if (!reader.ok()) return ReportError(reader.status());
  Result<IndexStats> stats = (*reader)->Stats();
  if (!stats.ok()) return ReportError(stats.status());
  if (args.json) {
    std::cout << StatsToJson(*path, *stats, (*reader)->analyzer_options()).dump() << '\n';
  } else {
    PrintStats(*path, *stats, (*reader)->analyzer_options(), Style(*color, stdout));
  }
  return kExitOk;
}

}  // namespace

void AddStatsCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<StatsArgs>();
  CLI::App* command = app.add_subcommand(
      "stats",
      "Show an index's figures: documents (live and deleted), distinct terms, postings and "
      "bits per posting, segments, bytes per file kind, and per language documents, body "
      "text tokens and distinct terms.");
  AddIndexOption(command, &args->index, /*positional=*/true);
  AddColorOption(command, &args->color);
  command->add_flag("--json", args->json, "The figures as one JSON object");
  command->callback([args, exit_code] { *exit_code = RunStats(*args); });
}

}  // namespace hexaglot::tool

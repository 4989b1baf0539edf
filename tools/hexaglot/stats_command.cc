// hexaglot stats: documents, terms, segments, bytes per file kind, bits per posting and
// per-language figures of an index (IndexReader::Stats).

#include <CLI/CLI.hpp>
#include <cstdio>
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

struct StatsArgs {
  std::string index;
  std::string color = "auto";
  bool json = false;
};

nlohmann::ordered_json StatsToJson(const std::string& path, const IndexStats& stats) {
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
          {"segments", segments},
          {"files", files},
          {"languages", languages}};
}

void PrintStats(const std::string& path, const IndexStats& stats, const Style& style) {
  char bits[32];
  std::snprintf(bits, sizeof bits, "%.2f", stats.bits_per_posting);
  std::cout << style.Bold(path) << '\n'
            << "  generation  " << stats.generation << '\n'
            << "  documents   " << GroupDigits(stats.documents) << " ("
            << GroupDigits(stats.deleted_documents) << " deleted)\n"
            << "  terms       " << GroupDigits(stats.terms) << '\n'
            << "  postings    " << GroupDigits(stats.postings) << " (" << bits
            << " bits per posting)\n"
            << "  bytes       " << GroupDigits(stats.bytes) << '\n'
            << style.Bold("segments") << '\n';
  for (const IndexSegmentStats& s : stats.segments) {
    std::printf("  %-13s %12s documents %10s deleted %14s bytes\n", s.name.c_str(),
                GroupDigits(s.documents).c_str(), GroupDigits(s.deleted).c_str(),
                GroupDigits(s.bytes).c_str());
  }
  std::cout << style.Bold("files") << '\n';
  for (const IndexFileKindStats& f : stats.files) {
    std::printf("  %-13s %6s %-5s %14s bytes\n", f.kind.c_str(), GroupDigits(f.files).c_str(),
                f.files == 1 ? "file" : "files", GroupDigits(f.bytes).c_str());
  }
  std::cout << style.Bold("languages") << '\n';
  for (const IndexLanguageStats& l : stats.languages) {
    std::printf("  %-13s %12s documents %14s tokens %12s terms\n",
                std::string(LanguageCode(l.language)).c_str(), GroupDigits(l.documents).c_str(),
                GroupDigits(l.text_length).c_str(), GroupDigits(l.terms).c_str());
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
    std::cout << StatsToJson(*path, *stats).dump() << '\n';
  } else {
    PrintStats(*path, *stats, Style(*color, stdout));
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

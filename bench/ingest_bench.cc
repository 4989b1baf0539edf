// Ingest throughput: the English compendium through ParseCompendium, the 27 General
// Assembly resolutions of ../shared/data/un-ga-res-80-dev through ParseUnDocument (skipped
// when absent), and the compendium's records through ParagraphToJson / ParseJsonLines (what
// `hexaglot parse --json` and re-reading its output cost).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "hexaglot/ingest.h"
#include "util/file.h"

namespace hexaglot {
namespace {

std::string Compendium() {
  Result<std::string> text =
      ReadFileToString(std::string(HEXAGLOT_SOURCE_DIR) + "/corpus/wg7-compendium-2021.en.md");
  return text.ok() ? std::move(*text) : std::string();
}

void BM_ParseCompendium(benchmark::State& state) {
  const std::string text = Compendium();
  ParseOptions options;
  options.language = Language::kEnglish;  // Detection is the analysis module's cost.
  std::size_t paragraphs = 0;
  for (auto _ : state) {
    Result<ParseResult> result = ParseCompendium(text, "compendium.md", options);
    if (!result.ok() || result->paragraphs.size() != 79 || !result->warnings.empty()) {
      state.SkipWithError("the compendium did not parse to 79 paragraphs without warnings");
      return;
    }
    paragraphs += result->paragraphs.size();
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["paragraphs/s"] =
      benchmark::Counter(static_cast<double>(paragraphs), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseCompendium);

// The dev resolutions A/RES/80/1-27, in file name order; empty when absent.
std::vector<std::string> DevResolutions() {
  const std::filesystem::path dir =
      std::filesystem::path(HEXAGLOT_SHARED_DATA_DIR) / "un-ga-res-80-dev" / "original";
  std::vector<std::filesystem::path> paths;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".md") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const std::filesystem::path& path : paths) {
    Result<std::string> text = ReadFileToString(path.string());
    if (text.ok()) texts.push_back(std::move(*text));
  }
  return texts;
}

void BM_ParseUnDocuments(benchmark::State& state) {
  const std::vector<std::string> texts = DevResolutions();
  if (texts.empty()) {
    state.SkipWithError("skipped: ../shared/data/un-ga-res-80-dev is missing");
    return;
  }
  ParseOptions options;
  options.language = Language::kEnglish;  // Detection is the analysis module's cost.
  std::size_t bytes = 0;
  for (const std::string& text : texts) bytes += text.size();
  std::size_t paragraphs = 0;
  for (auto _ : state) {
    std::size_t records = 0;
    for (const std::string& text : texts) {
      Result<ParseResult> result = ParseUnDocument(text, "resolution.md", options);
      if (!result.ok()) {
        state.SkipWithError("a dev resolution did not parse");
        return;
      }
      records += result->paragraphs.size();
      benchmark::DoNotOptimize(result);
    }
    if (texts.size() != 27 || records != 639) {
      state.SkipWithError("the 27 dev resolutions did not give their 639 records");
      return;
    }
    paragraphs += records;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.counters["paragraphs/s"] =
      benchmark::Counter(static_cast<double>(paragraphs), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseUnDocuments);

void BM_JsonLinesRoundTrip(benchmark::State& state) {
  ParseOptions options;
  options.language = Language::kEnglish;
  Result<ParseResult> parsed = ParseCompendium(Compendium(), "compendium.md", options);
  if (!parsed.ok()) {
    state.SkipWithError("the compendium did not parse");
    return;
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string lines;
    for (const Paragraph& p : parsed->paragraphs) lines += ParagraphToJson(p) + "\n";
    Result<ParseResult> back = ParseJsonLines(lines, "records.jsonl");
    if (!back.ok() || back->paragraphs != parsed->paragraphs) {
      state.SkipWithError("JSON Lines did not give the same records back");
      return;
    }
    bytes += lines.size();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.SetItemsProcessed(
      static_cast<std::int64_t>(state.iterations() * parsed->paragraphs.size()));
}
BENCHMARK(BM_JsonLinesRoundTrip);

}  // namespace
}  // namespace hexaglot

BENCHMARK_MAIN();

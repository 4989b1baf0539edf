// Ingest throughput: the English compendium through ParseCompendium, and its records
// through ParagraphToJson / ParseJsonLines (what `hexaglot parse --json` and re-reading its
// output cost).

#include <benchmark/benchmark.h>

#include <string>

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

// Analysis throughput (bytes/s) per language on real text: the UDHR in the six languages
// (../shared/data/udhr/txt, whole, and paragraph by paragraph) and the compendium
// (corpus/). Steady state: an analyzer is reused, as an indexer does. Each benchmark checks its
// output inside the loop: the token count must equal the one computed before timing, and
// a known term must be among the tokens.
//
// Run: build/rel/bench/analysis_bench --benchmark_filter=Analyze

#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/word_segmenter.h"
#include "hexaglot/analyzer.h"

namespace hexaglot {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

std::filesystem::path UdhrPath(std::string_view code) {
  return std::filesystem::path(HEXAGLOT_SHARED_DATA_DIR) / "udhr" / "txt" /
         ("udhr_" + std::string(code) + ".txt");
}

std::filesystem::path CompendiumPath() {
  return std::filesystem::path(HEXAGLOT_SOURCE_DIR) / "corpus" / "wg7-compendium-2021.en.md";
}

// The paragraphs of one language in udhr_paragraphs.jsonl: documents as an
// index sees them, short, so that per-call costs show.
std::vector<std::string> UdhrParagraphs(std::string_view code) {
  std::vector<std::string> paragraphs;
  std::ifstream in(std::filesystem::path(HEXAGLOT_SHARED_DATA_DIR) / "udhr" /
                   "udhr_paragraphs.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!record.is_discarded() && record.value("lang", "") == code) {
      paragraphs.push_back(record.value("text", ""));
    }
  }
  return paragraphs;
}

// Analyses each of `docs` with `language` per iteration; `known_term` must be among the
// terms of some document.
void RunAnalyze(benchmark::State& state, Language language, ChineseMode mode,
                const std::vector<std::string>& docs, const std::string& known_term) {
  std::size_t bytes = 0;
  for (const std::string& doc : docs) bytes += doc.size();
  if (bytes == 0) {
    state.SkipWithError("missing input (../shared/data or corpus/)");
    return;
  }
  AnalyzerOptions options;
  options.chinese_mode = mode;
  Result<std::unique_ptr<Analyzer>> analyzer = Analyzer::Create(language, options);
  if (!analyzer.ok()) {
    state.SkipWithError(analyzer.status().ToString().c_str());
    return;
  }
  std::vector<Token> tokens;
  std::size_t expected_tokens = 0;
  bool found = false;
  for (const std::string& doc : docs) {
    if (!(*analyzer)->Analyze(doc, &tokens).ok()) {
      state.SkipWithError("analysis failed");
      return;
    }
    expected_tokens += tokens.size();
    found = found || std::any_of(tokens.begin(), tokens.end(),
                                 [&](const Token& token) { return token.term == known_term; });
  }
  if (!found) {
    state.SkipWithError(("known term '" + known_term + "' missing").c_str());
    return;
  }
  for (auto _ : state) {
    std::size_t count = 0;
    for (const std::string& doc : docs) {
      Status status = (*analyzer)->Analyze(doc, &tokens);
      benchmark::DoNotOptimize(tokens.data());
      if (!status.ok()) {
        state.SkipWithError("analysis failed");
        return;
      }
      count += tokens.size();
    }
    if (count != expected_tokens) {
      state.SkipWithError("token count changed between runs");
      return;
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(bytes));
  state.counters["tokens"] = static_cast<double>(expected_tokens);
  state.counters["tokens_per_s"] = benchmark::Counter(
      static_cast<double>(expected_tokens) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}

void RunAnalyze(benchmark::State& state, Language language, ChineseMode mode,
                const std::filesystem::path& path, const std::string& known_term) {
  RunAnalyze(state, language, mode, std::vector<std::string>{ReadFile(path)}, known_term);
}

void BM_AnalyzeUdhrArabic(benchmark::State& state) {
  RunAnalyze(state, Language::kArabic, ChineseMode::kWords, UdhrPath("ar"), "كرامه");
}
void BM_AnalyzeUdhrChineseWords(benchmark::State& state) {
  RunAnalyze(state, Language::kChinese, ChineseMode::kWords, UdhrPath("zh"), "尊严");
}
void BM_AnalyzeUdhrChineseBigrams(benchmark::State& state) {
  RunAnalyze(state, Language::kChinese, ChineseMode::kBigrams, UdhrPath("zh"), "尊严");
}
void BM_AnalyzeUdhrEnglish(benchmark::State& state) {
  RunAnalyze(state, Language::kEnglish, ChineseMode::kWords, UdhrPath("en"), "digniti");
}
void BM_AnalyzeUdhrFrench(benchmark::State& state) {
  RunAnalyze(state, Language::kFrench, ChineseMode::kWords, UdhrPath("fr"), "dignit");
}
void BM_AnalyzeUdhrRussian(benchmark::State& state) {
  RunAnalyze(state, Language::kRussian, ChineseMode::kWords, UdhrPath("ru"), "достоинств");
}
void BM_AnalyzeUdhrSpanish(benchmark::State& state) {
  RunAnalyze(state, Language::kSpanish, ChineseMode::kWords, UdhrPath("es"), "dignid");
}
void BM_AnalyzeCompendiumEnglish(benchmark::State& state) {
  RunAnalyze(state, Language::kEnglish, ChineseMode::kWords, CompendiumPath(), "smuggl");
}

// The compendium's words in a seeded random order, each once per shuffle, 1 MiB in all:
// the same vocabulary without the compendium's phrase order, so the term cache and the
// branch predictor cannot learn the sequence.
void BM_AnalyzeShuffledCompendiumEnglish(benchmark::State& state) {
  const std::string source = ReadFile(CompendiumPath());
  std::vector<std::string> words;
  std::istringstream in(source);
  for (std::string word; in >> word;) words.push_back(word);
  if (words.empty()) {
    state.SkipWithError("missing compendium");
    return;
  }
  std::mt19937 rng(42);
  std::string text;
  while (text.size() < (1u << 20)) {
    std::shuffle(words.begin(), words.end(), rng);
    for (const std::string& word : words) (text += word) += ' ';
  }
  RunAnalyze(state, Language::kEnglish, ChineseMode::kWords, std::vector<std::string>{text},
             "smuggl");
}

// Paragraph by paragraph: each Analyze call is one short document.
void BM_AnalyzeUdhrParagraphs(benchmark::State& state) {
  static const struct {
    Language language;
    ChineseMode mode;
    const char* code;
    const char* term;
  } kCases[] = {{Language::kArabic, ChineseMode::kWords, "ar", "كرامه"},
                {Language::kChinese, ChineseMode::kWords, "zh", "尊严"},
                {Language::kChinese, ChineseMode::kBigrams, "zh", "尊严"},
                {Language::kEnglish, ChineseMode::kWords, "en", "digniti"},
                {Language::kFrench, ChineseMode::kWords, "fr", "dignit"},
                {Language::kRussian, ChineseMode::kWords, "ru", "достоинств"},
                {Language::kSpanish, ChineseMode::kWords, "es", "dignid"}};
  const auto& c = kCases[state.range(0)];
  state.SetLabel(std::string(c.code) +
                 (c.language == Language::kChinese
                      ? (c.mode == ChineseMode::kWords ? " words" : " bigrams")
                      : ""));
  RunAnalyze(state, c.language, c.mode, UdhrParagraphs(c.code), c.term);
}

// Segmentation alone, fast path against ICU everywhere: what the ASCII scanner buys.
void RunSegment(benchmark::State& state, analysis::WordSegmenter::Path path) {
  const std::string text = ReadFile(CompendiumPath());
  Result<std::unique_ptr<analysis::WordSegmenter>> segmenter = analysis::WordSegmenter::Create();
  if (text.empty() || !segmenter.ok()) {
    state.SkipWithError("missing compendium or ICU");
    return;
  }
  std::vector<analysis::WordSpan> spans;
  std::vector<analysis::WordSpan> reference;
  if (!(*segmenter)->Segment(text, &reference, analysis::WordSegmenter::Path::kIcuOnly).ok()) {
    state.SkipWithError("segmentation failed");
    return;
  }
  for (auto _ : state) {
    if (!(*segmenter)->Segment(text, &spans, path).ok() || spans.size() != reference.size()) {
      state.SkipWithError("segmentation differs from ICU");
      return;
    }
    benchmark::DoNotOptimize(spans.data());
  }
  if (spans != reference) state.SkipWithError("segmentation differs from ICU");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
}

void BM_SegmentCompendiumFastPath(benchmark::State& state) {
  RunSegment(state, analysis::WordSegmenter::Path::kFast);
}
void BM_SegmentCompendiumIcuOnly(benchmark::State& state) {
  RunSegment(state, analysis::WordSegmenter::Path::kIcuOnly);
}

BENCHMARK(BM_AnalyzeUdhrArabic);
BENCHMARK(BM_AnalyzeUdhrChineseWords);
BENCHMARK(BM_AnalyzeUdhrChineseBigrams);
BENCHMARK(BM_AnalyzeUdhrEnglish);
BENCHMARK(BM_AnalyzeUdhrFrench);
BENCHMARK(BM_AnalyzeUdhrRussian);
BENCHMARK(BM_AnalyzeUdhrSpanish);
BENCHMARK(BM_AnalyzeCompendiumEnglish);
BENCHMARK(BM_AnalyzeShuffledCompendiumEnglish);
BENCHMARK(BM_AnalyzeUdhrParagraphs)->DenseRange(0, 6);
BENCHMARK(BM_SegmentCompendiumFastPath);
BENCHMARK(BM_SegmentCompendiumIcuOnly);

}  // namespace
}  // namespace hexaglot

BENCHMARK_MAIN();

// Chinese words or bigrams? A known-item retrieval measurement on real Chinese text.
//
// Collections: UDHR paragraphs (../shared/data/udhr/udhr_paragraphs.jsonl, 58 Chinese
// paragraphs) and, as a second, larger check, the SDG targets and indicators
// (../shared/data/sdg/sdg_texts.jsonl, Chinese records of kind target or indicator).
// Queries: for each paragraph, up to kQueriesPerDoc spans of 4-8 Han characters, at
// seeded random places, that occur in that paragraph only (so the paragraph is the one
// right answer). The spans are chosen on characters, before any analysis, so that neither
// mode is favoured. Each mode analyses paragraphs and queries with its own analyzer and
// scores every paragraph with BM25 (k1 = 0.9, b = 0.4, Robertson-Sparck Jones idf with
// +1 inside the log as Lucene). Ties are counted against the right paragraph. Reported
// per mode: MRR, success@1, index tokens and distinct terms, analysis speed.
//
// Run: build/rel/bench/chinese_mode_eval

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "hexaglot/analyzer.h"
#include "util/utf8.h"

namespace hexaglot {
namespace {

constexpr double kK1 = 0.9;
constexpr double kB = 0.4;
constexpr int kQueriesPerDoc = 5;

struct Collection {
  std::string name;
  std::vector<std::string> docs;
};

bool IsHanCodePoint(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x3134F) || (cp >= 0xF900 && cp <= 0xFAFF);
}

// Reads `lang == zh` records of a JSONL file that pass `keep`.
template <typename Keep>
Collection ReadCollection(const std::string& name, const std::filesystem::path& path, Keep keep) {
  Collection collection{name, {}};
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded() || record.value("lang", "") != "zh" || !keep(record)) continue;
    collection.docs.push_back(record.value("text", ""));
  }
  return collection;
}

// Known-item queries: (text, index of the only paragraph that contains it).
std::vector<std::pair<std::string, std::size_t>> MakeQueries(const Collection& collection) {
  std::mt19937 rng(20240611);
  std::vector<std::pair<std::string, std::size_t>> queries;
  for (std::size_t d = 0; d < collection.docs.size(); ++d) {
    const std::string& doc = collection.docs[d];
    // Code point start offsets and whether each is Han.
    std::vector<std::size_t> starts;
    std::vector<bool> han;
    for (std::size_t pos = 0; pos < doc.size();) {
      starts.push_back(pos);
      han.push_back(IsHanCodePoint(utf8::Next(doc, &pos)));
    }
    starts.push_back(doc.size());
    std::set<std::string> chosen;
    for (int attempt = 0; attempt < 50 && chosen.size() < kQueriesPerDoc; ++attempt) {
      if (starts.size() < 5) break;
      const std::size_t length = std::uniform_int_distribution<std::size_t>(4, 8)(rng);
      if (length + 1 > starts.size()) continue;
      const std::size_t first =
          std::uniform_int_distribution<std::size_t>(0, starts.size() - 1 - length)(rng);
      if (!std::all_of(han.begin() + static_cast<std::ptrdiff_t>(first),
                       han.begin() + static_cast<std::ptrdiff_t>(first + length),
                       [](bool h) { return h; })) {
        continue;
      }
      const std::string span = doc.substr(starts[first], starts[first + length] - starts[first]);
      bool unique = true;
      for (std::size_t other = 0; other < collection.docs.size() && unique; ++other) {
        unique = other == d || collection.docs[other].find(span) == std::string::npos;
      }
      if (unique && chosen.insert(span).second) queries.emplace_back(span, d);
    }
  }
  return queries;
}

struct ModeResult {
  double mrr = 0;
  double success_at_1 = 0;
  std::size_t tokens = 0;
  std::size_t distinct_terms = 0;
  double mb_per_s = 0;
};

ModeResult Evaluate(const Collection& collection,
                    const std::vector<std::pair<std::string, std::size_t>>& queries,
                    ChineseMode mode) {
  AnalyzerOptions options;
  options.chinese_mode = mode;
  std::unique_ptr<Analyzer> analyzer =
      std::move(Analyzer::Create(Language::kChinese, options)).value();
  ModeResult result;

  // Index: term -> (doc, tf) postings; document lengths in tokens.
  std::unordered_map<std::string, std::map<std::size_t, int>> postings;
  std::vector<double> lengths(collection.docs.size());
  std::vector<Token> tokens;
  std::size_t bytes = 0;
  // One untimed pass first: ICU loads its Chinese dictionary on first use.
  for (const std::string& doc : collection.docs) {
    if (!analyzer->Analyze(doc, &tokens).ok()) std::abort();
  }
  const auto begin = std::chrono::steady_clock::now();
  for (int round = 0; round < 20; ++round) {  // Repeated for a stable speed figure.
    for (const std::string& doc : collection.docs) {
      if (!analyzer->Analyze(doc, &tokens).ok()) std::abort();
      bytes += doc.size();
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  result.mb_per_s = static_cast<double>(bytes) / seconds / 1e6;
  for (std::size_t d = 0; d < collection.docs.size(); ++d) {
    if (!analyzer->Analyze(collection.docs[d], &tokens).ok()) std::abort();
    lengths[d] = static_cast<double>(tokens.size());
    result.tokens += tokens.size();
    for (const Token& token : tokens) ++postings[token.term][d];
  }
  result.distinct_terms = postings.size();
  double average_length = 0;
  for (double length : lengths) average_length += length;
  average_length /= static_cast<double>(lengths.size());
  const double n = static_cast<double>(collection.docs.size());

  for (const auto& [query, target] : queries) {
    if (!analyzer->Analyze(query, &tokens).ok()) std::abort();
    std::set<std::string> terms;
    for (const Token& token : tokens) terms.insert(token.term);
    std::vector<double> scores(collection.docs.size(), 0.0);
    for (const std::string& term : terms) {
      auto it = postings.find(term);
      if (it == postings.end()) continue;
      const double df = static_cast<double>(it->second.size());
      const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
      for (const auto& [doc, tf] : it->second) {
        const double norm = kK1 * (1.0 - kB + kB * lengths[doc] / average_length);
        scores[doc] += idf * tf * (kK1 + 1.0) / (tf + norm);
      }
    }
    std::size_t rank = 1;
    for (std::size_t d = 0; d < scores.size(); ++d) {
      if (d != target && scores[d] >= scores[target]) ++rank;
    }
    if (scores[target] == 0.0) rank = scores.size();  // Not retrieved at all.
    result.mrr += 1.0 / static_cast<double>(rank);
    result.success_at_1 += rank == 1 ? 1.0 : 0.0;
  }
  result.mrr /= static_cast<double>(queries.size());
  result.success_at_1 /= static_cast<double>(queries.size());
  return result;
}

int Run() {
  const std::filesystem::path data(HEXAGLOT_SHARED_DATA_DIR);
  std::vector<Collection> collections;
  collections.push_back(ReadCollection("udhr-paragraphs", data / "udhr/udhr_paragraphs.jsonl",
                                       [](const nlohmann::json&) { return true; }));
  collections.push_back(ReadCollection("sdg-targets-indicators", data / "sdg/sdg_texts.jsonl",
                                       [](const nlohmann::json& record) {
                                         const std::string kind = record.value("kind", "");
                                         return kind == "target" || kind == "indicator";
                                       }));
  std::printf("%-24s %-8s %7s %6s %6s %8s %8s %8s\n", "collection", "mode", "queries", "MRR", "S@1",
              "tokens", "terms", "MB/s");
  for (const Collection& collection : collections) {
    if (collection.docs.empty()) {
      std::printf("%-24s skipped: shared data not found under %s\n", collection.name.c_str(),
                  data.string().c_str());
      continue;
    }
    const auto queries = MakeQueries(collection);
    for (ChineseMode mode : {ChineseMode::kWords, ChineseMode::kBigrams}) {
      const ModeResult result = Evaluate(collection, queries, mode);
      std::printf("%-24s %-8s %7zu %6.3f %6.3f %8zu %8zu %8.1f\n", collection.name.c_str(),
                  mode == ChineseMode::kWords ? "words" : "bigrams", queries.size(), result.mrr,
                  result.success_at_1, result.tokens, result.distinct_terms, result.mb_per_s);
    }
  }
  return 0;
}

}  // namespace
}  // namespace hexaglot

int main() { return hexaglot::Run(); }

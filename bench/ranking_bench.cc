// The ranking core: BM25 scoring, exact top-k of OR, AND and phrase queries with pruning
// and with every match scored, and Searcher end to end, over a generated English corpus
// (bench/corpus_model.h, learnt from the compendium, and from the English UN treaties of
// ../shared/data when present).
//
// Size: HEXAGLOT_RANKING_BENCH_PARAGRAPHS paragraphs (default 20,000, 2,000 under ASan, so
// that the CTest smoke run stays fast; the README's figures use 200,000). Every query set is
// checked first: pruned and exhaustive top-10 must agree on ids and bitwise scores.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "corpus_model.h"
#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "hexaglot/ingest.h"
#include "hexaglot/searcher.h"
#include "index/reader_access.h"
#include "query/compiled_query.h"
#include "query/top_k.h"
#include "scoring/bm25.h"
#include "util/file.h"
#include "util/status_macros.h"

namespace hexaglot {
namespace {

enum QueryKind { kOr = 0, kAnd = 1, kPhrase = 2 };
constexpr const char* kKindNames[] = {"or", "and", "phrase"};

struct Setup {
  std::string error;  // Non-empty when the setup failed.
  std::shared_ptr<const IndexReader> reader;
  std::shared_ptr<const index::Snapshot> snapshot;
  std::unique_ptr<Searcher> searcher;
  std::vector<std::string> texts[3];              // Query strings by kind.
  std::vector<query::CompiledQuery> compiled[3];  // The same, compiled for English.
  std::uint64_t paragraphs = 0;
};

std::uint64_t ParagraphCount() {
  const char* value = std::getenv("HEXAGLOT_RANKING_BENCH_PARAGRAPHS");
  if (value != nullptr) return std::strtoull(value, nullptr, 10);
#if defined(__SANITIZE_ADDRESS__)
  return 2000;  // The smoke run under the sanitizers.
#else
  return 20000;
#endif
}

Status Build(Setup* setup) {
  HEXAGLOT_ASSIGN_OR_RETURN(
      const std::string compendium,
      ReadFileToString(std::string(HEXAGLOT_SOURCE_DIR) + "/corpus/wg7-compendium-2021.en.md"));
  std::vector<std::string> paragraphs = bench::CompendiumParagraphs(compendium);
  std::vector<std::uint32_t> lengths;
  for (const std::string& p : paragraphs) {
    lengths.push_back(static_cast<std::uint32_t>(bench::SplitTokens(p).size()));
  }
  Result<ParseResult> treaties = ParseFile(std::string(HEXAGLOT_SHARED_DATA_DIR) +
                                           "/un-treaties-en/un_treaties_en_paragraphs.jsonl");
  if (treaties.ok()) {
    for (const Paragraph& p : treaties->paragraphs) paragraphs.push_back(p.text);
  }
  HEXAGLOT_ASSIGN_OR_RETURN(const bench::CorpusModel model,
                            bench::CorpusModel::Learn(paragraphs, lengths));
  bench::GenerateOptions options;
  options.seed = 42;
  options.paragraphs = ParagraphCount();
  options.queries_per_kind = 200;
  std::ostringstream corpus;
  std::ostringstream queries;
  HEXAGLOT_ASSIGN_OR_RETURN(const bench::GenerateStats stats,
                            bench::GenerateCorpus(model, options, corpus, queries));
  setup->paragraphs = stats.paragraphs;
  HEXAGLOT_ASSIGN_OR_RETURN(ParseResult parsed, ParseJsonLines(corpus.str(), "generated"));

  std::shared_ptr<IndexStorage> storage = IndexStorage::InMemory();
  HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<IndexWriter> writer, IndexWriter::Open(storage));
  HEXAGLOT_RETURN_IF_ERROR(writer->AddAll(parsed.paragraphs));
  HEXAGLOT_RETURN_IF_ERROR(writer->Commit());
  HEXAGLOT_RETURN_IF_ERROR(writer->ForceMerge());
  HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<IndexReader> reader, IndexReader::Open(storage));
  setup->reader = std::move(reader);
  setup->snapshot = index::SnapshotOf(*setup->reader);
  HEXAGLOT_ASSIGN_OR_RETURN(setup->searcher, Searcher::Create(setup->reader));

  HEXAGLOT_ASSIGN_OR_RETURN(
      std::unique_ptr<Analyzer> words,
      Analyzer::Create(Language::kEnglish, setup->reader->analyzer_options()));
  AnalyzerOptions prefix_options = setup->reader->analyzer_options();
  prefix_options.stem = false;
  prefix_options.remove_stop_words = false;
  HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<Analyzer> prefixes,
                            Analyzer::Create(Language::kEnglish, prefix_options));
  std::istringstream lines(queries.str());
  std::string line;
  while (std::getline(lines, line)) {
    const std::size_t tab = line.rfind('\t');
    if (tab == std::string::npos) continue;
    const QueryKind kind = line.starts_with("or-")    ? kOr
                           : line.starts_with("and-") ? kAnd
                                                      : kPhrase;
    const std::string text = line.substr(tab + 1);
    HEXAGLOT_ASSIGN_OR_RETURN(const Query query, ParseQuery(text));
    HEXAGLOT_ASSIGN_OR_RETURN(query::CompiledQuery compiled,
                              query::CompiledQuery::Compile(query, Language::kEnglish, *words,
                                                            *prefixes, *setup->snapshot, {}));
    setup->texts[kind].push_back(text);
    setup->compiled[kind].push_back(std::move(compiled));
  }
  // The check: pruning changes nothing.
  for (int kind = 0; kind < 3; ++kind) {
    if (setup->compiled[kind].empty()) return Status::Internal("no queries generated");
    for (const query::CompiledQuery& compiled : setup->compiled[kind]) {
      const query::CompiledQuery* one = &compiled;
      HEXAGLOT_ASSIGN_OR_RETURN(
          auto pruned, query::TopK(*setup->snapshot, std::span(&one, 1), 10, query::Pruning::kOn));
      HEXAGLOT_ASSIGN_OR_RETURN(
          auto all, query::TopK(*setup->snapshot, std::span(&one, 1), 10, query::Pruning::kOff));
      bool same = pruned.size() == all.size();
      for (std::size_t i = 0; same && i < pruned.size(); ++i) {
        same = pruned[i].segment == all[i].segment && pruned[i].doc == all[i].doc &&
               std::memcmp(&pruned[i].score, &all[i].score, sizeof(double)) == 0;
      }
      if (!same) return Status::Internal("pruned top-k differs from exhaustive top-k");
      if (kind != kOr && all.empty()) return Status::Internal("a generated query found nothing");
    }
  }
  return Status::OK();
}

const Setup& GetSetup() {
  static const Setup* setup = [] {
    auto* built = new Setup;
    Status status = Build(built);
    if (!status.ok()) built->error = status.ToString();
    return built;
  }();
  return *setup;
}

void BM_Bm25Score(benchmark::State& state) {
  const scoring::Bm25Term term(2.5, {0.9, 0.4}, 30.0);
  std::mt19937 rng(1);
  std::vector<std::uint32_t> tfs(4096);
  std::vector<std::uint32_t> lengths(4096);
  for (std::size_t i = 0; i < tfs.size(); ++i) {
    tfs[i] = 1 + rng() % 8;
    lengths[i] = 5 + rng() % 100;
  }
  double check = 0.0;
  for (auto _ : state) {
    double sum = 0.0;
    for (std::size_t i = 0; i < tfs.size(); ++i) sum += term.Score(tfs[i], lengths[i]);
    benchmark::DoNotOptimize(sum);
    check = sum;
  }
  if (!(check > 0.0)) state.SkipWithError("scores must be positive");
  state.counters["scores/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * tfs.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Bm25Score);

// Args: query kind, pruning (1 on, 0 off). Top-10 over the compiled queries in turn.
void BM_TopK(benchmark::State& state) {
  const Setup& setup = GetSetup();
  if (!setup.error.empty()) {
    state.SkipWithError(setup.error.c_str());
    return;
  }
  const auto kind = static_cast<std::size_t>(state.range(0));
  const query::Pruning pruning = state.range(1) != 0 ? query::Pruning::kOn : query::Pruning::kOff;
  const std::vector<query::CompiledQuery>& queries = setup.compiled[kind];
  std::size_t next = 0;
  std::uint64_t scored = 0;
  for (auto _ : state) {
    const query::CompiledQuery* one = &queries[next];
    next = (next + 1) % queries.size();
    query::TopKStats stats;
    auto hits = query::TopK(*setup.snapshot, std::span(&one, 1), 10, pruning, &stats);
    if (!hits.ok()) {
      state.SkipWithError(hits.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(hits->data());
    scored += stats.scored;
  }
  state.SetLabel(std::string(kKindNames[kind]) + (state.range(1) != 0 ? " pruned" : " exhaustive") +
                 ", " + std::to_string(setup.paragraphs) + " paragraphs");
  state.counters["queries/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["scored/query"] =
      static_cast<double>(scored) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_TopK)->ArgsProduct({{kOr, kAnd, kPhrase}, {1, 0}})->Unit(benchmark::kMicrosecond);

// Searcher::Search on the query strings: parsing, language detection, analysis,
// compilation, top-10, stored records; no snippets.
void BM_SearchEndToEnd(benchmark::State& state) {
  const Setup& setup = GetSetup();
  if (!setup.error.empty()) {
    state.SkipWithError(setup.error.c_str());
    return;
  }
  const auto kind = static_cast<std::size_t>(state.range(0));
  const std::vector<std::string>& queries = setup.texts[kind];
  SearchOptions options;
  options.snippets = state.range(1) != 0;
  std::size_t next = 0;
  for (auto _ : state) {
    Result<SearchResults> results = setup.searcher->Search(queries[next], options);
    next = (next + 1) % queries.size();
    if (!results.ok()) {
      state.SkipWithError(results.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(results->hits.data());
  }
  state.SetLabel(std::string(kKindNames[kind]) + (options.snippets ? " with snippets" : ""));
  state.counters["queries/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SearchEndToEnd)
    ->ArgsProduct({{kOr, kAnd, kPhrase}, {0}})
    ->Args({kOr, 1})
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace hexaglot

BENCHMARK_MAIN();

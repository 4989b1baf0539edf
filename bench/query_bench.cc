// The query layer's per-search costs outside ranking: parsing and printing a query, and
// building a snippet from a paragraph's matches. Each benchmark checks its output inside
// the loop: parsed trees equal the ones parsed before timing, snippets hold the expected
// number of highlights.
//
// Run: build/rel/bench/query_bench

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "hexaglot/query.h"
#include "query/snippet.h"

namespace hexaglot {
namespace {

// Queries of the shapes the tool sees: words, phrases, operators, fields, several scripts.
const std::vector<std::string>& Queries() {
  static const std::vector<std::string> queries = {
      "hawala",
      "migrant smuggling by sea rescue",
      "\"special investigative techniques\" evidence",
      "theme:\"smuggling by sea\" rescue -air",
      "(hawala OR remittance) AND lang:en year:2015..2019",
      "symbol:CTOC/COP/WG.7/2018/2 +victims NOT trafficking",
      "حقوق الإنسان lang:ar",
      "人人 生而自由",
      "права человека AND свобода*",
  };
  return queries;
}

void BM_ParseQuery(benchmark::State& state) {
  std::vector<Query> expected;
  std::size_t bytes = 0;
  for (const std::string& text : Queries()) {
    expected.push_back(*ParseQuery(text));
    bytes += text.size();
  }
  for (auto _ : state) {
    for (std::size_t i = 0; i < Queries().size(); ++i) {
      Result<Query> query = ParseQuery(Queries()[i]);
      if (!query.ok() || *query != expected[i]) {
        state.SkipWithError("a query parsed differently");
        return;
      }
      benchmark::DoNotOptimize(query);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(Queries().size()));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_ParseQuery);

void BM_QueryToString(benchmark::State& state) {
  std::vector<Query> queries;
  for (const std::string& text : Queries()) queries.push_back(*ParseQuery(text));
  for (auto _ : state) {
    for (const Query& query : queries) {
      std::string text = query.ToString();
      if (text.empty()) {
        state.SkipWithError("empty text");
        return;
      }
      benchmark::DoNotOptimize(text);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(queries.size()));
}
BENCHMARK(BM_QueryToString);

// A paragraph of `words` words with a match every `every` words, three query terms.
void BM_BuildSnippet(benchmark::State& state) {
  const auto words = static_cast<std::size_t>(state.range(0));
  const std::size_t every = 7;
  std::string text;
  std::vector<query::SnippetMatch> matches;
  for (std::size_t i = 0; i < words; ++i) {
    const std::string word = i % every == 0 ? "smuggling" : "paragraph";
    if (i % every == 0) {
      matches.push_back({{static_cast<std::uint32_t>(text.size()),
                          static_cast<std::uint32_t>(text.size() + word.size())},
                         static_cast<std::uint32_t>((i / every) % 3)});
    }
    text += word;
    text += i % 12 == 11 ? ". " : " ";
  }
  const std::size_t expected = query::BuildSnippet(text, matches, 240).highlights.size();
  for (auto _ : state) {
    Snippet snippet = query::BuildSnippet(text, matches, 240);
    if (snippet.highlights.size() != expected || expected == 0) {
      state.SkipWithError("unexpected highlights");
      return;
    }
    benchmark::DoNotOptimize(snippet);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_BuildSnippet)->Arg(40)->Arg(200)->Arg(2000);

}  // namespace
}  // namespace hexaglot

BENCHMARK_MAIN();

// The differential test of exact top-k: on random indexes (several segments, deletions,
// two languages), random queries return the same documents and bitwise equal scores with
// pruning as with every match scored.

#include "query/top_k.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <random>
#include <sstream>

#include "query/random_index.h"

namespace hexaglot::query {
namespace {

using testing::QueryAnalyzers;
using testing::RandomWords;

#if defined(__SANITIZE_ADDRESS__)
constexpr int kQueries = 1500;
#else
constexpr int kQueries = 10000;
#endif

class RandomQueries {
 public:
  explicit RandomQueries(std::uint64_t seed) : rng_(seed) {}

  Query Make(int depth) {
    if (depth >= 3 || Chance(0.45)) return Leaf();
    std::vector<Query::Clause> clauses;
    const int count = 1 + static_cast<int>(rng_() % 5);
    bool positive = false;
    for (int i = 0; i < count; ++i) {
      const double u = Unit();
      const Occur occur = u < 0.5    ? Occur::kShould
                          : u < 0.7  ? Occur::kMust
                          : u < 0.82 ? Occur::kFilter
                                     : Occur::kMustNot;
      positive = positive || occur != Occur::kMustNot;
      clauses.push_back({occur, Make(depth + 1)});
    }
    if (!positive) clauses.push_back({Occur::kShould, Leaf()});
    // The forms Validate asks for: filter-only clauses are kFilter rather than kMust,
    // others kMust rather than kFilter; a lone optional clause stands for itself.
    for (Query::Clause& clause : clauses) {
      if (clause.occur == Occur::kMust || clause.occur == Occur::kFilter) {
        clause.occur = clause.query.IsFilterOnly() ? Occur::kFilter : Occur::kMust;
      }
    }
    if (clauses.size() == 1 && clauses[0].occur == Occur::kShould) return clauses[0].query;
    return Query::Boolean(std::move(clauses));
  }

 private:
  Query Leaf() {
    const double u = Unit();
    if (u < 0.62) return Query::Term(Word());
    if (u < 0.74) {
      std::string text = Word();
      const int more = 1 + static_cast<int>(rng_() % 2);
      for (int i = 0; i < more; ++i) text += " " + Word();
      return Query::Phrase(text, static_cast<int>(rng_() % 3));
    }
    if (u < 0.78) return Query::Prefix(Word().substr(0, 2));
    if (u < 0.83) {
      const int low = 2009 + static_cast<int>(rng_() % 8);
      return Query::YearRange(low, low + static_cast<int>(rng_() % 4));
    }
    if (u < 0.88) return Query::Exact(QueryField::kSymbol, "SYM/" + std::to_string(rng_() % 6));
    if (u < 0.92) return Query::Term(RandomWords()[rng_() % 5], QueryField::kTheme);
    if (u < 0.95) return Query::Term(RandomWords()[rng_() % 9], QueryField::kTopic);
    if (u < 0.97) return Query::Exact(QueryField::kLang, Chance(0.5) ? "en" : "fr");
    return Query::Term(Chance(0.5) ? "the" : "les");  // Stop words drop out.
  }

  std::string Word() {
    // Mostly the frequent words, so that queries match many documents.
    const std::vector<std::string>& words = RandomWords();
    const auto index =
        static_cast<std::size_t>(Unit() * Unit() * static_cast<double>(words.size()));
    return words[std::min(index, words.size() - 1)];
  }
  double Unit() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }
  bool Chance(double p) { return Unit() < p; }

  std::mt19937_64 rng_;
};

std::string Describe(const std::vector<ScoredDoc>& hits) {
  std::ostringstream out;
  for (const ScoredDoc& hit : hits) {
    out << "(" << hit.segment << ":" << hit.doc << " " << hit.score << ") ";
  }
  return out.str();
}

std::uint64_t Bits(double value) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits;
}

TEST(TopKDifferentialTest, PrunedEqualsExhaustiveOnRandomQueries) {
  constexpr std::uint64_t kSeed = 20261129;
  std::shared_ptr<const IndexReader> reader = testing::BuildRandomIndex(kSeed, {});
  ASSERT_NE(reader, nullptr);
  std::shared_ptr<const index::Snapshot> snapshot = index::SnapshotOf(*reader);
  ASSERT_GE(snapshot->segments().size(), 4u);
  ASSERT_GT(snapshot->deleted_doc_count(), 0u);

  const Language languages[] = {Language::kEnglish, Language::kFrench};
  QueryAnalyzers analyzers[] = {QueryAnalyzers::For(languages[0], reader->analyzer_options()),
                                QueryAnalyzers::For(languages[1], reader->analyzer_options())};
  RandomQueries queries(kSeed);
  std::mt19937_64 rng(kSeed + 1);
  const std::size_t ks[] = {1, 3, 10, 50, 1000};
  int nonempty = 0;
  std::uint64_t pruned_scored = 0;
  std::uint64_t exhaustive_scored = 0;
  for (int i = 0; i < kQueries; ++i) {
    const Query query = queries.Make(0);
    ASSERT_TRUE(query.Validate().ok()) << query.ToString();
    const scoring::Bm25Params params{0.2 + static_cast<double>(rng() % 30) / 10.0,
                                     static_cast<double>(rng() % 11) / 10.0};
    const std::size_t k = ks[rng() % 5];
    const int mode = static_cast<int>(rng() % 3);  // English, French, or both.
    std::vector<CompiledQuery> compiled;
    for (int l = 0; l < 2; ++l) {
      if (mode != 2 && mode != l) continue;
      Result<CompiledQuery> one = CompiledQuery::Compile(query, languages[l], *analyzers[l].words,
                                                         *analyzers[l].prefixes, *snapshot, params);
      ASSERT_TRUE(one.ok()) << one.status().ToString();
      compiled.push_back(*std::move(one));
    }
    std::vector<const CompiledQuery*> pointers;
    for (const CompiledQuery& one : compiled) {
      if (!one.empty()) pointers.push_back(&one);
    }
    const std::string where = "seed " + std::to_string(kSeed) + ", query #" + std::to_string(i) +
                              " [" + query.ToString() + "] k=" + std::to_string(k) +
                              " mode=" + std::to_string(mode) + " k1=" + std::to_string(params.k1) +
                              " b=" + std::to_string(params.b);
    TopKStats pruned_stats;
    TopKStats exhaustive_stats;
    Result<std::vector<ScoredDoc>> pruned =
        TopK(*snapshot, pointers, k, Pruning::kOn, &pruned_stats);
    Result<std::vector<ScoredDoc>> exhaustive =
        TopK(*snapshot, pointers, k, Pruning::kOff, &exhaustive_stats);
    if (k <= 10) {
      pruned_scored += pruned_stats.scored;
      exhaustive_scored += exhaustive_stats.scored;
    }
    ASSERT_LE(pruned_stats.scored, exhaustive_stats.scored) << where;
    ASSERT_TRUE(pruned.ok()) << where << ": " << pruned.status().ToString();
    ASSERT_TRUE(exhaustive.ok()) << where << ": " << exhaustive.status().ToString();
    ASSERT_EQ(pruned->size(), exhaustive->size())
        << where << "\npruned " << Describe(*pruned) << "\nexhaustive " << Describe(*exhaustive);
    for (std::size_t h = 0; h < pruned->size(); ++h) {
      const ScoredDoc& a = (*pruned)[h];
      const ScoredDoc& b = (*exhaustive)[h];
      ASSERT_TRUE(a.segment == b.segment && a.doc == b.doc && Bits(a.score) == Bits(b.score))
          << where << " hit " << h << "\npruned " << Describe(*pruned) << "\nexhaustive "
          << Describe(*exhaustive);
      if (h > 0) {
        ASSERT_TRUE(RanksBefore((*pruned)[h - 1], a)) << where;
      }
      ASSERT_TRUE(snapshot->segments()[a.segment].IsLive(a.doc)) << where;
    }
    if (!pruned->empty()) ++nonempty;
  }
  // The generator must exercise matching, not only empty results.
  EXPECT_GT(nonempty, kQueries / 2);
  // And pruning must skip work: for k <= 10, far fewer documents scored than matched.
  EXPECT_LT(pruned_scored * 3, exhaustive_scored * 2)
      << "pruned " << pruned_scored << " exhaustive " << exhaustive_scored;
  std::printf("documents scored: pruned %llu, exhaustive %llu\n",
              static_cast<unsigned long long>(pruned_scored),
              static_cast<unsigned long long>(exhaustive_scored));
}

}  // namespace
}  // namespace hexaglot::query

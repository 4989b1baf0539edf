#include "scoring/bm25.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace hexaglot::scoring {
namespace {

struct Pair {
  std::uint32_t tf;
  std::uint32_t length;
};

TEST(Bm25Test, IdfMatchesHandComputedValues) {
  // ln(1 + (1000 - 10 + 0.5) / (10 + 0.5)) = ln(1 + 990.5 / 10.5)
  EXPECT_NEAR(Idf(1000, 10), 4.557379522151743, 1e-12);
  // df = N: ln(1 + 0.5 / (N + 0.5)).
  EXPECT_NEAR(Idf(4, 4), std::log(1.0 + 0.5 / 4.5), 1e-15);
  // Deleted documents still count in df; it is capped at N so idf stays positive.
  EXPECT_DOUBLE_EQ(Idf(4, 9), Idf(4, 4));
  EXPECT_GT(Idf(4, 9), 0.0);
  EXPECT_NEAR(Idf(1, 0), std::log(1.0 + 1.5 / 0.5), 1e-15);
}

TEST(Bm25Test, ScoreMatchesHandComputedValues) {
  // idf 2, k1 1.2, b 0.75, avgdl 10: tf 3, length 20:
  // 2 * 3 * 2.2 / (3 + 1.2 * (0.25 + 0.75 * 2)) = 13.2 / 5.1
  const Bm25Term term(2.0, {1.2, 0.75}, 10.0);
  EXPECT_NEAR(term.Score(3, 20), 13.2 / 5.1, 1e-12);
  // Anserini's defaults, k1 0.9, b 0.4, avgdl 5: tf 1, length 5: the norm is k1.
  const Bm25Term passage(1.5, {0.9, 0.4}, 5.0);
  EXPECT_NEAR(passage.Score(1, 5), 1.5 * 1.9 / 1.9, 1e-12);
  // b = 0 ignores the length; k1 = 0 ignores tf.
  const Bm25Term no_length(1.0, {1.0, 0.0}, 7.0);
  EXPECT_DOUBLE_EQ(no_length.Score(2, 1), no_length.Score(2, 1000));
  const Bm25Term no_tf(1.25, {0.0, 0.5}, 7.0);
  EXPECT_DOUBLE_EQ(no_tf.Score(1, 3), 1.25);
  EXPECT_DOUBLE_EQ(no_tf.Score(9, 300), 1.25);
  // No live documents: the average length is taken as 1 rather than dividing by 0.
  const Bm25Term empty(1.0, {1.2, 0.75}, 0.0);
  EXPECT_TRUE(std::isfinite(empty.Score(1, 4)));
}

TEST(Bm25Test, ScoreGrowsWithTfAndFallsWithLength) {
  const Bm25Term term(1.0, {1.2, 0.75}, 12.0);
  EXPECT_LT(term.Score(1, 10), term.Score(2, 10));
  EXPECT_GT(term.Score(2, 10), term.Score(2, 11));
}

TEST(Bm25Test, UpperBoundOfParetoPairsBoundsEveryDominatedDocumentForRandomParameters) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 2000; ++round) {
    const Bm25Params params{static_cast<double>(rng() % 1000) / 100.0,
                            static_cast<double>(rng() % 101) / 100.0};
    const Bm25Term term(0.1 + static_cast<double>(rng() % 100) / 10.0, params,
                        1.0 + static_cast<double>(rng() % 200));
    // A block of documents and its Pareto frontier (no pair dominated by another).
    std::vector<Pair> docs;
    for (int i = 0; i < 128; ++i) {
      docs.push_back({1 + static_cast<std::uint32_t>(rng() % 20),
                      1 + static_cast<std::uint32_t>(rng() % 500)});
    }
    std::vector<Pair> frontier;
    for (const Pair& d : docs) {
      bool dominated = false;
      for (const Pair& e : docs) {
        if ((e.tf >= d.tf && e.length < d.length) || (e.tf > d.tf && e.length <= d.length)) {
          dominated = true;
          break;
        }
      }
      if (!dominated) frontier.push_back(d);
    }
    ASSERT_FALSE(frontier.empty());
    const double bound = term.UpperBound(frontier);
    double best = 0.0;
    for (const Pair& d : docs) {
      const double score = term.Score(d.tf, d.length);
      ASSERT_GE(bound, score) << "round " << round << " k1 " << params.k1 << " b " << params.b;
      best = std::max(best, score);
    }
    // Tight: the slack is the only gap.
    EXPECT_NEAR(bound, best * kBoundSlack, best * 1e-15);
  }
}

}  // namespace
}  // namespace hexaglot::scoring

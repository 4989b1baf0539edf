#include "metrics.h"

#include <gtest/gtest.h>

namespace hexaglot::tool {
namespace {

const Judgments kJudgments = {{"a", 1}, {"c", 2}, {"d", 1}, {"x", 0}};

TEST(MetricsTest, NdcgUsesLinearGainsAndTheIdealOfJudgedGrades) {
  // DCG = 1/log2(2) + 2/log2(4) = 2; ideal 2, 1, 1 = 2 + 1/log2(3) + 1/2.
  EXPECT_NEAR(NdcgAt({"a", "b", "c"}, kJudgments, 10), 0.6387878864795979, 1e-12);
  EXPECT_DOUBLE_EQ(NdcgAt({"c", "a", "d"}, kJudgments, 10), 1.0);
  EXPECT_DOUBLE_EQ(NdcgAt({"b", "a"}, kJudgments, 1), 0.0);
  EXPECT_DOUBLE_EQ(NdcgAt({"a"}, {{"a", 0}}, 10), 0.0);
}

TEST(MetricsTest, ReciprocalRankStopsAtK) {
  EXPECT_DOUBLE_EQ(ReciprocalRankAt({"a", "b"}, kJudgments, 10), 1.0);
  EXPECT_DOUBLE_EQ(ReciprocalRankAt({"b", "x", "c"}, kJudgments, 10), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(ReciprocalRankAt({"b", "x", "c"}, kJudgments, 2), 0.0);
}

TEST(MetricsTest, RecallCountsRelevantOnly) {
  EXPECT_DOUBLE_EQ(RecallAt({"a", "x", "c"}, kJudgments, 100), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(RecallAt({"a", "x", "c"}, kJudgments, 2), 1.0 / 3.0);
}

TEST(MetricsTest, AveragePrecisionCountsUnretrievedAsZero) {
  EXPECT_NEAR(AveragePrecision({"a", "b", "c"}, kJudgments), 0.5555555555555555, 1e-12);
  EXPECT_DOUBLE_EQ(AveragePrecision({}, kJudgments), 0.0);
}

TEST(MetricsTest, EvaluateAveragesOverJudgedQueriesAndScoresMissingRunsZero) {
  const Qrels qrels = {{"q1", kJudgments}, {"q2", {{"z", 1}}}, {"q3", {{"a", 0}}}};
  const std::map<std::string, Ranking, std::less<>> runs = {{"q1", {"c", "a", "d"}}};
  const EvalSummary summary = Evaluate(qrels, runs);
  EXPECT_EQ(summary.queries, 2u);  // q3 has no relevant judgment.
  EXPECT_DOUBLE_EQ(summary.ndcg_at_10, 0.5);
  EXPECT_DOUBLE_EQ(summary.mrr_at_10, 0.5);
  EXPECT_DOUBLE_EQ(summary.recall_at_100, 0.5);
  EXPECT_DOUBLE_EQ(summary.map, 0.5);
}

TEST(MetricsTest, ParsesBeirQrelsAndRejectsMalformedLines) {
  Result<Qrels> qrels =
      ParseQrels("query-id\tcorpus-id\tscore\n1\td7\t2\n1 d9 0\n\n2\td1\t1\n", "q.tsv");
  ASSERT_TRUE(qrels.ok()) << qrels.status().message();
  ASSERT_EQ(qrels->size(), 2u);
  EXPECT_EQ(qrels->at("1").at("d7"), 2);
  EXPECT_EQ(qrels->at("1").at("d9"), 0);
  EXPECT_EQ(qrels->at("2").at("d1"), 1);

  Result<Qrels> bad = ParseQrels("1\td7\t2\n1\td8\n", "q.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "q.tsv:2: expected 'query-id corpus-id grade'");
  EXPECT_FALSE(ParseQrels("1 d7 high\n", "q.tsv").ok());
}

}  // namespace
}  // namespace hexaglot::tool

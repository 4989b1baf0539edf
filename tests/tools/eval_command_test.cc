// End-to-end tests of `hexaglot eval` on a tiny BEIR collection whose measures are worked
// out by hand, and of evaluating an existing TREC run.

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "tools/tool_test_util.h"

namespace hexaglot {
namespace {

using testing::ToolRun;

class EvalCommandTest : public testing::ToolTest {
 protected:
  void SetUp() override {
    ToolTest::SetUp();
    // Our own sentences, not UN text. q1's one relevant document is the only one with
    // "orchard"; q2 has two relevant documents, and only d2 mentions "harbour".
    WriteFile("corpus.jsonl",
              R"({"_id": "d1", "title": "Orchard", "text": "An orchard of old apple trees."})"
              "\n"
              R"({"_id": "d2", "title": "", "text": "Boats wait in the harbour at dawn."})"
              "\n"
              R"({"_id": "d3", "title": "Fields", "text": "Wheat grows in the fields."})"
              "\n");
    WriteFile("queries.jsonl",
              "{\"_id\": \"q1\", \"text\": \"orchard (apple)\"}\n"
              "{\"_id\": \"q2\", \"text\": \"harbour: boats?\"}\n"
              "{\"_id\": \"q3\", \"text\": \"unjudged\"}\n");
    WriteFile("qrels.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\nq2\td3\t1\n");
  }
};

TEST_F(EvalCommandTest, MeasuresMatchTheHandComputedValues) {
  const ToolRun run = Run({"eval", "--corpus", "corpus.jsonl", "--queries", "queries.jsonl",
                           "--qrels", "qrels.tsv", "--json", "--run", "run.trec"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json measures = nlohmann::json::parse(run.out);
  EXPECT_EQ(measures["queries"], 2);
  // q1: d1 first: every measure 1. q2: d2 first, d3 never retrieved: nDCG@10 =
  // 1 / (1 + 1/log2(3)), MRR 1, Recall@100 0.5, AP 0.5.
  const double q2_ndcg = 1.0 / (1.0 + 1.0 / std::log2(3.0));
  EXPECT_NEAR(measures["ndcg@10"].get<double>(), (1.0 + q2_ndcg) / 2, 1e-12);
  EXPECT_DOUBLE_EQ(measures["mrr@10"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(measures["recall@100"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(measures["map"].get<double>(), 0.75);

  // The run file it wrote gives the same measures when evaluated on its own.
  const ToolRun again = Run({"eval", "qrels.tsv", "run.trec", "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(nlohmann::json::parse(again.out), measures);
  EXPECT_EQ(ReadAll(dir_ / "run.trec").rfind("q1 Q0 d1 1 ", 0), 0u);
}

TEST_F(EvalCommandTest, ReusesAnIndexAndReportsBadInputs) {
  ToolRun run = Run({"eval", "--corpus", "corpus.jsonl", "--queries", "queries.jsonl", "--qrels",
                     "qrels.tsv", "--index", "idx"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("3 added"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("queries 2  nDCG@10 "), std::string::npos) << run.out;
  run = Run({"eval", "--corpus", "corpus.jsonl", "--queries", "queries.jsonl", "--qrels",
             "qrels.tsv", "--index", "idx"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("0 added, 0 changed, 0 removed, 3 unchanged"), std::string::npos)
      << run.err;

  WriteFile("bad-qrels.tsv", "q1\td1\n");
  run = Run({"eval", "--corpus", "corpus.jsonl", "--queries", "queries.jsonl", "--qrels",
             "bad-qrels.tsv"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("bad-qrels.tsv:1: expected 'query-id corpus-id grade'"), std::string::npos)
      << run.err;

  WriteFile("bad-queries.jsonl", "{\"_id\": \"q1\"}\n");
  run = Run({"eval", "--corpus", "corpus.jsonl", "--queries", "bad-queries.jsonl", "--qrels",
             "qrels.tsv"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("bad-queries.jsonl:1:"), std::string::npos) << run.err;

  run = Run({"eval", "--queries", "queries.jsonl"});
  EXPECT_EQ(run.exit_code, 2);
}

}  // namespace
}  // namespace hexaglot

// End-to-end tests of `hexaglot dump terms|postings|doc`.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tools/tool_test_util.h"

namespace hexaglot {
namespace {

using testing::Lines;
using testing::ToolRun;

class DumpCommandTest : public testing::ToolTest {
 protected:
  void SetUp() override {
    ToolTest::SetUp();
    IndexCompendium("idx");
  }
};

TEST_F(DumpCommandTest, TermsOfAFieldWithPrefixAndLimit) {
  ToolRun run = Run({"dump", "terms", "--index", "idx", "--prefix", "smuggl"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  // language, term, document frequency, total frequency.
  EXPECT_EQ(run.out, "en\tsmuggl\t69\t133\nen\tsmuggler\t7\t9\n");

  run = Run({"dump", "terms", "--index", "idx", "--field", "paper", "--json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_FALSE(lines.empty());
  const nlohmann::json first = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(first["field"], "paper");
  EXPECT_TRUE(first["lang"].is_null());
  EXPECT_TRUE(first["term"].get<std::string>().starts_with("CTOC/COP/WG.7/")) << first;
  EXPECT_GT(first["doc_freq"].get<int>(), 0);

  run = Run({"dump", "terms", "--index", "idx", "--limit", "3", "--lang", "en"});
  EXPECT_EQ(Lines(run.out).size(), 3u);
  run = Run({"dump", "terms", "--index", "idx", "--lang", "fr"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "") << "no French paragraph";

  run = Run({"dump", "terms", "--index", "idx", "--field", "body"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("unknown field \"body\""), std::string::npos) << run.err;
}

TEST_F(DumpCommandTest, PostingsAnalyseTheTermUnlessRaw) {
  ToolRun run = Run({"dump", "postings", "Smuggling", "--index", "idx", "--lang", "en"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(
      run.out.starts_with("text en:smuggl  69 live of 69 documents\n"
                          "  V.21-05340/en/1  tf 2  positions 9 44  (seg-0 #0)\n"))
      << run.out;

  run = Run({"dump", "postings", "smuggl", "--raw", "--index", "idx", "--json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 69u);
  const nlohmann::json posting = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(posting["id"], "V.21-05340/en/1");
  EXPECT_EQ(posting["lang"], "en");
  EXPECT_EQ(posting["term"], "smuggl");
  EXPECT_EQ(posting["tf"], 2);
  EXPECT_EQ(posting["positions"], nlohmann::json::array({9, 44}));

  run = Run({"dump", "postings", "smuggling", "--raw", "--index", "idx"});
  EXPECT_EQ(run.exit_code, 1) << "the unstemmed word is not an indexed term";
  EXPECT_NE(run.err.find("no document has the term \"smuggling\""), std::string::npos);

  run = Run({"dump", "postings", "?!", "--index", "idx", "--lang", "en"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("does not analyse to one term (en: 0 terms)"), std::string::npos)
      << run.err;

  run = Run({"dump", "postings", "CTOC/COP/WG.7/2013/3", "--field", "paper", "--index", "idx"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("V.21-05340/en/16  tf 1  ("), std::string::npos) << run.out;
}

TEST_F(DumpCommandTest, DocPrintsTheStoredRecordAsJson) {
  ToolRun run = Run({"dump", "doc", "V.21-05340/en/16", "--index", "idx"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json record = nlohmann::json::parse(run.out);
  EXPECT_EQ(record["id"], "V.21-05340/en/16");
  EXPECT_EQ(record["paper"], "CTOC/COP/WG.7/2013/3");
  EXPECT_EQ(record["year"], 2013);

  // The same record as `parse --json` gives.
  const ToolRun parsed = Run({"parse", "--json", Compendium()});
  EXPECT_NE(parsed.out.find(run.out), std::string::npos);

  run = Run({"dump", "doc", "V.21-05340/en/999", "--index", "idx"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "hexaglot: no paragraph has the id \"V.21-05340/en/999\"\n");
  EXPECT_EQ(Run({"dump", "--index", "idx"}).exit_code, 2) << "a subcommand is required";
}

}  // namespace
}  // namespace hexaglot

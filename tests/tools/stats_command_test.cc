// End-to-end tests of `hexaglot stats` and `hexaglot merge`.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tools/tool_test_util.h"

namespace hexaglot {
namespace {

using testing::ToolRun;

class StatsCommandTest : public testing::ToolTest {};

TEST_F(StatsCommandTest, JsonHasTheIndexFigures) {
  IndexCompendium("idx");
  const ToolRun run = Run({"stats", "idx", "--json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::ordered_json stats = nlohmann::ordered_json::parse(run.out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : stats.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"index", "generation", "documents", "deleted", "terms",
                                            "postings", "bits_per_posting", "bytes", "analysis",
                                            "segments", "files", "languages"}));
  EXPECT_EQ(stats["analysis"], "--exact-forms ar,fr,ru,es --chinese bigrams");
  EXPECT_EQ(stats["documents"], 79);
  EXPECT_EQ(stats["deleted"], 0);
  EXPECT_GT(stats["terms"].get<int>(), 1000);
  EXPECT_GT(stats["bits_per_posting"].get<double>(), 1.0);
  ASSERT_EQ(stats["segments"].size(), 1u);
  EXPECT_EQ(stats["segments"][0]["documents"], 79);
  ASSERT_EQ(stats["languages"].size(), 1u);
  EXPECT_EQ(stats["languages"][0]["lang"], "en");
  EXPECT_EQ(stats["languages"][0]["documents"], 79);
  std::vector<std::string> kinds;
  std::uint64_t bytes = 0;
  for (const nlohmann::ordered_json& file : stats["files"]) {
    kinds.push_back(file["kind"]);
    bytes += file["bytes"].get<std::uint64_t>();
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"manifest", "positions", "postings", "segment-meta",
                                             "stored", "terms"}));
  EXPECT_EQ(stats["bytes"].get<std::uint64_t>(), bytes);
}

TEST_F(StatsCommandTest, HumanOutputHasNoEscapeCodesUnlessAsked) {
  IndexCompendium("idx");
  ToolRun run = Run({"stats", "idx"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("  documents   79 (0 deleted)\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\nlanguages\n  en "), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos);
  run = Run({"stats", "idx", "--color", "always"});
  EXPECT_NE(run.out.find("\x1b[1mlanguages\x1b[0m"), std::string::npos) << run.out;
  SetEnv("NO_COLOR", "");
  run = Run({"stats", "idx", "--color", "auto"});
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(Run({"stats", "idx", "--color", "sometimes"}).exit_code, 2);
}

TEST_F(StatsCommandTest, MergeReportsSegmentsBeforeAndAfter) {
  // Three commits of small files: three segments (the merge policy leaves tiny ones).
  for (const char* name : {"a", "b", "c"}) {
    WriteFile(std::string(name) + ".txt",
              std::string("Paragraph one of ") + name + ".\n\nParagraph two of " + name + ".\n");
    ASSERT_EQ(
        Run({"index", "--index", "idx", "--lang", "en", std::string(name) + ".txt"}).exit_code, 0);
  }
  ToolRun run = Run({"stats", "idx", "--json"});
  ASSERT_EQ(nlohmann::json::parse(run.out)["segments"].size(), 3u) << run.out;

  run = Run({"merge", "idx", "--max-segments", "2", "--json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["segments_before"], 3);
  EXPECT_EQ(report["segments_after"], 2);
  EXPECT_EQ(report["documents"], 6);

  run = Run({"merge", "--index", "idx"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with("idx: 2 segments (")) << run.out;
  EXPECT_NE(run.out.find(" -> 1 ("), std::string::npos) << run.out;
  EXPECT_EQ(Run({"check", "idx"}).exit_code, 0);

  EXPECT_EQ(Run({"merge", "idx", "--max-segments", "0"}).exit_code, 2);
  run = Run({"merge", "missing"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "missing")) << "merge never creates an index";
}

}  // namespace
}  // namespace hexaglot

// End-to-end tests of `hexaglot check`: a clean index, a corrupt one (exit 1 naming the
// file), and a missing one (exit 3).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tools/tool_test_util.h"

namespace hexaglot {
namespace {

using testing::ToolRun;

class CheckCommandTest : public testing::ToolTest {};

TEST_F(CheckCommandTest, ACleanIndexIsOk) {
  IndexCompendium("idx");
  ToolRun run = Run({"check", "idx"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "ok: 79 documents, generation 2\n");
  run = Run({"check", "--index", "idx", "--json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json result = nlohmann::json::parse(run.out);
  EXPECT_EQ(result["ok"], true);
  EXPECT_EQ(result["documents"], 79);
  EXPECT_EQ(result["generation"], 2);
}

TEST_F(CheckCommandTest, AFlippedByteOfASegmentFailsNamingTheFile) {
  IndexCompendium("idx");
  const std::filesystem::path postings = dir_ / "idx" / "seg-0.post";
  std::string bytes = ReadAll(postings);
  ASSERT_GT(bytes.size(), 100u);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x40);
  std::ofstream(postings, std::ios::binary | std::ios::trunc) << bytes;

  ToolRun run = Run({"check", "idx"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(run.err.starts_with("hexaglot: error: seg-0.post: ")) << run.err;
  EXPECT_NE(run.err.find("byte offset"), std::string::npos) << run.err;

  run = Run({"check", "idx", "--json"});
  EXPECT_EQ(run.exit_code, 1);
  const nlohmann::json result = nlohmann::json::parse(run.out);
  EXPECT_EQ(result["ok"], false);
  EXPECT_TRUE(result["error"].get<std::string>().starts_with("seg-0.post: "));
}

TEST_F(CheckCommandTest, AMissingIndexIsExitThreeWithAHint) {
  ToolRun run = Run({"check", "nowhere"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err,
            "hexaglot: error: nowhere: index directory does not exist; create it with: hexaglot "
            "index FILE... --index nowhere\n");
  std::filesystem::create_directories(dir_ / "empty");
  run = Run({"check", "empty"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("no index in"), std::string::npos) << run.err;
  EXPECT_EQ(Run({"check", "a", "--index", "b"}).exit_code, 2) << "DIR and --index exclude";
}

TEST_F(CheckCommandTest, AFolderOfOtherFilesIsNoIndexAndNoPlaceForOne) {
  std::filesystem::create_directories(dir_ / "papers");
  WriteFile("papers/seg-3.pdf", "%PDF");
  const ToolRun run = Run({"check", "papers"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("no index in"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("holds other files"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("create it with"), std::string::npos) << "hexaglot index would refuse";
}

TEST_F(CheckCommandTest, SegmentFilesWithoutAManifestAreDamage) {
  IndexCompendium("idx");
  for (const auto& entry : std::filesystem::directory_iterator(dir_ / "idx")) {
    if (entry.path().filename().string().starts_with("manifest-")) {
      std::filesystem::remove(entry.path());
    }
  }
  ToolRun run = Run({"check", "idx"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("but no manifest: the index is damaged"), std::string::npos) << run.err;
  run = Run({"check", "idx", "--json"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(nlohmann::json::parse(run.out)["ok"], false);
}

}  // namespace
}  // namespace hexaglot

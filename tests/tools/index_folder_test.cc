// End-to-end tests of the index folder as the writing commands (`index`, `merge`) meet it:
// a folder that is not an index is refused untouched, a lost manifest is damage (not
// absence), and a second writer exits 5 ("busy") at once or after --wait.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "hexaglot/index_writer.h"
#include "tools/tool_test_util.h"

namespace hexaglot {
namespace {

using testing::ToolRun;

class IndexFolderTest : public testing::ToolTest {
 protected:
  // The sorted names of the files in `folder` (of the test's folder).
  std::vector<std::string> FilesIn(const std::string& folder) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir_ / folder)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }
};

TEST_F(IndexFolderTest, IndexRefusesAFolderThatIsNotAnIndex) {
  std::filesystem::create_directories(dir_ / "shipping");
  WriteFile("shipping/manifest-shipping.txt", "3 crates");
  WriteFile("shipping/seg-3.pdf", "%PDF");
  const std::vector<std::string> before = FilesIn("shipping");

  const ToolRun run = Run({"index", "-o", "shipping", Compendium()});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("shipping is not empty and holds no index"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("manifest-shipping.txt"), std::string::npos) << run.err;
  EXPECT_EQ(FilesIn("shipping"), before) << "nothing created, nothing removed";
  EXPECT_EQ(ReadAll(dir_ / "shipping/seg-3.pdf"), "%PDF");

  // An empty folder, or one that does not exist, is fine.
  std::filesystem::create_directories(dir_ / "empty");
  EXPECT_EQ(Run({"index", "-o", "empty", Compendium()}).exit_code, 0);
  EXPECT_EQ(Run({"index", "-o", "new/deeper", Compendium()}).exit_code, 0);
}

TEST_F(IndexFolderTest, FilesThatOnlyLookLikeIndexFilesStay) {
  IndexCompendium("idx");
  for (const char* name : {"manifest-shipping.txt", "seg-3.pdf", "seg-03.meta", "seg-1"}) {
    WriteFile(std::string("idx/") + name, "mine");
  }
  const ToolRun run = Run({"index", "-o", "idx", "--rebuild", Compendium()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  for (const char* name : {"manifest-shipping.txt", "seg-3.pdf", "seg-03.meta", "seg-1"}) {
    EXPECT_EQ(ReadAll(dir_ / "idx" / name), "mine") << name;
  }
  EXPECT_EQ(Run({"check", "idx"}).exit_code, 0);
}

TEST_F(IndexFolderTest, LostManifestIsDamageAndTheSegmentsStay) {
  IndexCompendium("idx");
  for (const std::string& name : FilesIn("idx")) {
    if (name.starts_with("manifest-")) std::filesystem::remove(dir_ / "idx" / name);
  }
  const std::vector<std::string> segments = FilesIn("idx");

  ToolRun run = Run({"check", "idx"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("but no manifest: the index is damaged"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("create it with"), std::string::npos) << run.err;
  run = Run({"search", "--index", "idx", "water"});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_NE(run.err.find("no manifest"), std::string::npos) << run.err;
  // Following the old advice must not destroy the segments.
  run = Run({"index", "-o", "idx", Compendium()});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_NE(run.err.find("remove the folder to start over"), std::string::npos) << run.err;
  EXPECT_EQ(FilesIn("idx"), segments);
}

TEST_F(IndexFolderTest, ASecondWriterExitsBusyOrWaits) {
  const std::string path = IndexCompendium("idx");
  auto writer = IndexWriter::Open(path);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();

  ToolRun run = Run({"index", "-o", "idx", Compendium()});
  EXPECT_EQ(run.exit_code, 5) << run.err;
  EXPECT_NE(run.err.find("index is locked by another writer"), std::string::npos) << run.err;
  run = Run({"merge", "idx", "--wait", "0.2"});
  EXPECT_EQ(run.exit_code, 5) << run.err;
  EXPECT_NE(run.err.find("(waited 200 ms)"), std::string::npos) << run.err;

  // The holder lets go while the command waits.
  std::thread release([&writer] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    writer->reset();
  });
  run = Run({"index", "-o", "idx", "--wait", "60", Compendium()});
  release.join();
  EXPECT_EQ(run.exit_code, 0) << run.err;

  EXPECT_EQ(Run({"index", "-o", "idx", "--wait", "-1", Compendium()}).exit_code, 2);
  EXPECT_EQ(Run({"merge", "idx", "--wait", "nan"}).exit_code, 2);
}

}  // namespace
}  // namespace hexaglot

// The golden index: an index of the current format version, checked in under
// tests/index/golden/v<kFormatVersion>/, must keep opening with the same contents.
//
// To regenerate it after a format change (bump kFormatVersion first, and keep the older
// folders while their versions stay readable):
//   HEXAGLOT_REGENERATE_GOLDEN=1 build/dev/tests/index/index_golden_test
// then commit the new folder.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "format/file_format.h"
#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "index/index_files.h"
#include "index_test_util.h"
#include "test_data.h"

namespace hexaglot {
namespace {

namespace fs = std::filesystem;

fs::path GoldenFolder() {
  return testing::SourcePath("tests/index/golden/v" + std::to_string(format::kFormatVersion));
}

// The golden index's history: commit 2 adds SmallCorpus and one extra Spanish paragraph,
// commit 3 deletes the extra one (so a deletions file is part of it).
const Paragraph& ExtraParagraph() {
  static const Paragraph extra = testing::MakeParagraph(
      "TEST/1", Language::kSpanish, 1, "Un párrafo que se borra.", "Gestión de fronteras");
  return extra;
}

void RegenerateGolden(const fs::path& folder) {
  std::error_code error;
  fs::remove_all(folder, error);
  IndexWriterOptions options;
  options.threads = 1;
  options.merge_on_commit = false;
  {
    auto writer = IndexWriter::Open(folder.string(), options);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    ASSERT_TRUE((*writer)->AddAll(testing::SmallCorpus()).ok());
    ASSERT_TRUE((*writer)->Add(ExtraParagraph()).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    ASSERT_EQ(*(*writer)->DeleteById(ExtraParagraph().id), 1u);
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  fs::remove(folder / "LOCK", error);  // The writer's lock file is not part of the index.
}

TEST(GoldenIndexTest, OpensWithTheSameContents) {
  const fs::path folder = GoldenFolder();
  if (const char* regenerate = std::getenv("HEXAGLOT_REGENERATE_GOLDEN");
      regenerate != nullptr && std::string(regenerate) == "1") {
    RegenerateGolden(folder);
  }
  ASSERT_TRUE(fs::is_directory(folder))
      << folder << " is missing: regenerate it (see the top of this file)";
  Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(folder.string());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->generation(), 3u);
  EXPECT_TRUE(fs::exists(folder / index::ManifestFileName(3)));
  const std::vector<Paragraph> corpus = testing::SmallCorpus();
  EXPECT_EQ((*reader)->doc_count(), corpus.size());
  for (const Paragraph& p : corpus) {
    Result<std::optional<Paragraph>> got = (*reader)->Get(p.id);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_TRUE(got->has_value()) << p.id;
    EXPECT_EQ(**got, p);
  }
  EXPECT_FALSE((*reader)->Get(ExtraParagraph().id)->has_value());
  Status check = (*reader)->Check();
  EXPECT_TRUE(check.ok()) << check.ToString();

  Result<IndexStats> stats = (*reader)->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->deleted_documents, 1u);
  ASSERT_EQ(stats->segments.size(), 1u);
  EXPECT_EQ(stats->segments[0].documents, 13u);
  ASSERT_EQ(stats->languages.size(), 3u);
  for (const IndexLanguageStats& language : stats->languages) {
    EXPECT_EQ(language.documents, 4u) << LanguageCode(language.language);
  }
  EXPECT_TRUE((*reader)->analyzer_options().stem);
  EXPECT_EQ((*reader)->analyzer_options().chinese_mode, ChineseMode::kBigrams);
}

}  // namespace
}  // namespace hexaglot

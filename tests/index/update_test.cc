// Re-indexing an updated compendium: only what changed is rewritten, and counted.

#include <gtest/gtest.h>

#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "hexaglot/ingest.h"
#include "test_data.h"

namespace hexaglot {
namespace {

TEST(UpdateTest, ReindexingAnEditedCompendiumCountsEachChange) {
  Result<ParseResult> parsed =
      ParseFile(testing::SourcePath("corpus/wg7-compendium-2021.en.md").string());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const std::vector<Paragraph> original = parsed->paragraphs;
  // The figures (76 unchanged) assume 78 paragraphs; the parser reads 79, so one
  // edit, one removal and one addition leave 77 unchanged.
  ASSERT_EQ(original.size(), 79u);

  auto storage = IndexStorage::InMemory();
  auto writer = IndexWriter::Open(storage);
  ASSERT_TRUE(writer.ok());
  Result<UpdateCounts> first = (*writer)->Update(original);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, (UpdateCounts{.added = 79}));
  ASSERT_TRUE((*writer)->Commit().ok());

  // The next edition: paragraph 10 edited, paragraph 20 gone, one new paragraph.
  std::vector<Paragraph> edition = original;
  Paragraph& edited = edition[10];
  edited.text += " This sentence was added in the test edition.";
  edited.hash = ContentHash(edited);
  const std::string removed_id = edition[20].id;
  edition.erase(edition.begin() + 20);
  Paragraph added = edition.back();
  added.number = "999";
  added.id = added.doc + "/en/999";
  added.parallel = added.doc + "/999";
  added.text = "A paragraph that only the test edition has.";
  added.hash = ContentHash(added);
  edition.push_back(added);

  Result<UpdateCounts> counts = (*writer)->Update(edition);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(*counts, (UpdateCounts{.added = 1, .changed = 1, .removed = 1, .unchanged = 77}));
  ASSERT_TRUE((*writer)->Commit().ok());

  auto reader = IndexReader::Open(storage);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->doc_count(), 79u);
  EXPECT_EQ(**(*reader)->Get(edited.id), edited);
  EXPECT_EQ(**(*reader)->Get(added.id), added);
  EXPECT_FALSE((*reader)->Get(removed_id)->has_value());
  EXPECT_EQ(**(*reader)->Get(original[0].id), original[0]);
  EXPECT_TRUE((*reader)->Check().ok()) << (*reader)->Check().ToString();

  // Once more: nothing to do.
  counts = (*writer)->Update(edition);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(*counts, (UpdateCounts{.unchanged = 79}));
}

}  // namespace
}  // namespace hexaglot

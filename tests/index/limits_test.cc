// Limits: a 10 MB paragraph, a 1 MB word, a paragraph over kMaxParagraphBytes, and many tiny
// documents (200,000 here; bench/index_bench.cc's BM_IndexTinyDocuments does a million).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "format/segment.h"
#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "index/reader_access.h"
#include "index/snapshot.h"
#include "index/storage.h"
#include "index_test_util.h"

namespace hexaglot {
namespace {

// About `bytes` of English-like text from a small vocabulary (made up, not UN text).
std::string LongText(std::size_t bytes) {
  static const char* words[] = {"border", "migrants", "smuggling",   "rescue", "sea",
                                "the",    "of",       "cooperation", "court",  "evidence"};
  std::string text;
  text.reserve(bytes + 16);
  for (std::size_t i = 0; text.size() < bytes; ++i) {
    text += words[(i * 7 + i / 10) % 10];
    text += i % 17 == 16 ? ". " : " ";
  }
  return text;
}

// The longest term key of any segment of the reader's snapshot.
std::size_t LongestTermKey(const IndexReader& reader) {
  std::size_t longest = 0;
  for (const index::SegmentView& segment : index::SnapshotOf(reader)->segments()) {
    for (auto terms = segment.reader->Terms(); terms->Valid(); terms->Next()) {
      longest = std::max(longest, terms->key().size());
    }
  }
  return longest;
}

TEST(LimitsTest, TenMegabyteParagraphIsIndexedAndReadBack) {
  Paragraph big =
      testing::MakeParagraph("BIG/1", Language::kEnglish, 1, LongText(std::size_t{10} << 20));
  std::shared_ptr<IndexStorage> storage = IndexStorage::InMemory();
  {
    auto writer = IndexWriter::Open(storage);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Add(big).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  auto reader = IndexReader::Open(storage);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->doc_count(), 1u);
  Result<std::optional<Paragraph>> got = (*reader)->Get(big.id);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ(**got, big);
  Result<IndexStats> stats = (*reader)->Stats();
  ASSERT_TRUE(stats.ok());
  ASSERT_EQ(stats->languages.size(), 1u);
  // Ten words of which two are stop words ("the", "of"): 8 of every 10 positions indexed,
  // but every word takes a position.
  EXPECT_GT(stats->languages[0].text_length, 1'000'000u);
  EXPECT_TRUE((*reader)->Check().ok());
}

TEST(LimitsTest, MegabyteWordIsStoredButNotATerm) {
  const std::string word(std::size_t{1} << 20, 'w');
  Paragraph p = testing::MakeParagraph("WORD/1", Language::kEnglish, 1,
                                       "Smugglers wrote " + word + " on the boats.");
  std::shared_ptr<IndexStorage> storage = IndexStorage::InMemory();
  {
    auto writer = IndexWriter::Open(storage);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Add(p).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  auto reader = IndexReader::Open(storage);
  ASSERT_TRUE(reader.ok());
  Result<std::optional<Paragraph>> got = (*reader)->Get(p.id);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->text, p.text);
  // Term keys are a field and language prefix plus the term: no key near the word's size.
  EXPECT_LT(LongestTermKey(**reader), kMaxTokenBytes + 16);
  EXPECT_TRUE((*reader)->Check().ok());
}

TEST(LimitsTest, ParagraphOverTheLimitIsRefusedAndNothingIsAdded) {
  std::vector<Paragraph> paragraphs = testing::SmallCorpus();
  paragraphs[3].text = std::string(kMaxParagraphBytes + 1, 'a');
  std::shared_ptr<IndexStorage> storage = IndexStorage::InMemory();
  auto writer = IndexWriter::Open(storage);
  ASSERT_TRUE(writer.ok());
  Status status = (*writer)->AddAll(paragraphs);
  ASSERT_TRUE(status.IsInvalidArgument()) << status.ToString();
  EXPECT_NE(status.message().find(paragraphs[3].id), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("kMaxParagraphBytes"), std::string::npos) << status.message();
  EXPECT_TRUE((*writer)->Add(paragraphs[3]).IsInvalidArgument());
  // Metadata counts too.
  Paragraph topics = paragraphs[0];
  topics.topics.assign(65, std::string(1 << 20, 't'));
  EXPECT_TRUE((*writer)->Add(topics).IsInvalidArgument());
  // The writer is still usable, and nothing of the refused calls was added.
  ASSERT_TRUE((*writer)->Add(paragraphs[0]).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  auto reader = IndexReader::Open(storage);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->doc_count(), 1u);
}

TEST(LimitsTest, TwoHundredThousandTinyDocuments) {
  constexpr int kDocs = 200'000;
  IndexWriterOptions options;
  options.threads = 2;
  options.memory_budget_bytes = 16u << 20;  // Several flushes and merges on the way.
  std::shared_ptr<IndexStorage> storage = IndexStorage::InMemory();
  {
    auto writer = IndexWriter::Open(storage, options);
    ASSERT_TRUE(writer.ok());
    static const char* words[] = {"sea", "boat", "court", "visa", "route", "port", "law"};
    std::vector<Paragraph> batch;
    for (int i = 0; i < kDocs; ++i) {
      Paragraph p;
      p.id = "t" + std::to_string(i);
      p.doc = "TINY";
      p.number = std::to_string(i);
      p.parallel = p.id;
      p.text = words[i % 7];
      p.hash = ContentHash(p);
      batch.push_back(std::move(p));
      if (batch.size() == 50'000) {
        ASSERT_TRUE((*writer)->AddAll(batch).ok());
        batch.clear();
      }
    }
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  auto reader = IndexReader::Open(storage);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->doc_count(), static_cast<std::uint64_t>(kDocs));
  for (int i : {0, 1, 99'999, kDocs - 1}) {
    Result<std::optional<Paragraph>> got = (*reader)->Get("t" + std::to_string(i));
    ASSERT_TRUE(got.ok() && got->has_value()) << i;
    EXPECT_EQ((*got)->number, std::to_string(i));
  }
  Result<IndexStats> stats = (*reader)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, static_cast<std::uint64_t>(kDocs));
}

}  // namespace
}  // namespace hexaglot

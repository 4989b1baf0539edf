#include "index/record_codec.h"

#include <gtest/gtest.h>

#include <random>

#include "index_test_util.h"

namespace hexaglot::index {
namespace {

TEST(RecordCodecTest, RoundTripsEveryField) {
  for (const Paragraph& p : testing::SmallCorpus()) {
    std::string record;
    EncodeRecord(p, &record);
    Result<Paragraph> decoded = DecodeRecord(record, "test");
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(*decoded, p);
  }
}

TEST(RecordCodecTest, RoundTripsAbsentOptionalsAndNegativeNumbers) {
  Paragraph p;
  p.id = "x";
  p.lang = Language::kChinese;
  p.meeting = -7;
  std::string record;
  EncodeRecord(p, &record);
  Result<Paragraph> decoded = DecodeRecord(record, "test");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, p);
  EXPECT_FALSE(decoded->section.has_value());
  EXPECT_EQ(decoded->meeting, -7);
}

// A paragraph as ingestion completes it: id, parallel and hash are derived from the other
// fields, so the record leaves them out and the decoder derives them again.
TEST(RecordCodecTest, LeavesOutDerivedIdParallelAndHash) {
  Paragraph p;
  p.doc = "V.21-05340";
  p.lang = Language::kFrench;
  p.number = "12";
  p.text = "Le groupe de travail s'est réuni.";
  p.source = "compendium.fr.md";
  p.line = 40;
  p.id = "V.21-05340/fr/12";
  p.parallel = "V.21-05340/12";
  p.hash = ContentHash(p);
  std::string derived;
  EncodeRecord(p, &derived);
  Result<Paragraph> decoded = DecodeRecord(derived, "test");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, p);

  // The same paragraph with fields that differ from the derived ones stores them whole:
  // each costs its length prefix and bytes.
  Paragraph q = p;
  q.id = "custom-id";
  q.parallel = "pair-7";
  q.hash = "not the content hash";
  std::string stored;
  EncodeRecord(q, &stored);
  EXPECT_EQ(stored.size(), derived.size() + 3 + q.id.size() + q.parallel.size() + q.hash.size());
  decoded = DecodeRecord(stored, "test");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, q);

  // A derived hash follows the decoded content: damage to the text inside a record whose
  // zstd frame was rewritten would show as a changed paragraph, never as a stale hash.
  std::string changed = derived;
  changed[changed.find("réuni")] = 'R';
  decoded = DecodeRecord(changed, "test");
  ASSERT_TRUE(decoded.ok());
  EXPECT_NE(decoded->hash, p.hash);
  EXPECT_EQ(decoded->hash, ContentHash(*decoded));
}

TEST(RecordCodecTest, RejectsTruncationsAndTrailingBytes) {
  std::string record;
  EncodeRecord(testing::SmallCorpus()[4], &record);
  for (std::size_t size = 0; size < record.size(); ++size) {
    Result<Paragraph> decoded = DecodeRecord(record.substr(0, size), "seg-1 document 0");
    ASSERT_FALSE(decoded.ok()) << "prefix of " << size << " bytes decoded";
    EXPECT_TRUE(decoded.status().IsCorruption());
    EXPECT_NE(decoded.status().message().find("seg-1 document 0"), std::string::npos);
  }
  EXPECT_TRUE(DecodeRecord(record + "x", "t").status().IsCorruption());
}

TEST(RecordCodecTest, RandomBytesNeverCrash) {
  std::mt19937 rng(7);
  std::string record;
  EncodeRecord(testing::SmallCorpus()[0], &record);
  int rejected = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string bad = record;
    bad[rng() % bad.size()] = static_cast<char>(rng());
    rejected += DecodeRecord(bad, "t").ok() ? 0 : 1;
  }
  // Bytes inside strings decode to other strings; structural bytes must be caught.
  EXPECT_GT(rejected, 0);
}

}  // namespace
}  // namespace hexaglot::index

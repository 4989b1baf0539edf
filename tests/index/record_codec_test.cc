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

#include "index/deletions.h"

#include <gtest/gtest.h>

#include "format/file_format.h"

namespace hexaglot::index {
namespace {

TEST(DeletionBitsetTest, CountsAndTestsBits) {
  DeletionBitset bits(130);
  EXPECT_EQ(bits.deleted_count(), 0u);
  EXPECT_TRUE(bits.Delete(0));
  EXPECT_TRUE(bits.Delete(64));
  EXPECT_TRUE(bits.Delete(129));
  EXPECT_FALSE(bits.Delete(64));
  EXPECT_EQ(bits.deleted_count(), 3u);
  EXPECT_TRUE(bits.IsDeleted(129));
  EXPECT_FALSE(bits.IsDeleted(128));
}

TEST(DeletionBitsetTest, FileRoundTripsAtBoundaryCounts) {
  for (DocId count : {1u, 7u, 8u, 9u, 63u, 64u, 65u, 1000u}) {
    auto dir = NewMemoryDirectory();
    DeletionBitset bits(count);
    for (DocId d = 0; d < count; d += 3) bits.Delete(d);
    Result<std::uint64_t> size = WriteDeletions(dir.get(), "seg-1.del-1", bits);
    ASSERT_TRUE(size.ok()) << size.status().ToString();
    EXPECT_EQ(*dir->FileSize("seg-1.del-1"), *size);
    Result<DeletionBitset> read =
        ReadDeletions(dir.get(), "seg-1.del-1", count, bits.deleted_count());
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    for (DocId d = 0; d < count; ++d) EXPECT_EQ(read->IsDeleted(d), d % 3 == 0) << d;
  }
}

TEST(DeletionBitsetTest, DecodeRejectsInconsistentBodies) {
  DeletionBitset bits(10);
  bits.Delete(3);
  const std::string body = bits.Encode();
  EXPECT_TRUE(DeletionBitset::Decode(body, "f", 10, 1).ok());
  EXPECT_TRUE(DeletionBitset::Decode(body, "f", 11, 1).status().IsCorruption());
  EXPECT_TRUE(DeletionBitset::Decode(body, "f", 10, 2).status().IsCorruption());
  EXPECT_TRUE(DeletionBitset::Decode(body + "x", "f", 10, 1).status().IsCorruption());
  std::string extra_bit = body;
  extra_bit.back() = static_cast<char>(extra_bit.back() | 0x80);  // Document 15 of 10.
  Status status = DeletionBitset::Decode(extra_bit, "f", 10, 1).status();
  EXPECT_TRUE(status.IsCorruption());
  std::string wrong_count = body;
  wrong_count[wrong_count.size() - 2] = 0x09;  // Two bits set, count says one.
  EXPECT_TRUE(DeletionBitset::Decode(wrong_count, "f", 10, 1).status().IsCorruption());
}

}  // namespace
}  // namespace hexaglot::index

#include "index/merge_policy.h"

#include <gtest/gtest.h>

#include <set>

namespace hexaglot::index {
namespace {

constexpr std::uint64_t kMiB = 1u << 20;

TEST(MergePolicyTest, FewSegmentsAreLeftAlone) {
  std::vector<MergeCandidate> segments(5, {kMiB, 100, 0});
  EXPECT_TRUE(FindMerges(segments, {}).empty());
}

TEST(MergePolicyTest, ManySmallSegmentsMergeIntoFewer) {
  std::vector<MergeCandidate> segments(25, {kMiB / 4, 100, 0});
  const auto merges = FindMerges(segments, {});
  ASSERT_FALSE(merges.empty());
  std::set<std::size_t> seen;
  std::size_t merged = 0;
  for (const auto& merge : merges) {
    EXPECT_GE(merge.size(), 2u);
    EXPECT_LE(merge.size(), 10u);
    for (std::size_t i : merge) {
      EXPECT_LT(i, segments.size());
      EXPECT_TRUE(seen.insert(i).second) << "segment " << i << " in two merges";
    }
    merged += merge.size();
  }
  // At most 10 segments may remain: the 25 floor-sized ones fit in one tier.
  EXPECT_LE(segments.size() - merged + merges.size(), 10u);
}

TEST(MergePolicyTest, PrefersSimilarSizes) {
  // One big segment and forty small ones: the small ones merge, the big one stays.
  std::vector<MergeCandidate> segments(40, {kMiB, 100, 0});
  segments.push_back({1000 * kMiB, 100000, 0});
  const auto merges = FindMerges(segments, {.segments_per_tier = 4, .max_merge_at_once = 4});
  ASSERT_FALSE(merges.empty());
  for (const auto& merge : merges) {
    for (std::size_t i : merge) EXPECT_NE(i, 40u);
  }
}

TEST(MergePolicyTest, LargeSegmentsMergeOnlyWithManyDeletions) {
  MergePolicyOptions options;
  options.max_merged_segment_bytes = 100 * kMiB;
  options.segments_per_tier = 2;
  std::vector<MergeCandidate> big(4, {80 * kMiB, 1000, 0});
  EXPECT_TRUE(FindMerges(big, options).empty());
  big[0].deleted_count = 500;
  big[1].deleted_count = 500;
  const auto merges = FindMerges(big, options);
  ASSERT_EQ(merges.size(), 1u) << "the two delete-heavy segments are rewritten together";
  EXPECT_EQ(merges[0], (std::vector<std::size_t>{0, 1}));
}

}  // namespace
}  // namespace hexaglot::index

namespace hexaglot::index {
namespace {

TEST(MergePolicyTest, DeleteHeavySmallSegmentIsRewrittenAlone) {
  std::vector<MergeCandidate> segments = {{kMiB, 100, 0}, {kMiB, 100, 50}};
  const auto merges = FindMerges(segments, {});
  ASSERT_EQ(merges.size(), 1u);
  EXPECT_EQ(merges[0], (std::vector<std::size_t>{1}));
}

}  // namespace
}  // namespace hexaglot::index

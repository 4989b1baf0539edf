// The tiered merge policy (include/hexaglot/index_writer.h, MergePolicyOptions): which
// segments to merge, given their sizes. Lucene's TieredMergePolicy, simplified: no
// concurrent merges, no cascading within one call beyond what the budget requires.
//
//   1. Segments are sorted by live bytes (bytes x live fraction), largest first. Segments
//      above half the maximum merged size are left out unless more than
//      max_deleted_percent of their documents are deleted.
//   2. The allowed segment count: tiers of segments_per_tier segments of sizes floor,
//      floor*max_merge_at_once, ... fill the total live bytes (floor = the smallest
//      segment, at least floor_segment_bytes).
//   3. While more segments remain than allowed, every window of up to max_merge_at_once
//      consecutive segments (in size order) whose total stays under the maximum is scored
//      (largest / total, times total^0.05, times the live fraction squared: balanced,
//      small, delete-heavy merges first); the lowest score is merged and its segments are
//      taken out.
//   4. Eligible segments with more than max_deleted_percent deleted documents that no merge
//      took are rewritten (together while they fit, else alone) to drop the deleted ones.

#ifndef HEXAGLOT_INDEX_MERGE_POLICY_H_
#define HEXAGLOT_INDEX_MERGE_POLICY_H_

#include <cstdint>
#include <span>
#include <vector>

#include "hexaglot/index_writer.h"

namespace hexaglot::index {

struct MergeCandidate {
  std::uint64_t bytes = 0;  // All files of the segment.
  std::uint64_t doc_count = 0;
  std::uint64_t deleted_count = 0;
};

// Merges to run, each a sorted list of indexes into `segments`, disjoint; a merge of one
// segment rewrites it without its deleted documents.
std::vector<std::vector<std::size_t>> FindMerges(std::span<const MergeCandidate> segments,
                                                 const MergePolicyOptions& options);

}  // namespace hexaglot::index

#endif  // HEXAGLOT_INDEX_MERGE_POLICY_H_

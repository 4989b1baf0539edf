// The tiered merge policy (lib/index/merge_policy.h).

#include "index/merge_policy.h"

#include <algorithm>
#include <cmath>

namespace hexaglot::index {

std::vector<std::vector<std::size_t>> FindMerges(std::span<const MergeCandidate> segments,
                                                 const MergePolicyOptions& options) {
  const auto live_bytes = [&](std::size_t i) {
    const MergeCandidate& s = segments[i];
    if (s.doc_count == 0) return std::uint64_t{0};
    return static_cast<std::uint64_t>(static_cast<double>(s.bytes) *
                                      static_cast<double>(s.doc_count - s.deleted_count) /
                                      static_cast<double>(s.doc_count));
  };
  const std::uint64_t max_bytes = std::max<std::uint64_t>(options.max_merged_segment_bytes, 1);
  const std::uint64_t floor_bytes = std::max<std::uint64_t>(options.floor_segment_bytes, 1);
  const std::size_t at_once = static_cast<std::size_t>(std::max(options.max_merge_at_once, 2));
  const std::uint64_t per_tier = static_cast<std::uint64_t>(std::max(options.segments_per_tier, 2));

  const auto delete_heavy = [&](std::size_t i) {
    const MergeCandidate& s = segments[i];
    return s.deleted_count * 100 >
           s.doc_count * static_cast<std::uint64_t>(std::max(options.max_deleted_percent, 0));
  };
  std::vector<std::size_t> eligible;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (live_bytes(i) <= max_bytes / 2 || delete_heavy(i)) eligible.push_back(i);
  }
  std::sort(eligible.begin(), eligible.end(), [&](std::size_t a, std::size_t b) {
    return live_bytes(a) != live_bytes(b) ? live_bytes(a) > live_bytes(b) : a < b;
  });

  std::vector<std::vector<std::size_t>> merges;
  for (;;) {
    std::uint64_t total = 0;
    std::uint64_t smallest = UINT64_MAX;
    for (std::size_t i : eligible) {
      total += live_bytes(i);
      smallest = std::min(smallest, live_bytes(i));
    }
    // How many segments the tiers may hold for `total` bytes.
    std::uint64_t level = std::max(smallest == UINT64_MAX ? 0 : smallest, floor_bytes);
    std::uint64_t remaining = total;
    double allowed = 0;
    for (;;) {
      const double at_level = static_cast<double>(remaining) / static_cast<double>(level);
      if (at_level < static_cast<double>(per_tier)) {
        allowed += std::ceil(at_level);
        break;
      }
      allowed += static_cast<double>(per_tier);
      remaining -= per_tier * level;
      level *= at_once;
    }
    // As Lucene: never fewer than one tier, however small the index.
    allowed = std::max(allowed, static_cast<double>(per_tier));
    if (static_cast<double>(eligible.size()) <= allowed) break;

    double best_score = 0;
    std::size_t best_start = 0;
    std::size_t best_end = 0;
    for (std::size_t start = 0; start + 1 < eligible.size(); ++start) {
      std::uint64_t merged = 0;
      std::uint64_t floored = 0;
      std::uint64_t largest = 0;
      std::uint64_t docs = 0;
      std::uint64_t deleted = 0;
      std::size_t end = start;
      for (; end < eligible.size() && end - start < at_once; ++end) {
        const std::uint64_t size = live_bytes(eligible[end]);
        if (merged + size > max_bytes && end > start) break;
        merged += size;
        floored += std::max(size, floor_bytes);
        largest = std::max(largest, std::max(size, floor_bytes));
        docs += segments[eligible[end]].doc_count;
        deleted += segments[eligible[end]].deleted_count;
      }
      if (end - start < 2) continue;
      const double skew = static_cast<double>(largest) / static_cast<double>(floored);
      const double live =
          docs == 0 ? 1.0 : static_cast<double>(docs - deleted) / static_cast<double>(docs);
      const double score = skew *
                           std::pow(static_cast<double>(std::max<std::uint64_t>(merged, 1)), 0.05) *
                           live * live;
      if (best_end == 0 || score < best_score) {
        best_score = score;
        best_start = start;
        best_end = end;
      }
    }
    if (best_end == 0) break;
    std::vector<std::size_t> merge(eligible.begin() + static_cast<std::ptrdiff_t>(best_start),
                                   eligible.begin() + static_cast<std::ptrdiff_t>(best_end));
    std::sort(merge.begin(), merge.end());
    merges.push_back(std::move(merge));
    eligible.erase(eligible.begin() + static_cast<std::ptrdiff_t>(best_start),
                   eligible.begin() + static_cast<std::ptrdiff_t>(best_end));
  }

  // Delete-heavy segments left over are rewritten, together in size order while they fit,
  // alone if need be, to reclaim their deleted documents.
  std::vector<std::size_t> current;
  std::uint64_t current_bytes = 0;
  for (std::size_t i : eligible) {
    if (!delete_heavy(i)) continue;
    if (!current.empty() &&
        (current.size() == at_once || current_bytes + live_bytes(i) > max_bytes)) {
      std::sort(current.begin(), current.end());
      merges.push_back(std::move(current));
      current.clear();
      current_bytes = 0;
    }
    current.push_back(i);
    current_bytes += live_bytes(i);
  }
  if (!current.empty()) {
    std::sort(current.begin(), current.end());
    merges.push_back(std::move(current));
  }
  return merges;
}

}  // namespace hexaglot::index

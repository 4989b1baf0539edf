// One term's posting list in the postings and positions files: its encoder, the cursor
// that reads it, and the deep check. Byte layout: lib/format/FORMAT.md, "Postings" and
// "Positions"; change neither without the other.
//
// A list of n documents is floor(n / 128) full blocks (doc-id d-gaps as a delta block,
// frequencies - 1 as a block; lib/codec/block_codec.h) and a varint tail of the rest. Lists
// with at least one full block carry skip data: per block its last doc id, byte size,
// position bookkeeping and (tf, length) Pareto frontier, which the cursor decodes lazily,
// one entry at a time, so that Seek and ShallowSeek never decode the doc ids of a block
// they pass.
//
// Thread safety: the encoder and a cursor are used by one thread each; the free functions
// are pure.

#ifndef HEXAGLOT_FORMAT_POSTINGS_H_
#define HEXAGLOT_FORMAT_POSTINGS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "codec/bit_packing.h"
#include "format/posting_cursor.h"
#include "format/segment.h"
#include "hexaglot/status.h"

namespace hexaglot::format {

// The most (tf, length) pairs a block's frontier keeps, and a whole list's. Longer
// frontiers are shortened by replacing two neighbours with a pair that dominates both.
inline constexpr std::size_t kMaxBlockPairs = 4;
inline constexpr std::size_t kMaxListPairs = 8;

// The Pareto frontier of `pairs` (the pairs that no other pair beats on both tf, higher,
// and length, lower), sorted by increasing tf (and so increasing length), shortened to at
// most `max_pairs` (>= 1) by merging neighbours (a, b) into (b.tf, a.length). Every input
// pair p has a result pair q with q.tf >= p.tf and q.length <= p.length.
// REQUIRES: !pairs.empty().
std::vector<TfLength> ParetoFrontier(std::vector<TfLength> pairs, std::size_t max_pairs);

// Encodes one term's list. Call Add for each document in increasing doc order, then
// Finish; Reset starts the next list.
class PostingListEncoder {
 public:
  void Reset(bool has_positions);

  // `length` is the document's length in the term's field (1 for exact fields).
  // REQUIRES: doc greater than the previous one; freq >= 1; positions.size() == freq and
  // strictly increasing when the list has positions, empty otherwise.
  void Add(DocId doc, std::uint32_t freq, std::uint32_t length,
           std::span<const std::uint32_t> positions);

  std::uint32_t doc_freq() const { return doc_freq_; }
  std::uint64_t total_freq() const { return total_freq_; }

  // Appends the list to `*postings` and its positions to `*positions`.
  // REQUIRES: doc_freq() > 0.
  void Finish(std::string* postings, std::string* positions);

 private:
  void FlushBlock();
  void FlushPositions();

  bool has_positions_ = false;
  std::uint32_t doc_freq_ = 0;
  std::uint64_t total_freq_ = 0;

  // The block being filled.
  std::array<std::uint32_t, codec::kBlockSize> docs_{};
  std::array<std::uint32_t, codec::kBlockSize> freqs_{};
  std::array<TfLength, codec::kBlockSize> pairs_{};
  std::size_t block_size_ = 0;
  std::uint64_t block_freq_sum_ = 0;
  DocId last_block_doc_ = 0;  // Last doc id of the last full block (0 before the first).
  // The full blocks, serialised by Finish (their frequencies only when not all 1).
  struct FullBlock {
    std::uint32_t last_doc_delta = 0;
    std::uint32_t doc_bytes = 0;   // In doc_blocks_, after the previous blocks'.
    std::uint32_t freq_bytes = 0;  // In freq_blocks_, likewise.
    std::uint32_t pair_count = 0;  // Its frontier in block_pairs_, likewise.
    std::uint64_t freq_sum = 0;
    std::uint64_t pos_delta = 0;
  };
  std::vector<FullBlock> full_blocks_;
  std::vector<TfLength> block_pairs_;
  std::string doc_blocks_;
  std::string freq_blocks_;
  std::vector<TfLength> list_candidates_;  // Uncapped block frontiers, for the list's.
  std::uint64_t last_pos_offset_ = 0;      // Previous skip entry's positions offset.

  // Positions: gaps of the block being filled, and the full blocks.
  std::array<std::uint32_t, codec::kBlockSize> position_gaps_{};
  std::size_t position_count_ = 0;
  std::string positions_;
};

// Where a segment's lists live, for cursors and checks.
struct PostingSource {
  std::string_view postings;   // Body of the postings file.
  std::string_view positions;  // Body of the positions file.
  std::string_view postings_name;
  std::string_view positions_name;
  DocId doc_count = 0;
};

// A cursor over the list that `info` describes. Corruption when its header is bad, or
// when `with_positions` (ask only in a field with positions) meets a list without them.
Result<std::unique_ptr<PostingCursor>> OpenPostingCursor(const PostingSource& source,
                                                         const TermInfo& info, bool with_positions);

// Where a list's bytes end, as the deep check found them.
struct PostingListExtent {
  std::uint64_t postings_end = 0;
  std::uint64_t positions_end = 0;
};

// Decodes the whole list and checks every invariant: doc ids increasing and below
// doc_count, frequencies >= 1 summing to info.total_freq, skip entries matching their
// blocks, frontiers that are Pareto-ordered and bound every document, positions (when
// `has_positions`, which must match the list's flag) `freq` per document and increasing.
// `length_of(doc)` is the document's length in the term's field.
Result<PostingListExtent> CheckPostingList(const PostingSource& source, const TermInfo& info,
                                           bool has_positions,
                                           const std::function<std::uint32_t(DocId)>& length_of);

}  // namespace hexaglot::format

#endif  // HEXAGLOT_FORMAT_POSTINGS_H_

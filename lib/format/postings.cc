// Posting lists (lib/format/postings.h). Byte layout: lib/format/FORMAT.md, "Postings"
// and "Positions".

#include "format/postings.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <limits>
#include <utility>

#include "codec/block_codec.h"
#include "format/format_errors.h"
#include "util/coding.h"
#include "util/status_macros.h"

namespace hexaglot::format {
namespace {

using codec::kBlockSize;

constexpr std::uint64_t kMaxU32 = std::numeric_limits<std::uint32_t>::max();

// A frontier's pairs (their count is stored before them): the first as (tf, length), each
// later one as (tf - previous tf - 1, length - previous length - 1), so that they are
// strictly increasing by construction.
void PutPairs(std::string* out, std::span<const TfLength> pairs) {
  TfLength previous{0, 0};
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (i == 0) {
      PutVarint32(out, pairs[i].tf);
      PutVarint32(out, pairs[i].length);
    } else {
      PutVarint32(out, pairs[i].tf - previous.tf - 1);
      PutVarint32(out, pairs[i].length - previous.length - 1);
    }
    previous = pairs[i];
  }
}

// A block's frontier: varint32 count, then the pairs.
void PutBlockFrontier(std::string* out, std::span<const TfLength> pairs) {
  PutVarint32(out, static_cast<std::uint32_t>(pairs.size()));
  PutPairs(out, pairs);
}

// Reads `count` pairs (the count itself was read by the caller). False on malformed bytes
// or values past 32 bits, or a first tf of 0 (frequencies are >= 1).
bool GetPairs(std::string_view* in, std::uint32_t count, std::vector<TfLength>* out) {
  std::uint64_t tf = 0;
  std::uint64_t length = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint32_t dtf = 0;
    std::uint32_t dlength = 0;
    if (!GetVarint32(in, &dtf) || !GetVarint32(in, &dlength)) return false;
    if (i == 0) {
      if (dtf == 0) return false;
      tf = dtf;
      length = dlength;
    } else {
      tf += std::uint64_t{dtf} + 1;
      length += std::uint64_t{dlength} + 1;
      if (tf > kMaxU32 || length > kMaxU32) return false;
    }
    out->push_back({static_cast<std::uint32_t>(tf), static_cast<std::uint32_t>(length)});
  }
  return true;
}

// The last of the `n` >= 1 increasing doc ids at `docs` that is <= `bound`. A binary
// search whose steps are conditional moves: where a seek or a window's end falls in a
// block is unpredictable, and std::lower_bound's branches miss about every other step.
// REQUIRES: docs[0] <= bound.
const DocId* LastAtMost(const DocId* docs, std::size_t n, DocId bound) {
  while (n > 1) {
    const std::size_t half = n / 2;
    docs = docs[half] <= bound ? docs + half : docs;
    n -= half;
  }
  return docs;
}

// ParetoFrontier finds the frontier of pairs whose tfs are all below this in a table.
constexpr std::uint32_t kSmallTfs = 64;

// True when some pair has tf >= `tf` and length <= `length`.
bool Bounds(std::span<const TfLength> pairs, std::uint32_t tf, std::uint32_t length) {
  return std::any_of(pairs.begin(), pairs.end(),
                     [&](const TfLength& p) { return p.tf >= tf && p.length <= length; });
}

}  // namespace

std::vector<TfLength> ParetoFrontier(std::vector<TfLength> pairs, std::size_t max_pairs) {
  assert(!pairs.empty() && max_pairs >= 1);
  // A pair survives when it is the shortest of its tf and shorter than every pair with a
  // higher tf: walk the tfs from the highest down.
  std::vector<TfLength> frontier;
  std::uint32_t max_tf = 0;
  for (const TfLength& p : pairs) max_tf = std::max(max_tf, p.tf);
  if (max_tf < kSmallTfs) {
    // Most blocks (sorting them was most of a flush's frontier work): the shortest length
    // of each tf from a table.
    constexpr std::uint64_t kNone = std::numeric_limits<std::uint64_t>::max();
    std::array<std::uint64_t, kSmallTfs> shortest;
    std::fill_n(shortest.begin(), max_tf + 1, kNone);
    for (const TfLength& p : pairs) {
      shortest[p.tf] = std::min<std::uint64_t>(shortest[p.tf], p.length);
    }
    for (std::uint32_t tf = max_tf + 1; tf-- > 0;) {
      if (shortest[tf] != kNone && (frontier.empty() || shortest[tf] < frontier.back().length)) {
        frontier.push_back({tf, static_cast<std::uint32_t>(shortest[tf])});
      }
    }
  } else {
    std::sort(pairs.begin(), pairs.end(), [](const TfLength& a, const TfLength& b) {
      return a.tf != b.tf ? a.tf > b.tf : a.length < b.length;
    });
    for (const TfLength& p : pairs) {
      if (frontier.empty() || p.length < frontier.back().length) frontier.push_back(p);
    }
  }
  std::reverse(frontier.begin(), frontier.end());
  // Merging neighbours (a, b) into (b.tf, a.length) costs little when their tfs or their
  // lengths are close: merge the closest neighbours, by relative distance, first.
  while (frontier.size() > max_pairs) {
    std::size_t best = 0;
    double best_cost = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i + 1 < frontier.size(); ++i) {
      const TfLength& a = frontier[i];
      const TfLength& b = frontier[i + 1];
      const double tf_gap = static_cast<double>(b.tf - a.tf) / b.tf;
      const double length_gap = static_cast<double>(b.length - a.length) / (b.length + 1.0);
      const double cost = std::min(tf_gap, length_gap);
      if (cost < best_cost) {
        best_cost = cost;
        best = i;
      }
    }
    frontier[best] = {frontier[best + 1].tf, frontier[best].length};
    frontier.erase(frontier.begin() + static_cast<std::ptrdiff_t>(best) + 1);
  }
  return frontier;
}

// ---------------------------------------------------------------------------------------
// Encoder (FORMAT.md "Postings", "Positions").

void PostingListEncoder::Reset(bool has_positions) {
  has_positions_ = has_positions;
  doc_freq_ = 0;
  total_freq_ = 0;
  block_size_ = 0;
  block_freq_sum_ = 0;
  last_block_doc_ = 0;
  full_blocks_.clear();
  block_pairs_.clear();
  doc_blocks_.clear();
  freq_blocks_.clear();
  list_candidates_.clear();
  last_pos_offset_ = 0;
  position_count_ = 0;
  positions_.clear();
}

void PostingListEncoder::Add(DocId doc, std::uint32_t freq, std::uint32_t length,
                             std::span<const std::uint32_t> positions) {
  assert(freq >= 1);
  assert(has_positions_ ? positions.size() == freq : positions.empty());
  docs_[block_size_] = doc;
  freqs_[block_size_] = freq - 1;
  pairs_[block_size_] = {freq, length};
  ++block_size_;
  block_freq_sum_ += freq;
  ++doc_freq_;
  total_freq_ += freq;
  // The first position of a document is stored as is, each later one as its distance to
  // the previous one minus 1.
  for (std::size_t i = 0; i < positions.size(); ++i) {
    assert(i == 0 || positions[i] > positions[i - 1]);
    position_gaps_[position_count_++] = i == 0 ? positions[0] : positions[i] - positions[i - 1] - 1;
    if (position_count_ == kBlockSize) FlushPositions();
  }
  if (block_size_ == kBlockSize) FlushBlock();
}

void PostingListEncoder::FlushPositions() {
  codec::EncodeBlock(std::span<const std::uint32_t, kBlockSize>(position_gaps_), &positions_);
  position_count_ = 0;
}

void PostingListEncoder::FlushBlock() {
  std::vector<TfLength> frontier =
      ParetoFrontier(std::vector<TfLength>(pairs_.begin(), pairs_.end()), kBlockSize);
  list_candidates_.insert(list_candidates_.end(), frontier.begin(), frontier.end());
  // Real frontiers are short; should the candidates pile up, shortening them keeps every
  // bound valid.
  if (list_candidates_.size() > 8 * kBlockSize) {
    list_candidates_ = ParetoFrontier(std::move(list_candidates_), kBlockSize * 8);
  }
  // Whether the list stores frequencies is known only at Finish (FORMAT.md "Postings"), so
  // the parts of each block wait there.
  FullBlock block;
  block.last_doc_delta = docs_[kBlockSize - 1] - last_block_doc_;
  block.doc_bytes = static_cast<std::uint32_t>(doc_blocks_.size());
  codec::EncodeDeltaBlock(last_block_doc_, std::span<const std::uint32_t, kBlockSize>(docs_),
                          &doc_blocks_);
  block.doc_bytes = static_cast<std::uint32_t>(doc_blocks_.size()) - block.doc_bytes;
  block.freq_bytes = static_cast<std::uint32_t>(freq_blocks_.size());
  codec::EncodeBlock(std::span<const std::uint32_t, kBlockSize>(freqs_), &freq_blocks_);
  block.freq_bytes = static_cast<std::uint32_t>(freq_blocks_.size()) - block.freq_bytes;
  block.freq_sum = block_freq_sum_;
  if (has_positions_) {
    // Every full positions block is flushed, so the one that holds the next block's first
    // position starts at the current end.
    block.pos_delta = positions_.size() - last_pos_offset_;
    last_pos_offset_ = positions_.size();
  }
  const std::vector<TfLength> pairs = ParetoFrontier(std::move(frontier), kMaxBlockPairs);
  block.pair_count = static_cast<std::uint32_t>(pairs.size());
  block_pairs_.insert(block_pairs_.end(), pairs.begin(), pairs.end());
  full_blocks_.push_back(block);

  last_block_doc_ = docs_[kBlockSize - 1];
  block_size_ = 0;
  block_freq_sum_ = 0;
}

void PostingListEncoder::Finish(std::string* postings, std::string* positions) {
  assert(doc_freq_ > 0);
  // Every frequency 1 (the dictionary tells, total_freq == doc_freq): frequencies are not
  // stored, and every frontier is the one pair (1, shortest length), stored as the length.
  const bool unit = total_freq_ == doc_freq_;
  const std::span<const TfLength> tail_pairs(pairs_.data(), block_size_);
  std::vector<TfLength> candidates = std::move(list_candidates_);
  candidates.insert(candidates.end(), tail_pairs.begin(), tail_pairs.end());
  const std::vector<TfLength> list_frontier = ParetoFrontier(std::move(candidates), kMaxListPairs);
  const auto put_frontier = [&](std::string* out, std::span<const TfLength> pairs) {
    if (unit) {
      assert(pairs.size() == 1 && pairs[0].tf == 1);
      PutVarint32(out, pairs[0].length);
    } else {
      PutBlockFrontier(out, pairs);
    }
  };

  if (unit) {
    PutVarint64(postings, (std::uint64_t{list_frontier[0].length} << 1) | (has_positions_ ? 1 : 0));
  } else {
    PutVarint32(postings,
                static_cast<std::uint32_t>(list_frontier.size() << 1) | (has_positions_ ? 1 : 0));
    PutPairs(postings, list_frontier);
  }
  if (!full_blocks_.empty()) {
    std::string skip;
    std::size_t pairs_at = 0;
    for (const FullBlock& block : full_blocks_) {
      PutVarint32(&skip, block.last_doc_delta);
      PutVarint32(&skip, block.doc_bytes + (unit ? 0 : block.freq_bytes));
      if (has_positions_) {
        if (!unit) PutVarint64(&skip, block.freq_sum);
        PutVarint64(&skip, block.pos_delta);
      }
      put_frontier(&skip,
                   std::span<const TfLength>(block_pairs_).subspan(pairs_at, block.pair_count));
      pairs_at += block.pair_count;
    }
    if (block_size_ > 0) {
      put_frontier(&skip,
                   ParetoFrontier(std::vector<TfLength>(tail_pairs.begin(), tail_pairs.end()),
                                  kMaxBlockPairs));
    }
    PutVarint64(postings, skip.size());
    postings->append(skip);
    std::size_t doc_at = 0;
    std::size_t freq_at = 0;
    for (const FullBlock& block : full_blocks_) {
      postings->append(doc_blocks_, doc_at, block.doc_bytes);
      doc_at += block.doc_bytes;
      if (!unit) postings->append(freq_blocks_, freq_at, block.freq_bytes);
      freq_at += block.freq_bytes;
    }
  }
  const std::span<const std::uint32_t> tail_docs(docs_.data(), block_size_);
  const std::span<const std::uint32_t> tail_freqs(freqs_.data(), block_size_);
  codec::EncodeDeltaVarintTail(last_block_doc_, tail_docs, postings);
  if (!unit) codec::EncodeVarintTail(tail_freqs, postings);

  positions->append(positions_);
  codec::EncodeVarintTail(std::span<const std::uint32_t>(position_gaps_.data(), position_count_),
                          positions);
  list_candidates_.clear();
}

// ---------------------------------------------------------------------------------------
// Cursor.

namespace {

static_assert(kMaxPostingRun == kBlockSize);

class BlockPostingCursor final : public PostingCursor {
 public:
  BlockPostingCursor(const PostingSource& source, const TermInfo& info, bool with_positions)
      : source_(source), info_(info), with_positions_(with_positions) {}

  // Parses the list header and loads the first block.
  Status Init();

  DocId doc() const override { return doc_; }
  DocId Next() override;
  DocId Seek(DocId target) override;
  std::uint32_t freq() const override { return freqs_[index_]; }
  PostingRun NextUpTo(DocId last) override;
  Status Positions(std::vector<std::uint32_t>* positions) override;
  std::uint32_t size() const override { return info_.doc_freq; }
  DocId ShallowSeek(DocId target) override;
  DocId BlockLastDoc() const override { return entries_[shallow_].last_doc; }
  std::span<const TfLength> BlockMaxPairs() const override;
  std::span<const TfLength> ListMaxPairs() const override { return list_pairs_; }
  Status status() const override { return status_; }

  // For CheckPostingList.
  bool has_positions() const { return has_positions_; }
  std::size_t block() const { return block_; }
  std::uint64_t block_end() const { return block_end_; }
  std::uint64_t block_pos_index() const { return entries_[block_].pos_index; }
  std::uint64_t block_pos_offset() const { return entries_[block_].pos_offset; }
  std::uint64_t block_freq_sum() const { return entries_[block_].freq_sum; }
  bool block_is_full() const { return block_ < full_blocks_; }

 private:
  // A block's skip entry, decoded. The tail (the last, partial block) gets one too, with
  // last_doc kEndDoc: its last doc id is not stored, and no document follows it.
  struct Entry {
    DocId last_doc = kEndDoc;
    std::uint64_t offset = 0;       // Postings body offset of the block.
    std::uint32_t size = 0;         // Its bytes (full blocks).
    std::uint64_t freq_sum = 0;     // Sum of its frequencies (lists with positions).
    std::uint64_t pos_index = 0;    // Index of its first position in the term's positions.
    std::uint64_t pos_offset = 0;   // Positions body offset of the block holding pos_index.
    std::uint32_t pairs_begin = 0;  // Its frontier: pairs_[pairs_begin, + pair_count).
    std::uint32_t pair_count = 0;
  };

  DocId Fail(Status status);
  Status PostingsError(std::string_view rest, std::string_view what) const {
    return CorruptionAt(source_.postings_name, OffsetIn(source_.postings, rest),
                        "postings of the term at offset " + std::to_string(info_.postings_offset) +
                            ": " + std::string(what));
  }
  Status PositionsError(std::uint64_t offset, std::string_view what) const {
    return CorruptionAt(source_.positions_name, offset,
                        "positions of the term at offset " +
                            std::to_string(info_.positions_offset) + ": " + std::string(what));
  }
  // Decodes skip entries until entry `b` is there.
  Status DecodeEntries(std::size_t b);
  Status DecodeNextEntry();
  Status LoadBlock(std::size_t b);
  // The first block at or after `from` whose last doc is >= target, or the last block.
  Result<std::size_t> FindBlock(std::size_t from, DocId target);
  Status LoadPositionsBlock(std::uint64_t k);

  PostingSource source_;
  TermInfo info_;
  bool with_positions_;
  bool has_positions_ = false;
  // Every frequency is 1 (total_freq == doc_freq): none are stored, and frontiers are
  // stored as their one pair's length (FORMAT.md "Postings").
  bool unit_ = false;
  Status status_;

  std::vector<TfLength> list_pairs_;
  std::vector<TfLength> pairs_;  // Block frontiers, for Entry::pairs_begin.
  std::vector<Entry> entries_;   // Decoded so far, in block order.
  std::size_t full_blocks_ = 0;
  std::size_t block_count_ = 0;  // Full blocks plus the tail, if any.
  std::string_view skip_;        // Skip entries not decoded yet.
  std::uint64_t next_block_offset_ = 0;
  std::uint64_t next_pos_offset_ = 0;
  std::uint64_t next_pos_index_ = 0;

  std::size_t block_ = 0;    // The decoded block.
  std::size_t shallow_ = 0;  // The block BlockLastDoc and BlockMaxPairs describe.
  std::uint64_t block_end_ = 0;
  // Two buffers each, used in turn by LoadBlock, so that the block NextUpTo returned
  // stays valid while the next one loads; docs_ and freqs_ point to the current ones.
  std::array<std::uint32_t, 2 * kBlockSize> doc_buffers_{};
  std::array<std::uint32_t, 2 * kBlockSize> freq_buffers_{};
  std::uint32_t* docs_ = doc_buffers_.data();
  std::uint32_t* freqs_ = freq_buffers_.data();
  std::size_t count_ = 0;
  std::size_t index_ = 0;
  DocId doc_ = kEndDoc;
  // Sum of freqs_[0, freq_prefix_index_), so that Positions finds its index quickly.
  std::size_t freq_prefix_index_ = 0;
  std::uint64_t freq_prefix_sum_ = 0;

  // Positions: the decoded positions block, as gaps.
  std::uint64_t pos_block_ = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t pos_block_next_offset_ = 0;  // Where block pos_block_ + 1 starts.
  std::array<std::uint32_t, kBlockSize> pos_gaps_{};
};

DocId BlockPostingCursor::Fail(Status status) {
  if (status_.ok()) status_ = std::move(status);
  doc_ = kEndDoc;
  return kEndDoc;
}

Status BlockPostingCursor::Init() {
  if (info_.doc_freq == 0 || info_.doc_freq > source_.doc_count) {
    return CorruptionAt(source_.postings_name, info_.postings_offset,
                        "term with document frequency " + std::to_string(info_.doc_freq) +
                            " in a segment of " + std::to_string(source_.doc_count) + " documents");
  }
  if (info_.postings_offset >= source_.postings.size()) {
    return CorruptionAt(
        source_.postings_name, 0,
        "postings offset " + std::to_string(info_.postings_offset) + " past the end of the file");
  }
  if (info_.positions_offset > source_.positions.size()) {
    return CorruptionAt(
        source_.positions_name, 0,
        "positions offset " + std::to_string(info_.positions_offset) + " past the end of the file");
  }
  std::string_view in = source_.postings.substr(info_.postings_offset);
  if (info_.total_freq < info_.doc_freq) {
    return PostingsError(in, "total frequency below the document frequency");
  }
  unit_ = info_.total_freq == info_.doc_freq;
  // A unit list's header holds a length (up to 32 bits) and the positions flag.
  std::uint64_t header = 0;
  if (!GetVarint64(&in, &header) || (unit_ ? header >> 33 : header >> 32) != 0) {
    return PostingsError(in, "bad list header");
  }
  has_positions_ = (header & 1) != 0;
  // Callers ask for positions only in fields that have them, so a list header without
  // them there is damage, not a usage error.
  if (with_positions_ && !has_positions_) {
    return PostingsError(in, "a list without positions in a field with positions");
  }
  std::uint32_t pair_count = 1;
  if (unit_) {
    list_pairs_.push_back({1, static_cast<std::uint32_t>(header >> 1)});
  } else {
    pair_count = static_cast<std::uint32_t>(header >> 1);
    if (pair_count == 0 || pair_count > kMaxListPairs || !GetPairs(&in, pair_count, &list_pairs_)) {
      return PostingsError(in, "bad frontier of the list");
    }
  }
  full_blocks_ = info_.doc_freq / kBlockSize;
  const bool has_tail = info_.doc_freq % kBlockSize != 0;
  block_count_ = full_blocks_ + (has_tail ? 1 : 0);
  // Every block's entry is decoded when a query reads or bounds the whole list: growing
  // the vector would copy them several times. (doc_freq is at most the doc count.)
  entries_.reserve(block_count_);
  if (full_blocks_ > 0) {
    std::uint64_t skip_size = 0;
    if (!GetVarint64(&in, &skip_size) || skip_size > in.size()) {
      return PostingsError(in, "bad skip data size");
    }
    skip_ = in.substr(0, skip_size);
    in.remove_prefix(skip_size);
  }
  next_block_offset_ = OffsetIn(source_.postings, in);
  next_pos_offset_ = info_.positions_offset;
  if (full_blocks_ == 0) {
    // A short list: one block, the tail, whose frontier is the list's.
    Entry tail;
    tail.offset = next_block_offset_;
    tail.pos_offset = next_pos_offset_;
    tail.pair_count = pair_count;
    pairs_ = list_pairs_;
    entries_.push_back(tail);
  }
  HEXAGLOT_RETURN_IF_ERROR(LoadBlock(0));
  doc_ = docs_[0];
  return Status::OK();
}

Status BlockPostingCursor::DecodeNextEntry() {
  const std::size_t b = entries_.size();
  Entry entry;
  entry.offset = next_block_offset_;
  entry.pos_index = next_pos_index_;
  entry.pos_offset = next_pos_offset_;
  std::uint32_t pair_count = 0;
  if (b < full_blocks_) {
    const DocId previous = b == 0 ? 0 : entries_[b - 1].last_doc;
    std::uint32_t delta = 0;
    if (!GetVarint32(&skip_, &delta) || !GetVarint32(&skip_, &entry.size)) {
      return PostingsError(skip_, "bad skip entry");
    }
    const std::uint64_t last_doc = std::uint64_t{previous} + delta;
    if (last_doc >= source_.doc_count || (b > 0 && delta < kBlockSize) ||
        (b == 0 && last_doc < kBlockSize - 1)) {
      return PostingsError(
          skip_, "skip entry's last doc id " + std::to_string(last_doc) + " out of order or range");
    }
    entry.last_doc = static_cast<DocId>(last_doc);
    if (entry.size > source_.postings.size() - entry.offset) {
      return PostingsError(skip_, "block size past the end of the file");
    }
    if (has_positions_) {
      std::uint64_t pos_delta = 0;
      entry.freq_sum = kBlockSize;
      if ((!unit_ && !GetVarint64(&skip_, &entry.freq_sum)) || !GetVarint64(&skip_, &pos_delta) ||
          pos_delta > source_.positions.size() - next_pos_offset_) {
        return PostingsError(skip_, "bad positions data in a skip entry");
      }
      next_pos_index_ += entry.freq_sum;
      next_pos_offset_ += pos_delta;
    }
    next_block_offset_ = entry.offset + entry.size;
  }
  // The tail's frontier follows the full blocks' entries.
  entry.pairs_begin = static_cast<std::uint32_t>(pairs_.size());
  if (unit_) {
    std::uint32_t length = 0;
    if (!GetVarint32(&skip_, &length)) return PostingsError(skip_, "bad frontier in a skip entry");
    pairs_.push_back({1, length});
    pair_count = 1;
  } else {
    if (!GetVarint32(&skip_, &pair_count) || pair_count == 0 || pair_count > kMaxBlockPairs) {
      return PostingsError(skip_, "bad frontier count in a skip entry");
    }
    if (!GetPairs(&skip_, pair_count, &pairs_)) {
      return PostingsError(skip_, "bad frontier in a skip entry");
    }
  }
  entry.pair_count = pair_count;
  entries_.push_back(entry);
  if (entries_.size() == block_count_ && !skip_.empty()) {
    return PostingsError(skip_, "skip data longer than its entries");
  }
  return Status::OK();
}

Status BlockPostingCursor::DecodeEntries(std::size_t b) {
  while (entries_.size() <= b) HEXAGLOT_RETURN_IF_ERROR(DecodeNextEntry());
  return Status::OK();
}

Status BlockPostingCursor::LoadBlock(std::size_t b) {
  HEXAGLOT_RETURN_IF_ERROR(DecodeEntries(b));
  const Entry& entry = entries_[b];
  std::string_view in = source_.postings.substr(entry.offset);
  const DocId base = b == 0 ? 0 : entries_[b - 1].last_doc;
  const std::size_t other = docs_ == doc_buffers_.data() ? kBlockSize : 0;
  std::uint32_t* const docs = doc_buffers_.data() + other;
  std::uint32_t* const freqs = freq_buffers_.data() + other;
  std::size_t count = 0;
  Status status;
  // Doc ids increase strictly. The delta codecs allow equal neighbours (positions need
  // them), so a gap of 0 in bytes that pass the checksum (a writer bug) would otherwise
  // repeat a document, and searches would count it twice. A full block's decoder checks
  // its gaps after the first as it unpacks them, and adds one to its frequencies (stored
  // minus one); the first gap, and a tail, are checked here.
  bool repeats = b > 0;
  if (b < full_blocks_) {
    in = in.substr(0, entry.size);
    const std::span<std::uint32_t, kBlockSize> block_freqs(freqs, kBlockSize);
    status = codec::DecodeStrictDeltaBlock(&in, base,
                                           std::span<std::uint32_t, kBlockSize>(docs, kBlockSize));
    if (status.ok() && !unit_) status = codec::DecodeBlockPlus(&in, 1, block_freqs);
    if (status.ok() && unit_) std::fill(block_freqs.begin(), block_freqs.end(), 1);
    count = kBlockSize;
    if (status.ok() && (docs[kBlockSize - 1] != entry.last_doc || !in.empty())) {
      return PostingsError(in, "block does not match its skip entry");
    }
    repeats = repeats && docs[0] == base;
  } else {
    count = info_.doc_freq - full_blocks_ * kBlockSize;
    status = codec::DecodeDeltaVarintTail(&in, base, std::span<std::uint32_t>(docs, count));
    if (status.ok() && !unit_) {
      status = codec::DecodeVarintTail(&in, std::span<std::uint32_t>(freqs, count));
    }
    if (status.ok() && docs[count - 1] >= source_.doc_count) {
      return PostingsError(in, "doc id " + std::to_string(docs[count - 1]) + " out of range");
    }
    if (status.ok()) {
      // The codecs return non-decreasing values from `base` (or Corruption), so equal
      // neighbours are the only disorder left.
      repeats = repeats && docs[0] == base;
      for (std::size_t i = 1; i < count; ++i) repeats = repeats || docs[i] == docs[i - 1];
      if (unit_) std::fill_n(freqs, count, 1);
      for (std::size_t i = 0; i < count && !unit_; ++i) {
        if (freqs[i] == kMaxU32) return PostingsError(in, "frequency out of range");
        freqs[i] += 1;
      }
    }
  }
  if (!status.ok()) return PostingsError(in, status.message());
  if (repeats) return PostingsError(in, "doc ids do not increase");
  docs_ = docs;
  freqs_ = freqs;
  count_ = count;
  block_end_ = OffsetIn(source_.postings, in);
  block_ = b;
  shallow_ = b;
  index_ = 0;
  freq_prefix_index_ = 0;
  freq_prefix_sum_ = 0;
  return Status::OK();
}

DocId BlockPostingCursor::Next() {
  if (doc_ == kEndDoc) return kEndDoc;
  shallow_ = block_;
  if (++index_ < count_) return doc_ = docs_[index_];
  if (block_ + 1 >= block_count_) {
    index_ = count_ - 1;
    return doc_ = kEndDoc;
  }
  if (Status status = LoadBlock(block_ + 1); !status.ok()) return Fail(std::move(status));
  return doc_ = docs_[0];
}

PostingRun BlockPostingCursor::NextUpTo(DocId last) {
  if (doc_ == kEndDoc || doc_ > last) return {};
  const DocId* const begin = docs_ + index_;
  const DocId* end = docs_ + count_;
  if (end[-1] > last) end = LastAtMost(begin, static_cast<std::size_t>(end - begin), last) + 1;
  const PostingRun run{{begin, end}, {freqs_ + index_, static_cast<std::size_t>(end - begin)}};
  // On the last one returned: Next moves past it, loading the next block (if it gets
  // there) into the other buffers.
  index_ += run.docs.size() - 1;
  Next();
  return run;
}

Result<std::size_t> BlockPostingCursor::FindBlock(std::size_t from, DocId target) {
  std::size_t b = std::min(from, block_count_ - 1);
  // Binary search among the entries decoded already, then decode on.
  if (b < entries_.size() && entries_.back().last_doc >= target) {
    const auto it =
        std::lower_bound(entries_.begin() + static_cast<std::ptrdiff_t>(b), entries_.end(), target,
                         [](const Entry& entry, DocId t) { return entry.last_doc < t; });
    return static_cast<std::size_t>(it - entries_.begin());
  }
  if (!entries_.empty()) b = std::max(b, entries_.size() - 1);
  HEXAGLOT_RETURN_IF_ERROR(DecodeEntries(b));
  while (entries_[b].last_doc < target && b + 1 < block_count_) {
    ++b;
    HEXAGLOT_RETURN_IF_ERROR(DecodeEntries(b));
  }
  return b;
}

DocId BlockPostingCursor::Seek(DocId target) {
  if (target <= doc_) return doc_;
  if (target > entries_[block_].last_doc) {
    Result<std::size_t> b = FindBlock(block_ + 1, target);
    if (!b.ok()) return Fail(b.status());
    if (entries_[*b].last_doc < target) {  // Past the last block.
      shallow_ = *b;
      index_ = count_ - 1;
      return doc_ = kEndDoc;
    }
    if (Status status = LoadBlock(*b); !status.ok()) return Fail(std::move(status));
  }
  shallow_ = block_;
  const DocId* const begin = docs_ + index_;
  const DocId* const end = docs_ + count_;
  const DocId* const it =
      *begin >= target ? begin
                       : LastAtMost(begin, static_cast<std::size_t>(end - begin), target - 1) + 1;
  if (it == end) {  // Only in the tail, whose last doc id is not in its entry.
    index_ = count_ - 1;
    return doc_ = kEndDoc;
  }
  index_ = static_cast<std::size_t>(it - docs_);
  return doc_ = *it;
}

DocId BlockPostingCursor::ShallowSeek(DocId target) {
  if (doc_ == kEndDoc) return kEndDoc;
  Result<std::size_t> b = FindBlock(block_, target);
  if (!b.ok()) return Fail(b.status());
  shallow_ = *b;
  const DocId last = entries_[shallow_].last_doc;
  return last >= target ? last : kEndDoc;
}

std::span<const TfLength> BlockPostingCursor::BlockMaxPairs() const {
  const Entry& entry = entries_[shallow_];
  return {pairs_.data() + entry.pairs_begin, entry.pair_count};
}

Status BlockPostingCursor::LoadPositionsBlock(std::uint64_t k) {
  if (k == pos_block_) return Status::OK();
  const std::uint64_t full = info_.total_freq / kBlockSize;
  // Start from the closest known block start at or before k: the one after the decoded
  // block, the one the current block's skip entry names, or the term's first.
  std::uint64_t at = 0;
  std::uint64_t offset = info_.positions_offset;
  if (pos_block_ != std::numeric_limits<std::uint64_t>::max() && pos_block_ < k) {
    at = pos_block_ + 1;
    offset = pos_block_next_offset_;
  }
  const Entry& entry = entries_[block_];
  if (entry.pos_index / kBlockSize <= k && entry.pos_index / kBlockSize > at) {
    at = entry.pos_index / kBlockSize;
    offset = entry.pos_offset;
  }
  std::string_view in = source_.positions.substr(offset);
  for (; at < k; ++at) {
    if (Status status = codec::SkipBlock(&in); !status.ok()) {
      return PositionsError(OffsetIn(source_.positions, in), status.message());
    }
  }
  const std::uint64_t start = OffsetIn(source_.positions, in);
  Status status =
      k < full ? codec::DecodeBlock(&in, std::span<std::uint32_t, kBlockSize>(pos_gaps_))
               : codec::DecodeVarintTail(&in, std::span<std::uint32_t>(
                                                  pos_gaps_.data(), info_.total_freq % kBlockSize));
  if (!status.ok()) return PositionsError(start, status.message());
  pos_block_ = k;
  pos_block_next_offset_ = OffsetIn(source_.positions, in);
  return Status::OK();
}

Status BlockPostingCursor::Positions(std::vector<std::uint32_t>* positions) {
  positions->clear();
  if (!with_positions_) {
    return Status::FailedPrecondition("Positions on a cursor opened without positions");
  }
  if (doc_ == kEndDoc) return Status::FailedPrecondition("Positions at the end of the list");
  if (!status_.ok()) return status_;
  for (; freq_prefix_index_ < index_; ++freq_prefix_index_) {
    freq_prefix_sum_ += freqs_[freq_prefix_index_];
  }
  const std::uint64_t first = entries_[block_].pos_index + freq_prefix_sum_;
  const std::uint32_t freq = freqs_[index_];
  if (first + freq > info_.total_freq) {
    status_ =
        PositionsError(info_.positions_offset, "more positions than the term's total frequency");
    return status_;
  }
  positions->reserve(freq);
  std::uint64_t position = 0;
  for (std::uint64_t i = first; i < first + freq; ++i) {
    if (Status status = LoadPositionsBlock(i / kBlockSize); !status.ok()) {
      status_ = status;
      return status;
    }
    const std::uint32_t gap = pos_gaps_[i % kBlockSize];
    position = i == first ? gap : position + gap + 1;
    if (position > kMaxU32) {
      status_ = PositionsError(pos_block_next_offset_, "position out of range");
      return status_;
    }
    positions->push_back(static_cast<std::uint32_t>(position));
  }
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<PostingCursor>> OpenPostingCursor(const PostingSource& source,
                                                         const TermInfo& info,
                                                         bool with_positions) {
  auto cursor = std::make_unique<BlockPostingCursor>(source, info, with_positions);
  HEXAGLOT_RETURN_IF_ERROR(cursor->Init());
  return std::unique_ptr<PostingCursor>(std::move(cursor));
}

Result<PostingListExtent> CheckPostingList(const PostingSource& source, const TermInfo& info,
                                           bool has_positions,
                                           const std::function<std::uint32_t(DocId)>& length_of) {
  BlockPostingCursor cursor(source, info, has_positions);
  HEXAGLOT_RETURN_IF_ERROR(cursor.Init());
  auto error = [&](std::string_view what) {
    return CorruptionAt(source.postings_name, info.postings_offset,
                        "postings of the term at this offset: " + std::string(what));
  };
  if (cursor.has_positions() != has_positions) {
    return error(has_positions ? "no positions in a field with positions"
                               : "positions in a field without positions");
  }
  // The start of every positions block, found by walking their headers: the skip entries'
  // offsets must name them.
  std::vector<std::uint64_t> pos_block_offsets;
  PostingListExtent extent;
  if (has_positions) {
    std::string_view in = source.positions.substr(info.positions_offset);
    for (std::uint64_t k = 0; k <= info.total_freq / kBlockSize; ++k) {
      pos_block_offsets.push_back(OffsetIn(source.positions, in));
      Status status;
      if (k < info.total_freq / kBlockSize) {
        status = codec::SkipBlock(&in);
      } else {
        std::vector<std::uint32_t> tail(info.total_freq % kBlockSize);
        status = codec::DecodeVarintTail(&in, tail);
      }
      if (!status.ok()) {
        return CorruptionAt(source.positions_name, OffsetIn(source.positions, in),
                            "positions of the term at offset " +
                                std::to_string(info.positions_offset) + ": " + status.message());
      }
    }
    extent.positions_end = OffsetIn(source.positions, in);
  } else {
    extent.positions_end = info.positions_offset;
  }

  std::uint64_t docs = 0;
  std::uint64_t freq_sum = 0;
  std::uint64_t block_freq_sum = 0;
  // The frequency sum the current block's skip entry claims (full blocks of lists with
  // positions only).
  bool claimed = false;
  std::uint64_t claimed_freq_sum = 0;
  std::size_t block = std::numeric_limits<std::size_t>::max();
  DocId previous = 0;
  std::vector<std::uint32_t> positions;
  const auto list_pairs = cursor.ListMaxPairs();
  auto check_block_end = [&]() -> Status {
    if (claimed && claimed_freq_sum != block_freq_sum) {
      return error("a skip entry's frequency sum does not match its block");
    }
    return Status::OK();
  };
  for (DocId doc = cursor.doc(); doc != kEndDoc; doc = cursor.Next()) {
    if (cursor.block() != block) {
      HEXAGLOT_RETURN_IF_ERROR(check_block_end());
      block = cursor.block();
      block_freq_sum = 0;
      claimed = has_positions && cursor.block_is_full();
      claimed_freq_sum = claimed ? cursor.block_freq_sum() : 0;
      if (has_positions &&
          (cursor.block_pos_index() != freq_sum ||
           cursor.block_pos_offset() != pos_block_offsets[freq_sum / kBlockSize])) {
        return error("a skip entry's positions do not match the positions file");
      }
    }
    if (docs > 0 && doc <= previous) return error("doc ids not increasing");
    if (doc >= source.doc_count) return error("doc id out of range");
    previous = doc;
    const std::uint32_t freq = cursor.freq();
    const std::uint32_t length = length_of(doc);
    if (!Bounds(cursor.BlockMaxPairs(), freq, length) || !Bounds(list_pairs, freq, length)) {
      return error("doc " + std::to_string(doc) + " (tf " + std::to_string(freq) + ", length " +
                   std::to_string(length) + ") above its block's or list's frontier");
    }
    if (cursor.BlockLastDoc() < doc) return error("doc after its block's last doc id");
    if (has_positions) {
      HEXAGLOT_RETURN_IF_ERROR(cursor.Positions(&positions));
      if (positions.size() != freq) return error("positions count differs from the frequency");
    }
    ++docs;
    freq_sum += freq;
    block_freq_sum += freq;
  }
  HEXAGLOT_RETURN_IF_ERROR(cursor.status());
  HEXAGLOT_RETURN_IF_ERROR(check_block_end());
  if (docs != info.doc_freq) return error("document count differs from the dictionary's");
  if (freq_sum != info.total_freq) return error("frequency sum differs from the dictionary's");
  extent.postings_end = cursor.block_end();
  return extent;
}

}  // namespace hexaglot::format

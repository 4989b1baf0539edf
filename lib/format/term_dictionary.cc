// The term dictionary (lib/format/term_dictionary.h). Byte layout: lib/format/FORMAT.md,
// "Terms".

#include "format/term_dictionary.h"

#include <algorithm>
#include <cassert>
#include <utility>

#include "format/format_errors.h"
#include "format/segment_files.h"
#include "util/coding.h"
#include "util/status_macros.h"

namespace hexaglot::format {
namespace {

// term_count (fixed64), index_offset (fixed64), block_count (fixed32), terms_per_block
// (fixed32).
constexpr std::size_t kTrailerSize = 24;
constexpr std::uint32_t kMaxTermsPerBlock = 4096;

std::size_t SharedPrefix(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  std::size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

// True when `key` names a field without positions. Two such keys in a row have the same
// positions offset (the end of the last term with positions), so a block's later entries
// leave it out (FORMAT.md "Terms"). Decided from the key bytes alone, as the reader has
// them: an empty or unknown field byte of a damaged file reads the same way it was written.
bool WithoutPositions(std::string_view key) {
  return !key.empty() && !FieldHasPositions(static_cast<FieldId>(key[0]));
}

}  // namespace

void TermDictionaryWriter::Add(std::string_view key, const TermInfo& info, std::string* out) {
  assert(term_count_ == 0 || key > previous_key_);
  assert(info.doc_freq >= 1 && info.total_freq >= info.doc_freq);
  const std::size_t before = out->size();
  const bool block_start = term_count_ % kTermsPerBlock == 0;
  if (block_start) block_offsets_.push_back(body_size_);
  // A block's first entry has the whole key and absolute offsets, so that a lookup can
  // start at any block.
  const std::size_t shared = block_start ? 0 : SharedPrefix(previous_key_, key);
  PutVarint32(out, static_cast<std::uint32_t>(shared));
  PutLengthPrefixed(out, key.substr(shared));
  // Most terms have every frequency 1 (extra_freq 0): one bit says so.
  const std::uint64_t extra_freq = info.total_freq - info.doc_freq;
  PutVarint64(out, (std::uint64_t{info.doc_freq} << 1) | (extra_freq != 0 ? 1 : 0));
  if (extra_freq != 0) PutVarint64(out, extra_freq - 1);
  PutVarint64(out, info.postings_offset - (block_start ? 0 : previous_info_.postings_offset));
  if (block_start || !WithoutPositions(previous_key_) || !WithoutPositions(key)) {
    PutVarint64(out, info.positions_offset - (block_start ? 0 : previous_info_.positions_offset));
  } else {
    assert(info.positions_offset == previous_info_.positions_offset);
  }
  previous_key_.assign(key);
  previous_info_ = info;
  ++term_count_;
  body_size_ += out->size() - before;
}

void TermDictionaryWriter::Finish(std::string* out) {
  const std::uint64_t index_offset = body_size_;
  for (std::uint64_t offset : block_offsets_) PutFixed64(out, offset);
  PutFixed64(out, term_count_);
  PutFixed64(out, index_offset);
  PutFixed32(out, static_cast<std::uint32_t>(block_offsets_.size()));
  PutFixed32(out, kTermsPerBlock);
}

Result<TermDictionary> TermDictionary::Open(std::string_view body, std::string name) {
  TermDictionary dictionary(body, std::move(name));
  if (body.size() < kTrailerSize) {
    return CorruptionAt(dictionary.name_, 0, "terms file too short for its trailer");
  }
  const std::size_t trailer = body.size() - kTrailerSize;
  const char* p = body.data() + trailer;
  dictionary.term_count_ = DecodeFixed64(p);
  dictionary.index_offset_ = DecodeFixed64(p + 8);
  dictionary.block_count_ = DecodeFixed32(p + 16);
  dictionary.terms_per_block_ = DecodeFixed32(p + 20);
  const std::uint32_t per_block = dictionary.terms_per_block_;
  if (per_block == 0 || per_block > kMaxTermsPerBlock) {
    return CorruptionAt(dictionary.name_, trailer + 20,
                        "bad terms per block " + std::to_string(per_block));
  }
  if (dictionary.block_count_ != (dictionary.term_count_ + per_block - 1) / per_block) {
    return CorruptionAt(dictionary.name_, trailer,
                        "block count " + std::to_string(dictionary.block_count_) +
                            " does not fit the term count " +
                            std::to_string(dictionary.term_count_));
  }
  if (dictionary.index_offset_ > trailer ||
      trailer - dictionary.index_offset_ != dictionary.block_count_ * 8) {
    return CorruptionAt(dictionary.name_, trailer + 8, "block index does not fit the file");
  }
  // Block offsets: the first at 0, strictly increasing, below the index.
  for (std::uint64_t b = 0; b < dictionary.block_count_; ++b) {
    const std::uint64_t offset = dictionary.BlockOffset(b);
    const bool ok = b == 0 ? offset == 0 : offset > dictionary.BlockOffset(b - 1);
    if (!ok || offset >= dictionary.index_offset_) {
      return CorruptionAt(dictionary.name_, dictionary.index_offset_ + 8 * b,
                          "bad offset of term block " + std::to_string(b));
    }
  }
  if (dictionary.block_count_ == 0 && dictionary.index_offset_ != 0) {
    return CorruptionAt(dictionary.name_, 0, "term blocks in a dictionary without terms");
  }
  return dictionary;
}

std::uint64_t TermDictionary::BlockOffset(std::uint64_t block) const {
  return DecodeFixed64(body_.data() + index_offset_ + 8 * block);
}

std::uint64_t TermDictionary::BlockEnd(std::uint64_t block) const {
  return block + 1 < block_count_ ? BlockOffset(block + 1) : index_offset_;
}

std::uint32_t TermDictionary::BlockTerms(std::uint64_t block) const {
  return block + 1 < block_count_
             ? terms_per_block_
             : static_cast<std::uint32_t>(term_count_ - (block_count_ - 1) * terms_per_block_);
}

// Walks entries of one block after another.
class TermDictionary::Iterator final : public TermIterator {
 public:
  explicit Iterator(const TermDictionary* dictionary) : dictionary_(dictionary) {}

  bool Valid() const override { return valid_; }
  std::string_view key() const override { return key_; }
  const TermInfo& info() const override { return info_; }
  void Next() override {
    assert(valid_);
    if (Status status = Advance(); !status.ok()) SetError(std::move(status));
  }
  Status status() const override { return status_; }

  // Body offset of the current entry.
  std::uint64_t entry_offset() const { return entry_offset_; }

  // Positions on the first key >= from, starting the scan at `block`.
  void SeekFrom(std::uint64_t block, std::string_view from) {
    if (block >= dictionary_->block_count_) return;  // Empty dictionary: not valid.
    block_ = block;
    if (Status status = StartBlock(); !status.ok()) return SetError(std::move(status));
    while (valid_ && key_ < from) Next();
  }

  void SetError(Status status) {
    status_ = std::move(status);
    valid_ = false;
  }

 private:
  Status StartBlock() {
    const std::uint64_t begin = dictionary_->BlockOffset(block_);
    rest_ = dictionary_->body_.substr(begin, dictionary_->BlockEnd(block_) - begin);
    left_ = dictionary_->BlockTerms(block_);
    first_in_block_ = true;
    return DecodeEntry();
  }

  Status Advance() {
    if (left_ == 0) {
      if (!rest_.empty()) return Error("term block longer than its entries");
      if (++block_ == dictionary_->block_count_) {
        valid_ = false;
        return Status::OK();
      }
      return StartBlock();
    }
    return DecodeEntry();
  }

  Status DecodeEntry() {
    entry_offset_ = OffsetIn(dictionary_->body_, rest_);
    std::uint32_t shared = 0;
    std::string_view suffix;
    std::uint64_t freqs = 0;
    std::uint64_t extra_freq = 0;
    std::uint64_t postings_delta = 0;
    std::uint64_t positions_delta = 0;
    if (!GetVarint32(&rest_, &shared) || !GetLengthPrefixed(&rest_, &suffix) ||
        !GetVarint64(&rest_, &freqs) || ((freqs & 1) != 0 && !GetVarint64(&rest_, &extra_freq)) ||
        !GetVarint64(&rest_, &postings_delta)) {
      return Error("truncated or malformed term entry");
    }
    if (first_in_block_ ? shared != 0 : shared > key_.size()) {
      return Error("bad shared prefix length " + std::to_string(shared));
    }
    const bool previous_without_positions = !first_in_block_ && WithoutPositions(key_);
    key_.resize(shared);
    key_.append(suffix);
    if ((!previous_without_positions || !WithoutPositions(key_)) &&
        !GetVarint64(&rest_, &positions_delta)) {
      return Error("truncated or malformed term entry");
    }
    const std::uint64_t doc_freq = freqs >> 1;
    // Stored as extra_freq - 1: a wrap to 0 is damage.
    if ((freqs & 1) != 0 && ++extra_freq == 0) return Error("bad total frequency");
    if (doc_freq == 0 || doc_freq > UINT32_MAX || extra_freq > UINT64_MAX - doc_freq) {
      return Error("bad document frequency");
    }
    const TermInfo previous = first_in_block_ ? TermInfo{} : info_;
    info_.doc_freq = static_cast<std::uint32_t>(doc_freq);
    info_.total_freq = doc_freq + extra_freq;
    if (postings_delta > UINT64_MAX - previous.postings_offset ||
        positions_delta > UINT64_MAX - previous.positions_offset) {
      return Error("bad offset");
    }
    info_.postings_offset = previous.postings_offset + postings_delta;
    info_.positions_offset = previous.positions_offset + positions_delta;
    first_in_block_ = false;
    --left_;
    valid_ = true;
    return Status::OK();
  }

  Status Error(std::string_view what) const {
    return CorruptionAt(dictionary_->name_, OffsetIn(dictionary_->body_, rest_),
                        "term block " + std::to_string(block_) + ": " + std::string(what));
  }

  const TermDictionary* dictionary_;
  std::uint64_t block_ = 0;
  std::string_view rest_;
  std::uint32_t left_ = 0;  // Entries of the block not decoded yet.
  std::uint64_t entry_offset_ = 0;
  bool first_in_block_ = true;
  bool valid_ = false;
  std::string key_;
  TermInfo info_;
  Status status_;
};

Result<std::uint64_t> TermDictionary::FindBlock(std::string_view key) const {
  // The last block whose first key is <= key: binary search over the first keys, which
  // every block stores whole.
  std::uint64_t low = 0;
  std::uint64_t high = block_count_;
  while (high - low > 1) {
    const std::uint64_t mid = low + (high - low) / 2;
    const std::uint64_t begin = BlockOffset(mid);
    std::string_view in = body_.substr(begin, BlockEnd(mid) - begin);
    std::uint32_t shared = 0;
    std::string_view first;
    if (!GetVarint32(&in, &shared) || shared != 0 || !GetLengthPrefixed(&in, &first)) {
      return CorruptionAt(name_, begin, "bad first key of term block " + std::to_string(mid));
    }
    if (first <= key) {
      low = mid;
    } else {
      high = mid;
    }
  }
  return low;
}

Result<std::optional<TermInfo>> TermDictionary::Find(std::string_view key) const {
  if (term_count_ == 0) return std::optional<TermInfo>();
  HEXAGLOT_ASSIGN_OR_RETURN(const std::uint64_t block, FindBlock(key));
  Iterator it(this);
  it.SeekFrom(block, key);
  HEXAGLOT_RETURN_IF_ERROR(it.status());
  if (it.Valid() && it.key() == key) return std::optional<TermInfo>(it.info());
  return std::optional<TermInfo>();
}

std::uint64_t TermDictionary::EntryOffset(const TermIterator& it) const {
  return static_cast<const Iterator&>(it).entry_offset();
}

std::unique_ptr<TermIterator> TermDictionary::Seek(std::string_view from) const {
  auto it = std::make_unique<Iterator>(this);
  if (term_count_ == 0) return it;
  Result<std::uint64_t> block = FindBlock(from);
  if (!block.ok()) {
    it->SetError(block.status());
    return it;
  }
  it->SeekFrom(*block, from);
  return it;
}

}  // namespace hexaglot::format

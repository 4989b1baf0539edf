// The term dictionary file: sorted keys in front-coded blocks with a sparse index of the
// blocks' offsets (binary search over each block's first key, then a scan of one block).
// Byte layout: lib/format/FORMAT.md, "Terms"; change neither without the other.
//
// Thread safety: the writer is used by one thread; a TermDictionary is immutable and may
// be shared; each iterator is used by one thread.

#ifndef HEXAGLOT_FORMAT_TERM_DICTIONARY_H_
#define HEXAGLOT_FORMAT_TERM_DICTIONARY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "format/segment.h"
#include "hexaglot/status.h"

namespace hexaglot::format {

// Keys per block: a lookup decodes at most this many entries after its binary search.
inline constexpr std::uint32_t kTermsPerBlock = 32;

class TermDictionaryWriter {
 public:
  // Appends the entry's bytes to `*out`, the body written so far (the writer counts it).
  // REQUIRES: keys strictly increasing; info.doc_freq >= 1, total_freq >= doc_freq,
  // offsets non-decreasing.
  void Add(std::string_view key, const TermInfo& info, std::string* out);
  // Appends the block index and the trailer.
  void Finish(std::string* out);

 private:
  std::uint64_t body_size_ = 0;
  std::uint64_t term_count_ = 0;
  std::vector<std::uint64_t> block_offsets_;
  std::string previous_key_;
  TermInfo previous_info_;
};

class TermDictionary {
 public:
  // Validates the trailer and the block index of the body of the terms file `name`.
  static Result<TermDictionary> Open(std::string_view body, std::string name);

  std::uint64_t term_count() const { return term_count_; }

  Result<std::optional<TermInfo>> Find(std::string_view key) const;
  // An iterator at the first key >= from. REQUIRES: the dictionary outlives it.
  std::unique_ptr<TermIterator> Seek(std::string_view from) const;
  // The body offset of the entry `it` is on, for error messages.
  // REQUIRES: `it` came from Seek of this dictionary and is Valid().
  std::uint64_t EntryOffset(const TermIterator& it) const;

 private:
  class Iterator;
  friend class Iterator;

  TermDictionary(std::string_view body, std::string name) : body_(body), name_(std::move(name)) {}

  std::uint64_t BlockOffset(std::uint64_t block) const;
  std::uint64_t BlockEnd(std::uint64_t block) const;
  std::uint32_t BlockTerms(std::uint64_t block) const;
  // The last block whose first key is <= key (0 when key is below every key).
  Result<std::uint64_t> FindBlock(std::string_view key) const;

  std::string_view body_;
  std::string name_;
  std::uint64_t term_count_ = 0;
  std::uint64_t block_count_ = 0;
  std::uint32_t terms_per_block_ = 0;
  std::uint64_t index_offset_ = 0;
};

}  // namespace hexaglot::format

#endif  // HEXAGLOT_FORMAT_TERM_DICTIONARY_H_

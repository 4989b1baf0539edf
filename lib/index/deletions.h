// Per-segment deletion bitsets and their files (lib/format/FORMAT.md, "Deletions").
//
// A segment's files never change; its deleted documents are a bitset written as a new
// file `<segment>.del-<gen>` at each commit that deletes more of them. The manifest names
// the generation that belongs to the commit.
//
// Thread safety: a DeletionBitset is a value; const use from several threads is safe.

#ifndef HEXAGLOT_INDEX_DELETIONS_H_
#define HEXAGLOT_INDEX_DELETIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "format/posting_cursor.h"
#include "hexaglot/status.h"
#include "util/directory.h"

namespace hexaglot::index {

class DeletionBitset {
 public:
  DeletionBitset() = default;
  explicit DeletionBitset(DocId doc_count)
      : doc_count_(doc_count), words_((static_cast<std::size_t>(doc_count) + 63) / 64) {}

  DocId doc_count() const { return doc_count_; }
  DocId deleted_count() const { return deleted_count_; }

  // REQUIRES: doc < doc_count().
  bool IsDeleted(DocId doc) const { return (words_[doc / 64] >> (doc % 64)) & 1; }
  // Marks `doc` deleted; false when it already was. REQUIRES: doc < doc_count().
  bool Delete(DocId doc) {
    std::uint64_t& word = words_[doc / 64];
    const std::uint64_t bit = std::uint64_t{1} << (doc % 64);
    if (word & bit) return false;
    word |= bit;
    ++deleted_count_;
    return true;
  }

  // The file body (FORMAT.md "Deletions").
  std::string Encode() const;
  // Decodes a body; Corruption naming `name` and the offset on any inconsistency with
  // the expected counts from the manifest.
  static Result<DeletionBitset> Decode(std::string_view body, std::string_view name,
                                       DocId expected_doc_count, DocId expected_deleted);

 private:
  DocId doc_count_ = 0;
  DocId deleted_count_ = 0;
  std::vector<std::uint64_t> words_;
};

// Writes and syncs `name` (a framed kDeletions file), replacing a leftover file of that
// name from an interrupted commit (no manifest references it). Returns its size in bytes.
Result<std::uint64_t> WriteDeletions(Directory* directory, const std::string& name,
                                     const DeletionBitset& deletions);

// Validates the deletions file `file` (named `name` in messages).
Result<DeletionBitset> ReadDeletions(ReadableFile file, const std::string& name,
                                     DocId expected_doc_count, DocId expected_deleted);
// Opens and validates `name`.
Result<DeletionBitset> ReadDeletions(Directory* directory, const std::string& name,
                                     DocId expected_doc_count, DocId expected_deleted);

}  // namespace hexaglot::index

#endif  // HEXAGLOT_INDEX_DELETIONS_H_

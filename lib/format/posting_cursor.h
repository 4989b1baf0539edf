// PostingCursor: the one interface through which queries read postings (tantivy DocSet,
// Xapian PostList). Storage implements it; query code includes this header and no codec
// or file-format header.
//
// Contract:
// - A cursor walks one term's documents in increasing doc id order. After creation it is
//   positioned on the first document (or at kEndDoc for an empty list).
// - doc(): the current document, kEndDoc once exhausted. freq() and Positions() describe
//   the current document. REQUIRES: doc() != kEndDoc for freq() and Positions().
// - Next(): moves to the next document and returns it (kEndDoc at the end).
// - Seek(target): moves to the first document >= target and returns it; a target <= doc()
//   leaves the cursor where it is. Never moves backwards.
// - Block-max data for dynamic pruning (block-max WAND, MaxScore): postings are stored in
//   blocks of 128 documents; for the current block the cursor reports its last doc id and
//   its best (tf, document length) pairs. The current block is the one that contains
//   doc() after creation, Next and Seek, and the one that would contain `target` after
//   ShallowSeek(target) (never one before doc()'s), until the next Next or Seek. A list's
//   last, partial block reports kEndDoc as its last doc id (its real one is not stored; no
//   document of the list follows it), and so does a whole list shorter than 128. BM25's
//   per-document score is increasing in tf and decreasing in length, so max over these pairs of
//   BM25(tf, len) bounds every document in the block for ANY k1 and b: the pairs are the Pareto
//   frontier (no pair has both a larger-or-equal tf and a smaller-or-equal length than another).
// - Errors: a cursor over corrupt bytes stops at kEndDoc and status() returns Corruption
//   naming the file and offset; callers check status() when a cursor ends. Sticky.
// - Thread safety: a cursor is used by one thread. Cursors over one segment may be used
//   by different threads at once. A cursor borrows its segment reader, which must outlive
//   it.

#ifndef HEXAGLOT_FORMAT_POSTING_CURSOR_H_
#define HEXAGLOT_FORMAT_POSTING_CURSOR_H_

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "hexaglot/status.h"

namespace hexaglot {

// A document's number inside one segment: 0 .. doc_count-1, in insertion order.
using DocId = std::uint32_t;
inline constexpr DocId kEndDoc = std::numeric_limits<DocId>::max();

// One point of a block's (term frequency, document length) Pareto frontier.
struct TfLength {
  std::uint32_t tf;
  std::uint32_t length;
  friend bool operator==(const TfLength&, const TfLength&) = default;
};

// The most documents one NextUpTo returns: a posting block's.
inline constexpr std::size_t kMaxPostingRun = 128;

// Documents of a posting list with their frequencies (NextUpTo): views into the cursor.
struct PostingRun {
  std::span<const DocId> docs;
  std::span<const std::uint32_t> freqs;
};

class PostingCursor {
 public:
  PostingCursor() = default;
  PostingCursor(const PostingCursor&) = delete;
  PostingCursor& operator=(const PostingCursor&) = delete;
  virtual ~PostingCursor() = default;

  virtual DocId doc() const = 0;
  virtual DocId Next() = 0;
  virtual DocId Seek(DocId target) = 0;

  // The term's frequency in doc().
  virtual std::uint32_t freq() const = 0;
  // doc() and the documents after it up to `last` that are in its block, with their
  // frequencies, as views into the cursor that stay valid until its next call; moves to
  // the first document after them (as Next would). Empty when doc() > last (or at the
  // end). Reads a list a block per call instead of a document, without copying it: at
  // most kMaxPostingRun documents.
  virtual PostingRun NextUpTo(DocId last) = 0;

  // Appends doc()'s positions (increasing) to `*positions` after clearing it.
  // FailedPrecondition if the cursor was opened without positions; Corruption on bad bytes.
  virtual Status Positions(std::vector<std::uint32_t>* positions) = 0;

  // The number of documents of the whole list (the term's document frequency in this
  // segment, deleted documents included).
  virtual std::uint32_t size() const = 0;

  // Moves the block pointer to the block that would contain `target` without decoding
  // documents; doc() is unchanged. Returns that block's last doc id (kEndDoc when target
  // is past the last block).
  virtual DocId ShallowSeek(DocId target) = 0;
  // The last doc id of the current block (the one of doc(), or of the last ShallowSeek).
  virtual DocId BlockLastDoc() const = 0;
  // The current block's (tf, length) frontier: at least one pair.
  virtual std::span<const TfLength> BlockMaxPairs() const = 0;
  // The frontier over the whole list (for MaxScore's per-term upper bounds).
  virtual std::span<const TfLength> ListMaxPairs() const = 0;

  // OK, or the error that ended the cursor early.
  virtual Status status() const = 0;
};

}  // namespace hexaglot

#endif  // HEXAGLOT_FORMAT_POSTING_CURSOR_H_

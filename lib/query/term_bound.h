// TermBound: the BM25 bound of one term's postings, per block and over the whole list,
// for dynamic pruning (lib/query/scorer.h, lib/query/term_disjunction.h).
//
// Thread safety: used by the thread that moves its cursor.

#ifndef HEXAGLOT_QUERY_TERM_BOUND_H_
#define HEXAGLOT_QUERY_TERM_BOUND_H_

#include <algorithm>

#include "format/posting_cursor.h"
#include "scoring/bm25.h"

namespace hexaglot::query {

// The bound of one term's postings: per block (cached) and over the whole list.
class TermBound {
 public:
  TermBound(PostingCursor* cursor, const scoring::Bm25Term* bm25)
      : cursor_(cursor),
        bm25_(bm25),
        list_max_(bm25 != nullptr ? bm25->UpperBound(cursor->ListMaxPairs()) : 0.0) {}

  double list_max() const { return list_max_; }

  // A bound for the cursor's documents in [the last ShallowSeek target, up_to].
  double Bound(DocId up_to) {
    if (bm25_ == nullptr || cursor_->doc() == kEndDoc) return 0.0;
    const DocId last = cursor_->BlockLastDoc();
    return up_to > last ? list_max_ : BlockBound(last);
  }

  // A bound for the cursor's documents in [from, up_to]: the largest of its blocks'
  // there. REQUIRES: from >= the cursor's doc. Leaves ShallowSeek at the block that
  // holds up_to (or the last one).
  double BoundOver(DocId from, DocId up_to) {
    if (bm25_ == nullptr || cursor_->doc() == kEndDoc) return 0.0;
    double bound = 0.0;
    for (DocId target = from;;) {
      // The block's last doc; kEndDoc for the last block (a tail's last doc is not
      // stored), whose pairs then bound it.
      const DocId last = cursor_->ShallowSeek(target);
      bound = std::max(bound, BlockBound(last));
      if (last >= up_to) return bound;
      target = last + 1;
    }
  }

 private:
  // The bound of the block ShallowSeek is at, whose last doc is `last` (cached).
  double BlockBound(DocId last) {
    if (last != cached_last_ || !cached_) {
      cached_last_ = last;
      cached_bound_ = bm25_->UpperBound(cursor_->BlockMaxPairs());
      cached_ = true;
    }
    return cached_bound_;
  }

  PostingCursor* cursor_;
  const scoring::Bm25Term* bm25_;
  double list_max_;
  bool cached_ = false;
  DocId cached_last_ = 0;
  double cached_bound_ = 0.0;
};

}  // namespace hexaglot::query

#endif  // HEXAGLOT_QUERY_TERM_BOUND_H_

// Scorers: the matching and scoring tree of a query over one segment (Lucene's Scorer,
// tantivy's Scorer, Xapian's PostList tree).
//
// A Scorer walks the documents a (sub)query matches in one segment in increasing doc id
// order and scores them. Besides doc/Next/Advance/Score it answers two questions that
// dynamic pruning asks (Lucene 8's impacts API):
// - AdvanceShallow(target) returns the last doc id of a window that starts at `target`
//   (the smallest of the posting blocks under it), and MaxScore(up_to) bounds the score of
//   every document in [target, up_to] for up_to no further than that window's end;
// - SetMinCompetitiveScore(s) says that documents scoring below `s` are of no use: a
//   scorer may then skip them (a disjunction with MaxScore's essential lists).
// Bounds carry scoring::kBoundSlack, and a scorer computes a document's score by the same
// code and in the same order whether or not it was told a minimum: pruning decides which
// documents are scored, never how.
//
// Deleted documents are the caller's concern (the top-k loop skips them).
//
// Thread safety: a scorer tree is used by one thread.

#ifndef HEXAGLOT_QUERY_SCORER_H_
#define HEXAGLOT_QUERY_SCORER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "format/posting_cursor.h"
#include "format/segment.h"
#include "hexaglot/status.h"
#include "scoring/bm25.h"

namespace hexaglot::query {

// One scored term of a matched document (for explanations).
struct TermMatch {
  int term = 0;  // The index of the term in the compiled query's term table.
  std::uint32_t tf = 0;
  std::uint32_t length = 0;
  double score = 0.0;
};

class Scorer {
 public:
  Scorer() = default;
  Scorer(const Scorer&) = delete;
  Scorer& operator=(const Scorer&) = delete;
  virtual ~Scorer() = default;

  // The current document; kEndDoc when exhausted. A new scorer is on its first match.
  virtual DocId doc() const = 0;
  // Moves to the next match and returns it.
  virtual DocId Next() = 0;
  // Moves to the first match >= target and returns it. REQUIRES: target > doc().
  virtual DocId Advance(DocId target) = 0;
  // The score of doc(). REQUIRES: doc() != kEndDoc.
  virtual double Score() = 0;
  // The scored terms that match doc(), appended. REQUIRES: doc() != kEndDoc.
  virtual void Explain(std::vector<TermMatch>* matches) = 0;

  // A bound on every score this scorer can return.
  virtual double MaxScore() const = 0;
  // About how many documents it matches (the order in which conjunctions lead).
  virtual std::uint64_t Cost() const = 0;
  // See above. REQUIRES: target >= doc() (doc() is not moved).
  virtual DocId AdvanceShallow(DocId target) = 0;
  // REQUIRES: up_to <= the last AdvanceShallow's result.
  virtual double MaxScore(DocId up_to) = 0;
  virtual void SetMinCompetitiveScore(double /*score*/) {}

  // OK, or the first error of a cursor below (Corruption); an error ends the scorer.
  virtual Status status() const = 0;
};

// A term's postings, scored by BM25 over the document lengths of its field (`bm25`
// non-null) or matched only (score 0). `term` tags its explanations.
std::unique_ptr<Scorer> MakeTermScorer(std::unique_ptr<PostingCursor> cursor,
                                       format::LengthColumn lengths, const scoring::Bm25Term* bm25,
                                       int term);

// Documents where the terms occur in this order, each `offsets[i] - offsets[i - 1]` or
// more positions after the previous one, with at most `slop` extra positions in all
// (slop 0: the exact phrase). Scored as the sum of the terms' scores (terms without bm25
// add nothing) over the text `lengths`. REQUIRES: cursors opened with positions; offsets increasing
// from 0; at least two terms.
std::unique_ptr<Scorer> MakePhraseScorer(std::vector<std::unique_ptr<PostingCursor>> cursors,
                                         std::vector<std::uint32_t> offsets, int slop,
                                         format::LengthColumn lengths,
                                         std::vector<const scoring::Bm25Term*> bm25,
                                         std::vector<int> terms);

// Documents matching at least one child; the sum of the matching children's scores, in
// child order. REQUIRES: at least two children.
std::unique_ptr<Scorer> MakeDisjunction(std::vector<std::unique_ptr<Scorer>> children);

// Documents matching every child; the sum of their scores, in child order.
// REQUIRES: at least two children.
std::unique_ptr<Scorer> MakeConjunction(std::vector<std::unique_ptr<Scorer>> children);

// Documents matching `required` and not `excluded`; `required`'s score.
std::unique_ptr<Scorer> MakeReqExcl(std::unique_ptr<Scorer> required,
                                    std::unique_ptr<Scorer> excluded);

// Documents matching `required`; its score plus `optional`'s where that matches too.
std::unique_ptr<Scorer> MakeReqOpt(std::unique_ptr<Scorer> required,
                                   std::unique_ptr<Scorer> optional);

// `child`'s documents with score 0 (filters).
std::unique_ptr<Scorer> MakeConstantZero(std::unique_ptr<Scorer> child);

}  // namespace hexaglot::query

#endif  // HEXAGLOT_QUERY_SCORER_H_

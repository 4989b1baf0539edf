// The scorers of lib/query/scorer.h.

#include "query/scorer.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <utility>

#include "query/term_bound.h"

namespace hexaglot::query {
namespace {

using scoring::kBoundSlack;

// Disjunctions of more children than this (wide prefixes) use list bounds only.
constexpr std::size_t kWideDisjunction = 32;

// The minimum a child of a sum must reach for the sum to reach `total`, when the other
// children add at most `others`: total - others, lowered by a relative margin so that
// rounding (of the subtraction and of the sum that scores a document) never makes a
// competitive document look uncompetitive to the child.
double ChildMinimum(double total, double others) {
  return total - others - (total + others) * (kBoundSlack - 1.0);
}

class TermScorer final : public Scorer {
 public:
  TermScorer(std::unique_ptr<PostingCursor> cursor, format::LengthColumn lengths,
             const scoring::Bm25Term* bm25, int term)
      : cursor_(std::move(cursor)),
        lengths_(lengths),
        bm25_(bm25),
        term_(term),
        bound_(cursor_.get(), bm25) {}

  DocId doc() const override { return cursor_->doc(); }
  DocId Next() override { return cursor_->Next(); }
  DocId Advance(DocId target) override { return cursor_->Seek(target); }
  double Score() override {
    if (bm25_ == nullptr) return 0.0;
    return bm25_->Score(cursor_->freq(), lengths_[cursor_->doc()]);
  }
  void Explain(std::vector<TermMatch>* matches) override {
    if (bm25_ == nullptr) return;
    const std::uint32_t length = lengths_[cursor_->doc()];
    matches->push_back({term_, cursor_->freq(), length, bm25_->Score(cursor_->freq(), length)});
  }
  double MaxScore() const override { return bound_.list_max(); }
  std::uint64_t Cost() const override { return cursor_->size(); }
  DocId AdvanceShallow(DocId target) override {
    // An unscored term bounds nothing: it must not narrow its parents' windows.
    if (bm25_ == nullptr || cursor_->doc() == kEndDoc) return kEndDoc;
    return cursor_->ShallowSeek(target);
  }
  double MaxScore(DocId up_to) override { return bound_.Bound(up_to); }
  Status status() const override { return cursor_->status(); }

 private:
  std::unique_ptr<PostingCursor> cursor_;
  format::LengthColumn lengths_;  // Of the text field.
  const scoring::Bm25Term* bm25_;
  int term_;
  TermBound bound_;
};

class PhraseScorer final : public Scorer {
 public:
  PhraseScorer(std::vector<std::unique_ptr<PostingCursor>> cursors,
               std::vector<std::uint32_t> offsets, int slop, format::LengthColumn lengths,
               std::vector<const scoring::Bm25Term*> bm25, std::vector<int> terms)
      : cursors_(std::move(cursors)),
        offsets_(std::move(offsets)),
        slop_(static_cast<std::uint64_t>(slop)),
        lengths_(lengths),
        bm25_(std::move(bm25)),
        terms_(std::move(terms)),
        positions_(cursors_.size()) {
    for (std::size_t i = 0; i < cursors_.size(); ++i) {
      bounds_.emplace_back(cursors_[i].get(), bm25_[i]);
      max_ += bounds_.back().list_max();
      scored_ = scored_ || bm25_[i] != nullptr;
      cost_ = std::min<std::uint64_t>(cost_, cursors_[i]->size());
    }
    Align(cursors_[0]->doc());
  }

  DocId doc() const override { return doc_; }
  DocId Next() override { return Align(cursors_[0]->Next()); }
  DocId Advance(DocId target) override { return Align(cursors_[0]->Seek(target)); }
  double Score() override {
    const std::uint32_t length = lengths_[doc_];
    double score = 0.0;
    for (std::size_t i = 0; i < cursors_.size(); ++i) {
      if (bm25_[i] != nullptr) score += bm25_[i]->Score(cursors_[i]->freq(), length);
    }
    return score;
  }
  void Explain(std::vector<TermMatch>* matches) override {
    const std::uint32_t length = lengths_[doc_];
    for (std::size_t i = 0; i < cursors_.size(); ++i) {
      if (bm25_[i] == nullptr) continue;
      const std::uint32_t tf = cursors_[i]->freq();
      matches->push_back({terms_[i], tf, length, bm25_[i]->Score(tf, length)});
    }
  }
  double MaxScore() const override { return max_; }
  std::uint64_t Cost() const override { return cost_; }
  DocId AdvanceShallow(DocId target) override {
    if (!scored_ || doc_ == kEndDoc) return kEndDoc;
    DocId end = kEndDoc;
    for (auto& cursor : cursors_) {
      if (cursor->doc() != kEndDoc) end = std::min(end, cursor->ShallowSeek(target));
    }
    return end;
  }
  double MaxScore(DocId up_to) override {
    double bound = 0.0;
    for (TermBound& term : bounds_) bound += term.Bound(up_to);
    return bound;
  }
  Status status() const override {
    if (!status_.ok()) return status_;
    for (const auto& cursor : cursors_) {
      if (!cursor->status().ok()) return cursor->status();
    }
    return Status::OK();
  }

 private:
  // From `d`, the first document where every term occurs (leapfrog) and the positions
  // match; sets doc_.
  DocId Align(DocId d) {
    while (d != kEndDoc) {
      bool all = true;
      for (std::size_t i = 1; i < cursors_.size(); ++i) {
        DocId other = cursors_[i]->doc();
        if (other < d) other = cursors_[i]->Seek(d);
        if (other > d) {
          d = other == kEndDoc ? kEndDoc : cursors_[0]->Seek(other);
          all = false;
          break;
        }
      }
      if (!all) continue;
      if (PositionsMatch()) return doc_ = d;
      if (!status_.ok()) break;
      d = cursors_[0]->Next();
    }
    return doc_ = kEndDoc;
  }

  // Whether the current document has the terms in order with the gaps of offsets_ plus
  // at most slop_ extra positions in all. For each start, the earliest fitting position of
  // each next term gives the tightest span, so trying the starts in order is exact.
  bool PositionsMatch() {
    for (std::size_t i = 0; i < cursors_.size(); ++i) {
      status_ = cursors_[i]->Positions(&positions_[i]);
      if (!status_.ok()) return false;
    }
    std::vector<std::size_t> next(cursors_.size(), 0);
    const std::uint64_t span = offsets_.back();
    for (const std::uint32_t start : positions_[0]) {
      std::uint64_t at = start;
      for (std::size_t i = 1; i < cursors_.size(); ++i) {
        const std::uint64_t need = at + (offsets_[i] - offsets_[i - 1]);
        const std::vector<std::uint32_t>& list = positions_[i];
        std::size_t& k = next[i];
        while (k < list.size() && list[k] < need) ++k;
        if (k == list.size()) return false;  // No later start can fit either.
        at = list[k];
      }
      if (at - start <= span + slop_) return true;
    }
    return false;
  }

  std::vector<std::unique_ptr<PostingCursor>> cursors_;
  std::vector<std::uint32_t> offsets_;
  std::uint64_t slop_;
  format::LengthColumn lengths_;  // Of the text field.
  std::vector<const scoring::Bm25Term*> bm25_;
  std::vector<int> terms_;
  std::vector<TermBound> bounds_;
  std::vector<std::vector<std::uint32_t>> positions_;
  double max_ = 0.0;
  bool scored_ = false;
  std::uint64_t cost_ = UINT64_MAX;
  DocId doc_ = kEndDoc;
  Status status_;
};

// The smallest window end of `children` from `target` (children past the target start
// their window at their own document; exhausted ones bound nothing).
DocId ChildrenWindow(std::span<const std::unique_ptr<Scorer>> children, DocId target) {
  DocId end = kEndDoc;
  for (const auto& child : children) {
    const DocId doc = child->doc();
    if (doc == kEndDoc) continue;
    end = std::min(end, child->AdvanceShallow(std::max(target, doc)));
  }
  return end;
}

// Sum of the window bounds of the children that have a document up to `up_to`.
double ChildrenBound(std::span<const std::unique_ptr<Scorer>> children, DocId up_to) {
  double bound = 0.0;
  for (const auto& child : children) {
    if (child->doc() <= up_to) bound += child->MaxScore(up_to);
  }
  return bound;
}

Status ChildrenStatus(std::span<const std::unique_ptr<Scorer>> children) {
  for (const auto& child : children) {
    Status status = child->status();
    if (!status.ok()) return status;
  }
  return Status::OK();
}

// MaxScore (Turtle and Flood, 1995) over a heap of the essential children: once a
// minimum competitive score is known, the children with the smallest bounds whose sum
// stays below it are non-essential: a document only they match cannot compete, so
// candidates come from the others, and the non-essential ones are advanced only to
// candidates whose essential score plus their bounds can reach the minimum.
class Disjunction final : public Scorer {
 public:
  explicit Disjunction(std::vector<std::unique_ptr<Scorer>> children)
      : children_(std::move(children)),
        scores_(children_.size(), 0.0),
        scored_at_(children_.size(), kEndDoc) {
    for (const auto& child : children_) {
      max_ += child->MaxScore();
      cost_ += child->Cost();
    }
    by_bound_.resize(children_.size());
    std::iota(by_bound_.begin(), by_bound_.end(), 0);
    std::stable_sort(by_bound_.begin(), by_bound_.end(), [this](std::size_t a, std::size_t b) {
      return children_[a]->MaxScore() < children_[b]->MaxScore();
    });
    essential_ = by_bound_;
    RebuildHeap();
    FindCandidate();
  }

  DocId doc() const override { return doc_; }
  DocId Next() override {
    if (doc_ == kEndDoc) return kEndDoc;
    while (!heap_.empty() && heap_.front().first == doc_) {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
      heap_.back().first = children_[heap_.back().second]->Next();
      std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
    }
    return FindCandidate();
  }
  DocId Advance(DocId target) override {
    while (!heap_.empty() && heap_.front().first < target) {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
      heap_.back().first = children_[heap_.back().second]->Advance(target);
      std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
    }
    return FindCandidate();
  }
  double Score() override {
    double score = 0.0;
    for (const std::size_t i : Matching()) {
      // FindCandidate's score of this child and document, or the same computed now.
      score += scored_at_[i] == doc_ ? scores_[i] : children_[i]->Score();
    }
    return score;
  }
  void Explain(std::vector<TermMatch>* matches) override {
    for (const std::size_t i : Matching()) children_[i]->Explain(matches);
  }
  double MaxScore() const override { return max_; }
  std::uint64_t Cost() const override { return cost_; }
  // A wide disjunction (a prefix's expansions) would spend more on the windows of its
  // many children than their bounds save: it reports its list bound for any window.
  DocId AdvanceShallow(DocId target) override {
    return wide() ? kEndDoc : ChildrenWindow(children_, target);
  }
  double MaxScore(DocId up_to) override { return wide() ? max_ : ChildrenBound(children_, up_to); }
  void SetMinCompetitiveScore(double minimum) override {
    if (minimum <= minimum_) return;
    minimum_ = minimum;
    std::size_t split = non_essential_;
    double sum = non_essential_max_;
    while (split < by_bound_.size()) {
      const double next = sum + children_[by_bound_[split]]->MaxScore();
      if (next >= minimum_) break;
      sum = next;
      ++split;
    }
    if (split == non_essential_) return;
    non_essential_ = split;
    non_essential_max_ = sum;
    window_valid_ = false;
    essential_.assign(by_bound_.begin() + static_cast<std::ptrdiff_t>(split), by_bound_.end());
    RebuildHeap();
  }
  Status status() const override { return ChildrenStatus(children_); }

 private:
  void RebuildHeap() {
    heap_.clear();
    for (const std::size_t i : essential_) heap_.emplace_back(children_[i]->doc(), i);
    std::make_heap(heap_.begin(), heap_.end(), std::greater<>());
  }

  // Moves to the first candidate at or after the heap's top; sets doc_.
  DocId FindCandidate() {
    while (true) {
      if (heap_.empty() || heap_.front().first == kEndDoc) return doc_ = kEndDoc;
      const DocId candidate = heap_.front().first;
      if (non_essential_ == 0) return doc_ = candidate;
      double bound = NonEssentialBound(candidate);
      for (const std::size_t i : essential_) {
        if (children_[i]->doc() != candidate) continue;
        scores_[i] = children_[i]->Score();
        scored_at_[i] = candidate;
        bound += scores_[i];
      }
      if (bound * kBoundSlack >= minimum_) return doc_ = candidate;
      while (!heap_.empty() && heap_.front().first == candidate) {
        std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
        heap_.back().first = children_[heap_.back().second]->Next();
        std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
      }
    }
  }

  // A bound on what the non-essential children add to a document at or after `doc` in
  // the window of their current blocks that holds `doc` (Lucene's MaxScoreBulkScorer
  // idea): their block bounds, kept until a candidate passes the window's end.
  double NonEssentialBound(DocId doc) {
    if (wide()) return non_essential_max_;
    if (window_valid_ && doc <= window_end_) return window_bound_;
    window_end_ = kEndDoc;
    for (std::size_t k = 0; k < non_essential_; ++k) {
      Scorer& child = *children_[by_bound_[k]];
      if (child.doc() == kEndDoc) continue;
      window_end_ = std::min(window_end_, child.AdvanceShallow(std::max(doc, child.doc())));
    }
    double bound = 0.0;
    for (std::size_t k = 0; k < non_essential_; ++k) {
      Scorer& child = *children_[by_bound_[k]];
      if (child.doc() <= window_end_) bound += child.MaxScore(window_end_);
    }
    window_bound_ = std::min(bound, non_essential_max_);
    window_valid_ = true;
    return window_bound_;
  }

  bool wide() const { return children_.size() > kWideDisjunction; }

  // The children on doc_, in child order (the order their scores are summed in): the
  // heap's entries at doc_ (found by walking the heap from its root) and the
  // non-essential children brought up to doc_.
  const std::vector<std::size_t>& Matching() {
    matching_.clear();
    CollectHeap(0);
    for (std::size_t k = 0; k < non_essential_; ++k) {
      const std::size_t i = by_bound_[k];
      if (children_[i]->doc() < doc_) children_[i]->Advance(doc_);
      if (children_[i]->doc() == doc_) matching_.push_back(i);
    }
    std::sort(matching_.begin(), matching_.end());
    return matching_;
  }
  void CollectHeap(std::size_t node) {
    if (node >= heap_.size() || heap_[node].first != doc_) return;
    matching_.push_back(heap_[node].second);
    CollectHeap(2 * node + 1);
    CollectHeap(2 * node + 2);
  }

  std::vector<std::unique_ptr<Scorer>> children_;
  std::vector<std::size_t> matching_;  // Matching()'s result.
  // The score FindCandidate computed for each child, and at which document.
  std::vector<double> scores_;
  std::vector<DocId> scored_at_;
  std::vector<std::size_t> by_bound_;   // Children by increasing MaxScore().
  std::vector<std::size_t> essential_;  // by_bound_[non_essential_..].
  std::size_t non_essential_ = 0;
  double non_essential_max_ = 0.0;
  // NonEssentialBound's window [.., window_end_] and its bound.
  bool window_valid_ = false;
  DocId window_end_ = 0;
  double window_bound_ = 0.0;
  std::vector<std::pair<DocId, std::size_t>> heap_;  // (doc, child) of essential children.
  double max_ = 0.0;
  std::uint64_t cost_ = 0;
  double minimum_ = 0.0;
  DocId doc_ = kEndDoc;
};

class Conjunction final : public Scorer {
 public:
  explicit Conjunction(std::vector<std::unique_ptr<Scorer>> children)
      : children_(std::move(children)) {
    for (const auto& child : children_) {
      lead_order_.push_back(child.get());
      max_ += child->MaxScore();
    }
    std::stable_sort(lead_order_.begin(), lead_order_.end(),
                     [](const Scorer* a, const Scorer* b) { return a->Cost() < b->Cost(); });
    Align(lead_order_[0]->doc());
  }

  DocId doc() const override { return doc_; }
  DocId Next() override { return Align(lead_order_[0]->Next()); }
  DocId Advance(DocId target) override { return Align(lead_order_[0]->Advance(target)); }
  double Score() override {
    double score = 0.0;
    for (const auto& child : children_) score += child->Score();
    return score;
  }
  void Explain(std::vector<TermMatch>* matches) override {
    for (const auto& child : children_) child->Explain(matches);
  }
  double MaxScore() const override { return max_; }
  std::uint64_t Cost() const override { return lead_order_[0]->Cost(); }
  DocId AdvanceShallow(DocId target) override { return ChildrenWindow(children_, target); }
  double MaxScore(DocId up_to) override {
    double bound = 0.0;
    for (const auto& child : children_) bound += child->MaxScore(up_to);
    return bound;
  }
  void SetMinCompetitiveScore(double minimum) override {
    for (const auto& child : children_) {
      const double own = child->MaxScore();
      if (own <= 0.0) continue;
      const double others = max_ - own;
      const double child_minimum = ChildMinimum(minimum, others);
      if (child_minimum > 0.0) child->SetMinCompetitiveScore(child_minimum);
    }
  }
  Status status() const override { return ChildrenStatus(children_); }

 private:
  DocId Align(DocId d) {
    while (d != kEndDoc) {
      bool all = true;
      for (std::size_t i = 1; i < lead_order_.size(); ++i) {
        DocId other = lead_order_[i]->doc();
        if (other < d) other = lead_order_[i]->Advance(d);
        if (other > d) {
          d = other == kEndDoc ? kEndDoc : lead_order_[0]->Advance(other);
          all = false;
          break;
        }
      }
      if (all) return doc_ = d;
    }
    return doc_ = kEndDoc;
  }

  std::vector<std::unique_ptr<Scorer>> children_;
  std::vector<Scorer*> lead_order_;  // By increasing cost: the rarest leads.
  double max_ = 0.0;
  DocId doc_ = kEndDoc;
};

class ReqExcl final : public Scorer {
 public:
  ReqExcl(std::unique_ptr<Scorer> required, std::unique_ptr<Scorer> excluded)
      : required_(std::move(required)), excluded_(std::move(excluded)) {
    Align(required_->doc());
  }

  DocId doc() const override { return doc_; }
  DocId Next() override { return Align(required_->Next()); }
  DocId Advance(DocId target) override { return Align(required_->Advance(target)); }
  double Score() override { return required_->Score(); }
  void Explain(std::vector<TermMatch>* matches) override { required_->Explain(matches); }
  double MaxScore() const override { return required_->MaxScore(); }
  std::uint64_t Cost() const override { return required_->Cost(); }
  DocId AdvanceShallow(DocId target) override { return required_->AdvanceShallow(target); }
  double MaxScore(DocId up_to) override { return required_->MaxScore(up_to); }
  void SetMinCompetitiveScore(double minimum) override {
    required_->SetMinCompetitiveScore(minimum);
  }
  Status status() const override {
    Status status = required_->status();
    return status.ok() ? excluded_->status() : status;
  }

 private:
  DocId Align(DocId d) {
    while (d != kEndDoc) {
      DocId excluded = excluded_->doc();
      if (excluded < d) excluded = excluded_->Advance(d);
      if (excluded != d) break;
      d = required_->Next();
    }
    return doc_ = d;
  }

  std::unique_ptr<Scorer> required_;
  std::unique_ptr<Scorer> excluded_;
  DocId doc_ = kEndDoc;
};

// Lucene's ReqOptSumScorer: once the minimum competitive score exceeds what the required
// side can score alone, a competitive document must match the optional side too, and
// the two are walked as a conjunction (the optional side then prunes with the rest).
class ReqOpt final : public Scorer {
 public:
  ReqOpt(std::unique_ptr<Scorer> required, std::unique_ptr<Scorer> optional)
      : required_(std::move(required)), optional_(std::move(optional)) {}

  DocId doc() const override { return required_->doc(); }
  DocId Next() override { return Align(required_->Next()); }
  DocId Advance(DocId target) override { return Align(required_->Advance(target)); }
  double Score() override {
    double score = required_->Score();
    if (OptionalMatches()) score += optional_->Score();
    return score;
  }
  void Explain(std::vector<TermMatch>* matches) override {
    required_->Explain(matches);
    if (OptionalMatches()) optional_->Explain(matches);
  }
  double MaxScore() const override { return required_->MaxScore() + optional_->MaxScore(); }
  std::uint64_t Cost() const override { return required_->Cost(); }
  DocId AdvanceShallow(DocId target) override {
    DocId end = required_->AdvanceShallow(target);
    const DocId optional = optional_->doc();
    if (optional != kEndDoc) {
      end = std::min(end, optional_->AdvanceShallow(std::max(target, optional)));
    }
    return end;
  }
  double MaxScore(DocId up_to) override {
    double bound = required_->MaxScore(up_to);
    if (optional_->doc() <= up_to) bound += optional_->MaxScore(up_to);
    return bound;
  }
  void SetMinCompetitiveScore(double minimum) override {
    const double required_minimum = ChildMinimum(minimum, optional_->MaxScore());
    if (required_minimum > 0.0) required_->SetMinCompetitiveScore(required_minimum);
    if (required_->MaxScore() < minimum) {
      both_ = true;
      const double optional_minimum = ChildMinimum(minimum, required_->MaxScore());
      if (optional_minimum > 0.0) optional_->SetMinCompetitiveScore(optional_minimum);
    }
  }
  Status status() const override {
    Status status = required_->status();
    return status.ok() ? optional_->status() : status;
  }

 private:
  // From the required side's document `d`: `d` itself, or with both_, the first document
  // both sides match.
  DocId Align(DocId d) {
    while (both_ && d != kEndDoc) {
      DocId optional = optional_->doc();
      if (optional < d) optional = optional_->Advance(d);
      if (optional == d) break;
      if (optional == kEndDoc) return required_->Advance(kEndDoc);
      d = required_->Advance(optional);
    }
    return d;
  }

  bool OptionalMatches() {
    const DocId d = required_->doc();
    if (optional_->doc() < d) optional_->Advance(d);
    return optional_->doc() == d;
  }

  std::unique_ptr<Scorer> required_;
  std::unique_ptr<Scorer> optional_;
  bool both_ = false;  // Only documents matching both sides can compete.
};

class ConstantZero final : public Scorer {
 public:
  explicit ConstantZero(std::unique_ptr<Scorer> child) : child_(std::move(child)) {}

  DocId doc() const override { return child_->doc(); }
  DocId Next() override { return child_->Next(); }
  DocId Advance(DocId target) override { return child_->Advance(target); }
  double Score() override { return 0.0; }
  void Explain(std::vector<TermMatch>* /*matches*/) override {}
  double MaxScore() const override { return 0.0; }
  std::uint64_t Cost() const override { return child_->Cost(); }
  DocId AdvanceShallow(DocId /*target*/) override { return kEndDoc; }
  double MaxScore(DocId /*up_to*/) override { return 0.0; }
  Status status() const override { return child_->status(); }

 private:
  std::unique_ptr<Scorer> child_;
};

}  // namespace

std::unique_ptr<Scorer> MakeTermScorer(std::unique_ptr<PostingCursor> cursor,
                                       format::LengthColumn lengths, const scoring::Bm25Term* bm25,
                                       int term) {
  return std::make_unique<TermScorer>(std::move(cursor), lengths, bm25, term);
}

std::unique_ptr<Scorer> MakePhraseScorer(std::vector<std::unique_ptr<PostingCursor>> cursors,
                                         std::vector<std::uint32_t> offsets, int slop,
                                         format::LengthColumn lengths,
                                         std::vector<const scoring::Bm25Term*> bm25,
                                         std::vector<int> terms) {
  return std::make_unique<PhraseScorer>(std::move(cursors), std::move(offsets), slop, lengths,
                                        std::move(bm25), std::move(terms));
}

std::unique_ptr<Scorer> MakeDisjunction(std::vector<std::unique_ptr<Scorer>> children) {
  return std::make_unique<Disjunction>(std::move(children));
}

std::unique_ptr<Scorer> MakeConjunction(std::vector<std::unique_ptr<Scorer>> children) {
  return std::make_unique<Conjunction>(std::move(children));
}

std::unique_ptr<Scorer> MakeReqExcl(std::unique_ptr<Scorer> required,
                                    std::unique_ptr<Scorer> excluded) {
  return std::make_unique<ReqExcl>(std::move(required), std::move(excluded));
}

std::unique_ptr<Scorer> MakeReqOpt(std::unique_ptr<Scorer> required,
                                   std::unique_ptr<Scorer> optional) {
  return std::make_unique<ReqOpt>(std::move(required), std::move(optional));
}

std::unique_ptr<Scorer> MakeConstantZero(std::unique_ptr<Scorer> child) {
  return std::make_unique<ConstantZero>(std::move(child));
}

}  // namespace hexaglot::query

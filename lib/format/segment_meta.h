// The segment-meta file: document count, per-language statistics, and per document its
// language and the lengths of the scored fields at a fixed byte width (random access by
// doc id). Byte layout: lib/format/FORMAT.md, "Segment meta"; change neither without the
// other.
//
// Thread safety: pure functions; a SegmentMeta is immutable.

#ifndef HEXAGLOT_FORMAT_SEGMENT_META_H_
#define HEXAGLOT_FORMAT_SEGMENT_META_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "format/segment.h"
#include "hexaglot/status.h"
#include "util/coding.h"

namespace hexaglot::format {

// The per-document data the writer collects.
struct SegmentMetaBuilder {
  std::vector<std::uint8_t> languages;
  std::array<std::vector<std::uint32_t>, kScoredFieldCount> lengths;
  SegmentStats stats;

  void Add(const SegmentDocument& document);
  void Encode(std::string* out) const;
};

// A decoded view of a segment-meta body (it points into the body).
class SegmentMeta {
 public:
  // Validates sizes and every language byte.
  static Result<SegmentMeta> Decode(std::string_view body, std::string_view name);

  DocId doc_count() const { return doc_count_; }
  const SegmentStats& stats() const { return stats_; }
  Language language(DocId doc) const {
    return static_cast<Language>(static_cast<std::uint8_t>(languages_[doc]));
  }
  LengthColumn lengths(int field) const { return {lengths_[field].data(), widths_[field]}; }
  std::uint32_t length(int field, DocId doc) const { return lengths(field)[doc]; }
  // The statistics recomputed from the per-document data; Check compares them with
  // stats().
  SegmentStats RecomputeStats() const;

 private:
  DocId doc_count_ = 0;
  SegmentStats stats_;
  std::string_view languages_;
  std::array<std::string_view, kScoredFieldCount> lengths_;
  std::array<std::uint8_t, kScoredFieldCount> widths_{};
};

}  // namespace hexaglot::format

#endif  // HEXAGLOT_FORMAT_SEGMENT_META_H_

// The segment-meta file (lib/format/segment_meta.h). Byte layout: lib/format/FORMAT.md,
// "Segment meta".

#include "format/segment_meta.h"

#include <algorithm>

#include "format/format_errors.h"

namespace hexaglot::format {
namespace {

// The fewest bytes (0, 1, 2 or 4) that hold every value.
std::uint8_t ByteWidth(const std::vector<std::uint32_t>& values) {
  const std::uint32_t max = values.empty() ? 0 : *std::max_element(values.begin(), values.end());
  if (max == 0) return 0;
  if (max <= 0xFF) return 1;
  if (max <= 0xFFFF) return 2;
  return 4;
}

}  // namespace

void SegmentMetaBuilder::Add(const SegmentDocument& document) {
  const auto language = static_cast<std::size_t>(document.language);
  languages.push_back(static_cast<std::uint8_t>(language));
  ++stats.doc_count[language];
  for (int f = 0; f < kScoredFieldCount; ++f) {
    lengths[f].push_back(document.lengths[f]);
    stats.total_length[language][f] += document.lengths[f];
  }
}

void SegmentMetaBuilder::Encode(std::string* out) const {
  PutVarint32(out, static_cast<std::uint32_t>(languages.size()));
  for (int l = 0; l < kLanguageCount; ++l) {
    PutVarint32(out, stats.doc_count[l]);
    for (int f = 0; f < kScoredFieldCount; ++f) PutVarint64(out, stats.total_length[l][f]);
  }
  out->append(reinterpret_cast<const char*>(languages.data()), languages.size());
  for (int f = 0; f < kScoredFieldCount; ++f) {
    const std::uint8_t width = ByteWidth(lengths[f]);
    out->push_back(static_cast<char>(width));
    char bytes[4];
    for (std::uint32_t length : lengths[f]) {
      EncodeFixed32(bytes, length);
      out->append(bytes, width);
    }
  }
}

Result<SegmentMeta> SegmentMeta::Decode(std::string_view body, std::string_view name) {
  SegmentMeta meta;
  std::string_view in = body;
  auto error = [&](std::string_view what) { return CorruptionAt(name, OffsetIn(body, in), what); };
  if (!GetVarint32(&in, &meta.doc_count_)) return error("bad document count");
  if (meta.doc_count_ == kEndDoc) return error("document count out of range");
  for (int l = 0; l < kLanguageCount; ++l) {
    if (!GetVarint32(&in, &meta.stats_.doc_count[l])) return error("bad statistics");
    for (int f = 0; f < kScoredFieldCount; ++f) {
      if (!GetVarint64(&in, &meta.stats_.total_length[l][f])) return error("bad statistics");
    }
  }
  if (in.size() < meta.doc_count_) return error("per-document languages cut short");
  meta.languages_ = in.substr(0, meta.doc_count_);
  for (std::size_t doc = 0; doc < meta.languages_.size(); ++doc) {
    if (static_cast<std::uint8_t>(meta.languages_[doc]) >= kLanguageCount) {
      return CorruptionAt(name, OffsetIn(body, in) + doc,
                          "bad language of document " + std::to_string(doc));
    }
  }
  in.remove_prefix(meta.doc_count_);
  for (int f = 0; f < kScoredFieldCount; ++f) {
    if (in.empty()) return error("missing length width");
    const auto width = static_cast<std::uint8_t>(in.front());
    if (width != 0 && width != 1 && width != 2 && width != 4) return error("bad length width");
    in.remove_prefix(1);
    const std::uint64_t bytes = std::uint64_t{width} * meta.doc_count_;
    if (in.size() < bytes) return error("document lengths cut short");
    meta.widths_[f] = width;
    meta.lengths_[f] = in.substr(0, bytes);
    in.remove_prefix(bytes);
  }
  if (!in.empty()) return error("bytes after the document lengths");
  return meta;
}

SegmentStats SegmentMeta::RecomputeStats() const {
  SegmentStats stats;
  for (DocId doc = 0; doc < doc_count_; ++doc) {
    const auto l = static_cast<std::size_t>(language(doc));
    ++stats.doc_count[l];
    for (int f = 0; f < kScoredFieldCount; ++f) stats.total_length[l][f] += length(f, doc);
  }
  return stats;
}

}  // namespace hexaglot::format

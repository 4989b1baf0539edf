// The files of a segment: name suffixes and kinds, shared by the segment writer and
// reader. FORMAT.md, "Files of a segment".

#ifndef HEXAGLOT_FORMAT_SEGMENT_FILES_H_
#define HEXAGLOT_FORMAT_SEGMENT_FILES_H_

#include <array>
#include <cstddef>

#include "format/fields.h"
#include "format/file_format.h"

namespace hexaglot::format {

struct SegmentFileSpec {
  const char* suffix;
  FileKind kind;
};

// In this order; SegmentFileNames (segment.h) lists them so too.
enum SegmentFileIndex : std::size_t {
  kMetaFile = 0,
  kTermsFile = 1,
  kPostingsFile = 2,
  kPositionsFile = 3,
  kStoredFile = 4,
};
inline constexpr std::size_t kSegmentFileCount = 5;
inline constexpr std::array<SegmentFileSpec, kSegmentFileCount> kSegmentFiles = {{
    {".meta", FileKind::kSegmentMeta},
    {".terms", FileKind::kTerms},
    {".post", FileKind::kPostings},
    {".pos", FileKind::kPositions},
    {".stored", FileKind::kStored},
}};

// Fields whose terms carry positions (and so, in the postings, position bookkeeping).
inline constexpr bool FieldHasPositions(FieldId field) {
  return field == FieldId::kText || field == FieldId::kTheme || field == FieldId::kTopic;
}

}  // namespace hexaglot::format

#endif  // HEXAGLOT_FORMAT_SEGMENT_FILES_H_

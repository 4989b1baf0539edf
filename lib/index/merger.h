// Merging segments: the live documents of several segments rewritten into one, without
// re-analysis. Documents keep their order (source by source); ids are remapped past the
// deleted ones; every term's postings are concatenated in that order.

#ifndef HEXAGLOT_INDEX_MERGER_H_
#define HEXAGLOT_INDEX_MERGER_H_

#include <span>
#include <string>

#include "format/segment.h"
#include "hexaglot/status.h"
#include "index/deletions.h"
#include "util/directory.h"

namespace hexaglot::index {

struct MergeSource {
  const format::SegmentReader* reader;
  const DeletionBitset* deletions;  // Null: none deleted.
};

// Writes segment `name` from the live documents of `sources`. Corruption when a source's
// bytes are bad; the merged segment then is left unfinished (its files are in no
// manifest). REQUIRES: at least one live document among the sources.
Result<format::SegmentInfo> MergeSegments(Directory* directory, const std::string& name,
                                          std::span<const MergeSource> sources,
                                          const format::SegmentWriterOptions& options);

}  // namespace hexaglot::index

#endif  // HEXAGLOT_INDEX_MERGER_H_

// The query layer's way into a public IndexReader: the Snapshot it holds (segment readers,
// deletion bitsets, per-language statistics; lib/index/snapshot.h).

#ifndef HEXAGLOT_INDEX_READER_ACCESS_H_
#define HEXAGLOT_INDEX_READER_ACCESS_H_

#include <memory>

#include "hexaglot/index_reader.h"
#include "index/snapshot.h"

namespace hexaglot::index {

// The reader's snapshot; it stays valid as long as the returned pointer, whatever
// happens to the reader.
std::shared_ptr<const Snapshot> SnapshotOf(const IndexReader& reader);

}  // namespace hexaglot::index

#endif  // HEXAGLOT_INDEX_READER_ACCESS_H_

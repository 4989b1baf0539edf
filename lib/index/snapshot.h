// Snapshot: one commit of an index, as readers and the query layer see it.
//
// A snapshot holds the commit's manifest, a shared SegmentReader per segment (reused
// between snapshots when a segment did not change), its deletion bitset, and the
// per-language BM25 statistics of the live documents. It keeps the IndexStorage (and so
// the Directory) alive, and with it every file it maps: later commits never change it.
//
// Statistics: doc_count and total_length are net of deletions (deleted documents'
// languages and lengths are subtracted); document frequencies (SegmentReader terms) still
// count deleted documents until a merge drops them, as Lucene does.
//
// Thread safety: immutable after Load; share it freely (std::shared_ptr<const Snapshot>).

#ifndef HEXAGLOT_INDEX_SNAPSHOT_H_
#define HEXAGLOT_INDEX_SNAPSHOT_H_

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "format/segment.h"
#include "hexaglot/index_storage.h"
#include "hexaglot/paragraph.h"
#include "hexaglot/status.h"
#include "index/deletions.h"
#include "index/manifest.h"

namespace hexaglot::index {

struct SegmentView {
  ManifestSegment entry;
  std::shared_ptr<const format::SegmentReader> reader;
  std::shared_ptr<const DeletionBitset> deletions;  // Null when nothing is deleted.
  // The deletions file's bytes, kept for Check (a later commit may remove the file).
  std::shared_ptr<const ReadableFile> deletions_file;

  bool IsLive(DocId doc) const { return !deletions || !deletions->IsDeleted(doc); }
  DocId live_count() const { return entry.doc_count - entry.deleted_count; }
};

class Snapshot {
 public:
  // Opens the newest commit of `storage`, reusing readers and bitsets of `previous` (may
  // be null; returned as is when no commit happened since). A writer may commit meanwhile and
  // remove the files of the commit being opened: Load then retries with the newer commit. NotFound
  // when there is no index.
  static Result<std::shared_ptr<const Snapshot>> Load(const std::shared_ptr<IndexStorage>& storage,
                                                      std::shared_ptr<const Snapshot> previous);

  std::uint64_t generation() const { return manifest_.generation; }
  const Manifest& manifest() const { return manifest_; }
  std::uint64_t manifest_bytes() const { return manifest_file_ ? manifest_file_->size() : 0; }
  const std::vector<SegmentView>& segments() const { return segments_; }
  std::uint64_t live_doc_count() const { return live_doc_count_; }
  std::uint64_t deleted_doc_count() const { return deleted_doc_count_; }
  // Live documents per language, and their total field lengths (kScoredFields order).
  const format::SegmentStats& stats() const { return stats_; }

  // The live documents with the term `key`, segment by segment in order, until `visit`
  // returns false. Errors of the cursors (Corruption) are returned.
  Status ForEachLiveDoc(std::string_view key,
                        const std::function<bool(const SegmentView&, DocId)>& visit) const;
  // The live record with this id (the last one, should several be live).
  Result<std::optional<Paragraph>> Get(std::string_view id) const;
  // The live records whose parallel key is `parallel_key` (a paragraph's language
  // versions), in language code order, then index order. The document `except` (its
  // segment's index in segments() and its doc id), when given, is left out unread: a
  // hit's other versions without decoding the hit again. REQUIRES: except's segment
  // index < segments().size().
  Result<std::vector<Paragraph>> GetParallel(
      std::string_view parallel_key,
      std::optional<std::pair<std::size_t, DocId>> except = std::nullopt) const;
  // Re-validates the snapshot's own bytes (which later commits do not change): the
  // manifest's and deletion files' frames and contents, each segment's deep check, the
  // manifest's file list against the segments', and every stored record.
  Status Check() const;

 private:
  Snapshot() = default;

  std::shared_ptr<IndexStorage> storage_;
  Manifest manifest_;
  std::optional<ReadableFile> manifest_file_;  // Its bytes, kept for Check.
  std::vector<SegmentView> segments_;
  format::SegmentStats stats_;
  std::uint64_t live_doc_count_ = 0;
  std::uint64_t deleted_doc_count_ = 0;
};

// The net statistics of a segment's live documents.
format::SegmentStats LiveStats(const format::SegmentReader& reader, const DeletionBitset* deleted);

}  // namespace hexaglot::index

#endif  // HEXAGLOT_INDEX_SNAPSHOT_H_

// IndexReader (include/hexaglot/index_reader.h) over a Snapshot.

#include "hexaglot/index_reader.h"

#include <map>

#include "format/fields.h"
#include "index/index_files.h"
#include "index/reader_access.h"
#include "index/snapshot.h"
#include "index/storage.h"
#include "util/status_macros.h"

namespace hexaglot {

class IndexReader::Impl {
 public:
  Impl(std::shared_ptr<IndexStorage> storage, std::shared_ptr<const index::Snapshot> snapshot)
      : storage_(std::move(storage)), snapshot_(std::move(snapshot)) {}

  const std::shared_ptr<IndexStorage>& storage() const { return storage_; }
  const std::shared_ptr<const index::Snapshot>& snapshot() const { return snapshot_; }

 private:
  std::shared_ptr<IndexStorage> storage_;
  std::shared_ptr<const index::Snapshot> snapshot_;
};

IndexReader::IndexReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexReader::~IndexReader() = default;

Result<std::unique_ptr<IndexReader>> IndexReader::Open(std::shared_ptr<IndexStorage> storage) {
  if (!storage) return Status::InvalidArgument("IndexReader::Open: no storage");
  HEXAGLOT_ASSIGN_OR_RETURN(std::shared_ptr<const index::Snapshot> snapshot,
                            index::Snapshot::Load(storage, nullptr));
  return std::unique_ptr<IndexReader>(
      new IndexReader(std::make_unique<Impl>(std::move(storage), std::move(snapshot))));
}

Result<std::unique_ptr<IndexReader>> IndexReader::Open(const std::string& path) {
  HEXAGLOT_ASSIGN_OR_RETURN(std::shared_ptr<IndexStorage> storage,
                            IndexStorage::OpenFolder(path, /*create_if_missing=*/false));
  return Open(std::move(storage));
}

Result<std::unique_ptr<IndexReader>> IndexReader::Reopen() const {
  HEXAGLOT_ASSIGN_OR_RETURN(std::shared_ptr<const index::Snapshot> snapshot,
                            index::Snapshot::Load(impl_->storage(), impl_->snapshot()));
  return std::unique_ptr<IndexReader>(
      new IndexReader(std::make_unique<Impl>(impl_->storage(), std::move(snapshot))));
}

std::uint64_t IndexReader::generation() const { return impl_->snapshot()->generation(); }
std::uint64_t IndexReader::doc_count() const { return impl_->snapshot()->live_doc_count(); }
const AnalyzerOptions& IndexReader::analyzer_options() const {
  return impl_->snapshot()->manifest().analyzer;
}

Result<std::optional<Paragraph>> IndexReader::Get(std::string_view id) const {
  return impl_->snapshot()->Get(id);
}

Status IndexReader::Check() const { return impl_->snapshot()->Check(); }

Result<IndexStats> IndexReader::Stats() const {
  const index::Snapshot& snapshot = *impl_->snapshot();
  IndexStats stats;
  stats.generation = snapshot.generation();
  stats.documents = snapshot.live_doc_count();
  stats.deleted_documents = snapshot.deleted_doc_count();

  std::map<std::string, IndexFileKindStats> kinds;
  const auto count_file = [&](const std::string& kind, std::uint64_t bytes) {
    IndexFileKindStats& k = kinds[kind];
    k.kind = kind;
    ++k.files;
    k.bytes += bytes;
    stats.bytes += bytes;
  };
  count_file("manifest", snapshot.manifest_bytes());

  std::uint64_t postings_bytes = 0;
  std::vector<std::unique_ptr<format::TermIterator>> iterators;
  for (const index::SegmentView& view : snapshot.segments()) {
    IndexSegmentStats segment{view.entry.name, view.entry.doc_count, view.entry.deleted_count,
                              view.entry.deletion_bytes};
    for (const format::SegmentFile& file : view.entry.files) {
      count_file(file.kind, file.bytes);
      segment.bytes += file.bytes;
      if (file.kind == "postings") postings_bytes += file.bytes;
    }
    if (view.entry.deletion_generation != 0) count_file("deletions", view.entry.deletion_bytes);
    stats.segments.push_back(std::move(segment));
    iterators.push_back(view.reader->Terms());
  }
  for (auto& [kind, k] : kinds) stats.files.push_back(k);

  // Distinct keys: a merge of the segments' sorted dictionaries.
  std::array<std::uint64_t, kLanguageCount> language_terms{};
  std::string previous;
  bool first = true;
  for (;;) {
    int smallest = -1;
    for (std::size_t s = 0; s < iterators.size(); ++s) {
      HEXAGLOT_RETURN_IF_ERROR(iterators[s]->status());
      if (!iterators[s]->Valid()) continue;
      if (smallest < 0 ||
          iterators[s]->key() < iterators[static_cast<std::size_t>(smallest)]->key()) {
        smallest = static_cast<int>(s);
      }
    }
    if (smallest < 0) break;
    format::TermIterator& it = *iterators[static_cast<std::size_t>(smallest)];
    stats.postings += it.info().doc_freq;
    if (first || it.key() != previous) {
      first = false;
      previous.assign(it.key());
      ++stats.terms;
      const std::optional<format::DecodedTermKey> decoded = format::DecodeTermKey(previous);
      if (decoded && decoded->language) {
        ++language_terms[static_cast<std::size_t>(*decoded->language)];
      }
    }
    it.Next();
  }
  if (stats.postings > 0) {
    stats.bits_per_posting =
        static_cast<double>(postings_bytes) * 8.0 / static_cast<double>(stats.postings);
  }
  for (Language language : AllLanguages()) {
    const auto l = static_cast<std::size_t>(language);
    if (snapshot.stats().doc_count[l] == 0) continue;
    stats.languages.push_back({language, snapshot.stats().doc_count[l],
                               snapshot.stats().total_length[l][0], language_terms[l]});
  }
  return stats;
}

namespace index {

std::shared_ptr<const Snapshot> SnapshotOf(const IndexReader& reader) {
  return reader.impl().snapshot();
}

}  // namespace index
}  // namespace hexaglot

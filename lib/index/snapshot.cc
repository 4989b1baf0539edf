// Snapshots of a commit (lib/index/snapshot.h).

#include "index/snapshot.h"

#include <algorithm>
#include <map>

#include "format/fields.h"
#include "format/file_format.h"
#include "index/index_files.h"
#include "index/record_codec.h"
#include "index/storage.h"
#include "util/status_macros.h"

namespace hexaglot::index {
namespace {

// Attempts at opening the newest commit while a writer keeps replacing it. Each retry
// follows a commit that happened during the previous attempt.
constexpr int kMaxLoadAttempts = 100;

// Whether a newer manifest than `generation` exists now.
bool NewerCommitExists(Directory* directory, std::uint64_t generation) {
  Result<std::vector<std::string>> files = directory->ListFiles();
  if (!files.ok()) return false;
  for (const std::string& file : *files) {
    const std::optional<std::uint64_t> g = ParseManifestFileName(file);
    if (g && *g > generation) return true;
  }
  return false;
}

}  // namespace

format::SegmentStats LiveStats(const format::SegmentReader& reader, const DeletionBitset* deleted) {
  format::SegmentStats stats = reader.stats();
  if (deleted == nullptr) return stats;
  for (DocId doc = 0; doc < reader.doc_count(); ++doc) {
    if (!deleted->IsDeleted(doc)) continue;
    const auto lang = static_cast<std::size_t>(reader.language(doc));
    --stats.doc_count[lang];
    for (int f = 0; f < format::kScoredFieldCount; ++f) {
      stats.total_length[lang][static_cast<std::size_t>(f)] -= reader.length(f, doc);
    }
  }
  return stats;
}

Result<std::shared_ptr<const Snapshot>> Snapshot::Load(const std::shared_ptr<IndexStorage>& storage,
                                                       std::shared_ptr<const Snapshot> previous) {
  Directory* const directory = DirectoryOf(*storage);
  std::map<std::string, const SegmentView*, std::less<>> reusable;
  if (previous != nullptr) {
    for (const SegmentView& view : previous->segments_) reusable[view.entry.name] = &view;
  }
  Status last_error;
  for (int attempt = 0; attempt < kMaxLoadAttempts; ++attempt) {
    std::optional<ReadableFile> manifest_file;
    Result<std::optional<Manifest>> manifest = ReadLatestManifest(directory, &manifest_file);
    if (!manifest.ok()) {
      // The newest manifest disappeared between listing and opening: a writer committed.
      if (manifest.status().IsNotFound()) {
        last_error = manifest.status();
        continue;
      }
      return manifest.status();
    }
    if (!manifest->has_value()) {
      return Status::NotFound("no index in " + directory->description() + " (no manifest file)");
    }
    if (previous != nullptr && (*manifest)->generation == previous->generation()) {
      return previous;
    }
    std::shared_ptr<Snapshot> snapshot(new Snapshot());
    snapshot->storage_ = storage;
    snapshot->manifest_ = std::move(**manifest);
    snapshot->manifest_file_ = std::move(manifest_file);
    const Manifest& m = snapshot->manifest_;
    const std::string manifest_name = ManifestFileName(m.generation);
    Status status;
    for (const ManifestSegment& entry : m.segments) {
      SegmentView view{entry, nullptr, nullptr, nullptr};
      const auto old = reusable.find(entry.name);
      if (old != reusable.end()) {
        view.reader = old->second->reader;
        if (old->second->entry.deletion_generation == entry.deletion_generation) {
          view.deletions = old->second->deletions;
          view.deletions_file = old->second->deletions_file;
        }
      }
      if (!view.reader) {
        Result<std::unique_ptr<format::SegmentReader>> reader =
            format::SegmentReader::Open(directory, entry.name);
        if (!reader.ok()) {
          status = reader.status();
          break;
        }
        view.reader = std::move(*reader);
      }
      if (view.reader->doc_count() != entry.doc_count) {
        return Status::Corruption(manifest_name + ": segment " + entry.name + " has " +
                                  std::to_string(view.reader->doc_count()) +
                                  " documents, the manifest says " +
                                  std::to_string(entry.doc_count));
      }
      if (entry.deletion_generation != 0 && !view.deletions) {
        const std::string name = DeletionsFileName(entry.name, entry.deletion_generation);
        Result<ReadableFile> file = directory->OpenReadableFile(name);
        if (!file.ok()) {
          status = file.status();
          break;
        }
        if (file->size() != entry.deletion_bytes) {
          return Status::Corruption(name + ": " + std::to_string(file->size()) +
                                    " bytes, the manifest says " +
                                    std::to_string(entry.deletion_bytes));
        }
        Result<DeletionBitset> deletions =
            ReadDeletions(*file, name, entry.doc_count, entry.deleted_count);
        if (!deletions.ok()) return deletions.status();
        view.deletions = std::make_shared<const DeletionBitset>(std::move(*deletions));
        view.deletions_file = std::make_shared<const ReadableFile>(std::move(*file));
      }
      snapshot->segments_.push_back(std::move(view));
    }
    if (!status.ok()) {
      // Files removed by a commit made after we read the manifest: open that one.
      if (status.IsNotFound() && NewerCommitExists(directory, m.generation)) {
        last_error = status;
        continue;
      }
      if (status.IsNotFound()) {
        return Status::Corruption(manifest_name + " names a missing file: " + status.message());
      }
      return status;
    }
    for (const SegmentView& view : snapshot->segments_) {
      const format::SegmentStats live = LiveStats(*view.reader, view.deletions.get());
      for (int l = 0; l < kLanguageCount; ++l) {
        const auto i = static_cast<std::size_t>(l);
        snapshot->stats_.doc_count[i] += live.doc_count[i];
        for (int f = 0; f < format::kScoredFieldCount; ++f) {
          snapshot->stats_.total_length[i][static_cast<std::size_t>(f)] +=
              live.total_length[i][static_cast<std::size_t>(f)];
        }
      }
      snapshot->live_doc_count_ += view.live_count();
      snapshot->deleted_doc_count_ += view.entry.deleted_count;
    }
    return std::shared_ptr<const Snapshot>(std::move(snapshot));
  }
  return Status(last_error.code(),
                "could not open a commit of " + directory->description() +
                    " while a writer kept replacing it: " + last_error.message());
}

Status Snapshot::ForEachLiveDoc(std::string_view key,
                                const std::function<bool(const SegmentView&, DocId)>& visit) const {
  for (const SegmentView& view : segments_) {
    HEXAGLOT_ASSIGN_OR_RETURN(std::optional<format::TermInfo> info, view.reader->FindTerm(key));
    if (!info) continue;
    HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<PostingCursor> cursor,
                              view.reader->OpenCursor(*info, /*with_positions=*/false));
    for (DocId doc = cursor->doc(); doc != kEndDoc; doc = cursor->Next()) {
      if (view.IsLive(doc) && !visit(view, doc)) return Status::OK();
    }
    HEXAGLOT_RETURN_IF_ERROR(cursor->status());
  }
  return Status::OK();
}

Result<std::optional<Paragraph>> Snapshot::Get(std::string_view id) const {
  const std::string key = format::TermKey(format::FieldId::kId, std::nullopt, id);
  const SegmentView* found_view = nullptr;
  DocId found_doc = 0;
  HEXAGLOT_RETURN_IF_ERROR(ForEachLiveDoc(key, [&](const SegmentView& view, DocId doc) {
    found_view = &view;
    found_doc = doc;
    return true;
  }));
  if (found_view == nullptr) return std::optional<Paragraph>();
  HEXAGLOT_ASSIGN_OR_RETURN(std::string record, found_view->reader->Stored(found_doc));
  HEXAGLOT_ASSIGN_OR_RETURN(
      Paragraph paragraph,
      DecodeRecord(record, found_view->entry.name + " document " + std::to_string(found_doc)));
  return std::optional<Paragraph>(std::move(paragraph));
}

Result<std::vector<Paragraph>> Snapshot::GetParallel(
    std::string_view parallel_key, std::optional<std::pair<std::size_t, DocId>> except) const {
  const SegmentView* const except_view = except ? &segments_[except->first] : nullptr;
  std::vector<std::pair<const SegmentView*, DocId>> found;
  HEXAGLOT_RETURN_IF_ERROR(
      ForEachLiveDoc(format::TermKey(format::FieldId::kParallel, std::nullopt, parallel_key),
                     [&](const SegmentView& view, DocId doc) {
                       if (&view != except_view || doc != except->second)
                         found.emplace_back(&view, doc);
                       return true;
                     }));
  std::vector<Paragraph> paragraphs;
  for (const auto& [view, doc] : found) {
    HEXAGLOT_ASSIGN_OR_RETURN(std::string record, view->reader->Stored(doc));
    HEXAGLOT_ASSIGN_OR_RETURN(
        Paragraph paragraph,
        DecodeRecord(record, view->entry.name + " document " + std::to_string(doc)));
    paragraphs.push_back(std::move(paragraph));
  }
  std::stable_sort(paragraphs.begin(), paragraphs.end(),
                   [](const Paragraph& a, const Paragraph& b) { return a.lang < b.lang; });
  return paragraphs;
}

Status Snapshot::Check() const {
  const std::string manifest_name = ManifestFileName(manifest_.generation);
  if (manifest_file_) {
    HEXAGLOT_ASSIGN_OR_RETURN(
        format::FramedFile framed,
        format::OpenFramedFile(*manifest_file_, manifest_name, format::FileKind::kManifest));
    HEXAGLOT_RETURN_IF_ERROR(DecodeManifest(framed.body, manifest_name).status());
  }
  for (const SegmentView& view : segments_) {
    const ManifestSegment& entry = view.entry;
    HEXAGLOT_RETURN_IF_ERROR(view.reader->Check());
    // The manifest's file list is the segment's, and every file has its recorded size.
    const std::vector<format::SegmentFile>& files = view.reader->files();
    if (files.size() != entry.files.size()) {
      return Status::Corruption(manifest_name + ": segment " + entry.name + " lists " +
                                std::to_string(entry.files.size()) + " files, the segment has " +
                                std::to_string(files.size()));
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
      const format::SegmentFile& expected = entry.files[i];
      if (files[i].name != expected.name || files[i].kind != expected.kind ||
          files[i].bytes != expected.bytes) {
        return Status::Corruption(manifest_name + ": file " + expected.name + " of segment " +
                                  entry.name + " does not match the segment's own listing");
      }
    }
    if (entry.deletion_generation != 0) {
      const std::string name = DeletionsFileName(entry.name, entry.deletion_generation);
      if (!view.deletions_file || view.deletions_file->size() != entry.deletion_bytes) {
        return Status::Corruption(name + ": not " + std::to_string(entry.deletion_bytes) +
                                  " bytes as the manifest says");
      }
      HEXAGLOT_RETURN_IF_ERROR(
          ReadDeletions(*view.deletions_file, name, entry.doc_count, entry.deleted_count).status());
    }
    // Every stored record decodes and agrees with the segment's language of the document.
    for (DocId doc = 0; doc < view.reader->doc_count(); ++doc) {
      const std::string where = entry.name + " document " + std::to_string(doc);
      HEXAGLOT_ASSIGN_OR_RETURN(std::string record, view.reader->Stored(doc));
      HEXAGLOT_ASSIGN_OR_RETURN(Paragraph paragraph, DecodeRecord(record, where));
      if (paragraph.lang != view.reader->language(doc)) {
        return Status::Corruption(
            where + ": stored record in " + std::string(LanguageCode(paragraph.lang)) +
            ", the segment says " + std::string(LanguageCode(view.reader->language(doc))));
      }
    }
  }
  return Status::OK();
}

}  // namespace hexaglot::index

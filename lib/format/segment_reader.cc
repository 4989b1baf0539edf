// SegmentReader (lib/format/segment.h): maps and validates the files of one segment.
// Layouts: lib/format/FORMAT.md ("Files of a segment" and one section per file).

#include <utility>

#include "format/file_format.h"
#include "format/format_errors.h"
#include "format/postings.h"
#include "format/segment.h"
#include "format/segment_files.h"
#include "format/segment_meta.h"
#include "format/stored_records.h"
#include "format/term_dictionary.h"
#include "util/status_macros.h"

namespace hexaglot::format {
namespace {

class SegmentReaderImpl final : public SegmentReader {
 public:
  SegmentReaderImpl(std::string name, std::vector<FramedFile> files, SegmentMeta meta,
                    TermDictionary dictionary, StoredRecordsReader stored)
      : name_(std::move(name)),
        framed_(std::move(files)),
        meta_(meta),
        dictionary_(std::move(dictionary)),
        stored_(std::move(stored)) {
    for (std::size_t i = 0; i < kSegmentFileCount; ++i) {
      files_.push_back({framed_[i].file.name(), std::string(FileKindName(kSegmentFiles[i].kind)),
                        framed_[i].file.size()});
    }
    source_.postings = framed_[kPostingsFile].body;
    source_.positions = framed_[kPositionsFile].body;
    source_.postings_name = files_[kPostingsFile].name;
    source_.positions_name = files_[kPositionsFile].name;
    source_.doc_count = meta_.doc_count();
  }

  const std::string& name() const override { return name_; }
  DocId doc_count() const override { return meta_.doc_count(); }
  const SegmentStats& stats() const override { return meta_.stats(); }
  const std::vector<SegmentFile>& files() const override { return files_; }

  Result<std::optional<TermInfo>> FindTerm(std::string_view key) const override {
    return dictionary_.Find(key);
  }
  std::unique_ptr<TermIterator> Terms(std::string_view from) const override {
    return dictionary_.Seek(from);
  }
  Result<std::unique_ptr<PostingCursor>> OpenCursor(const TermInfo& info,
                                                    bool with_positions) const override {
    return OpenPostingCursor(source_, info, with_positions);
  }

  Language language(DocId doc) const override { return meta_.language(doc); }
  LengthColumn lengths(int scored_field_index) const override {
    return meta_.lengths(scored_field_index);
  }
  Result<std::string> Stored(DocId doc) const override {
    if (doc >= meta_.doc_count()) {
      return Status::InvalidArgument("Stored: doc " + std::to_string(doc) + " of segment " + name_ +
                                     " with " + std::to_string(meta_.doc_count()) + " documents");
    }
    return stored_.Get(doc);
  }

  Status Check() const override;

 private:
  Status CheckTerms() const;

  std::string name_;
  std::vector<FramedFile> framed_;  // In kSegmentFiles order; they keep the bytes mapped.
  std::vector<SegmentFile> files_;
  SegmentMeta meta_;
  TermDictionary dictionary_;
  StoredRecordsReader stored_;
  PostingSource source_;
};

Status SegmentReaderImpl::Check() const {
  if (meta_.RecomputeStats() != meta_.stats()) {
    return CorruptionAt(files_[kMetaFile].name, 0,
                        "statistics differ from the per-document languages and lengths");
  }
  HEXAGLOT_RETURN_IF_ERROR(CheckTerms());
  return stored_.Check();
}

Status SegmentReaderImpl::CheckTerms() const {
  const std::string& terms_name = files_[kTermsFile].name;
  std::unique_ptr<TermIterator> it = dictionary_.Seek({});
  std::string previous;
  std::uint64_t count = 0;
  PostingListExtent expected;  // Where the next term's lists must start.
  for (; it->Valid(); it->Next()) {
    const std::string_view key = it->key();
    const TermInfo& info = it->info();
    auto error = [&](std::string_view what) {
      return CorruptionAt(
          terms_name, dictionary_.EntryOffset(*it),
          "term " + std::to_string(count) + " of the dictionary: " + std::string(what));
    };
    if (count > 0 && key <= previous) return error("keys not increasing");
    const std::optional<DecodedTermKey> decoded = DecodeTermKey(key);
    if (!decoded) return error("malformed key");
    if (info.postings_offset != expected.postings_end ||
        info.positions_offset != expected.positions_end) {
      return error("postings or positions offset not where the previous term's lists end");
    }
    int length_field = -1;
    for (int f = 0; f < kScoredFieldCount; ++f) {
      if (kScoredFields[f] == decoded->field) length_field = f;
    }
    auto length_of = [&](DocId doc) -> std::uint32_t {
      return length_field < 0 ? 1 : meta_.length(length_field, doc);
    };
    Result<PostingListExtent> extent =
        CheckPostingList(source_, info, FieldHasPositions(decoded->field), length_of);
    if (!extent.ok()) return extent.status();
    expected = *extent;
    previous.assign(key);
    ++count;
  }
  HEXAGLOT_RETURN_IF_ERROR(it->status());
  if (count != dictionary_.term_count()) {
    return CorruptionAt(terms_name, 0, "term count differs from the trailer's");
  }
  if (expected.postings_end != source_.postings.size()) {
    return CorruptionAt(files_[kPostingsFile].name, expected.postings_end,
                        "bytes after the last posting list");
  }
  if (expected.positions_end != source_.positions.size()) {
    return CorruptionAt(files_[kPositionsFile].name, expected.positions_end,
                        "bytes after the last term's positions");
  }
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<SegmentReader>> SegmentReader::Open(Directory* directory,
                                                           std::string_view segment_name) {
  const std::vector<std::string> names = SegmentFileNames(segment_name);
  std::vector<FramedFile> files;
  for (std::size_t i = 0; i < kSegmentFileCount; ++i) {
    HEXAGLOT_ASSIGN_OR_RETURN(FramedFile file,
                              OpenFramedFile(directory, names[i], kSegmentFiles[i].kind));
    files.push_back(std::move(file));
  }
  HEXAGLOT_ASSIGN_OR_RETURN(SegmentMeta meta,
                            SegmentMeta::Decode(files[kMetaFile].body, names[kMetaFile]));
  HEXAGLOT_ASSIGN_OR_RETURN(TermDictionary dictionary,
                            TermDictionary::Open(files[kTermsFile].body, names[kTermsFile]));
  HEXAGLOT_ASSIGN_OR_RETURN(
      StoredRecordsReader stored,
      StoredRecordsReader::Open(files[kStoredFile].body, names[kStoredFile], meta.doc_count()));
  return std::unique_ptr<SegmentReader>(new SegmentReaderImpl(
      std::string(segment_name), std::move(files), meta, std::move(dictionary), std::move(stored)));
}

}  // namespace hexaglot::format

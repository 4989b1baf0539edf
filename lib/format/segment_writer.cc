// SegmentWriter (lib/format/segment.h): streams documents, then sorted terms with their
// postings, into the files of one segment. Layouts: lib/format/FORMAT.md ("Files of a
// segment" and one section per file).

#include <utility>

#include "format/file_format.h"
#include "format/postings.h"
#include "format/segment.h"
#include "format/segment_files.h"
#include "format/segment_meta.h"
#include "format/stored_records.h"
#include "format/term_dictionary.h"
#include "util/status_macros.h"

namespace hexaglot::format {
namespace {

// Postings, positions and dictionary bytes are buffered and appended in pieces of about
// this size.
constexpr std::size_t kFlushBytes = 1 << 20;

class SegmentWriterImpl final : public SegmentWriter {
 public:
  SegmentWriterImpl(std::string name, const SegmentWriterOptions& options,
                    std::array<std::unique_ptr<FramedFileWriter>, kSegmentFileCount> files)
      : name_(std::move(name)),
        files_(std::move(files)),
        stored_(files_[kStoredFile].get(), options.stored_block_bytes, options.zstd_level,
                options.stored_dictionary) {}

  Status AddDocument(const SegmentDocument& document) override;
  Status StartTerm(std::string_view key) override;
  Status AddPosting(DocId doc, std::uint32_t freq,
                    std::span<const std::uint32_t> positions) override;
  Status FinishTerm() override;
  Result<SegmentInfo> Finish() override;

 private:
  enum class State { kDocuments, kInTerm, kBetweenTerms, kFinished, kFailed };

  // Checks that the writer is in one of `allowed` states.
  Status Expect(std::initializer_list<State> allowed, std::string_view call);
  // Makes the writer unusable and returns `status`.
  Status Fail(Status status);
  Status FlushBuffers(bool force);

  std::string name_;
  std::array<std::unique_ptr<FramedFileWriter>, kSegmentFileCount> files_;
  State state_ = State::kDocuments;
  Status failure_;

  SegmentMetaBuilder meta_;
  StoredRecordsWriter stored_;

  TermDictionaryWriter dictionary_;
  PostingListEncoder encoder_;
  std::string key_;
  bool have_key_ = false;
  FieldId field_ = FieldId::kText;
  bool has_positions_ = false;
  int length_field_ = -1;  // Index in kScoredFields of the term's length, -1 for length 1.
  DocId last_doc_ = 0;
  std::uint64_t posting_count_ = 0;

  std::string terms_buffer_;
  std::string postings_buffer_;
  std::string positions_buffer_;
};

Status SegmentWriterImpl::Expect(std::initializer_list<State> allowed, std::string_view call) {
  if (state_ == State::kFailed) {
    return Status::FailedPrecondition(std::string(call) + " on segment " + name_ +
                                      " after an earlier error: " + failure_.ToString());
  }
  for (State state : allowed) {
    if (state == state_) return Status::OK();
  }
  static constexpr const char* kStateNames[] = {"adding documents", "inside a term",
                                                "between terms", "finished", "failed"};
  return Fail(Status::FailedPrecondition(std::string(call) + " on segment " + name_ + " while " +
                                         kStateNames[static_cast<int>(state_)] +
                                         " (see the call order in segment.h)"));
}

Status SegmentWriterImpl::Fail(Status status) {
  state_ = State::kFailed;
  failure_ = status;
  return status;
}

Status SegmentWriterImpl::AddDocument(const SegmentDocument& document) {
  HEXAGLOT_RETURN_IF_ERROR(Expect({State::kDocuments}, "AddDocument"));
  if (static_cast<int>(document.language) >= kLanguageCount) {
    return Fail(Status::InvalidArgument("AddDocument: bad language " +
                                        std::to_string(static_cast<int>(document.language))));
  }
  const std::string_view stored = document.stored;
  const std::span<const std::string_view> pieces =
      document.stored_pieces.empty() ? std::span(&stored, 1) : document.stored_pieces;
  std::uint64_t size = 0;
  for (const std::string_view piece : pieces) size += piece.size();
  if (size > kMaxStoredRecordBytes) {
    return Fail(Status::InvalidArgument("AddDocument: stored record of " + std::to_string(size) +
                                        " bytes exceeds the limit of " +
                                        std::to_string(kMaxStoredRecordBytes)));
  }
  if (meta_.languages.size() >= kEndDoc - 1) {
    return Fail(Status::ResourceExhausted("AddDocument: segment " + name_ + " is full"));
  }
  meta_.Add(document);
  if (Status status = stored_.Add(pieces); !status.ok()) return Fail(std::move(status));
  return Status::OK();
}

Status SegmentWriterImpl::StartTerm(std::string_view key) {
  HEXAGLOT_RETURN_IF_ERROR(Expect({State::kDocuments, State::kBetweenTerms}, "StartTerm"));
  const std::optional<DecodedTermKey> decoded = DecodeTermKey(key);
  if (!decoded) {
    return Fail(Status::InvalidArgument("StartTerm: malformed term key (fields.h)"));
  }
  if (have_key_ && key <= key_) {
    return Fail(Status::FailedPrecondition("StartTerm: term keys out of order"));
  }
  key_.assign(key);
  have_key_ = true;
  field_ = decoded->field;
  has_positions_ = FieldHasPositions(field_);
  length_field_ = -1;
  for (int f = 0; f < kScoredFieldCount; ++f) {
    if (kScoredFields[f] == field_) length_field_ = f;
  }
  encoder_.Reset(has_positions_);
  state_ = State::kInTerm;
  return Status::OK();
}

Status SegmentWriterImpl::AddPosting(DocId doc, std::uint32_t freq,
                                     std::span<const std::uint32_t> positions) {
  HEXAGLOT_RETURN_IF_ERROR(Expect({State::kInTerm}, "AddPosting"));
  const std::size_t doc_count = meta_.languages.size();
  if (doc >= doc_count) {
    return Fail(Status::InvalidArgument("AddPosting: doc " + std::to_string(doc) +
                                        " of a segment of " + std::to_string(doc_count) +
                                        " documents"));
  }
  if (encoder_.doc_freq() > 0 && doc <= last_doc_) {
    return Fail(Status::FailedPrecondition("AddPosting: doc " + std::to_string(doc) +
                                           " not after the previous one"));
  }
  if (freq == 0) return Fail(Status::InvalidArgument("AddPosting: frequency 0"));
  if (positions.size() != (has_positions_ ? freq : 0)) {
    return Fail(Status::InvalidArgument("AddPosting: " + std::to_string(positions.size()) +
                                        " positions for frequency " + std::to_string(freq) +
                                        " in field " + std::string(FieldName(field_))));
  }
  for (std::size_t i = 1; i < positions.size(); ++i) {
    if (positions[i] <= positions[i - 1]) {
      return Fail(Status::InvalidArgument("AddPosting: positions not increasing"));
    }
  }
  const std::uint32_t length = length_field_ < 0 ? 1 : meta_.lengths[length_field_][doc];
  encoder_.Add(doc, freq, length, positions);
  last_doc_ = doc;
  return Status::OK();
}

Status SegmentWriterImpl::FinishTerm() {
  HEXAGLOT_RETURN_IF_ERROR(Expect({State::kInTerm}, "FinishTerm"));
  if (encoder_.doc_freq() == 0) {
    return Fail(Status::FailedPrecondition("FinishTerm: a term without postings"));
  }
  TermInfo info;
  info.doc_freq = encoder_.doc_freq();
  info.total_freq = encoder_.total_freq();
  info.postings_offset = files_[kPostingsFile]->body_size() + postings_buffer_.size();
  info.positions_offset = files_[kPositionsFile]->body_size() + positions_buffer_.size();
  encoder_.Finish(&postings_buffer_, &positions_buffer_);
  dictionary_.Add(key_, info, &terms_buffer_);
  posting_count_ += info.doc_freq;
  state_ = State::kBetweenTerms;
  if (Status status = FlushBuffers(false); !status.ok()) return Fail(std::move(status));
  return Status::OK();
}

Status SegmentWriterImpl::FlushBuffers(bool force) {
  std::pair<std::string*, SegmentFileIndex> buffers[] = {{&terms_buffer_, kTermsFile},
                                                         {&postings_buffer_, kPostingsFile},
                                                         {&positions_buffer_, kPositionsFile}};
  for (auto& [buffer, file] : buffers) {
    if (buffer->size() >= kFlushBytes || (force && !buffer->empty())) {
      HEXAGLOT_RETURN_IF_ERROR(files_[file]->Append(*buffer));
      buffer->clear();
    }
  }
  return Status::OK();
}

Result<SegmentInfo> SegmentWriterImpl::Finish() {
  HEXAGLOT_RETURN_IF_ERROR(Expect({State::kDocuments, State::kBetweenTerms}, "Finish"));
  auto finish = [&]() -> Result<SegmentInfo> {
    dictionary_.Finish(&terms_buffer_);
    HEXAGLOT_RETURN_IF_ERROR(FlushBuffers(true));
    HEXAGLOT_RETURN_IF_ERROR(stored_.Finish());
    std::string meta;
    meta_.Encode(&meta);
    HEXAGLOT_RETURN_IF_ERROR(files_[kMetaFile]->Append(meta));
    SegmentInfo info;
    info.name = name_;
    info.doc_count = static_cast<DocId>(meta_.languages.size());
    info.stats = meta_.stats;
    info.posting_count = posting_count_;
    for (std::size_t i = 0; i < kSegmentFileCount; ++i) {
      HEXAGLOT_ASSIGN_OR_RETURN(const std::uint64_t bytes, files_[i]->Finish());
      info.files.push_back({name_ + kSegmentFiles[i].suffix,
                            std::string(FileKindName(kSegmentFiles[i].kind)), bytes});
    }
    return info;
  };
  Result<SegmentInfo> info = finish();
  if (!info.ok()) return Fail(info.status());
  state_ = State::kFinished;
  return info;
}

}  // namespace

std::vector<std::string> SegmentFileNames(std::string_view segment_name) {
  std::vector<std::string> names;
  names.reserve(kSegmentFiles.size());
  for (const SegmentFileSpec& spec : kSegmentFiles) {
    names.push_back(std::string(segment_name) + spec.suffix);
  }
  return names;
}

Result<std::unique_ptr<SegmentWriter>> SegmentWriter::Create(Directory* directory,
                                                             std::string segment_name,
                                                             const SegmentWriterOptions& options) {
  const std::vector<std::string> names = SegmentFileNames(segment_name);
  for (const std::string& name : names) {
    HEXAGLOT_ASSIGN_OR_RETURN(const bool exists, directory->FileExists(name));
    if (exists) {
      return Status::AlreadyExists(directory->description() + "/" + name +
                                   ": segment file exists already");
    }
  }
  std::array<std::unique_ptr<FramedFileWriter>, kSegmentFileCount> files;
  for (std::size_t i = 0; i < kSegmentFileCount; ++i) {
    HEXAGLOT_ASSIGN_OR_RETURN(files[i],
                              FramedFileWriter::Create(directory, names[i], kSegmentFiles[i].kind));
  }
  return std::unique_ptr<SegmentWriter>(
      new SegmentWriterImpl(std::move(segment_name), options, std::move(files)));
}

}  // namespace hexaglot::format

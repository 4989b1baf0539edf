// The file frame (lib/format/file_format.h; FORMAT.md "File frame").

#include "format/file_format.h"

#include <cstring>
#include <string>

#include "util/coding.h"
#include "util/status_macros.h"

namespace hexaglot::format {

std::string_view FileKindName(FileKind kind) {
  switch (kind) {
    case FileKind::kManifest:
      return "manifest";
    case FileKind::kDeletions:
      return "deletions";
    case FileKind::kSegmentMeta:
      return "segment-meta";
    case FileKind::kTerms:
      return "terms";
    case FileKind::kPostings:
      return "postings";
    case FileKind::kPositions:
      return "positions";
    case FileKind::kStored:
      return "stored";
  }
  return "unknown";
}

FramedFileWriter::FramedFileWriter(std::unique_ptr<WritableFile> file) : file_(std::move(file)) {}

Result<std::unique_ptr<FramedFileWriter>> FramedFileWriter::Create(Directory* directory,
                                                                   std::string_view name,
                                                                   FileKind kind, WriteMode mode) {
  HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file,
                            directory->NewWritableFile(name, mode));
  std::unique_ptr<FramedFileWriter> writer(new FramedFileWriter(std::move(file)));
  std::string header(kFileMagic, sizeof(kFileMagic));
  header.push_back(static_cast<char>(static_cast<std::uint16_t>(kind) & 0xFF));
  header.push_back(static_cast<char>(static_cast<std::uint16_t>(kind) >> 8));
  header.push_back(static_cast<char>(kFormatVersion & 0xFF));
  header.push_back(static_cast<char>(kFormatVersion >> 8));
  writer->checksum_.Update(header);
  HEXAGLOT_RETURN_IF_ERROR(writer->file_->Append(header));
  return writer;
}

Status FramedFileWriter::Append(std::string_view data) {
  if (finished_) return Status::FailedPrecondition(file_->name() + ": Append after Finish");
  checksum_.Update(data);
  HEXAGLOT_RETURN_IF_ERROR(file_->Append(data));
  body_size_ += data.size();
  return Status::OK();
}

Result<std::uint64_t> FramedFileWriter::Finish() {
  if (finished_) return Status::FailedPrecondition(file_->name() + ": Finish called twice");
  finished_ = true;
  std::string footer;
  PutFixed64(&footer, body_size_);
  checksum_.Update(footer);
  PutFixed64(&footer, checksum_.Digest());
  HEXAGLOT_RETURN_IF_ERROR(file_->Append(footer));
  HEXAGLOT_RETURN_IF_ERROR(file_->Sync());
  HEXAGLOT_RETURN_IF_ERROR(file_->Close());
  return kFileHeaderSize + body_size_ + kFileFooterSize;
}

namespace {

Status FrameError(std::string_view name, std::uint64_t offset, std::string_view what) {
  return Status::Corruption(std::string(name) + ": " + std::string(what) + " at byte offset " +
                            std::to_string(offset));
}

}  // namespace

Result<FramedFile> OpenFramedFile(ReadableFile file, std::string_view name, FileKind kind) {
  const std::string_view data = file.data();
  if (data.size() < kFileHeaderSize + kFileFooterSize) {
    return FrameError(
        name, 0,
        "file of " + std::to_string(data.size()) + " bytes is shorter than its header and footer");
  }
  if (std::memcmp(data.data(), kFileMagic, sizeof(kFileMagic)) != 0) {
    return FrameError(name, 0, "bad magic number (not a hexaglot index file)");
  }
  const auto stored_kind = static_cast<std::uint16_t>(static_cast<unsigned char>(data[4]) |
                                                      (static_cast<unsigned char>(data[5]) << 8));
  if (stored_kind != static_cast<std::uint16_t>(kind)) {
    return FrameError(name, 4,
                      "file kind " + std::to_string(stored_kind) + ", expected " +
                          std::to_string(static_cast<std::uint16_t>(kind)) + " (" +
                          std::string(FileKindName(kind)) + ")");
  }
  const std::size_t footer = data.size() - kFileFooterSize;
  const std::uint64_t body_size = DecodeFixed64(data.data() + footer);
  if (body_size != footer - kFileHeaderSize) {
    return FrameError(name, footer,
                      "body size " + std::to_string(body_size) + " does not match the file size " +
                          std::to_string(data.size()) + " (truncated or extended file)");
  }
  const std::uint64_t checksum = DecodeFixed64(data.data() + footer + 8);
  if (Checksum64(data.substr(0, footer + 8)) != checksum) {
    return FrameError(name, footer + 8, "checksum mismatch");
  }
  // Checked after the checksum, so that a flipped version byte reads as corruption.
  const auto version = static_cast<std::uint16_t>(static_cast<unsigned char>(data[6]) |
                                                  (static_cast<unsigned char>(data[7]) << 8));
  if (version > kFormatVersion || version < kOldestReadableVersion) {
    return Status::NotSupported(std::string(name) + ": format version " + std::to_string(version) +
                                "; this build reads versions " +
                                std::to_string(kOldestReadableVersion) + " to " +
                                std::to_string(kFormatVersion));
  }
  FramedFile framed{std::move(file), {}, version};
  framed.body = framed.file.data().substr(kFileHeaderSize, body_size);
  return framed;
}

Result<FramedFile> OpenFramedFile(Directory* directory, std::string_view name, FileKind kind) {
  HEXAGLOT_ASSIGN_OR_RETURN(ReadableFile file, directory->OpenReadableFile(name));
  return OpenFramedFile(std::move(file), name, kind);
}

}  // namespace hexaglot::format

// Deletion bitsets (lib/index/deletions.h; FORMAT.md "Deletions").

#include "index/deletions.h"

#include <bit>

#include "format/file_format.h"
#include "util/coding.h"
#include "util/status_macros.h"

namespace hexaglot::index {

std::string DeletionBitset::Encode() const {
  std::string body;
  PutVarint32(&body, doc_count_);
  PutVarint32(&body, deleted_count_);
  const std::size_t bytes = (static_cast<std::size_t>(doc_count_) + 7) / 8;
  body.reserve(body.size() + bytes);
  for (std::size_t i = 0; i < bytes; ++i) {
    body.push_back(static_cast<char>(words_[i / 8] >> (8 * (i % 8))));
  }
  return body;
}

Result<DeletionBitset> DeletionBitset::Decode(std::string_view body, std::string_view name,
                                              DocId expected_doc_count, DocId expected_deleted) {
  const auto fail = [&](std::uint64_t body_offset, const std::string& what) {
    return Status::Corruption(std::string(name) + ": " + what + " at byte offset " +
                              std::to_string(format::FramedFile::kBodyOffset + body_offset));
  };
  std::string_view in = body;
  std::uint32_t doc_count = 0;
  std::uint32_t deleted = 0;
  if (!GetVarint32(&in, &doc_count)) return fail(0, "bad document count");
  if (doc_count != expected_doc_count) {
    return fail(0, "document count " + std::to_string(doc_count) + ", the manifest says " +
                       std::to_string(expected_doc_count));
  }
  const std::size_t deleted_offset = body.size() - in.size();
  if (!GetVarint32(&in, &deleted)) return fail(deleted_offset, "bad deleted count");
  if (deleted != expected_deleted) {
    return fail(deleted_offset, "deleted count " + std::to_string(deleted) +
                                    ", the manifest says " + std::to_string(expected_deleted));
  }
  const std::size_t bits_offset = body.size() - in.size();
  const std::size_t bytes = (static_cast<std::size_t>(doc_count) + 7) / 8;
  if (in.size() != bytes) {
    return fail(bits_offset, "bitset of " + std::to_string(in.size()) + " bytes, expected " +
                                 std::to_string(bytes));
  }
  DeletionBitset bitset(doc_count);
  for (std::size_t i = 0; i < bytes; ++i) {
    bitset.words_[i / 8] |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[i]))
                            << (8 * (i % 8));
  }
  if (doc_count % 64 != 0 && !bitset.words_.empty() &&
      (bitset.words_.back() >> (doc_count % 64)) != 0) {
    return fail(bits_offset + bytes - 1, "bits set past the last document");
  }
  std::uint64_t count = 0;
  for (std::uint64_t word : bitset.words_) count += std::popcount(word);
  if (count != deleted) {
    return fail(bits_offset, std::to_string(count) + " bits set, the deleted count is " +
                                 std::to_string(deleted));
  }
  bitset.deleted_count_ = deleted;
  return bitset;
}

Result<std::uint64_t> WriteDeletions(Directory* directory, const std::string& name,
                                     const DeletionBitset& deletions) {
  HEXAGLOT_ASSIGN_OR_RETURN(
      auto writer, format::FramedFileWriter::Create(directory, name, format::FileKind::kDeletions,
                                                    WriteMode::kOverwrite));
  HEXAGLOT_RETURN_IF_ERROR(writer->Append(deletions.Encode()));
  return writer->Finish();
}

Result<DeletionBitset> ReadDeletions(ReadableFile file, const std::string& name,
                                     DocId expected_doc_count, DocId expected_deleted) {
  HEXAGLOT_ASSIGN_OR_RETURN(
      format::FramedFile framed,
      format::OpenFramedFile(std::move(file), name, format::FileKind::kDeletions));
  return DeletionBitset::Decode(framed.body, name, expected_doc_count, expected_deleted);
}

Result<DeletionBitset> ReadDeletions(Directory* directory, const std::string& name,
                                     DocId expected_doc_count, DocId expected_deleted) {
  HEXAGLOT_ASSIGN_OR_RETURN(ReadableFile file, directory->OpenReadableFile(name));
  return ReadDeletions(std::move(file), name, expected_doc_count, expected_deleted);
}

}  // namespace hexaglot::index

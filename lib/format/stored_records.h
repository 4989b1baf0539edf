// The stored file: each document's record (SegmentDocument::stored), in zstd-compressed
// blocks of about SegmentWriterOptions::stored_block_bytes, with a block index for random
// access by doc id. Byte layout: lib/format/FORMAT.md, "Stored"; change neither without
// the other.
//
// Thread safety: a writer is used by one thread; a StoredReader is immutable and may be
// shared (each thread decompresses with its own zstd context).

#ifndef HEXAGLOT_FORMAT_STORED_RECORDS_H_
#define HEXAGLOT_FORMAT_STORED_RECORDS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "format/file_format.h"
#include "format/posting_cursor.h"
#include "hexaglot/status.h"

namespace hexaglot::format {

// The largest record AddDocument accepts, and so the largest decompressed block a reader
// allocates (with the block target on top).
inline constexpr std::uint64_t kMaxStoredRecordBytes = 256u << 20;

class StoredRecordsWriter {
 public:
  // REQUIRES: `file` outlives the writer and receives nothing else until Finish.
  StoredRecordsWriter(FramedFileWriter* file, std::uint32_t block_bytes, int zstd_level);

  // REQUIRES: record.size() <= kMaxStoredRecordBytes.
  Status Add(std::string_view record);
  // Writes the last block, the index and the trailer (not the file's footer).
  Status Finish();

 private:
  Status FlushBlock();

  FramedFileWriter* file_;
  std::uint32_t block_bytes_;
  int zstd_level_;
  std::uint32_t doc_count_ = 0;
  std::uint32_t block_first_doc_ = 0;
  std::vector<std::uint32_t> block_lengths_;  // Record lengths of the open block.
  std::string block_data_;                    // Their bytes.
  std::string index_;
  std::uint32_t block_count_ = 0;
  std::string compressed_;
};

class StoredRecordsReader {
 public:
  // Validates the trailer and the block index of the stored file `name`, which must hold
  // `doc_count` records.
  static Result<StoredRecordsReader> Open(std::string_view body, std::string name, DocId doc_count);

  // REQUIRES: doc < doc_count.
  Result<std::string> Get(DocId doc) const;
  // Decompresses every block and checks its record count and sizes.
  Status Check() const;

  std::uint32_t block_count() const { return block_count_; }
  // The sum of the blocks' uncompressed sizes, for statistics.
  std::uint64_t raw_bytes() const;

 private:
  struct Block {
    DocId first_doc;
    std::uint32_t raw_size;
    std::uint64_t offset;
    std::uint64_t size;
  };
  StoredRecordsReader(std::string_view body, std::string name)
      : body_(body), name_(std::move(name)) {}
  Block BlockAt(std::uint32_t b) const;
  // Decompresses block `b` into `*raw` and returns the views of its records' bytes.
  Status ReadBlock(std::uint32_t b, std::string* raw, std::vector<std::string_view>* records) const;

  std::string_view body_;
  std::string name_;
  DocId doc_count_ = 0;
  std::uint32_t block_count_ = 0;
  std::uint64_t index_offset_ = 0;
};

}  // namespace hexaglot::format

#endif  // HEXAGLOT_FORMAT_STORED_RECORDS_H_

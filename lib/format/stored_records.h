// The stored file: each document's record (SegmentDocument::stored), in zstd-compressed
// blocks of about SegmentWriterOptions::stored_block_bytes, with a block index for random
// access by doc id. Byte layout: lib/format/FORMAT.md, "Stored"; change neither without
// the other.
//
// Thread safety: a writer is used by one thread; a StoredReader is immutable and may be
// shared (each thread decompresses with its own zstd context).

#ifndef HEXAGLOT_FORMAT_STORED_RECORDS_H_
#define HEXAGLOT_FORMAT_STORED_RECORDS_H_

#include <zstd.h>

#include <cstdint>
#include <memory>
#include <span>
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

// A writer with the dictionary option on holds back the segment's first records, up to
// kLargeDictionaryMinRecordBytes of them. With that many, it trains a zstd dictionary of
// up to kLargeDictionaryBytes on their first kLargeDictionaryTrainingBytes; a segment
// with fewer, but at least kDictionaryMinRecordBytes, gets one of up to kDictionaryBytes
// trained on the first kDictionaryTrainingBytes; smaller ones none. Every block is
// compressed with it. Measured on the 200k generated English paragraphs (54 MB of text;
// bench/COMPARE.md, "Index size"): at level 3 and 16 KiB blocks, the large dictionary
// makes the stored file 7% smaller than the small one; at level 9, 32 KiB blocks would
// save only 0.6% more, so blocks stay at 16 KiB and a fetch decompresses little. On
// 1.5 MiB of records the large dictionary's own bytes cost more than it saves
// (tests/format/stored_records_test.cc), the small one 10% or more. On the 4809 treaty
// paragraphs (bench/format_corpus_bench.cc) a small dictionary gave -12% at 16 KiB blocks
// and -27% at 4 KiB; below 1 MiB of records its own bytes eat most of the gain.
inline constexpr std::size_t kDictionaryMinRecordBytes = 1 << 20;
// At this level (the default), blocks behind a dictionary are compressed with tuned zstd
// parameters instead of the level's lazy2, search log 5 and 4-byte matches for a 16 KiB
// block. Behind the small dictionary: the lazy strategy, a search log of 6 and 6-byte
// matches (0.7% smaller and a third less zstd CPU on the 200k generated paragraphs:
// shorter matches cost about what the literals they replace do, and lazy2's second look
// rarely finds a better one). Behind the large one: the greedy strategy, a search log of 4
// and 6-byte matches, which the larger dictionary (kLargeDictionaryBytes) pays for: on the
// same corpus, against 112 KiB trained on 1 MiB with the lazy parameters, the stored files
// are 0.5% smaller and training plus compressing costs a third less CPU (0.82 to 0.55 s
// per segment), while a block takes about 15% longer to decompress (15 to 18 us for
// 16 KiB). Other levels are zstd's own.
inline constexpr int kDictionaryTunedZstdLevel = 9;
inline constexpr std::size_t kDictionaryTrainingBytes = 1 << 19;
inline constexpr std::size_t kDictionaryBytes = std::size_t{16} * 1024;
inline constexpr std::size_t kLargeDictionaryMinRecordBytes = 8 << 20;
inline constexpr std::size_t kLargeDictionaryTrainingBytes = 2 << 20;
inline constexpr std::size_t kLargeDictionaryBytes = std::size_t{224} * 1024;
// The large dictionary is trained with fixed fastCover parameters (segments of 128 bytes,
// 8-byte d-mers) on all its samples: ZDICT_trainFromBuffer's search for them trains four
// times on three quarters of the samples and tests each, 0.16-0.18 s per segment against
// 0.06 s. On the 200k generated paragraphs the fixed parameters make the stored files 1.6%
// smaller (18.60 to 18.31 MB; the search picked 537-byte segments; 64 to 300 gave
// 18.32-18.46 MB behind statistics collected at level 9, stored_records.cc).
inline constexpr unsigned kLargeDictionarySegmentBytes = 128;
inline constexpr unsigned kLargeDictionaryDmerBytes = 8;

class StoredRecordsWriter {
 public:
  // REQUIRES: `file` outlives the writer and receives nothing else until Finish.
  StoredRecordsWriter(FramedFileWriter* file, std::uint32_t block_bytes, int zstd_level,
                      bool dictionary);
  ~StoredRecordsWriter();
  StoredRecordsWriter(const StoredRecordsWriter&) = delete;
  StoredRecordsWriter& operator=(const StoredRecordsWriter&) = delete;

  // REQUIRES: record.size() <= kMaxStoredRecordBytes.
  Status Add(std::string_view record) { return Add(std::span(&record, 1)); }
  // Adds the record made of `pieces` end to end. A huge one is compressed from where its
  // pieces are, not copied: when it ends the dictionary's sampling, the dictionary is
  // trained on at most its first kLargeDictionaryTrainingBytes. REQUIRES: the pieces
  // total at most kMaxStoredRecordBytes.
  Status Add(std::span<const std::string_view> pieces);
  // Writes the last block, the index and the trailer (not the file's footer).
  Status Finish();

  // The size of the zstd dictionary written (0: none), after Finish.
  std::size_t dictionary_size() const { return dictionary_size_; }

 private:
  // Adds a record (`pieces`, `size` bytes in all) to the open block, flushing it when
  // full. A huge record that fills the block is compressed where it is, not copied.
  Status AddToBlock(std::span<const std::string_view> pieces, std::size_t size);
  // Compresses the open block, followed by `last` (the pieces of a record counted in
  // block_lengths_ but not in block_data_), and writes it.
  Status FlushBlock(std::span<const std::string_view> last = {});
  // Compresses `pieces`, `raw_size` bytes end to end, as one frame written as it comes, in
  // chunks of ZSTD_CStreamOutSize: a huge block is held neither whole nor compressed.
  Status CompressStreaming(std::span<const std::string_view> pieces, std::size_t raw_size);
  // Ends sampling: trains and writes the dictionary that the sample's size calls for, then
  // passes the sampled records to the blocks, then `last` (the pieces of a record,
  // `last_size` bytes, that is not in the sample).
  Status EndSampling(std::span<const std::string_view> last = {}, std::size_t last_size = 0);
  // Trains a dictionary into `*dictionary` (sized to the most it may take) on samples of
  // `sizes`, end to end in `data`; returns its size (or a ZDICT error code).
  std::size_t TrainDictionary(bool large, std::string_view data,
                              const std::vector<std::size_t>& sizes, std::string* dictionary) const;

  FramedFileWriter* file_;
  std::uint32_t block_bytes_;
  struct CCtxDeleter {
    void operator()(ZSTD_CCtx* context) const;
  };
  int zstd_level_;
  std::unique_ptr<ZSTD_CCtx, CCtxDeleter> context_;
  std::uint32_t doc_count_ = 0;
  std::uint32_t block_first_doc_ = 0;
  std::vector<std::uint32_t> block_lengths_;  // Record lengths of the open block.
  std::string block_data_;                    // Their bytes.
  std::string index_;
  std::uint32_t block_count_ = 0;
  std::string compressed_;

  bool sampling_;  // Records go to the sample until the dictionary question is settled.
  std::string sample_;
  std::vector<std::size_t> sample_sizes_;
  std::size_t dictionary_size_ = 0;
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
  std::uint64_t dictionary_size() const { return dictionary_size_; }

 private:
  struct Block {
    DocId first_doc;
    std::uint32_t raw_size;
    std::uint64_t offset;
    std::uint64_t size;
  };
  struct DDictDeleter {
    void operator()(ZSTD_DDict* dictionary) const { ZSTD_freeDDict(dictionary); }
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
  std::uint64_t dictionary_size_ = 0;
  std::unique_ptr<ZSTD_DDict, DDictDeleter> dictionary_;  // Null without a dictionary.
};

}  // namespace hexaglot::format

#endif  // HEXAGLOT_FORMAT_STORED_RECORDS_H_

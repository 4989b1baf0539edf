// Stored records (lib/format/stored_records.h). Byte layout: lib/format/FORMAT.md,
// "Stored".

#include "format/stored_records.h"

#define ZDICT_STATIC_LINKING_ONLY  // ZDICT_trainFromBuffer_fastCover
#include <zdict.h>
#include <zstd.h>

#include <algorithm>
#include <cassert>
#include <utility>

#include "format/format_errors.h"
#include "util/coding.h"
#include "util/status_macros.h"

namespace hexaglot::format {
namespace {

// doc_count (fixed32), block_count (fixed32), dictionary_size (fixed64), index_offset
// (fixed64).
constexpr std::size_t kTrailerSize = 24;
// first_doc (fixed32), raw_size (fixed32), offset (fixed64).
constexpr std::size_t kIndexEntrySize = 16;
// The largest decompressed block a reader accepts: a record of the largest size plus a
// block's worth of smaller ones, with their length varints.
constexpr std::uint64_t kMaxRawBlockBytes = 2 * kMaxStoredRecordBytes;
// Write buffers above a block and this are released once written.
constexpr std::size_t kMaxKeptBufferBytes = std::size_t{1} << 20;

struct DCtxDeleter {
  void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
};

// One decompression context per thread: creating one costs more than decompressing a
// small block.
ZSTD_DCtx* ThreadDecompressionContext() {
  thread_local std::unique_ptr<ZSTD_DCtx, DCtxDeleter> context(ZSTD_createDCtx());
  return context.get();
}

}  // namespace

StoredRecordsWriter::StoredRecordsWriter(FramedFileWriter* file, std::uint32_t block_bytes,
                                         int zstd_level, bool dictionary)
    : file_(file),
      block_bytes_(std::max<std::uint32_t>(block_bytes, 1)),
      zstd_level_(zstd_level),
      context_(ZSTD_createCCtx()),
      sampling_(dictionary) {
  // Each frame carries its content's checksum (4 bytes), so that Check catches a changed
  // record even when the file's own checksum was recomputed.
  ZSTD_CCtx_setParameter(context_.get(), ZSTD_c_compressionLevel, zstd_level);
  ZSTD_CCtx_setParameter(context_.get(), ZSTD_c_checksumFlag, 1);
}

StoredRecordsWriter::~StoredRecordsWriter() = default;

void StoredRecordsWriter::CCtxDeleter::operator()(ZSTD_CCtx* context) const {
  ZSTD_freeCCtx(context);
}

Status StoredRecordsWriter::Add(std::span<const std::string_view> pieces) {
  std::size_t size = 0;
  for (const std::string_view piece : pieces) size += piece.size();
  assert(size <= kMaxStoredRecordBytes);
  if (!sampling_) return AddToBlock(pieces, size);
  // A huge record that ends sampling is not copied into the sample.
  if (size > kMaxKeptBufferBytes && sample_.size() + size >= kLargeDictionaryMinRecordBytes) {
    return EndSampling(pieces, size);
  }
  for (const std::string_view piece : pieces) sample_.append(piece);
  sample_sizes_.push_back(size);
  if (sample_.size() >= kLargeDictionaryMinRecordBytes) return EndSampling();
  return Status::OK();
}

std::size_t StoredRecordsWriter::TrainDictionary(bool large, std::string_view data,
                                                 const std::vector<std::size_t>& sizes,
                                                 std::string* dictionary) const {
  if (large) {
    ZDICT_fastCover_params_t parameters{};
    parameters.k = kLargeDictionarySegmentBytes;
    parameters.d = kLargeDictionaryDmerBytes;
    // The level of the compressions that collect the dictionary's entropy statistics:
    // at 1 training takes 0.06 s per segment, at 9 0.27 s, for stored files 0.2% larger.
    parameters.zParams.compressionLevel = 1;
    return ZDICT_trainFromBuffer_fastCover(dictionary->data(), dictionary->size(), data.data(),
                                           sizes.data(), static_cast<unsigned>(sizes.size()),
                                           parameters);
  }
  return ZDICT_trainFromBuffer(dictionary->data(), dictionary->size(), data.data(), sizes.data(),
                               static_cast<unsigned>(sizes.size()));
}

Status StoredRecordsWriter::EndSampling(std::span<const std::string_view> last,
                                        std::size_t last_size) {
  sampling_ = false;
  const bool large = sample_.size() + last_size >= kLargeDictionaryMinRecordBytes;
  if (large || sample_.size() + last_size >= kDictionaryMinRecordBytes) {
    std::string dictionary(large ? kLargeDictionaryBytes : kDictionaryBytes, '\0');
    const std::size_t training_bytes =
        large ? kLargeDictionaryTrainingBytes : kDictionaryTrainingBytes;
    // The first records up to training_bytes, the one that reaches it whole; but `last`,
    // a huge record, only up to training_bytes (its bytes are not in the sample).
    std::vector<std::size_t> sizes;
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < sample_sizes_.size() && bytes < training_bytes; ++i) {
      sizes.push_back(sample_sizes_[i]);
      bytes += sample_sizes_[i];
    }
    std::string_view data(sample_.data(), bytes);
    std::string training;
    if (bytes < training_bytes && last_size > 0) {
      training.assign(data);
      for (std::size_t i = 0; i < last.size() && training.size() < bytes + training_bytes; ++i) {
        training.append(last[i].substr(0, bytes + training_bytes - training.size()));
      }
      sizes.push_back(training.size() - bytes);
      data = training;
    }
    const std::size_t size = TrainDictionary(large, data, sizes, &dictionary);
    training = std::string();
    // Training fails on samples with too little in common: then blocks go without one.
    if (!ZDICT_isError(size)) {
      if (zstd_level_ == kDictionaryTunedZstdLevel) {
        for (const auto& [parameter, value] :
             {std::pair{ZSTD_c_strategy, static_cast<int>(large ? ZSTD_greedy : ZSTD_lazy)},
              std::pair{ZSTD_c_minMatch, 6}, std::pair{ZSTD_c_searchLog, large ? 4 : 6}}) {
          ZSTD_CCtx_setParameter(context_.get(), parameter, value);
        }
      }
      // The context digests it once, with its parameters, at the first block.
      const std::size_t loaded = ZSTD_CCtx_loadDictionary(context_.get(), dictionary.data(), size);
      if (ZSTD_isError(loaded)) {
        return Status::Internal(std::string("zstd dictionary: ") + ZSTD_getErrorName(loaded));
      }
      HEXAGLOT_RETURN_IF_ERROR(file_->Append(std::string_view(dictionary.data(), size)));
      dictionary_size_ = size;
    }
  }
  std::size_t offset = 0;
  for (std::size_t size : sample_sizes_) {
    const std::string_view record = std::string_view(sample_).substr(offset, size);
    HEXAGLOT_RETURN_IF_ERROR(AddToBlock(std::span(&record, 1), size));
    offset += size;
  }
  sample_.clear();
  sample_.shrink_to_fit();
  sample_sizes_.clear();
  if (last_size > 0) return AddToBlock(last, last_size);
  return Status::OK();
}

Status StoredRecordsWriter::AddToBlock(std::span<const std::string_view> pieces, std::size_t size) {
  block_lengths_.push_back(static_cast<std::uint32_t>(size));
  ++doc_count_;
  if (size > kMaxKeptBufferBytes && block_data_.size() + size >= block_bytes_) {
    return FlushBlock(pieces);
  }
  for (const std::string_view piece : pieces) block_data_.append(piece);
  if (block_data_.size() >= block_bytes_) return FlushBlock();
  return Status::OK();
}

Status StoredRecordsWriter::FlushBlock(std::span<const std::string_view> last) {
  if (block_lengths_.empty()) return Status::OK();
  std::string lengths;
  for (std::uint32_t length : block_lengths_) PutVarint32(&lengths, length);
  std::vector<std::string_view> pieces = {lengths, block_data_};
  pieces.insert(pieces.end(), last.begin(), last.end());
  std::size_t raw_size = 0;
  for (const std::string_view piece : pieces) raw_size += piece.size();
  PutFixed32(&index_, block_first_doc_);
  PutFixed32(&index_, static_cast<std::uint32_t>(raw_size));
  PutFixed64(&index_, file_->body_size());
  if (raw_size > kMaxKeptBufferBytes + block_bytes_) {
    HEXAGLOT_RETURN_IF_ERROR(CompressStreaming(pieces, raw_size));
  } else {
    std::string raw = std::move(lengths);
    for (std::size_t i = 1; i < pieces.size(); ++i) raw.append(pieces[i]);
    compressed_.resize(ZSTD_compressBound(raw.size()));
    const std::size_t size = ZSTD_compress2(context_.get(), compressed_.data(), compressed_.size(),
                                            raw.data(), raw.size());
    if (ZSTD_isError(size)) {
      return Status::Internal(std::string("zstd compression failed: ") + ZSTD_getErrorName(size));
    }
    HEXAGLOT_RETURN_IF_ERROR(file_->Append(std::string_view(compressed_.data(), size)));
  }
  // A block that a huge record made is not kept for the rest of the segment.
  block_data_.clear();
  if (block_data_.capacity() > kMaxKeptBufferBytes + block_bytes_) block_data_ = std::string();
  if (compressed_.size() > kMaxKeptBufferBytes + block_bytes_) compressed_ = std::string();
  ++block_count_;
  block_first_doc_ = doc_count_;
  block_lengths_.clear();
  return Status::OK();
}

Status StoredRecordsWriter::CompressStreaming(std::span<const std::string_view> pieces,
                                              std::size_t raw_size) {
  // The frame states its content size, as ZSTD_compress2's do (the reader checks it).
  std::size_t result = ZSTD_CCtx_setPledgedSrcSize(context_.get(), raw_size);
  compressed_.resize(ZSTD_CStreamOutSize());
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const bool end = i + 1 == pieces.size();
    ZSTD_inBuffer in{pieces[i].data(), pieces[i].size(), 0};
    do {
      ZSTD_outBuffer out{compressed_.data(), compressed_.size(), 0};
      if (!ZSTD_isError(result)) {
        result =
            ZSTD_compressStream2(context_.get(), &out, &in, end ? ZSTD_e_end : ZSTD_e_continue);
      }
      if (ZSTD_isError(result)) {
        ZSTD_CCtx_reset(context_.get(), ZSTD_reset_session_only);
        return Status::Internal(std::string("zstd compression failed: ") +
                                ZSTD_getErrorName(result));
      }
      HEXAGLOT_RETURN_IF_ERROR(file_->Append(std::string_view(compressed_.data(), out.pos)));
      // With e_end, `result` is what is left to flush; with e_continue, go on until the
      // piece is consumed.
    } while (end ? result != 0 : in.pos < in.size);
  }
  return Status::OK();
}

Status StoredRecordsWriter::Finish() {
  if (sampling_) HEXAGLOT_RETURN_IF_ERROR(EndSampling());
  HEXAGLOT_RETURN_IF_ERROR(FlushBlock());
  const std::uint64_t index_offset = file_->body_size();
  PutFixed32(&index_, doc_count_);
  PutFixed32(&index_, block_count_);
  PutFixed64(&index_, dictionary_size_);
  PutFixed64(&index_, index_offset);
  return file_->Append(index_);
}

Result<StoredRecordsReader> StoredRecordsReader::Open(std::string_view body, std::string name,
                                                      DocId doc_count) {
  StoredRecordsReader reader(body, std::move(name));
  if (body.size() < kTrailerSize) {
    return CorruptionAt(reader.name_, 0, "stored file too short for its trailer");
  }
  const std::size_t trailer = body.size() - kTrailerSize;
  const char* p = body.data() + trailer;
  reader.doc_count_ = DecodeFixed32(p);
  reader.block_count_ = DecodeFixed32(p + 4);
  reader.dictionary_size_ = DecodeFixed64(p + 8);
  reader.index_offset_ = DecodeFixed64(p + 16);
  if (reader.doc_count_ != doc_count) {
    return CorruptionAt(reader.name_, trailer,
                        "stored file has " + std::to_string(reader.doc_count_) +
                            " records, the segment " + std::to_string(doc_count) + " documents");
  }
  if (reader.index_offset_ > trailer ||
      trailer - reader.index_offset_ != std::uint64_t{reader.block_count_} * kIndexEntrySize) {
    return CorruptionAt(reader.name_, trailer + 16, "block index does not fit the file");
  }
  if (reader.dictionary_size_ > reader.index_offset_ ||
      (reader.dictionary_size_ > 0 && reader.block_count_ == 0)) {
    return CorruptionAt(reader.name_, trailer + 8, "bad dictionary size");
  }
  if (reader.dictionary_size_ > 0) {
    // A zstd dictionary starts with its magic number and has a non-zero id; without this
    // check zstd would take any bytes as raw content.
    const std::string_view dictionary = body.substr(0, reader.dictionary_size_);
    if (ZSTD_getDictID_fromDict(dictionary.data(), dictionary.size()) == 0) {
      return CorruptionAt(reader.name_, 0, "bad zstd dictionary");
    }
    reader.dictionary_.reset(ZSTD_createDDict(dictionary.data(), dictionary.size()));
    if (reader.dictionary_ == nullptr) {
      return CorruptionAt(reader.name_, 0, "zstd rejects the dictionary");
    }
  }
  if ((reader.block_count_ == 0) != (doc_count == 0) || reader.block_count_ > doc_count) {
    return CorruptionAt(reader.name_, trailer + 4, "bad block count");
  }
  // Blocks: first docs from 0 strictly increasing below doc_count; offsets from the end of
  // the dictionary strictly increasing below the index; bounded sizes.
  for (std::uint32_t b = 0; b < reader.block_count_; ++b) {
    const std::uint64_t at = reader.index_offset_ + std::uint64_t{b} * kIndexEntrySize;
    const Block block = reader.BlockAt(b);
    const bool first_ok =
        b == 0 ? block.first_doc == 0 : block.first_doc > reader.BlockAt(b - 1).first_doc;
    const bool offset_ok = b == 0 ? block.offset == reader.dictionary_size_
                                  : block.offset > reader.BlockAt(b - 1).offset;
    if (!first_ok || block.first_doc >= doc_count) {
      return CorruptionAt(reader.name_, at, "bad first doc of stored block " + std::to_string(b));
    }
    if (!offset_ok || block.offset >= reader.index_offset_) {
      return CorruptionAt(reader.name_, at + 8, "bad offset of stored block " + std::to_string(b));
    }
    if (block.raw_size > kMaxRawBlockBytes) {
      return CorruptionAt(reader.name_, at + 4, "stored block too large");
    }
  }
  return reader;
}

StoredRecordsReader::Block StoredRecordsReader::BlockAt(std::uint32_t b) const {
  const char* p = body_.data() + index_offset_ + std::uint64_t{b} * kIndexEntrySize;
  Block block{DecodeFixed32(p), DecodeFixed32(p + 4), DecodeFixed64(p + 8), 0};
  const std::uint64_t end =
      b + 1 < block_count_ ? DecodeFixed64(p + kIndexEntrySize + 8) : index_offset_;
  block.size = end - block.offset;
  return block;
}

Status StoredRecordsReader::ReadBlock(std::uint32_t b, std::string* raw,
                                      std::vector<std::string_view>* records) const {
  const Block block = BlockAt(b);
  const DocId end_doc = b + 1 < block_count_ ? BlockAt(b + 1).first_doc : doc_count_;
  auto error = [&](std::string_view what) {
    return CorruptionAt(name_, block.offset,
                        "stored block " + std::to_string(b) + ": " + std::string(what));
  };
  // The frame states its content size: check it before allocating that much.
  if (ZSTD_getFrameContentSize(body_.data() + block.offset, block.size) != block.raw_size) {
    return error("frame content size differs from the index");
  }
  raw->resize(block.raw_size);
  const std::size_t size =
      ZSTD_decompress_usingDDict(ThreadDecompressionContext(), raw->data(), raw->size(),
                                 body_.data() + block.offset, block.size, dictionary_.get());
  if (ZSTD_isError(size)) return error(std::string("zstd: ") + ZSTD_getErrorName(size));
  if (size != block.raw_size) return error("decompressed size differs from the index");
  std::string_view in = *raw;
  const std::uint32_t count = end_doc - block.first_doc;
  // Each length takes at least a byte: a count beyond the block is corrupt (and must not
  // size an allocation).
  if (count > in.size()) return error("more records than bytes");
  std::vector<std::uint32_t> lengths(count);
  std::uint64_t total = 0;
  for (std::uint32_t& length : lengths) {
    if (!GetVarint32(&in, &length)) return error("bad record length");
    total += length;
  }
  if (total != in.size()) return error("record lengths do not add up to the block");
  records->clear();
  for (std::uint32_t length : lengths) {
    records->push_back(in.substr(0, length));
    in.remove_prefix(length);
  }
  return Status::OK();
}

Result<std::string> StoredRecordsReader::Get(DocId doc) const {
  assert(doc < doc_count_);
  // The last block whose first doc is <= doc.
  std::uint32_t low = 0;
  std::uint32_t high = block_count_;
  while (high - low > 1) {
    const std::uint32_t mid = low + (high - low) / 2;
    if (BlockAt(mid).first_doc <= doc) {
      low = mid;
    } else {
      high = mid;
    }
  }
  std::string raw;
  std::vector<std::string_view> records;
  HEXAGLOT_RETURN_IF_ERROR(ReadBlock(low, &raw, &records));
  return std::string(records[doc - BlockAt(low).first_doc]);
}

Status StoredRecordsReader::Check() const {
  std::string raw;
  std::vector<std::string_view> records;
  for (std::uint32_t b = 0; b < block_count_; ++b) {
    HEXAGLOT_RETURN_IF_ERROR(ReadBlock(b, &raw, &records));
  }
  return Status::OK();
}

}  // namespace hexaglot::format

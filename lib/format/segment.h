// Segments: the immutable unit of an index. A segment is a few files sharing one name
// prefix (lib/format/FORMAT.md lists them byte by byte): a sorted term dictionary,
// postings in blocks of 128 with skip and block-max data, positions, per-document
// language and field lengths, per-language statistics, and stored records in
// zstd-compressed blocks.
//
// SegmentWriter turns documents and sorted postings into those files; SegmentReader maps
// them and serves terms, PostingCursors and stored records. Deletions, manifests and
// merges are the index layer's (lib/index); it sees a segment only through this header.
//
// Thread safety: a SegmentWriter is used by one thread. A SegmentReader is immutable after
// Open and may be shared by any number of threads (each using its own cursors).

#ifndef HEXAGLOT_FORMAT_SEGMENT_H_
#define HEXAGLOT_FORMAT_SEGMENT_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "format/fields.h"
#include "format/posting_cursor.h"
#include "hexaglot/language.h"
#include "hexaglot/status.h"
#include "util/directory.h"

namespace hexaglot::format {

// What a segment stores per document besides its postings.
struct SegmentDocument {
  std::string stored;  // The index layer's serialised record, returned as is by Stored().
  // When not empty, the record instead: these bytes end to end, where they are (a huge
  // text is not copied into `stored`). Valid until AddDocument returns.
  std::span<const std::string_view> stored_pieces;
  Language language = Language::kEnglish;
  // Token count of each scored field (kScoredFields order), stop words included: the
  // length BM25 normalises by, counted as the positions the analyzer assigned.
  std::array<std::uint32_t, kScoredFieldCount> lengths{};
};

// BM25's collection statistics of one segment, per language. Sums over segments give the
// index's statistics (minus deleted documents, which the index layer accounts for).
struct SegmentStats {
  std::array<std::uint32_t, kLanguageCount> doc_count{};
  // total_length[language][scored field]: sum of that field's lengths over the documents.
  std::array<std::array<std::uint64_t, kScoredFieldCount>, kLanguageCount> total_length{};

  friend bool operator==(const SegmentStats&, const SegmentStats&) = default;
};

// One file of a segment, for `hexaglot stats` and for the manifest.
struct SegmentFile {
  std::string name;  // File name in the directory.
  std::string kind;  // "terms", "postings", "positions", "documents", "stored", ...
  std::uint64_t bytes = 0;
};

// What Finish reports about a written segment.
struct SegmentInfo {
  std::string name;
  DocId doc_count = 0;
  SegmentStats stats;
  std::vector<SegmentFile> files;
  std::uint64_t posting_count = 0;  // Sum of document frequencies over all terms.
};

// The files of segment `segment_name`, as the writer creates them: "<name>.meta",
// "<name>.terms", "<name>.post", "<name>.pos", "<name>.stored" (FORMAT.md, "Files of a
// segment"). For the index layer, e.g. to remove the files of an unfinished segment.
std::vector<std::string> SegmentFileNames(std::string_view segment_name);

struct SegmentWriterOptions {
  // Target uncompressed bytes of a stored-record block before zstd compression.
  std::uint32_t stored_block_bytes = 16 * 1024;
  // Measured on the 200k generated paragraphs (bench/COMPARE.md, "Index size"): with the
  // dictionary, levels 3, 6, 9 and 12 give stored files of 21.2, 20.1, 19.2 and 18.7 MB
  // for about 8.5, 10, 11.3 and 18 CPU seconds of indexing in all; decompression speed
  // barely changes.
  int zstd_level = 9;
  // Compress stored blocks with a zstd dictionary trained on the segment's records, when
  // it has at least 1 MiB of them (FORMAT.md, "Stored"): smaller files at no read cost.
  bool stored_dictionary = true;
};

// Writes one segment.
//
// Call order (checked; a violation is FailedPrecondition, and the writer is then unusable):
//   AddDocument()* -- documents get ids 0, 1, 2, ... in this order;
//   then for each term in strictly increasing key order (bytewise):
//     StartTerm(key), AddPosting(doc, freq, positions)* in increasing doc order, FinishTerm();
//   then Finish(), which writes the remaining bytes, syncs every file and returns their
//   names and sizes. The files are not in any manifest yet: the caller commits them.
// A writer destroyed before Finish leaves partial files that the index layer removes (they
// are in no manifest). Terms of fields with positions (kText, kTheme, kTopic) must pass
// exactly `freq` increasing positions; other fields pass none.
class SegmentWriter {
 public:
  // REQUIRES: `directory` outlives the writer. AlreadyExists if files of `segment_name`
  // are present.
  static Result<std::unique_ptr<SegmentWriter>> Create(Directory* directory,
                                                       std::string segment_name,
                                                       const SegmentWriterOptions& options = {});
  SegmentWriter(const SegmentWriter&) = delete;
  SegmentWriter& operator=(const SegmentWriter&) = delete;
  virtual ~SegmentWriter() = default;

  virtual Status AddDocument(const SegmentDocument& document) = 0;
  virtual Status StartTerm(std::string_view key) = 0;
  virtual Status AddPosting(DocId doc, std::uint32_t freq,
                            std::span<const std::uint32_t> positions) = 0;
  virtual Status FinishTerm() = 0;
  virtual Result<SegmentInfo> Finish() = 0;

 protected:
  SegmentWriter() = default;
};

// A term's dictionary entry.
struct TermInfo {
  std::uint32_t doc_freq = 0;          // Documents containing the term (deleted ones included).
  std::uint64_t total_freq = 0;        // Sum of its frequencies.
  std::uint64_t postings_offset = 0;   // Where its postings start (format-internal).
  std::uint64_t positions_offset = 0;  // Where its positions start (format-internal).
};

// Walks the dictionary in key order. Valid() is false at the end or after an error
// (status() says which).
class TermIterator {
 public:
  TermIterator() = default;
  TermIterator(const TermIterator&) = delete;
  TermIterator& operator=(const TermIterator&) = delete;
  virtual ~TermIterator() = default;

  virtual bool Valid() const = 0;
  // REQUIRES: Valid(). The key stays valid until the next call to Next().
  virtual std::string_view key() const = 0;
  virtual const TermInfo& info() const = 0;
  virtual void Next() = 0;
  virtual Status status() const = 0;
};

// A scored field's document lengths in the segment-meta file (FORMAT.md): one
// little-endian integer of `width` bytes (0, 1, 2 or 4; 0 when every length is 0) per
// document. A view: the reader that made it must outlive it.
class LengthColumn {
 public:
  LengthColumn(const char* data, std::size_t width) : data_(data), width_(width) {}

  // REQUIRES: each of `docs` < the segment's doc_count(), out.size() >= docs.size().
  // The lengths of `docs` into `out`: one switch on the width for the lot.
  void Gather(std::span<const DocId> docs, std::span<std::uint32_t> out) const {
    const auto* bytes = reinterpret_cast<const unsigned char*>(data_);
    switch (width_) {
      case 0:
        std::fill_n(out.begin(), docs.size(), 0u);
        return;
      case 1:
        for (std::size_t k = 0; k < docs.size(); ++k) out[k] = bytes[docs[k]];
        return;
      case 2:
        for (std::size_t k = 0; k < docs.size(); ++k) {
          const unsigned char* p = bytes + std::size_t{docs[k]} * 2;
          out[k] = static_cast<std::uint32_t>(p[0] | (p[1] << 8));
        }
        return;
      default:
        for (std::size_t k = 0; k < docs.size(); ++k) out[k] = (*this)[docs[k]];
        return;
    }
  }

  // REQUIRES: doc < the segment's doc_count().
  std::uint32_t operator[](DocId doc) const {
    const auto* p =
        reinterpret_cast<const unsigned char*>(data_) + static_cast<std::size_t>(doc) * width_;
    switch (width_) {
      case 0:
        return 0;
      case 1:
        return p[0];
      case 2:
        return static_cast<std::uint32_t>(p[0] | (p[1] << 8));
      default:
        return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
               (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
    }
  }

 private:
  const char* data_;
  std::size_t width_;
};

class SegmentReader {
 public:
  // Opens and validates the segment: every file's magic number, format version and
  // checksum, and the structure the reader relies on. Corruption names the file and the
  // byte offset; NotSupported for a newer format version. REQUIRES: `directory` outlives
  // the reader (the mapped bytes themselves are kept alive by the reader).
  static Result<std::unique_ptr<SegmentReader>> Open(Directory* directory,
                                                     std::string_view segment_name);
  SegmentReader(const SegmentReader&) = delete;
  SegmentReader& operator=(const SegmentReader&) = delete;
  virtual ~SegmentReader() = default;

  virtual const std::string& name() const = 0;
  virtual DocId doc_count() const = 0;
  virtual const SegmentStats& stats() const = 0;
  virtual const std::vector<SegmentFile>& files() const = 0;

  // The entry of `key`, or nullopt when the segment does not have the term.
  virtual Result<std::optional<TermInfo>> FindTerm(std::string_view key) const = 0;
  // The terms with key >= `from`, in order (prefix and range scans, merges, dump).
  virtual std::unique_ptr<TermIterator> Terms(std::string_view from) const = 0;
  // All terms, in order.
  std::unique_ptr<TermIterator> Terms() const { return Terms(std::string_view()); }
  // A cursor over the postings of a term of this segment (`info` from FindTerm or Terms).
  // `with_positions` only for a field with positions (FieldHasPositions).
  virtual Result<std::unique_ptr<PostingCursor>> OpenCursor(const TermInfo& info,
                                                            bool with_positions) const = 0;

  // REQUIRES: doc < doc_count().
  virtual Language language(DocId doc) const = 0;
  // The document lengths of one scored field, read without a virtual call per document
  // (scorers read one per posting).
  virtual LengthColumn lengths(int scored_field_index) const = 0;
  // REQUIRES: doc < doc_count().
  std::uint32_t length(int scored_field_index, DocId doc) const {
    return lengths(scored_field_index)[doc];
  }
  // The record given to AddDocument. Corruption if its block fails to decompress.
  virtual Result<std::string> Stored(DocId doc) const = 0;

  // Decodes and cross-checks everything (every posting list against the dictionary and
  // the documents, every stored block): the deep check of `hexaglot check`.
  virtual Status Check() const = 0;

 protected:
  SegmentReader() = default;
};

}  // namespace hexaglot::format

#endif  // HEXAGLOT_FORMAT_SEGMENT_H_

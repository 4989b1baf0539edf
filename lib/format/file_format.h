// The frame around every index file: a header that says what the file is and which
// format version wrote it, and a footer with a checksum of everything before it.
//
//   offset  size  field
//   0       4     magic       "HXG1" (0x48 0x58 0x47 0x31)
//   4       2     kind        FileKind, little-endian
//   6       2     version     format version, little-endian (kFormatVersion when written)
//   8       n     body        the file kind's own layout (lib/format/FORMAT.md)
//   8+n     8     body_size   n, little-endian
//   16+n    8     checksum    XXH3-64 (util/checksum.h) of bytes [0, 16+n), little-endian
//
// Specified in lib/format/FORMAT.md, "File frame". A reader checks every field before it
// trusts a byte of the body: wrong magic, kind, size or checksum is Corruption naming the
// file and the offset of the bad field; a version newer than kFormatVersion or older than
// kOldestReadableVersion is NotSupported.
//
// Thread safety: FramedFileWriter is used by one thread; OpenFramedFile is pure.

#ifndef HEXAGLOT_FORMAT_FILE_FORMAT_H_
#define HEXAGLOT_FORMAT_FILE_FORMAT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "hexaglot/status.h"
#include "util/checksum.h"
#include "util/directory.h"

namespace hexaglot::format {

inline constexpr char kFileMagic[4] = {'H', 'X', 'G', '1'};
inline constexpr std::size_t kFileHeaderSize = 8;
inline constexpr std::size_t kFileFooterSize = 16;

// The format version this build writes, and the oldest it reads. Bump kFormatVersion on
// any change of any file's layout; FORMAT.md keeps the history.
inline constexpr std::uint16_t kFormatVersion = 2;
inline constexpr std::uint16_t kOldestReadableVersion = 2;

// What a file holds. Stored in every file header: do not renumber.
enum class FileKind : std::uint16_t {
  kManifest = 1,
  kDeletions = 2,
  kSegmentMeta = 3,  // Document count, statistics, per-document languages and lengths.
  kTerms = 4,        // Term dictionary.
  kPostings = 5,     // Doc ids, frequencies, skip and block-max data.
  kPositions = 6,
  kStored = 7,  // zstd-compressed stored records.
};

// "manifest", "deletions", "segment-meta", "terms", "postings", "positions", "stored".
std::string_view FileKindName(FileKind kind);

// Writes one framed file: the header on Create, the body through Append, the footer, a
// sync and a close on Finish.
class FramedFileWriter {
 public:
  static Result<std::unique_ptr<FramedFileWriter>> Create(Directory* directory,
                                                          std::string_view name, FileKind kind,
                                                          WriteMode mode = WriteMode::kCreateNew);
  FramedFileWriter(const FramedFileWriter&) = delete;
  FramedFileWriter& operator=(const FramedFileWriter&) = delete;

  // Bytes of body appended so far: the body offset the next Append writes at.
  std::uint64_t body_size() const { return body_size_; }

  Status Append(std::string_view data);
  // Writes the footer, syncs and closes. Returns the whole file's size.
  Result<std::uint64_t> Finish();

 private:
  explicit FramedFileWriter(std::unique_ptr<WritableFile> file);

  std::unique_ptr<WritableFile> file_;
  Checksum64Builder checksum_;
  std::uint64_t body_size_ = 0;
  bool finished_ = false;
};

// A validated framed file: its body and the version that wrote it. Keeps the mapping
// alive, so `body` stays valid as long as the FramedFile does.
struct FramedFile {
  ReadableFile file;
  std::string_view body;
  std::uint16_t version = 0;
  // Offset of the body in the file: add it to body offsets in error messages.
  static constexpr std::uint64_t kBodyOffset = kFileHeaderSize;
};

// Checks the frame of `file` (named `name` in messages) and returns its body.
Result<FramedFile> OpenFramedFile(ReadableFile file, std::string_view name, FileKind kind);

// Opens `name` in `directory` and checks its frame.
Result<FramedFile> OpenFramedFile(Directory* directory, std::string_view name, FileKind kind);

}  // namespace hexaglot::format

#endif  // HEXAGLOT_FORMAT_FILE_FORMAT_H_

// Names of the index layer's files (lib/format/FORMAT.md, "Manifest" and "Deletions"):
//   manifest-<generation>       the commit of that generation (20 decimal digits)
//   manifest-<generation>.tmp   a manifest being written
//   seg-<number><suffix>        a segment's file, <suffix> one of format/segment_files.h
//   seg-<number>.del-<gen>      that segment's deletion bitset of deletion generation gen
// Numbers are decimal without leading zeros (but for the 20-digit generations). Only files
// with exactly these names are the index's: a writer removes no other file.

#ifndef HEXAGLOT_INDEX_INDEX_FILES_H_
#define HEXAGLOT_INDEX_INDEX_FILES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hexaglot::index {

std::string ManifestFileName(std::uint64_t generation);
std::string TempManifestFileName(std::uint64_t generation);
std::string SegmentName(std::uint64_t number);
std::string DeletionsFileName(std::string_view segment_name, std::uint64_t deletion_generation);

// The generation of a committed manifest's file name, else nullopt (temp names included).
std::optional<std::uint64_t> ParseManifestFileName(std::string_view name);
// The segment number of "seg-<number>".
std::optional<std::uint64_t> ParseSegmentName(std::string_view name);

enum class IndexFileKind : std::uint8_t {
  kNone,           // Not an index file: a writer never touches it.
  kManifest,       // manifest-<generation>
  kTempManifest,   // manifest-<generation>.tmp
  kSegmentFile,    // seg-<number><suffix>
  kDeletionsFile,  // seg-<number>.del-<gen>
};

// What the file name `name` is, by the exact names above.
IndexFileKind ClassifyFileName(std::string_view name);
inline bool IsIndexFileName(std::string_view name) {
  return ClassifyFileName(name) != IndexFileKind::kNone;
}
// The segment number of a segment or deletions file's name, else nullopt.
std::optional<std::uint64_t> SegmentNumberOfFile(std::string_view name);

}  // namespace hexaglot::index

#endif  // HEXAGLOT_INDEX_INDEX_FILES_H_

// Names of the index layer's files (lib/format/FORMAT.md, "Manifest" and "Deletions"):
//   manifest-<generation>       the commit of that generation (20 decimal digits)
//   manifest-<generation>.tmp   a manifest being written
//   seg-<number>                the name prefix of a segment's files (the format's)
//   seg-<number>.del-<gen>      that segment's deletion bitset of deletion generation gen
// Everything else in an index folder is left alone.

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
// Whether a file with this name is the index layer's or a segment's: a manifest (or its
// temp file), or a name that starts with a segment name followed by '.' or nothing.
bool IsIndexFileName(std::string_view name);

}  // namespace hexaglot::index

#endif  // HEXAGLOT_INDEX_INDEX_FILES_H_

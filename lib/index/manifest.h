// The manifest: the list of segments (and their deletion generations) of one commit
// (lib/format/FORMAT.md, "Manifest"). A commit is the atomic rename of a new manifest
// file into place; the manifest with the highest generation is the index.

#ifndef HEXAGLOT_INDEX_MANIFEST_H_
#define HEXAGLOT_INDEX_MANIFEST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "format/posting_cursor.h"
#include "format/segment.h"
#include "hexaglot/analyzer.h"
#include "hexaglot/status.h"
#include "util/directory.h"

namespace hexaglot::index {

struct ManifestSegment {
  std::string name;  // "seg-<number>".
  DocId doc_count = 0;
  DocId deleted_count = 0;
  std::uint64_t deletion_generation = 0;   // 0: no deletions file.
  std::uint64_t deletion_bytes = 0;        // Size of the deletions file.
  std::vector<format::SegmentFile> files;  // The segment's own files, not the deletions.
};

struct Manifest {
  std::uint64_t generation = 0;
  std::uint64_t next_segment_number = 0;
  AnalyzerOptions analyzer;
  std::vector<ManifestSegment> segments;
};

// The manifest body. Decode validates every invariant of FORMAT.md: Corruption naming
// `name` and the byte offset otherwise.
std::string EncodeManifest(const Manifest& manifest);
Result<Manifest> DecodeManifest(std::string_view body, std::string_view name);

// Commits `manifest`: writes it under its temporary name, syncs it and the folder,
// renames it into place and syncs the folder again.
Status WriteManifest(Directory* directory, const Manifest& manifest);

// The newest manifest in `directory`, or nullopt when there is none. Corruption if the newest one
// is bad (older ones are not tried: they would hide the damage), or if there is none beside
// segment or deletions files: a writer commits a manifest before it writes any segment, so
// those mean the manifest was lost. `file`, when given, receives the manifest file's bytes.
Result<std::optional<Manifest>> ReadLatestManifest(Directory* directory,
                                                   std::optional<ReadableFile>* file = nullptr);

// OK when a writer may take `directory` as an index folder: it holds a manifest, or only
// index files (index_files.h; with no manifest, those of a first run killed before its
// first commit), or nothing. Otherwise FailedPrecondition naming the folder and a file of
// it: the folder is not an index, and a writer must change nothing in it.
Status CheckIndexFolder(Directory* directory);

// Every file name a commit references: its manifest, its segments' files and deletions.
std::vector<std::string> ReferencedFiles(const Manifest& manifest);

}  // namespace hexaglot::index

#endif  // HEXAGLOT_INDEX_MANIFEST_H_

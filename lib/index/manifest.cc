// Manifests (lib/index/manifest.h; FORMAT.md "Manifest").

#include "index/manifest.h"

#include <set>

#include "format/file_format.h"
#include "index/index_files.h"
#include "util/coding.h"
#include "util/status_macros.h"

namespace hexaglot::index {
namespace {

// Analyzer option bits. Stored: do not renumber.
constexpr std::uint8_t kRemoveStopWords = 1 << 0;
constexpr std::uint8_t kStem = 1 << 1;
// Bits 2..7: AnalyzerOptions::exact_forms (LanguageBit(language) << 2): the byte is full.
constexpr int kExactFormsShift = 2;

// The newest generation of the manifests among `files`.
std::optional<std::uint64_t> NewestGeneration(const std::vector<std::string>& files) {
  std::optional<std::uint64_t> newest;
  for (const std::string& file : files) {
    const std::optional<std::uint64_t> generation = ParseManifestFileName(file);
    if (generation && (!newest || *generation > *newest)) newest = generation;
  }
  return newest;
}

// A segment or deletions file among `files`, else nullptr.
const std::string* SegmentFileAmong(const std::vector<std::string>& files) {
  for (const std::string& file : files) {
    const IndexFileKind kind = ClassifyFileName(file);
    if (kind == IndexFileKind::kSegmentFile || kind == IndexFileKind::kDeletionsFile) return &file;
  }
  return nullptr;
}

}  // namespace

std::string EncodeManifest(const Manifest& manifest) {
  std::string body;
  PutVarint64(&body, manifest.generation);
  PutVarint64(&body, manifest.next_segment_number);
  std::uint8_t flags = 0;
  if (manifest.analyzer.remove_stop_words) flags |= kRemoveStopWords;
  if (manifest.analyzer.stem) flags |= kStem;
  flags |= static_cast<std::uint8_t>(manifest.analyzer.exact_forms << kExactFormsShift);
  body.push_back(static_cast<char>(flags));
  body.push_back(static_cast<char>(manifest.analyzer.chinese_mode));
  PutVarint32(&body, static_cast<std::uint32_t>(manifest.segments.size()));
  for (const ManifestSegment& segment : manifest.segments) {
    PutLengthPrefixed(&body, segment.name);
    PutVarint32(&body, segment.doc_count);
    PutVarint32(&body, segment.deleted_count);
    PutVarint64(&body, segment.deletion_generation);
    PutVarint64(&body, segment.deletion_bytes);
    PutVarint32(&body, static_cast<std::uint32_t>(segment.files.size()));
    for (const format::SegmentFile& file : segment.files) {
      PutLengthPrefixed(&body, file.name);
      PutLengthPrefixed(&body, file.kind);
      PutVarint64(&body, file.bytes);
    }
  }
  return body;
}

Result<Manifest> DecodeManifest(std::string_view body, std::string_view name) {
  std::string_view in = body;
  const auto fail = [&](const std::string& what) {
    return Status::Corruption(
        std::string(name) + ": " + what + " at byte offset " +
        std::to_string(format::FramedFile::kBodyOffset + (body.size() - in.size())));
  };
  Manifest manifest;
  if (!GetVarint64(&in, &manifest.generation)) return fail("bad generation");
  if (ParseManifestFileName(name) != manifest.generation) {
    return fail("generation " + std::to_string(manifest.generation) +
                " does not match the file name");
  }
  if (!GetVarint64(&in, &manifest.next_segment_number)) return fail("bad next segment number");
  if (in.size() < 2) return fail("truncated analyzer options");
  const auto flags = static_cast<std::uint8_t>(in[0]);
  const auto chinese_mode = static_cast<std::uint8_t>(in[1]);
  if (chinese_mode > static_cast<std::uint8_t>(ChineseMode::kBigrams)) {
    return fail("unknown Chinese mode " + std::to_string(chinese_mode));
  }
  manifest.analyzer.remove_stop_words = (flags & kRemoveStopWords) != 0;
  manifest.analyzer.stem = (flags & kStem) != 0;
  manifest.analyzer.exact_forms = static_cast<std::uint8_t>(flags >> kExactFormsShift);
  manifest.analyzer.chinese_mode = static_cast<ChineseMode>(chinese_mode);
  in.remove_prefix(2);

  std::uint32_t segment_count = 0;
  if (!GetVarint32(&in, &segment_count)) return fail("bad segment count");
  // A segment entry takes more than 6 bytes: a larger count is corrupt (and must not
  // make us reserve memory for it).
  if (segment_count > in.size() / 6) return fail("segment count larger than the manifest");
  std::set<std::string, std::less<>> names;
  manifest.segments.resize(segment_count);
  for (ManifestSegment& segment : manifest.segments) {
    std::string_view segment_name;
    if (!GetLengthPrefixed(&in, &segment_name)) return fail("bad segment name");
    const std::optional<std::uint64_t> number = ParseSegmentName(segment_name);
    if (!number || *number >= manifest.next_segment_number) {
      return fail("bad segment name \"" + std::string(segment_name) + "\"");
    }
    if (!names.emplace(segment_name).second) {
      return fail("segment " + std::string(segment_name) + " listed twice");
    }
    segment.name = std::string(segment_name);
    if (!GetVarint32(&in, &segment.doc_count) || !GetVarint32(&in, &segment.deleted_count) ||
        !GetVarint64(&in, &segment.deletion_generation) ||
        !GetVarint64(&in, &segment.deletion_bytes)) {
      return fail("bad counts of segment " + segment.name);
    }
    // Fully deleted segments are dropped at commit, so every listed one has a live doc.
    if (segment.doc_count == 0 || segment.deleted_count >= segment.doc_count ||
        (segment.deleted_count == 0) != (segment.deletion_generation == 0) ||
        (segment.deletion_generation == 0) != (segment.deletion_bytes == 0)) {
      return fail("inconsistent counts of segment " + segment.name);
    }
    std::uint32_t file_count = 0;
    if (!GetVarint32(&in, &file_count) || file_count == 0 || file_count > in.size() / 3) {
      return fail("bad file count of segment " + segment.name);
    }
    segment.files.resize(file_count);
    for (format::SegmentFile& file : segment.files) {
      std::string_view file_name;
      std::string_view kind;
      if (!GetLengthPrefixed(&in, &file_name) || !GetLengthPrefixed(&in, &kind) ||
          !GetVarint64(&in, &file.bytes)) {
        return fail("bad file entry of segment " + segment.name);
      }
      if (!ValidateFileName(file_name).ok() || !file_name.starts_with(segment.name) ||
          (file_name.size() > segment.name.size() && file_name[segment.name.size()] != '.')) {
        return fail("bad file name \"" + std::string(file_name) + "\" of segment " + segment.name);
      }
      file.name = std::string(file_name);
      file.kind = std::string(kind);
    }
  }
  if (!in.empty()) return fail("trailing bytes");
  return manifest;
}

Status WriteManifest(Directory* directory, const Manifest& manifest) {
  const std::string temp = TempManifestFileName(manifest.generation);
  // kOverwrite: a temp file of a crashed commit of the same generation may be there.
  HEXAGLOT_ASSIGN_OR_RETURN(
      auto writer, format::FramedFileWriter::Create(directory, temp, format::FileKind::kManifest,
                                                    WriteMode::kOverwrite));
  HEXAGLOT_RETURN_IF_ERROR(writer->Append(EncodeManifest(manifest)));
  HEXAGLOT_RETURN_IF_ERROR(writer->Finish().status());
  // The new segment and deletion files' entries must be durable before the manifest that
  // names them can be.
  HEXAGLOT_RETURN_IF_ERROR(directory->SyncDirectory());
  HEXAGLOT_RETURN_IF_ERROR(directory->Rename(temp, ManifestFileName(manifest.generation)));
  return directory->SyncDirectory();
}

Result<std::optional<Manifest>> ReadLatestManifest(Directory* directory,
                                                   std::optional<ReadableFile>* file_out) {
  std::optional<std::uint64_t> newest;
  // A listing made while a writer renames its manifest into place may show neither the new
  // name nor the old one: segment files without a manifest count as damage only when a
  // second listing shows them so too.
  for (int listing = 0; !newest; ++listing) {
    HEXAGLOT_ASSIGN_OR_RETURN(std::vector<std::string> files, directory->ListFiles());
    newest = NewestGeneration(files);
    if (newest) break;
    const std::string* segment_file = SegmentFileAmong(files);
    if (segment_file == nullptr) return std::optional<Manifest>();
    if (listing > 0) {
      return Status::Corruption(directory->description() + ": segment files (" + *segment_file +
                                ") but no manifest: the index is damaged; restore its "
                                "manifest-* file, or remove the folder to start over");
    }
  }
  const std::string name = ManifestFileName(*newest);
  HEXAGLOT_ASSIGN_OR_RETURN(format::FramedFile file,
                            format::OpenFramedFile(directory, name, format::FileKind::kManifest));
  HEXAGLOT_ASSIGN_OR_RETURN(Manifest manifest, DecodeManifest(file.body, name));
  if (file_out != nullptr) *file_out = std::move(file.file);
  return std::optional<Manifest>(std::move(manifest));
}

Status CheckIndexFolder(Directory* directory) {
  HEXAGLOT_ASSIGN_OR_RETURN(std::vector<std::string> files, directory->ListFiles());
  if (NewestGeneration(files)) return Status::OK();
  for (const std::string& file : files) {
    if (!IsIndexFileName(file)) {
      return Status::FailedPrecondition(directory->description() +
                                        " is not empty and holds no index (it has " + file +
                                        "): the index needs an empty or new folder of its own");
    }
  }
  return Status::OK();
}

std::vector<std::string> ReferencedFiles(const Manifest& manifest) {
  std::vector<std::string> names = {ManifestFileName(manifest.generation)};
  for (const ManifestSegment& segment : manifest.segments) {
    for (const format::SegmentFile& file : segment.files) names.push_back(file.name);
    if (segment.deletion_generation != 0) {
      names.push_back(DeletionsFileName(segment.name, segment.deletion_generation));
    }
  }
  return names;
}

}  // namespace hexaglot::index

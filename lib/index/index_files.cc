// File names of the index layer (lib/index/index_files.h).

#include "index/index_files.h"

#include "format/segment_files.h"

namespace hexaglot::index {
namespace {

constexpr std::string_view kManifestPrefix = "manifest-";
constexpr std::string_view kTempSuffix = ".tmp";
constexpr std::string_view kSegmentPrefix = "seg-";
constexpr std::string_view kDeletionsInfix = ".del-";
constexpr std::size_t kGenerationDigits = 20;

// Decimal digits only, no sign, at most 20 digits, fits 64 bits.
std::optional<std::uint64_t> ParseNumber(std::string_view digits) {
  if (digits.empty() || digits.size() > 20) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

// As ParseNumber, in the form std::to_string writes (no leading zero): the writer's names.
std::optional<std::uint64_t> ParseCanonicalNumber(std::string_view digits) {
  if (digits.size() > 1 && digits[0] == '0') return std::nullopt;
  return ParseNumber(digits);
}

// The segment number and the rest of "seg-<number><rest>", <rest> empty or from a '.' on.
std::optional<std::pair<std::uint64_t, std::string_view>> SplitSegmentFileName(
    std::string_view name) {
  if (!name.starts_with(kSegmentPrefix)) return std::nullopt;
  const std::size_t dot = name.find('.');
  const std::optional<std::uint64_t> number =
      ParseCanonicalNumber(name.substr(kSegmentPrefix.size(), dot - kSegmentPrefix.size()));
  if (!number) return std::nullopt;
  return std::pair(*number, dot == std::string_view::npos ? std::string_view() : name.substr(dot));
}

}  // namespace

std::string ManifestFileName(std::uint64_t generation) {
  // Zero-padded to the 20 digits of the largest 64-bit value, so that names sort by
  // generation.
  const std::string digits = std::to_string(generation);
  return std::string(kManifestPrefix) + std::string(kGenerationDigits - digits.size(), '0') +
         digits;
}

std::string TempManifestFileName(std::uint64_t generation) {
  return ManifestFileName(generation) + std::string(kTempSuffix);
}

std::string SegmentName(std::uint64_t number) {
  return std::string(kSegmentPrefix) + std::to_string(number);
}

std::string DeletionsFileName(std::string_view segment_name, std::uint64_t deletion_generation) {
  return std::string(segment_name) + std::string(kDeletionsInfix) +
         std::to_string(deletion_generation);
}

std::optional<std::uint64_t> ParseManifestFileName(std::string_view name) {
  if (!name.starts_with(kManifestPrefix)) return std::nullopt;
  const std::string_view digits = name.substr(kManifestPrefix.size());
  if (digits.size() != kGenerationDigits) return std::nullopt;
  return ParseNumber(digits);
}

std::optional<std::uint64_t> ParseSegmentName(std::string_view name) {
  if (!name.starts_with(kSegmentPrefix)) return std::nullopt;
  return ParseNumber(name.substr(kSegmentPrefix.size()));
}

IndexFileKind ClassifyFileName(std::string_view name) {
  if (ParseManifestFileName(name)) return IndexFileKind::kManifest;
  if (name.ends_with(kTempSuffix) &&
      ParseManifestFileName(name.substr(0, name.size() - kTempSuffix.size()))) {
    return IndexFileKind::kTempManifest;
  }
  const auto split = SplitSegmentFileName(name);
  if (!split) return IndexFileKind::kNone;
  const std::string_view rest = split->second;
  for (const format::SegmentFileSpec& spec : format::kSegmentFiles) {
    if (rest == spec.suffix) return IndexFileKind::kSegmentFile;
  }
  if (rest.starts_with(kDeletionsInfix)) {
    const std::optional<std::uint64_t> generation =
        ParseCanonicalNumber(rest.substr(kDeletionsInfix.size()));
    if (generation && *generation > 0) return IndexFileKind::kDeletionsFile;
  }
  return IndexFileKind::kNone;
}

std::optional<std::uint64_t> SegmentNumberOfFile(std::string_view name) {
  const IndexFileKind kind = ClassifyFileName(name);
  if (kind != IndexFileKind::kSegmentFile && kind != IndexFileKind::kDeletionsFile) {
    return std::nullopt;
  }
  return SplitSegmentFileName(name)->first;
}

}  // namespace hexaglot::index

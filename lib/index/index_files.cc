// File names of the index layer (lib/index/index_files.h).

#include "index/index_files.h"

namespace hexaglot::index {
namespace {

constexpr std::string_view kManifestPrefix = "manifest-";
constexpr std::string_view kTempSuffix = ".tmp";
constexpr std::string_view kSegmentPrefix = "seg-";

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

}  // namespace

std::string ManifestFileName(std::uint64_t generation) {
  // Zero-padded to the 20 digits of the largest 64-bit value, so that names sort by
  // generation.
  const std::string digits = std::to_string(generation);
  return std::string(kManifestPrefix) + std::string(20 - digits.size(), '0') + digits;
}

std::string TempManifestFileName(std::uint64_t generation) {
  return ManifestFileName(generation) + std::string(kTempSuffix);
}

std::string SegmentName(std::uint64_t number) {
  return std::string(kSegmentPrefix) + std::to_string(number);
}

std::string DeletionsFileName(std::string_view segment_name, std::uint64_t deletion_generation) {
  return std::string(segment_name) + ".del-" + std::to_string(deletion_generation);
}

std::optional<std::uint64_t> ParseManifestFileName(std::string_view name) {
  if (!name.starts_with(kManifestPrefix)) return std::nullopt;
  return ParseNumber(name.substr(kManifestPrefix.size()));
}

std::optional<std::uint64_t> ParseSegmentName(std::string_view name) {
  if (!name.starts_with(kSegmentPrefix)) return std::nullopt;
  return ParseNumber(name.substr(kSegmentPrefix.size()));
}

bool IsIndexFileName(std::string_view name) {
  if (name.starts_with(kManifestPrefix)) return true;
  if (!name.starts_with(kSegmentPrefix)) return false;
  const std::size_t dot = name.find('.');
  return ParseSegmentName(name.substr(0, dot)).has_value();
}

}  // namespace hexaglot::index

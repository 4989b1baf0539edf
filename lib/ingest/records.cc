#include "ingest/records.h"

#include <xxhash.h>

#include <algorithm>
#include <memory>
#include <new>
#include <utility>

#include "util/status_macros.h"
#include "util/utf8.h"

namespace hexaglot {
namespace ingest {

Status ValidateUtf8(std::string_view text, std::string_view source) {
  const std::optional<std::size_t> bad = utf8::FindInvalid(text);
  if (!bad) return Status::OK();
  const auto line =
      1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(*bad), '\n');
  return Status::InvalidArgument(std::string(source) + ": invalid UTF-8 at byte offset " +
                                 std::to_string(*bad) + " (line " + std::to_string(line) + ")");
}

namespace {

// The length of the character at the start of `text` that ValidateId refuses, or 0.
std::size_t ForbiddenInId(std::string_view text) {
  const auto byte = static_cast<unsigned char>(text[0]);
  if (byte <= 0x20 || byte == 0x7f) return 1;
  if (byte == 0xc2 && text.size() > 1 && (static_cast<unsigned char>(text[1]) & 0xe0) == 0x80) {
    return 2;
  }
  return 0;
}

}  // namespace

Status ValidateId(std::string_view id) {
  for (std::size_t i = 0; i < id.size(); ++i) {
    const std::size_t length = ForbiddenInId(id.substr(i));
    if (length == 0) continue;
    // The code point: the byte itself, or a C1 control's second byte.
    const auto code = static_cast<unsigned char>(id[i + length - 1]);
    static constexpr char kHexDigits[] = "0123456789ABCDEF";
    const std::string name =
        code == ' ' ? std::string("a space")
                    : std::string("U+00") + kHexDigits[code >> 4] + kHexDigits[code & 0xf];
    return Status::InvalidArgument("id has " + name + " at byte " + std::to_string(i) +
                                   " (ids may not contain white space or control characters)");
  }
  return Status::OK();
}

Result<Language> ResolveLanguage(std::string_view text, std::string_view source,
                                 const ParseOptions& options) {
  if (options.language) return *options.language;
  HEXAGLOT_ASSIGN_OR_RETURN(const DetectedLanguage detected, DetectLanguage(text));
  if (!detected.language) {
    return Status::InvalidArgument(std::string(source) +
                                   ": cannot detect the language of the text; name it "
                                   "(ar zh en fr ru es)");
  }
  return *detected.language;
}

std::string SourceStem(std::string_view source) {
  if (const std::size_t slash = source.find_last_of('/'); slash != std::string_view::npos) {
    source.remove_prefix(slash + 1);
  }
  if (const std::size_t dot = source.find_last_of('.'); dot != 0 && dot != std::string_view::npos) {
    source = source.substr(0, dot);
  }
  return std::string(source);
}

void CompleteRecord(Paragraph* paragraph) {
  if (paragraph->id.empty()) {
    const std::string id =
        paragraph->doc + "/" + std::string(LanguageCode(paragraph->lang)) + "/" + paragraph->number;
    for (std::size_t i = 0; i < id.size(); ++i) {
      const std::size_t length = ForbiddenInId(std::string_view(id).substr(i));
      paragraph->id += length == 0 ? id[i] : '_';
      i += length == 0 ? 0 : length - 1;
    }
  }
  if (paragraph->parallel.empty()) paragraph->parallel = paragraph->doc + "/" + paragraph->number;
  paragraph->hash = ContentHash(*paragraph);
}

void Warn(ParseResult* result, std::string_view source, std::uint32_t line, std::string message) {
  result->warnings.push_back(ParseWarning{std::string(source), line, std::move(message)});
}

Result<ParseResult> FinishParse(ParseResult result, const ParseOptions& options) {
  if (!options.strict || result.warnings.empty()) return result;
  std::string message = result.warnings.front().ToString();
  if (result.warnings.size() > 1) {
    message += " (and " + std::to_string(result.warnings.size() - 1) + " more warnings)";
  }
  return Status::InvalidArgument(message + "; strict mode makes warnings errors");
}

}  // namespace ingest

namespace {

// The canonical form hashed by ContentHash: every field is length-prefixed and absent
// optionals are '-', so no content can imitate a field boundary.
void AddField(std::string* out, std::string_view field) {
  *out += std::to_string(field.size());
  out->push_back(':');
  out->append(field);
}

void AddOptional(std::string* out, const std::optional<std::string>& field) {
  if (field) {
    AddField(out, *field);
  } else {
    out->push_back('-');
  }
}

void AddOptional(std::string* out, const std::optional<int>& field) {
  if (field) {
    AddField(out, std::to_string(*field));
  } else {
    out->push_back('-');
  }
}

void AddList(std::string* out, const std::vector<std::string>& items) {
  AddField(out, std::to_string(items.size()));
  for (const std::string& item : items) AddField(out, item);
}

}  // namespace

std::string ContentHash(const Paragraph& paragraph) {
  std::string canonical;
  AddField(&canonical, paragraph.doc);
  AddField(&canonical, LanguageCode(paragraph.lang));
  AddField(&canonical, paragraph.number);
  AddOptional(&canonical, paragraph.section);
  AddOptional(&canonical, paragraph.theme);
  AddList(&canonical, paragraph.topics);
  AddOptional(&canonical, paragraph.paper);
  AddOptional(&canonical, paragraph.year);
  AddOptional(&canonical, paragraph.meeting);
  AddList(&canonical, paragraph.symbols);
  // The text, last, is hashed where it is: a huge one is not copied.
  canonical += std::to_string(paragraph.text.size());
  canonical.push_back(':');
  const std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(),
                                                                       &XXH3_freeState);
  if (state == nullptr) throw std::bad_alloc();
  XXH3_128bits_reset(state.get());
  XXH3_128bits_update(state.get(), canonical.data(), canonical.size());
  XXH3_128bits_update(state.get(), paragraph.text.data(), paragraph.text.size());
  const XXH128_hash_t hash = XXH3_128bits_digest(state.get());
  static constexpr char kHexDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(32);
  for (std::uint64_t half : {hash.high64, hash.low64}) {
    for (int shift = 60; shift >= 0; shift -= 4) hex.push_back(kHexDigits[(half >> shift) & 0xF]);
  }
  return hex;
}

std::string ParseWarning::ToString() const {
  return source + ":" + std::to_string(line) + ": " + message;
}

}  // namespace hexaglot

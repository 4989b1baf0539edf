// Input formats: names, detection and dispatch.

#include "hexaglot/ingest.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "ingest/compendium_parser.h"
#include "ingest/inline_text.h"
#include "ingest/json_object.h"
#include "ingest/un_document.h"
#include "util/file.h"
#include "util/status_macros.h"
#include "util/utf8.h"

namespace hexaglot {
namespace {

constexpr std::string_view kFormatNames[] = {"auto", "compendium", "jsonl", "beir", "text", "un"};

bool HasExtension(std::string_view source, std::string_view extension) {
  if (source.size() < extension.size()) return false;
  const std::string_view tail = source.substr(source.size() - extension.size());
  return std::equal(tail.begin(), tail.end(), extension.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
}

// BEIR when the first non-blank line is an object with "_id", else JSON Lines. Read with
// the readers' flat parser: a DOM of a huge first line took three times its size.
InputFormat JsonFlavour(std::string_view text) {
  for (std::string_view line : ingest::SplitLines(ingest::StripBom(text))) {
    if (ingest::IsBlank(line)) continue;
    ingest::JsonObject first;
    return first.Parse(line) && first.Find("_id") != nullptr ? InputFormat::kBeir
                                                             : InputFormat::kJsonLines;
  }
  return InputFormat::kJsonLines;
}

}  // namespace

std::string_view InputFormatName(InputFormat format) {
  const auto index = static_cast<std::size_t>(format);
  return index < std::size(kFormatNames) ? kFormatNames[index] : "unknown";
}

Result<InputFormat> ParseInputFormat(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kFormatNames); ++i) {
    if (name == kFormatNames[i]) return static_cast<InputFormat>(i);
  }
  return Status::InvalidArgument("unknown input format \"" + std::string(name) +
                                 "\" (auto, compendium, jsonl, beir, text, un)");
}

InputFormat DetectInputFormat(std::string_view text, std::string_view source) {
  const bool valid = !utf8::FindInvalid(text).has_value();
  const std::string_view body = ingest::StripBom(text);
  const std::size_t first = body.find_first_not_of(" \t\r\n");
  if (HasExtension(source, ".jsonl") || HasExtension(source, ".ndjson") ||
      HasExtension(source, ".json") || (first != std::string_view::npos && body[first] == '{')) {
    return valid ? JsonFlavour(text) : InputFormat::kJsonLines;
  }
  if (valid && ingest::LooksLikeCompendium(text)) return InputFormat::kCompendium;
  if (valid && ingest::LooksLikeUnDocument(text)) return InputFormat::kUnDocument;
  return InputFormat::kText;
}

Result<ParseResult> ParseInput(std::string_view text, std::string_view source,
                               const ParseOptions& options) {
  const InputFormat format =
      options.format == InputFormat::kAuto ? DetectInputFormat(text, source) : options.format;
  switch (format) {
    case InputFormat::kCompendium:
      return ParseCompendium(text, source, options);
    case InputFormat::kJsonLines:
      return ParseJsonLines(text, source, options);
    case InputFormat::kBeir:
      return ParseBeirCorpus(text, source, options);
    case InputFormat::kUnDocument:
      return ParseUnDocument(text, source, options);
    case InputFormat::kText:
    case InputFormat::kAuto:
      break;
  }
  return ParsePlainText(text, source, options);
}

Result<ParseResult> ParseFile(const std::string& path, const ParseOptions& options) {
  HEXAGLOT_ASSIGN_OR_RETURN(const std::string text, ReadFileToString(path));
  return ParseInput(text, path, options);
}

}  // namespace hexaglot

// Fuzzes the text parsers: a UN compendium, plain text, and format detection.
// Input: one mode byte, then the text. Mode bits 0-1 pick the parser, bit 2 strict mode,
// bits 3-5 the language given (6, 7: none, detect it).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "hexaglot/ingest.h"
#include "parse_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hexaglot;
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  ParseOptions options;
  options.strict = (mode & 4) != 0;
  const int language = (mode >> 3) & 7;
  if (language < kLanguageCount) options.language = AllLanguages()[language];
  switch (mode & 3) {
    case 0:
    case 3: {
      Result<ParseResult> result = ParseCompendium(text, "fuzz.md", options);
      fuzz::CheckParseResult(text, result, options, true, "ParseCompendium");
      break;
    }
    case 1: {
      Result<ParseResult> result = ParsePlainText(text, "fuzz.txt", options);
      fuzz::CheckParseResult(text, result, options, true, "ParsePlainText");
      break;
    }
    case 2: {
      const InputFormat format = DetectInputFormat(text, "fuzz");
      Result<ParseResult> result = ParseInput(text, "fuzz", options);
      // JSON records may carry their own "line"; text parsers number lines themselves.
      const bool json = format == InputFormat::kJsonLines || format == InputFormat::kBeir;
      fuzz::CheckParseResult(text, result, options, !json, "ParseInput");
      break;
    }
  }
  return 0;
}

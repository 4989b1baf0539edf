// Fuzzes the JSON readers: JSON Lines and BEIR corpus.jsonl.
// Input: one mode byte, then the text. Mode bit 0 picks BEIR, bit 1 strict mode, bits 2-4
// the default language (6, 7: none).

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
  options.strict = (mode & 2) != 0;
  const int language = (mode >> 2) & 7;
  if (language < kLanguageCount) options.language = AllLanguages()[language];
  if ((mode & 1) != 0) {
    Result<ParseResult> result = ParseBeirCorpus(text, "corpus.jsonl", options);
    fuzz::CheckParseResult(text, result, options, true, "ParseBeirCorpus");
  } else {
    Result<ParseResult> result = ParseJsonLines(text, "fuzz.jsonl", options);
    // Records may state their own "line".
    fuzz::CheckParseResult(text, result, options, false, "ParseJsonLines");
  }
  return 0;
}

// Invariants every parser's result must hold, shared by the ingestion fuzz targets.

#ifndef HEXAGLOT_TESTS_FUZZ_PARSE_CHECKS_H_
#define HEXAGLOT_TESTS_FUZZ_PARSE_CHECKS_H_

#include <string>
#include <string_view>

#include "fuzz_util.h"
#include "hexaglot/ingest.h"
#include "util/utf8.h"

namespace hexaglot::fuzz {

inline void ExpectUtf8(std::string_view value, const std::string& what) {
  Expect(utf8::Validate(value).ok(), what + " is not valid UTF-8");
}

// Checks `result` of parsing `text`: invalid UTF-8 must be an InvalidArgument error with
// no records; otherwise every record is valid UTF-8 with an id, a correct hash, and
// survives the JSON Lines round trip; strict parsing returns no warnings; valid UTF-8 in a
// given language fails only in strict mode (unknown language is the other error). With
// `ordered_lines`, records start on increasing lines inside the text.
inline void CheckParseResult(std::string_view text, const Result<ParseResult>& result,
                             const ParseOptions& options, bool ordered_lines,
                             const std::string& parser) {
  const bool strict = options.strict;
  if (!utf8::Validate(text).ok()) {
    Expect(!result.ok() && result.status().IsInvalidArgument(),
           parser + ": invalid UTF-8 input was not an InvalidArgument error");
    return;
  }
  if (!result.ok()) {
    Expect(result.status().IsInvalidArgument(), parser + ": " + result.status().ToString());
    Expect(strict || !options.language,
           parser + ": valid UTF-8 failed without --strict: " + result.status().ToString());
    return;
  }
  if (strict) Expect(result->warnings.empty(), parser + ": strict parse returned warnings");
  std::uint32_t last_line = 0;
  // Lines end at LF, CR or CRLF, as the parsers split them.
  std::size_t lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    if (text[i] == '\n' || text[i] == '\r') ++lines;
  }
  for (const Paragraph& p : result->paragraphs) {
    Expect(!p.id.empty(), parser + ": empty id");
    for (std::string_view field :
         {std::string_view(p.id), std::string_view(p.doc), std::string_view(p.number),
          std::string_view(p.parallel), std::string_view(p.text), std::string_view(p.source)}) {
      ExpectUtf8(field, parser + ": a field of " + p.id);
    }
    for (const auto& optional : {p.section, p.theme, p.paper}) {
      if (optional) ExpectUtf8(*optional, parser + ": a field of " + p.id);
    }
    for (const std::string& topic : p.topics) ExpectUtf8(topic, parser + ": a topic");
    for (const std::string& symbol : p.symbols) ExpectUtf8(symbol, parser + ": a symbol");
    Expect(p.hash == ContentHash(p), parser + ": stale hash of " + p.id);
    if (ordered_lines) {
      Expect(p.line > last_line, parser + ": line " + std::to_string(p.line) + " of " + p.id +
                                     " not after " + std::to_string(last_line));
      Expect(p.line <= lines, parser + ": line " + std::to_string(p.line) + " past the text");
      last_line = p.line;
    }
    // What ParagraphToJson writes, ParseJsonLines reads back unchanged.
    const std::string json = ParagraphToJson(p);
    Result<ParseResult> back = ParseJsonLines(json, "roundtrip");
    Expect(back.ok() && back->paragraphs.size() == 1 && back->paragraphs[0] == p,
           parser + ": the JSON Lines round trip changed " + json);
  }
  for (const ParseWarning& warning : result->warnings) {
    Expect(warning.line >= 1 && warning.line <= lines,
           parser + ": warning line out of range: " + warning.ToString());
  }
}

}  // namespace hexaglot::fuzz

#endif  // HEXAGLOT_TESTS_FUZZ_PARSE_CHECKS_H_

// Fuzzes the analyzers and language detection with any bytes.
// Input: one mode byte, then the text. Mode bits 0-2 pick the language (mod 6), bit 3
// Chinese words instead of bigrams, bit 4 keeps stop words, bit 5 turns stemming off.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "hexaglot/analyzer.h"
#include "util/utf8.h"

namespace hexaglot {
namespace {

bool IsBoundary(std::string_view text, std::size_t offset) {
  return offset == text.size() ||
         (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80);
}

// Analyzers are built once per (language, options): creating ICU iterators per input would
// dominate the run time. Reusing them also tests that no state leaks between calls.
Analyzer& AnalyzerFor(std::uint8_t mode) {
  static std::array<std::unique_ptr<Analyzer>, 6 * 8> analyzers;
  const int language = (mode & 7) % kLanguageCount;
  const int flags = (mode >> 3) & 7;
  std::unique_ptr<Analyzer>& analyzer = analyzers[language * 8 + flags];
  if (!analyzer) {
    AnalyzerOptions options;
    options.chinese_mode = (flags & 1) != 0 ? ChineseMode::kWords : ChineseMode::kBigrams;
    options.remove_stop_words = (flags & 2) == 0;
    options.stem = (flags & 4) == 0;
    Result<std::unique_ptr<Analyzer>> created = Analyzer::Create(AllLanguages()[language], options);
    if (!created.ok()) fuzz::Fail("Analyzer::Create: " + created.status().ToString());
    analyzer = std::move(*created);
  }
  return *analyzer;
}

void CheckTokens(std::string_view text, const std::vector<Token>& tokens) {
  std::uint32_t last_position = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    const std::string where = "token " + std::to_string(i) + " '" + token.term + "'";
    fuzz::Expect(token.start < token.end && token.end <= text.size(),
                 where + ": offsets outside the text");
    fuzz::Expect(IsBoundary(text, token.start) && IsBoundary(text, token.end),
                 where + ": offsets inside a character");
    fuzz::Expect(!token.term.empty() && token.term.size() <= kMaxTokenBytes,
                 where + ": empty or over kMaxTokenBytes");
    fuzz::Expect(utf8::Validate(token.term).ok(), where + ": term not valid UTF-8");
    fuzz::Expect(i == 0 || token.position >= last_position, where + ": position went back");
    last_position = token.position;
  }
}

}  // namespace
}  // namespace hexaglot

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hexaglot;
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const bool valid = utf8::Validate(text).ok();
  Analyzer& analyzer = AnalyzerFor(data[0]);

  std::vector<Token> tokens = {Token{"stale", 0, 0, 0}};
  const Status status = analyzer.Analyze(text, &tokens);
  if (!valid) {
    fuzz::Expect(status.IsInvalidArgument() && tokens.empty(),
                 "invalid UTF-8 was not InvalidArgument with no tokens: " + status.ToString());
  } else {
    fuzz::Expect(status.ok(), "Analyze failed on valid UTF-8: " + status.ToString());
    CheckTokens(text, tokens);
    // The analyzer's memo table must not change results: a second run gives the same.
    Result<std::vector<Token>> again = analyzer.Analyze(text);
    fuzz::Expect(again.ok() && *again == tokens, "a second Analyze gave other tokens");
  }

  Result<DetectedLanguage> detected = DetectLanguage(text);
  if (!valid) {
    fuzz::Expect(detected.status().IsInvalidArgument(), "DetectLanguage accepted invalid UTF-8");
  } else {
    fuzz::Expect(detected.ok(), "DetectLanguage failed: " + detected.status().ToString());
    fuzz::Expect(detected->confidence >= 0.0 && detected->confidence <= 1.0,
                 "confidence outside [0, 1]");
    fuzz::Expect(detected->language.has_value() || detected->confidence == 0.0,
                 "unknown language with a confidence");
  }
  return 0;
}

// Helpers shared by the analyzer tests: building analyzers and reading tokens back.

#ifndef HEXAGLOT_TESTS_ANALYSIS_ANALYZER_TEST_UTIL_H_
#define HEXAGLOT_TESTS_ANALYSIS_ANALYZER_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/analyzer.h"

namespace hexaglot::testing {

// A token as a test states it: the term, its position, and the original bytes its
// offsets cover.
struct ExpectedToken {
  std::string term;
  std::uint32_t position;
  std::string surface;

  friend bool operator==(const ExpectedToken&, const ExpectedToken&) = default;
  friend std::ostream& operator<<(std::ostream& out, const ExpectedToken& token) {
    return out << "{\"" << token.term << "\", " << token.position << ", \"" << token.surface
               << "\"}";
  }
};

// The default analysis without exact forms and with stop words removed: most tests state
// stems and positions, and exact forms and kept stop words have tests of their own
// (analyzer_test.cc).
inline AnalyzerOptions StemsOnly() {
  AnalyzerOptions options;
  options.exact_forms = 0;
  options.remove_stop_words = true;
  return options;
}

inline std::unique_ptr<Analyzer> NewAnalyzer(Language language,
                                             const AnalyzerOptions& options = StemsOnly()) {
  Result<std::unique_ptr<Analyzer>> analyzer = Analyzer::Create(language, options);
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  return analyzer.ok() ? std::move(analyzer).value() : nullptr;
}

// Analyses `text` and slices each token's offsets out of it.
inline std::vector<ExpectedToken> Tokenize(Analyzer& analyzer, std::string_view text) {
  std::vector<Token> tokens;
  Status status = analyzer.Analyze(text, &tokens);
  EXPECT_TRUE(status.ok()) << status.ToString();
  std::vector<ExpectedToken> result;
  for (const Token& token : tokens) {
    EXPECT_LE(token.start, token.end);
    EXPECT_LE(token.end, text.size());
    if (token.start > token.end || token.end > text.size()) return result;
    result.push_back({token.term, token.position,
                      std::string(text.substr(token.start, token.end - token.start))});
  }
  return result;
}

inline std::vector<std::string> Terms(Analyzer& analyzer, std::string_view text) {
  std::vector<std::string> terms;
  for (const ExpectedToken& token : Tokenize(analyzer, text)) terms.push_back(token.term);
  return terms;
}

}  // namespace hexaglot::testing

#endif  // HEXAGLOT_TESTS_ANALYSIS_ANALYZER_TEST_UTIL_H_

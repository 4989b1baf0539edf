// Text analysis: UTF-8 text in one of the six UN languages -> indexable tokens.
//
// Pipeline per language (see README "Analysis"): ICU word segmentation (dictionary-based
// for Chinese) -> NFKC case folding -> language rules (French/Spanish elision, Arabic
// normalisation as Lucene's ArabicNormalizer) -> stop words -> Snowball stemming (ar, en,
// fr, es, ru) -> exact forms (AnalyzerOptions::exact_forms: ar, fr, ru, es by default).
// Chinese is segmented into overlapping character bigrams (the default) or into
// dictionary words (ChineseMode::kWords).
//
// Contract:
// - Ownership: Analyzer::Create returns a uniquely owned analyzer. Tokens own their terms;
//   their offsets refer to the text passed to Analyze, which the caller keeps.
// - Thread safety: an Analyzer is NOT safe for concurrent use (its ICU break iterator and
//   Snowball stemmer keep per-call state). Use one analyzer per thread; creating one is
//   cheap next to analysing a document. DetectLanguage and the free functions are safe
//   to call from any thread.
// - Errors: invalid UTF-8 gives InvalidArgument naming the byte offset of the first bad
//   byte; nothing else in the text is an error. Empty text gives no tokens.
// - Limits: a term is at most kMaxTokenBytes; memory is the tokens plus a bounded memo
//   table, whatever the text.

#ifndef HEXAGLOT_ANALYZER_H_
#define HEXAGLOT_ANALYZER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/export.h"
#include "hexaglot/language.h"
#include "hexaglot/status.h"

namespace hexaglot {

// The longest term a token may have, in bytes (as Lucene's StandardAnalyzer). A word
// whose normalised term is longer (a run of letters without spaces, a pasted URL or
// base64 blob) is not indexed: it keeps its position, as a removed stop word does, so phrases
// around it stay exact, and the same word in a query finds nothing.
inline constexpr std::size_t kMaxTokenBytes = 255;

// One indexable token.
struct Token {
  std::string term;        // The normalised, stemmed term (UTF-8).
  std::uint32_t position;  // Word position; removed stop words leave gaps, so phrases stay exact.
  std::uint32_t start;     // Byte offset of the token's first byte in the original text.
  std::uint32_t end;       // Byte offset one past its last byte: text.substr(start, end-start).
  // A word of the language's stop list, kept because AnalyzerOptions::remove_stop_words is
  // off: a query of many words leaves it out (compiled_query.h), one of few searches it.
  bool stop_word = false;

  friend bool operator==(const Token&, const Token&) = default;
};

// Values may be stored with an index: do not renumber.
enum class ChineseMode : std::uint8_t {
  kWords = 0,    // ICU dictionary word segmentation; the stop list applies.
  kBigrams = 1,  // Overlapping bigrams over runs of Han characters, a lone Han character
                 // as a unigram, each at its own position; other words in the text stay
                 // words, and the stop list applies to those only. The default: it
                 // found the right paragraph for 4-8 character queries far more often
                 // than words did (bench/chinese_mode_eval.cc, README).
};

// The bit of `language` in AnalyzerOptions::exact_forms.
constexpr std::uint8_t LanguageBit(Language language) {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(language));
}

// Languages whose words are indexed in their exact forms by default: those where it
// ranked known-item queries of UN text better (README "Exact forms"): ar, fr, ru, es.
inline constexpr std::uint8_t kDefaultExactForms =
    LanguageBit(Language::kArabic) | LanguageBit(Language::kFrench) |
    LanguageBit(Language::kRussian) | LanguageBit(Language::kSpanish);

// Exact-form terms begin with this byte, which no normalised word begins with (a word
// segment starts with a letter, digit or connector), so they never meet a stem.
inline constexpr char kExactFormMarker = '=';

struct AnalyzerOptions {
  // Off (the default), stop words are indexed and marked Token::stop_word: a query of a few
  // words searches every word typed, a longer one leaves its stop words out. It ranked
  // known-item queries of UN text better in English, French, Spanish, Russian and Arabic,
  // and natural-language questions (Cranfield, CISI, CACM) the same (README "Stop words"),
  // for an index about 4-10% larger. On, they are left out of the index and of every query.
  bool remove_stop_words = false;
  bool stem = true;  // Snowball stemming; ignored for Chinese.
  ChineseMode chinese_mode = ChineseMode::kBigrams;
  // Languages (LanguageBit) whose stemmed words also yield their exact form: after the
  // stem's token, a token at the same position whose term is kExactFormMarker + the
  // normalised, unstemmed word, when that differs from the stem. A query word then
  // matches by its stem and scores again where the text spells it as the query does (as
  // Xapian's stemmed-plus-unstemmed terms, Lucene's keyword repeat). Needs `stem`.
  std::uint8_t exact_forms = kDefaultExactForms;

  bool ExactFormsFor(Language language) const {
    return stem && (exact_forms & LanguageBit(language)) != 0;
  }
  friend bool operator==(const AnalyzerOptions&, const AnalyzerOptions&) = default;
};

class HEXAGLOT_EXPORT Analyzer {
 public:
  // Creates the analyzer for `language`. Fails with Internal if ICU or libstemmer cannot
  // provide their data (a broken installation).
  static Result<std::unique_ptr<Analyzer>> Create(Language language,
                                                  const AnalyzerOptions& options = {});

  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  virtual ~Analyzer();

  Language language() const { return language_; }
  const AnalyzerOptions& options() const { return options_; }

  // Appends the tokens of `text` to `*tokens` (cleared first). Positions start at 0.
  // REQUIRES: text.size() < 4 GiB (offsets are 32-bit).
  // Errors: InvalidArgument on invalid UTF-8 ("invalid UTF-8 at byte offset N"); then
  // `*tokens` is empty.
  virtual Status Analyze(std::string_view text, std::vector<Token>* tokens) = 0;

  // Convenience form of the above.
  Result<std::vector<Token>> Analyze(std::string_view text);

  // The stemming step alone, on one already normalised word (lower case, NFKC): what
  // Analyze applies to each token that survives the stop-word filter. Returns `word`
  // unchanged for Chinese or when stemming is off. Exposed for conformance tests.
  virtual std::string Stem(std::string_view word) = 0;

 protected:
  Analyzer(Language language, const AnalyzerOptions& options)
      : language_(language), options_(options) {}

 private:
  Language language_;
  AnalyzerOptions options_;
};

// The result of language detection.
struct DetectedLanguage {
  std::optional<Language> language;  // nullopt: unknown (no cue, or cues disagree).
  double confidence = 0.0;           // In [0, 1]; 0 when unknown.
};

// Guesses the language of `text`: by script for Arabic, Han (Chinese) and Cyrillic
// (Russian); for Latin script, among English, French and Spanish by stop-word and
// diacritic cues. Meant for queries and for paragraphs of unknown language.
// Errors: InvalidArgument on invalid UTF-8, naming the byte offset.
HEXAGLOT_EXPORT Result<DetectedLanguage> DetectLanguage(std::string_view text);

}  // namespace hexaglot

#endif  // HEXAGLOT_ANALYZER_H_

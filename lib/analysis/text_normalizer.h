// Term normalisation: NFKC case folding (ICU), Arabic normalisation as Lucene's
// ArabicNormalizer, and apostrophe folding. Not installed.

#ifndef HEXAGLOT_ANALYSIS_TEXT_NORMALIZER_H_
#define HEXAGLOT_ANALYSIS_TEXT_NORMALIZER_H_

#include <unicode/normalizer2.h>

#include <string>
#include <string_view>

#include "hexaglot/status.h"

namespace hexaglot::analysis {

// NFKC_Casefold (UAX #15 + Unicode case folding, ICU's getNFKCCasefoldInstance). ASCII
// words take a fast path: NFKC_Casefold maps ASCII to ASCII lower case and nothing else.
// Thread safety: const methods are safe from any thread (ICU's instance is shared, immutable).
class CaseFolder {
 public:
  // Fails with Internal when ICU lacks its normalisation data.
  static Result<CaseFolder> Create();

  // Replaces *out with the NFKC case folding of `word`.
  // REQUIRES: word is valid UTF-8. Errors: Internal if ICU reports an error.
  Status Fold(std::string_view word, std::string* out) const;

 private:
  explicit CaseFolder(const icu::Normalizer2* nfkc_casefold) : nfkc_casefold_(nfkc_casefold) {}

  const icu::Normalizer2* nfkc_casefold_;  // Owned by ICU, lives as long as the process.
};

// Arabic normalisation as Lucene's ArabicNormalizer, in place: removes tashkeel
// (U+064B..U+0652), superscript alef U+0670 and tatweel U+0640; folds alef with madda or
// hamza (U+0622 U+0623 U+0625) to bare alef U+0627, alef maksura U+0649 to yeh U+064A and
// teh marbuta U+0629 to heh U+0647. REQUIRES: *term is valid UTF-8.
void NormalizeArabic(std::string* term);

// Replaces each typographic apostrophe U+2019 with ASCII U+0027, in place, so that
// "people’s" and "people's" index alike (Snowball's English stemmer knows only U+0027).
void FoldApostrophes(std::string* term);

}  // namespace hexaglot::analysis

#endif  // HEXAGLOT_ANALYSIS_TEXT_NORMALIZER_H_

// Snowball stemming through libstemmer (UTF-8). Not installed.

#ifndef HEXAGLOT_ANALYSIS_SNOWBALL_STEMMER_H_
#define HEXAGLOT_ANALYSIS_SNOWBALL_STEMMER_H_

#include <memory>
#include <string>
#include <string_view>

#include "hexaglot/analyzer.h"
#include "hexaglot/status.h"

struct sb_stemmer;

namespace hexaglot::analysis {

// One libstemmer stemmer. Thread safety: not thread-safe (libstemmer reuses one output
// buffer per stemmer); one per analyzer.
class SnowballStemmer {
 public:
  // Words longer than this are left unstemmed: no word of the six languages is near it,
  // and it keeps the length within libstemmer's `int` sizes.
  static constexpr std::size_t kMaxWordBytes = 4096;

  // Fails with NotSupported for Chinese (Snowball has no Chinese stemmer) and with
  // Internal when libstemmer cannot create the stemmer.
  static Result<std::unique_ptr<SnowballStemmer>> Create(Language language);

  SnowballStemmer(const SnowballStemmer&) = delete;
  SnowballStemmer& operator=(const SnowballStemmer&) = delete;
  ~SnowballStemmer();

  // Replaces *out with the stem of `word` (lower case, NFKC).
  // Errors: ResourceExhausted when libstemmer cannot allocate (it returns NULL).
  Status Stem(std::string_view word, std::string* out);

 private:
  explicit SnowballStemmer(sb_stemmer* stemmer) : stemmer_(stemmer) {}

  sb_stemmer* stemmer_;  // Owned.
};

}  // namespace hexaglot::analysis

#endif  // HEXAGLOT_ANALYSIS_SNOWBALL_STEMMER_H_

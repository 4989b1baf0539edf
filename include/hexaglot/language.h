// The six official UN languages: the vocabulary every layer shares (analysis, ingestion,
// index files, queries), kept apart from the analysis API so that code which only names
// a language does not depend on analysers.
//
// Contract: the functions are pure and safe to call from any thread.

#ifndef HEXAGLOT_LANGUAGE_H_
#define HEXAGLOT_LANGUAGE_H_

#include <cstdint>
#include <span>
#include <string_view>

#include "hexaglot/export.h"
#include "hexaglot/status.h"

namespace hexaglot {

// The six official UN languages. Values are stored in index files and cross the C API:
// do not renumber.
enum class Language : std::uint8_t {
  kArabic = 0,
  kChinese = 1,
  kEnglish = 2,
  kFrench = 3,
  kRussian = 4,
  kSpanish = 5,
};

inline constexpr int kLanguageCount = 6;

// All languages in code order: ar zh en fr ru es.
HEXAGLOT_EXPORT std::span<const Language> AllLanguages();

// The ISO 639-1 code: "ar", "zh", "en", "fr", "ru", "es".
HEXAGLOT_EXPORT std::string_view LanguageCode(Language language);

// The English name: "Arabic", "Chinese", ...
HEXAGLOT_EXPORT std::string_view LanguageName(Language language);

// Parses an ISO 639-1 code (case-insensitive). InvalidArgument for anything else, with
// the list of valid codes in the message.
HEXAGLOT_EXPORT Result<Language> ParseLanguage(std::string_view code);

}  // namespace hexaglot

#endif  // HEXAGLOT_LANGUAGE_H_

// The writing systems that tell the six UN languages apart: Arabic, Han and Cyrillic
// letters each belong to one of them (Arabic, Chinese, Russian); Latin letters to three
// (English, French, Spanish). Used by DetectLanguage and by query language routing.

#ifndef HEXAGLOT_ANALYSIS_SCRIPT_H_
#define HEXAGLOT_ANALYSIS_SCRIPT_H_

#include <cstdint>

#include "hexaglot/analyzer.h"

namespace hexaglot::analysis {

enum Script : std::uint8_t {
  kArabicScript,
  kHanScript,
  kCyrillicScript,
  kLatinScript,
  kScriptCount
};

// Which script `cp` is a letter of, or kScriptCount for none (digits, punctuation, other
// scripts).
Script ScriptOf(char32_t cp);

// Whether `language` is written in `script`. REQUIRES: script < kScriptCount.
bool WritesIn(Language language, Script script);

}  // namespace hexaglot::analysis

#endif  // HEXAGLOT_ANALYSIS_SCRIPT_H_

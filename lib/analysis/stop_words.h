// Stop-word lists per language, as published by their authors (see stop_words.cc for the
// source and licence of each list). Not installed.

#ifndef HEXAGLOT_ANALYSIS_STOP_WORDS_H_
#define HEXAGLOT_ANALYSIS_STOP_WORDS_H_

#include <span>
#include <string_view>

#include "hexaglot/analyzer.h"

namespace hexaglot::analysis {

// The stop words of `language` as their list spells them (lower case, unnormalised: the
// Arabic list holds hamza and alef variants). The analyzer normalises each entry with its
// own pipeline before matching, so that they compare with normalised tokens.
// Static storage; thread-safe.
std::span<const std::string_view> StopWordList(Language language);

}  // namespace hexaglot::analysis

#endif  // HEXAGLOT_ANALYSIS_STOP_WORDS_H_

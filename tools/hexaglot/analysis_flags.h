// The analysis flags `hexaglot analyze` and `hexaglot index` share (README "Analysis").

#ifndef HEXAGLOT_TOOLS_HEXAGLOT_ANALYSIS_FLAGS_H_
#define HEXAGLOT_TOOLS_HEXAGLOT_ANALYSIS_FLAGS_H_

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "hexaglot/analyzer.h"
#include "hexaglot/status.h"

namespace hexaglot::tool {

struct AnalysisFlags {
  std::optional<std::string> chinese;      // "words" or "bigrams".
  std::optional<std::string> exact_forms;  // "ar,fr", "all" or "none".
  bool no_stem = false;
  bool remove_stop_words = false;

  // True when any flag was given.
  bool given() const {
    return chinese.has_value() || exact_forms.has_value() || no_stem || remove_stop_words;
  }
};

// Adds --chinese, --exact-forms, --no-stem and --remove-stop-words to `command`.
void AddAnalysisFlags(CLI::App* command, AnalysisFlags* flags);

// The defaults (AnalyzerOptions{}) changed by the flags given. InvalidArgument for an
// unknown language in --exact-forms.
Result<AnalyzerOptions> AnalyzerOptionsOf(const AnalysisFlags& flags);

// "ar,fr,ru,es" (code order), "none" or "all": how --exact-forms spells `languages`.
std::string ExactFormsName(std::uint8_t languages);

// The flags that make `options`: "--exact-forms ar,fr,ru,es --chinese bigrams", with
// --no-stem and --remove-stop-words when they apply (`hexaglot stats`).
std::string AnalysisFlagsOf(const AnalyzerOptions& options);

}  // namespace hexaglot::tool

#endif  // HEXAGLOT_TOOLS_HEXAGLOT_ANALYSIS_FLAGS_H_

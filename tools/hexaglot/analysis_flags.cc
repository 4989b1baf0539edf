// Analysis flags (analysis_flags.h).

#include "analysis_flags.h"

#include <string_view>

namespace hexaglot::tool {
namespace {

constexpr std::uint8_t kAllLanguages = (1u << kLanguageCount) - 1;

Result<std::uint8_t> ParseExactForms(std::string_view list) {
  if (list == "none") return std::uint8_t{0};
  if (list == "all") return kAllLanguages;
  std::uint8_t languages = 0;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const Result<Language> language = ParseLanguage(list.substr(0, comma));
    if (!language.ok()) return language.status().WithContext("--exact-forms");
    languages |= LanguageBit(*language);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return languages;
}

}  // namespace

void AddAnalysisFlags(CLI::App* command, AnalysisFlags* flags) {
  command->add_option("--chinese", flags->chinese, "Chinese tokens: words or bigrams (default)")
      ->check(CLI::IsMember({"words", "bigrams"}));
  command->add_option("--exact-forms", flags->exact_forms,
                      "Languages whose words also match in the form the text spells them, "
                      "scored beside their stems: codes separated by commas, 'all' or 'none' "
                      "(default: " +
                          ExactFormsName(kDefaultExactForms) + ")");
  command->add_flag("--no-stem", flags->no_stem, "Skip Snowball stemming");
  command->add_flag("--remove-stop-words", flags->remove_stop_words,
                    "Leave stop words out of the index and of every query (smaller; a query "
                    "of a few words then loses them)");
}

Result<AnalyzerOptions> AnalyzerOptionsOf(const AnalysisFlags& flags) {
  AnalyzerOptions options;
  options.stem = !flags.no_stem;
  options.remove_stop_words = flags.remove_stop_words;
  if (flags.chinese) {
    options.chinese_mode = *flags.chinese == "words" ? ChineseMode::kWords : ChineseMode::kBigrams;
  }
  if (flags.exact_forms) {
    Result<std::uint8_t> languages = ParseExactForms(*flags.exact_forms);
    if (!languages.ok()) return languages.status();
    options.exact_forms = *languages;
  }
  return options;
}

std::string ExactFormsName(std::uint8_t languages) {
  if (languages == 0) return "none";
  if (languages == kAllLanguages) return "all";
  std::string name;
  for (const Language language : AllLanguages()) {
    if ((languages & LanguageBit(language)) == 0) continue;
    if (!name.empty()) name += ',';
    name += LanguageCode(language);
  }
  return name;
}

std::string AnalysisFlagsOf(const AnalyzerOptions& options) {
  std::string flags = "--exact-forms " + ExactFormsName(options.exact_forms) + " --chinese " +
                      (options.chinese_mode == ChineseMode::kWords ? "words" : "bigrams");
  if (!options.stem) flags += " --no-stem";
  if (options.remove_stop_words) flags += " --remove-stop-words";
  return flags;
}

}  // namespace hexaglot::tool

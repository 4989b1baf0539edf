// Language codes and names (include/hexaglot/language.h).

#include "hexaglot/language.h"

#include <array>
#include <cctype>
#include <string>

namespace hexaglot {
namespace {

struct LanguageInfo {
  Language language;
  std::string_view code;
  std::string_view name;
};

// In enum order, so that the enum value indexes the table.
constexpr std::array<LanguageInfo, kLanguageCount> kLanguages = {{
    {Language::kArabic, "ar", "Arabic"},
    {Language::kChinese, "zh", "Chinese"},
    {Language::kEnglish, "en", "English"},
    {Language::kFrench, "fr", "French"},
    {Language::kRussian, "ru", "Russian"},
    {Language::kSpanish, "es", "Spanish"},
}};

constexpr std::array<Language, kLanguageCount> kAll = {Language::kArabic,  Language::kChinese,
                                                       Language::kEnglish, Language::kFrench,
                                                       Language::kRussian, Language::kSpanish};

}  // namespace

std::span<const Language> AllLanguages() { return kAll; }

std::string_view LanguageCode(Language language) {
  return kLanguages[static_cast<std::size_t>(language)].code;
}

std::string_view LanguageName(Language language) {
  return kLanguages[static_cast<std::size_t>(language)].name;
}

Result<Language> ParseLanguage(std::string_view code) {
  if (code.size() == 2) {
    const char lower[2] = {static_cast<char>(std::tolower(static_cast<unsigned char>(code[0]))),
                           static_cast<char>(std::tolower(static_cast<unsigned char>(code[1])))};
    for (const LanguageInfo& info : kLanguages) {
      if (info.code == std::string_view(lower, 2)) return info.language;
    }
  }
  return Status::InvalidArgument("unknown language '" + std::string(code) +
                                 "' (expected one of: ar zh en fr ru es)");
}

}  // namespace hexaglot

// Field names and term keys (lib/format/fields.h; FORMAT.md "Term keys").

#include "format/fields.h"

namespace hexaglot::format {
namespace {

constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "text",  "theme", "topic", "theme_exact", "topic_exact", "symbol",
    "paper", "doc",   "lang",  "year",        "id",          "parallel"};

}  // namespace

std::string_view FieldName(FieldId field) { return kFieldNames[static_cast<std::size_t>(field)]; }

std::optional<FieldId> FieldFromName(std::string_view name) {
  for (std::size_t i = 0; i < kFieldNames.size(); ++i) {
    if (kFieldNames[i] == name) return static_cast<FieldId>(i);
  }
  return std::nullopt;
}

std::string TermKey(FieldId field, std::optional<Language> language, std::string_view term) {
  std::string key;
  AssignTermKey(field, language, term, &key);
  return key;
}

void AssignTermKey(FieldId field, std::optional<Language> language, std::string_view term,
                   std::string* key) {
  key->clear();
  key->reserve(2 + term.size());
  key->push_back(static_cast<char>(field));
  key->push_back(
      static_cast<char>(language ? static_cast<std::uint8_t>(*language) : kNeutralLanguage));
  key->append(term);
}

std::optional<DecodedTermKey> DecodeTermKey(std::string_view key) {
  if (key.size() < 2) return std::nullopt;
  const auto field = static_cast<std::uint8_t>(key[0]);
  const auto language = static_cast<std::uint8_t>(key[1]);
  if (field >= kFieldCount) return std::nullopt;
  if (language >= kLanguageCount && language != kNeutralLanguage) return std::nullopt;
  DecodedTermKey decoded{static_cast<FieldId>(field), std::nullopt, key.substr(2)};
  if (language != kNeutralLanguage) decoded.language = static_cast<Language>(language);
  return decoded;
}

}  // namespace hexaglot::format

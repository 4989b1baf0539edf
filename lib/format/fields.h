// The fields of an indexed paragraph and how their terms are keyed in a segment.
//
// A segment has ONE sorted term dictionary. Each entry's key is
//   [field id: 1 byte][language: 1 byte][term: UTF-8 bytes]
// so that a field's terms are contiguous (per-field ranges, prefix scans), and the same
// word in two languages never collides: "fr:droit" and "en:droit" are different keys, with
// their own document frequencies. Language-neutral fields (exact symbols, ids, years) use
// kNeutralLanguage. Specified in lib/format/FORMAT.md, "Term keys".

#ifndef HEXAGLOT_FORMAT_FIELDS_H_
#define HEXAGLOT_FORMAT_FIELDS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "hexaglot/language.h"

namespace hexaglot::format {

// Field ids are stored in every term key: do not renumber.
enum class FieldId : std::uint8_t {
  kText = 0,        // Body text: analysed per language, with positions. Scored.
  kTheme = 1,       // Thematic heading, analysed (positions). Scored (optional boost).
  kTopic = 2,       // Key topics, analysed (positions across items). Scored (optional boost).
  kThemeExact = 3,  // Thematic heading, NFKC-casefolded whole string: filters.
  kTopicExact = 4,  // Each key topic, NFKC-casefolded whole string: filters.
  kSymbol = 5,      // Cited document symbols, exact ("CTOC/COP/WG.7/2018/2").
  kPaper = 6,       // Background paper symbol, exact.
  kDoc = 7,         // Document symbol or name, exact.
  kLang = 8,        // Language code ("fr"), exact.
  kYear = 9,        // Meeting year as decimal digits, exact (ranges: see doc values).
  kId = 10,         // Unique record id, exact: one live document per id.
  kParallel = 11,   // Parallel key "<doc>/<number>", exact.
};
inline constexpr int kFieldCount = 12;

// Fields whose document lengths are stored and whose terms can be scored by BM25.
inline constexpr std::array<FieldId, 3> kScoredFields = {FieldId::kText, FieldId::kTheme,
                                                         FieldId::kTopic};
inline constexpr int kScoredFieldCount = 3;

// The index of a scored field in kScoredFields. REQUIRES: `field` is one of them.
constexpr int ScoredFieldIndex(FieldId field) {
  for (int i = 0; i < kScoredFieldCount; ++i) {
    if (kScoredFields[static_cast<std::size_t>(i)] == field) return i;
  }
  return 0;
}

// The language byte of language-neutral fields' keys.
inline constexpr std::uint8_t kNeutralLanguage = 0xFF;

// "text", "theme", "topic", "theme_exact", "topic_exact", "symbol", "paper", "doc", "lang",
// "year", "id", "parallel".
std::string_view FieldName(FieldId field);
std::optional<FieldId> FieldFromName(std::string_view name);

// The dictionary key of `term` in `field`, for `language` (analysed fields) or neutral.
std::string TermKey(FieldId field, std::optional<Language> language, std::string_view term);
// TermKey into *key (replacing its contents, keeping its capacity).
void AssignTermKey(FieldId field, std::optional<Language> language, std::string_view term,
                   std::string* key);

struct DecodedTermKey {
  FieldId field;
  std::optional<Language> language;  // nullopt for kNeutralLanguage.
  std::string_view term;             // Points into the decoded key.
};

// The parts of a key; nullopt if it is shorter than 2 bytes or names an unknown field or
// language (corrupt input).
std::optional<DecodedTermKey> DecodeTermKey(std::string_view key);

}  // namespace hexaglot::format

#endif  // HEXAGLOT_FORMAT_FIELDS_H_

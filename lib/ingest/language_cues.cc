#include "ingest/language_cues.h"

#include <array>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>

#include "ingest/inline_text.h"
#include "util/utf8.h"

namespace hexaglot::ingest {
namespace {

// "Key topics" as the six language versions of UN documents print it, with the common
// variants of each translation.
constexpr std::array<std::string_view, 24> kKeyTopicsLabels = {
    "Key topics",        "Key issues",         "Main topics",       "Thèmes clefs",
    "Thèmes clés",       "Principaux thèmes",  "Thèmes principaux", "Questions clefs",
    "Temas clave",       "Temas principales",  "Cuestiones clave",  "Temas fundamentales",
    "Ключевые темы",     "Основные темы",      "Ключевые вопросы",  "Основные вопросы",
    "المواضيع الرئيسية", "الموضوعات الرئيسية", "المسائل الرئيسية",  "المواضيع الأساسية",
    "关键主题",          "主要专题",           "关键专题",          "主要议题",
};

// Words that name a meeting of an intergovernmental body, as MatchKey stems.
constexpr std::array<std::string_view, 7> kMeetingWords = {
    "meeting", "réunion", "reunión", "совещани", "заседани", "اجتماع", "会议",
};

// Ordinal adjectives, whole words (English, French, Spanish, Arabic).
constexpr std::pair<std::string_view, int> kOrdinalWords[] = {
    {"first", 1},      {"second", 2},    {"third", 3},     {"fourth", 4},    {"fifth", 5},
    {"sixth", 6},      {"seventh", 7},   {"eighth", 8},    {"ninth", 9},     {"tenth", 10},
    {"eleventh", 11},  {"twelfth", 12},  {"premier", 1},   {"première", 1},  {"deuxième", 2},
    {"seconde", 2},    {"troisième", 3}, {"quatrième", 4}, {"cinquième", 5}, {"sixième", 6},
    {"septième", 7},   {"huitième", 8},  {"neuvième", 9},  {"dixième", 10},  {"onzième", 11},
    {"douzième", 12},  {"primer", 1},    {"primera", 1},   {"primero", 1},   {"segunda", 2},
    {"segundo", 2},    {"tercer", 3},    {"tercera", 3},   {"tercero", 3},   {"cuarta", 4},
    {"cuarto", 4},     {"quinta", 5},    {"quinto", 5},    {"sexta", 6},     {"sexto", 6},
    {"séptima", 7},    {"séptimo", 7},   {"septima", 7},   {"octava", 8},    {"octavo", 8},
    {"novena", 9},     {"noveno", 9},    {"décima", 10},   {"décimo", 10},   {"undécima", 11},
    {"duodécima", 12}, {"الأول", 1},     {"الأولى", 1},    {"الثاني", 2},    {"الثانية", 2},
    {"الثالث", 3},     {"الثالثة", 3},   {"الرابع", 4},    {"الرابعة", 4},   {"الخامس", 5},
    {"الخامسة", 5},    {"السادس", 6},    {"السادسة", 6},   {"السابع", 7},    {"السابعة", 7},
    {"الثامن", 8},     {"الثامنة", 8},   {"التاسع", 9},    {"التاسعة", 9},   {"العاشر", 10},
    {"العاشرة", 10},
};

// Russian ordinals decline: a stem plus one of kRussianEndings ("пят" + "ом" = fifth,
// prepositional). Both spellings of ё.
constexpr std::pair<std::string_view, int> kRussianOrdinalStems[] = {
    {"перв", 1},   {"втор", 2},        {"трет", 3},       {"четверт", 4}, {"четвёрт", 4},
    {"пят", 5},    {"шест", 6},        {"седьм", 7},      {"восьм", 8},   {"девят", 9},
    {"десят", 10}, {"одиннадцат", 11}, {"двенадцат", 12},
};
constexpr std::array<std::string_view, 23> kRussianEndings = {
    "ый",  "ой", "ий",   "ого",  "ому", "ым",  "ом", "ая", "ую", "ое", "ые",  "ых",
    "ыми", "ей", "ьего", "ьему", "ьим", "ьем", "ья", "ью", "ье", "ьи", "ьей",
};

// Arabic section numbers are ordinal adverbs: "أولا - مقدمة" is "I. Introduction".
constexpr std::array<std::string_view, 10> kArabicSectionWords = {
    "أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا",
};

constexpr std::u32string_view kChineseNumerals = U"一二三四五六七八九十";

const std::vector<std::string>& FoldedLabels() {
  static const std::vector<std::string>* labels = [] {
    auto* folded = new std::vector<std::string>;
    for (std::string_view label : kKeyTopicsLabels) folded->push_back(MatchKey(label));
    return folded;
  }();
  return *labels;
}

const std::unordered_map<std::string, int>& FoldedOrdinals() {
  static const std::unordered_map<std::string, int>* ordinals = [] {
    auto* folded = new std::unordered_map<std::string, int>;
    for (const auto& [word, value] : kOrdinalWords) folded->emplace(MatchKey(word), value);
    return folded;
  }();
  return *ordinals;
}

const std::vector<std::string>& FoldedArabicSectionWords() {
  static const std::vector<std::string>* words = [] {
    auto* folded = new std::vector<std::string>;
    for (std::string_view word : kArabicSectionWords) folded->push_back(MatchKey(word));
    return folded;
  }();
  return *words;
}

bool IsSectionSeparator(char32_t c) {
  return c == U'.' || c == U'-' || c == U'\u2013' || c == U'\u2014' || c == U'\uFF0E' ||
         c == U'\u3001' || c == U':';
}

// True when `chars` continues at `pos` with optional spaces, a section separator, and then
// a space or the end.
bool SeparatorFollows(std::u32string_view chars, std::size_t pos) {
  while (pos < chars.size() && chars[pos] == U' ') ++pos;
  if (pos >= chars.size() || !IsSectionSeparator(chars[pos])) return false;
  ++pos;
  return pos == chars.size() || chars[pos] == U' ' || chars[pos - 1] == U'\u3001' ||
         chars[pos - 1] == U'\uFF0E';
}

bool IsRomanNumeral(std::u32string_view word) {
  static constexpr std::array<std::u32string_view, 10> kUnits = {
      U"", U"i", U"ii", U"iii", U"iv", U"v", U"vi", U"vii", U"viii", U"ix"};
  static constexpr std::array<std::u32string_view, 4> kTens = {U"", U"x", U"xx", U"xxx"};
  for (std::u32string_view tens : kTens) {
    if (!word.starts_with(tens)) continue;
    const std::u32string_view rest = word.substr(tens.size());
    for (std::u32string_view units : kUnits) {
      if (rest == units && !word.empty()) return true;
    }
  }
  return false;
}

int ChineseNumeralValue(std::u32string_view numeral) {
  int value = 0;
  int digit = -1;
  for (char32_t c : numeral) {
    const std::size_t index = kChineseNumerals.find(c);
    if (index == std::u32string_view::npos) return -1;
    if (index == 9) {  // 十: tens.
      value += (digit < 0 ? 1 : digit) * 10;
      digit = -1;
    } else {
      digit = static_cast<int>(index) + 1;
    }
  }
  return value + (digit < 0 ? 0 : digit);
}

// The ordinal value of one word of a MatchKey form, or 0.
int WordOrdinal(std::u32string_view word) {
  const std::string utf8_word = utf8::EncodeAll(word);
  const auto& ordinals = FoldedOrdinals();
  if (auto it = ordinals.find(utf8_word); it != ordinals.end()) return it->second;
  for (const auto& [stem, value] : kRussianOrdinalStems) {
    if (!std::string_view(utf8_word).starts_with(stem)) continue;
    const std::string_view ending = std::string_view(utf8_word).substr(stem.size());
    for (std::string_view candidate : kRussianEndings) {
      if (ending == candidate) return value;
    }
  }
  // "5th", "2nd", "5e", "5ème".
  std::size_t digits = 0;
  int value = 0;
  while (digits < word.size() && digits < 3 && word[digits] >= U'0' && word[digits] <= U'9') {
    value = value * 10 + static_cast<int>(word[digits] - U'0');
    ++digits;
  }
  if (digits == 0 || value == 0) return 0;
  const std::u32string_view suffix = word.substr(digits);
  for (std::u32string_view known :
       {U"st", U"nd", U"rd", U"th", U"e", U"ème", U"eme", U"re", U"er"}) {
    if (suffix == known) return value;
  }
  return 0;
}

// Chinese "第五次" / "第5届": the first such ordinal in `chars`, or 0.
int ChineseOrdinal(std::u32string_view chars) {
  for (std::size_t i = 0; i < chars.size(); ++i) {
    if (chars[i] != U'第') continue;
    std::size_t end = i + 1;
    while (end < chars.size() && (kChineseNumerals.find(chars[end]) != std::u32string_view::npos ||
                                  (chars[end] >= U'0' && chars[end] <= U'9'))) {
      ++end;
    }
    if (end == i + 1 || end >= chars.size() || (chars[end] != U'次' && chars[end] != U'届')) {
      continue;
    }
    const std::u32string_view numeral = chars.substr(i + 1, end - i - 1);
    if (numeral[0] >= U'0' && numeral[0] <= U'9') {
      int value = 0;
      for (char32_t c : numeral) {
        if (c < U'0' || c > U'9' || value > 1000) return 0;
        value = value * 10 + static_cast<int>(c - U'0');
      }
      return value;
    }
    const int value = ChineseNumeralValue(numeral);
    if (value > 0) return value;
  }
  return 0;
}

}  // namespace

bool MatchKeyTopicsLabel(std::string_view heading, const std::vector<std::string>& extra_labels,
                         std::string* inline_list) {
  inline_list->clear();
  std::string clean = CleanInline(heading);
  std::string list;
  std::size_t colon = clean.find(':');
  std::size_t colon_width = 1;
  if (const std::size_t wide = clean.find("\uFF1A"); wide < colon) {
    colon = wide;
    colon_width = 3;
  }
  if (colon != std::string::npos) {
    list = CleanInline(std::string_view(clean).substr(colon + colon_width));
    clean.resize(colon);
  }
  const std::string key = MatchKey(clean);
  if (key.empty()) return false;
  bool found = false;
  for (const std::string& label : FoldedLabels()) found = found || key == label;
  for (const std::string& label : extra_labels) found = found || key == MatchKey(label);
  if (found) *inline_list = std::move(list);
  return found;
}

bool IsSectionHeading(std::string_view heading) {
  const std::u32string chars = utf8::DecodeAll(MatchKey(heading));
  std::size_t end = 0;
  while (end < chars.size() && IsWordChar(chars[end])) ++end;
  if (end == 0) return false;
  const std::u32string_view word = std::u32string_view(chars).substr(0, end);
  if (IsRomanNumeral(word)) return SeparatorFollows(chars, end);
  // Chinese numerals are letters to ICU, so a word may run on into the heading's text.
  std::size_t numeral_end = 0;
  while (numeral_end < word.size() &&
         kChineseNumerals.find(word[numeral_end]) != std::u32string_view::npos) {
    ++numeral_end;
  }
  if (numeral_end > 0) return SeparatorFollows(chars, numeral_end);
  const std::string utf8_word = utf8::EncodeAll(word);
  for (const std::string& arabic : FoldedArabicSectionWords()) {
    if (utf8_word == arabic) return SeparatorFollows(chars, end);
  }
  return false;
}

std::vector<std::string> SplitTopics(std::string_view list) {
  std::vector<std::string> topics;
  const std::string clean = CleanInline(list);
  std::size_t start = 0;
  auto flush = [&](std::size_t end) {
    std::string item = CleanInline(std::string_view(clean).substr(start, end - start));
    for (std::string_view stop : {".", "\u3002", "\uFF0E"}) {
      if (std::string_view(item).ends_with(stop)) item.resize(item.size() - stop.size());
    }
    item = CleanInline(item);
    if (!item.empty()) topics.push_back(std::move(item));
  };
  for (std::size_t i = 0; i < clean.size();) {
    std::size_t width = 0;
    if (clean[i] == ';') {
      width = 1;
    } else if (std::string_view(clean).substr(i).starts_with("\uFF1B") ||
               std::string_view(clean).substr(i).starts_with("\u061B")) {
      width = std::string_view(clean).substr(i).starts_with("\u061B") ? 2 : 3;
    }
    if (width == 0) {
      ++i;
      continue;
    }
    flush(i);
    i += width;
    start = i;
  }
  flush(clean.size());
  return topics;
}

std::optional<MeetingCue> FindMeetingCue(std::string_view lead) {
  const std::string key = MatchKey(lead);
  bool names_meeting = false;
  for (std::string_view word : kMeetingWords) {
    names_meeting = names_meeting || key.find(MatchKey(word)) != std::string::npos;
  }
  if (!names_meeting) return std::nullopt;

  const std::u32string chars = utf8::DecodeAll(key);
  std::optional<int> year;
  const std::size_t window = std::min<std::size_t>(chars.size(), 64);
  for (std::size_t i = 0; i < window && !year; ++i) {
    if (chars[i] < U'0' || chars[i] > U'9' ||
        (i > 0 && chars[i - 1] >= U'0' && chars[i - 1] <= U'9')) {
      continue;
    }
    std::size_t end = i;
    int value = 0;
    while (end < chars.size() && chars[end] >= U'0' && chars[end] <= U'9' && end - i < 5) {
      value = value * 10 + static_cast<int>(chars[end] - U'0');
      ++end;
    }
    if (end - i == 4 && value >= 1945 && value <= 2100) year = value;
  }
  if (!year) return std::nullopt;

  MeetingCue cue;
  cue.year = *year;
  for (std::size_t i = 0; i < chars.size();) {
    if (!IsWordChar(chars[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < chars.size() && IsWordChar(chars[end])) ++end;
    const std::u32string_view word = std::u32string_view(chars).substr(i, end - i);
    if (const int value = WordOrdinal(word); value > 0) {
      cue.meeting = value;
      break;
    }
    i = end;
  }
  if (!cue.meeting) {
    if (const int value = ChineseOrdinal(chars); value > 0) cue.meeting = value;
  }
  return cue;
}

}  // namespace hexaglot::ingest

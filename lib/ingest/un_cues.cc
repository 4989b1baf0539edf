#include "ingest/un_cues.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

#include "ingest/inline_text.h"
#include "util/utf8.h"

namespace hexaglot::ingest {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool StartsWithAny(std::string_view line, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [line](std::string_view prefix) { return line.starts_with(prefix); });
}

bool ContainsAny(std::string_view line, std::initializer_list<std::string_view> parts) {
  return std::any_of(parts.begin(), parts.end(), [line](std::string_view part) {
    return line.find(part) != std::string_view::npos;
  });
}

// `line` without one final comma (",", "،", "，").
std::string_view WithoutComma(std::string_view line, bool* had_comma) {
  *had_comma = true;
  for (std::string_view comma : {",", "\u060C", "\uFF0C"}) {
    if (line.ends_with(comma)) return line.substr(0, line.size() - comma.size());
  }
  *had_comma = false;
  return line;
}

// English: "The General Assembly", "The Economic and Social Council": "The" and two to
// eight capitalised words (or "of", "and", "on", "for").
bool IsEnglishOpening(std::string_view line) {
  if (!line.starts_with("The ") || line.size() > 80) return false;
  std::size_t words = 0;
  for (std::size_t start = 0; start < line.size();) {
    std::size_t end = line.find(' ', start);
    if (end == std::string_view::npos) end = line.size();
    const std::string_view word = line.substr(start, end - start);
    const bool minor = word == "of" || word == "and" || word == "on" || word == "for";
    const bool letters = std::all_of(word.begin(), word.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
    if (word.empty() || (!(word[0] >= 'A' && word[0] <= 'Z') && !minor) || !letters) return false;
    ++words;
    start = end + 1;
  }
  return words >= 2 && words <= 8;
}

// The MatchKey forms of `words`, for a function-local static (never freed, as the
// Google style asks of statics that are not trivially destructible).
const std::unordered_set<std::string>* NewFoldedSet(std::initializer_list<std::string_view> words) {
  auto* folded = new std::unordered_set<std::string>;
  for (std::string_view word : words) folded->insert(MatchKey(word));
  return folded;
}

// The openings of the other five languages, as MatchKey forms.
const std::unordered_set<std::string>& FoldedOpenings() {
  static const auto* openings = NewFoldedSet({"L'Assemblée générale",
                                              "Le Conseil de sécurité",
                                              "Le Conseil économique et social",
                                              "Le Conseil des droits de l'homme",
                                              "La Asamblea General",
                                              "El Consejo de Seguridad",
                                              "El Consejo Económico y Social",
                                              "El Consejo de Derechos Humanos",
                                              "Генеральная Ассамблея",
                                              "Совет Безопасности",
                                              "Экономический и Социальный Совет",
                                              "Совет по правам человека",
                                              "إن الجمعية العامة",
                                              "الجمعية العامة",
                                              "إن مجلس الأمن",
                                              "إن المجلس الاقتصادي والاجتماعي",
                                              "إن مجلس حقوق الإنسان",
                                              "大会",
                                              "安全理事会",
                                              "经济及社会理事会",
                                              "人权理事会"});
  return *openings;
}

const std::unordered_set<std::string>& FoldedWords(bool nouns) {
  static const auto* folded_nouns = NewFoldedSet({"article",
                                                  "articles",
                                                  "paragraph",
                                                  "paragraphs",
                                                  "para.",
                                                  "paras.",
                                                  "goal",
                                                  "goals",
                                                  "target",
                                                  "targets",
                                                  "chapter",
                                                  "chapters",
                                                  "annex",
                                                  "annexes",
                                                  "section",
                                                  "sections",
                                                  "part",
                                                  "parts",
                                                  "principle",
                                                  "principles",
                                                  "rule",
                                                  "rules",
                                                  "resolution",
                                                  "resolutions",
                                                  "decision",
                                                  "decisions",
                                                  "protocol",
                                                  "phase",
                                                  "volume",
                                                  "supplement",
                                                  "no.",
                                                  "vol.",
                                                  "add.",
                                                  "rev.",
                                                  "corr.",
                                                  "item",
                                                  "items",
                                                  "step",
                                                  "level",
                                                  "page",
                                                  "pages",
                                                  "table",
                                                  "recommendation",
                                                  "recommendations",
                                                  "option",
                                                  "session",
                                                  "paragraphe",
                                                  "paragraphes",
                                                  "résolution",
                                                  "résolutions",
                                                  "décision",
                                                  "objectif",
                                                  "objectifs",
                                                  "cible",
                                                  "chapitre",
                                                  "annexe",
                                                  "point",
                                                  "principe",
                                                  "règle",
                                                  "alinéa",
                                                  "artículo",
                                                  "artículos",
                                                  "párrafo",
                                                  "párrafos",
                                                  "resolución",
                                                  "resoluciones",
                                                  "decisión",
                                                  "objetivo",
                                                  "meta",
                                                  "capítulo",
                                                  "anexo",
                                                  "tema",
                                                  "regla",
                                                  "núm.",
                                                  "статья",
                                                  "статьи",
                                                  "статье",
                                                  "статьей",
                                                  "статью",
                                                  "пункт",
                                                  "пункта",
                                                  "пункте",
                                                  "пунктом",
                                                  "пункты",
                                                  "пунктов",
                                                  "резолюция",
                                                  "резолюции",
                                                  "резолюцию",
                                                  "решение",
                                                  "решения",
                                                  "цель",
                                                  "цели",
                                                  "глава",
                                                  "главы",
                                                  "приложение",
                                                  "приложения",
                                                  "правило",
                                                  "принцип",
                                                  "№",
                                                  "المادة",
                                                  "المواد",
                                                  "الفقرة",
                                                  "الفقرات",
                                                  "القرار",
                                                  "القرارات",
                                                  "المقرر",
                                                  "الهدف",
                                                  "الغاية",
                                                  "الفصل",
                                                  "المرفق",
                                                  "البند",
                                                  "المبدأ",
                                                  "القاعدة",
                                                  "رقم"});
  static const auto* folded_followers =
      NewFoldedSet({"and", "or",  "which", "that",    "as",      "in",      "including", "et",
                    "ou",  "qui", "que",   "ainsi",   "y",       "o",       "e",         "u",
                    "и",   "или", "а",     "который", "которая", "которое", "которые"});
  return nouns ? *folded_nouns : *folded_followers;
}

}  // namespace

std::string FoldDigits(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    // Only the lead bytes of U+0660.., U+06F0.. and U+FF10.. need a look; the rest is
    // copied in runs.
    std::size_t run = i;
    while (run < text.size() && text[run] != '\xD9' && text[run] != '\xDB' && text[run] != '\xEF') {
      ++run;
    }
    out.append(text.substr(i, run - i));
    if (run == text.size()) break;
    i = run;
    const char32_t c = utf8::Next(text, &run);
    if (c >= U'\u0660' && c <= U'\u0669') {
      out.push_back(static_cast<char>('0' + (c - U'\u0660')));
    } else if (c >= U'\u06F0' && c <= U'\u06F9') {
      out.push_back(static_cast<char>('0' + (c - U'\u06F0')));
    } else if (c >= U'\uFF10' && c <= U'\uFF19') {
      out.push_back(static_cast<char>('0' + (c - U'\uFF10')));
    } else {
      out.append(text.substr(i, run - i));
    }
    i = run;
  }
  return out;
}

bool StartsWithUnitedNations(std::string_view line) {
  return StartsWithAny(line, {"United Nations", "Nations Unies", "Naciones Unidas",
                              "Организация Объединенных Наций", "الأمم المتحدة", "联合国"});
}

bool NamesGeneralAssembly(std::string_view line) {
  return ContainsAny(line, {"General Assembly", "Assemblée générale", "Asamblea General",
                            "Генеральная Ассамблея", "الجمعية العامة", "大会"});
}

bool IsDateLine(std::string_view line) {
  return line.find("Distr.") != std::string_view::npos ||
         StartsWithAny(line, {"Resolution adopted", "Résolution adoptée", "Resolución aprobada",
                              "Резолюция, принятая", "قرار اتخذته"}) ||
         line.find("大会决议") != std::string_view::npos;
}

bool IsOpeningLine(std::string_view line) {
  bool comma = false;
  const std::string_view bare = WithoutComma(line, &comma);
  if (IsEnglishOpening(bare)) return true;
  if (!comma || bare.size() > 80) return false;
  std::string key = MatchKey(bare);
  // "L’Assemblée" as often as "L'Assemblée".
  if (const std::size_t quote = key.find("\u2019"); quote != std::string::npos) {
    key.replace(quote, 3, "'");
  }
  return FoldedOpenings().contains(key);
}

bool IsMeetingLine(std::string_view line) {
  if (line.starts_with("الجلسة العامة ")) {
    const std::string_view rest = line.substr(std::string_view("الجلسة العامة ").size());
    return !rest.empty() && IsDigit(rest[0]);
  }
  if (const std::size_t meeting = line.find("次全体会议"); meeting != std::string_view::npos) {
    const std::size_t ordinal = line.rfind("第", meeting);
    return ordinal != std::string_view::npos && meeting - ordinal <= 3 + 4 && line.size() <= 64;
  }
  std::size_t pos = 0;
  while (pos < line.size() && IsDigit(line[pos])) ++pos;
  if (pos == 0) return false;
  // The ordinal's ending: "th", "e", "re", "ª", "-е".
  const std::size_t space = line.find(' ', pos);
  if (space == std::string_view::npos || space - pos > 4) return false;
  const std::string_view rest = line.substr(space);
  return StartsWithAny(
      rest, {" plenary meeting", " séance plénière", " sesión plenaria", " пленарное заседание"});
}

bool IsAnnexHeading(std::string_view line) {
  if (line.starts_with("附件")) return true;
  const std::string_view word = line.substr(0, line.find(' '));
  return word == "Annex" || word == "Annexe" || word == "Anexo" || word == "Приложение" ||
         word == "المرفق" || word == "مرفق";
}

bool IsPageFooter(std::string_view line) {
  if (line.size() > 48) return false;
  bool job = false;
  for (std::size_t start = 0; start < line.size();) {
    std::size_t end = std::min(line.find(' ', start), line.size());
    std::string_view token = line.substr(start, end - start);
    start = end + 1;
    if (token == "(E)" || token == "(F)" || token == "(S)" || token == "(R)" || token == "(A)" ||
        token == "(C)") {
      continue;
    }
    const std::size_t slash = token.find('/');
    const std::size_t dash = token.find('-');
    auto digits = [](std::string_view part, std::size_t min, std::size_t max) {
      return part.size() >= min && part.size() <= max &&
             std::all_of(part.begin(), part.end(), IsDigit);
    };
    if (slash != std::string_view::npos && digits(token.substr(0, slash), 1, 3) &&
        digits(token.substr(slash + 1), 1, 3)) {
      continue;  // The page: "3/7".
    }
    // "V.21-05340": an optional letter and full stop, the year, the job's number.
    if (token.size() > 2 && token[1] == '.' && token[0] >= 'A' && token[0] <= 'Z') {
      token.remove_prefix(2);
    }
    if (dash == std::string_view::npos || !digits(token.substr(0, token.find('-')), 2, 2) ||
        !digits(token.substr(token.find('-') + 1), 5, 5)) {
      return false;
    }
    job = true;
  }
  return job;
}

bool NumberFollowsNoun(std::string_view word) { return FoldedWords(true).contains(MatchKey(word)); }

bool FollowsMarker(std::string_view word) { return FoldedWords(false).contains(MatchKey(word)); }

}  // namespace hexaglot::ingest

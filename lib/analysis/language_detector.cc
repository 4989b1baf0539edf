// Language detection (include/hexaglot/analyzer.h: DetectLanguage).
//
// Two stages. (1) Script: Arabic, Han and Cyrillic letters each belong to exactly one of
// the six UN languages, so the dominant script decides. (2) Latin script: English, French
// and Spanish share an alphabet, so we score cues that separate them in running text:
// high-frequency function words (those shared by French and Spanish — de, la, en, que, un —
// count for both and so separate neither), French elision (l', d', qu'), and diacritics
// that one language uses and the others do not (è ê ç œ for French; ñ á í ó ú ¿ ¡ for
// Spanish). English has no diacritics, so its evidence is function words alone.

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "analysis/script.h"
#include "hexaglot/analyzer.h"
#include "util/utf8.h"

namespace hexaglot {
namespace analysis {

Script ScriptOf(char32_t cp) {
  if (cp < 0x80) {
    return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? kLatinScript : kScriptCount;
  }
  if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x1E00 && cp <= 0x1EFF)) {
    return kLatinScript;
  }
  if (cp >= 0x400 && cp <= 0x52F) return kCyrillicScript;
  if ((cp >= 0x620 && cp <= 0x64A) || (cp >= 0x66E && cp <= 0x6D3) ||
      (cp >= 0x750 && cp <= 0x77F) || (cp >= 0x8A0 && cp <= 0x8FF) ||
      (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF)) {
    return kArabicScript;
  }
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F)) {
    return kHanScript;
  }
  return kScriptCount;
}

bool WritesIn(Language language, Script script) {
  switch (language) {
    case Language::kArabic:
      return script == kArabicScript;
    case Language::kChinese:
      return script == kHanScript;
    case Language::kRussian:
      return script == kCyrillicScript;
    case Language::kEnglish:
    case Language::kFrench:
    case Language::kSpanish:
      return script == kLatinScript;
  }
  return false;
}

}  // namespace analysis

namespace {

using analysis::Script;
using analysis::ScriptOf;
using enum analysis::Script;

// A Han character carries about as much text as a short Latin or Cyrillic word does
// letters; weighting it keeps "联合国毒品和犯罪问题办公室（UNODC）" Chinese.
constexpr std::array<double, kScriptCount> kScriptWeight = {1.0, 2.0, 1.0, 1.0};

enum LatinLanguage { kEn, kFr, kEs, kLatinCount };

struct Cue {
  std::string_view word;
  double en, fr, es;
};

// Lower-case function words. Weights: 1 for a word of one language only; shared words
// split their weight. Chosen for frequency in running text, not for completeness.
constexpr Cue kWordCues[] = {
    {"the", 1, 0, 0},       {"of", 1, 0, 0},     {"and", 1, 0, 0},    {"to", 1, 0, 0},
    {"is", 1, 0, 0},        {"that", 1, 0, 0},   {"for", 1, 0, 0},    {"with", 1, 0, 0},
    {"as", 0.5, 0, 0},      {"by", 1, 0, 0},     {"on", 1, 0, 0},     {"are", 1, 0, 0},
    {"be", 1, 0, 0},        {"this", 1, 0, 0},   {"which", 1, 0, 0},  {"it", 1, 0, 0},
    {"from", 1, 0, 0},      {"or", 1, 0, 0},     {"an", 1, 0, 0},     {"have", 1, 0, 0},
    {"has", 1, 0, 0},       {"shall", 1, 0, 0},  {"their", 1, 0, 0},  {"all", 1, 0, 0},
    {"his", 1, 0, 0},       {"was", 1, 0, 0},    {"were", 1, 0, 0},   {"not", 1, 0, 0},
    {"at", 1, 0, 0},        {"its", 1, 0, 0},    {"in", 0.7, 0, 0},   {"no", 0.5, 0, 0.5},
    {"everyone", 1, 0, 0},  {"any", 1, 0, 0},    {"such", 1, 0, 0},   {"without", 1, 0, 0},
    {"le", 0, 1, 0},        {"les", 0, 1, 0},    {"des", 0, 1, 0},    {"du", 0, 1, 0},
    {"et", 0, 1, 0},        {"une", 0, 1, 0},    {"est", 0, 1, 0},    {"dans", 0, 1, 0},
    {"qui", 0, 1, 0},       {"pour", 0, 1, 0},   {"par", 0, 1, 0},    {"sur", 0, 1, 0},
    {"au", 0, 1, 0},        {"aux", 0, 1, 0},    {"ses", 0, 1, 0},    {"son", 0, 1, 0},
    {"sa", 0, 1, 0},        {"ce", 0, 1, 0},     {"cette", 0, 1, 0},  {"il", 0, 1, 0},
    {"elle", 0, 1, 0},      {"sont", 0, 1, 0},   {"ont", 0, 1, 0},    {"pas", 0, 1, 0},
    {"ne", 0, 1, 0},        {"avec", 0, 1, 0},   {"tout", 0, 1, 0},   {"toute", 0, 1, 0},
    {"leur", 0, 1, 0},      {"leurs", 0, 1, 0},  {"nul", 0, 1, 0},    {"droit", 0, 1, 0},
    {"ou", 0, 1, 0},        {"el", 0, 0, 1},     {"los", 0, 0, 1},    {"las", 0, 0, 1},
    {"del", 0, 0, 1},       {"y", 0, 0, 1},      {"una", 0, 0, 1},    {"es", 0, 0, 1},
    {"por", 0, 0, 1},       {"para", 0, 0, 1},   {"con", 0, 0, 1},    {"su", 0, 0, 1},
    {"sus", 0, 0, 1},       {"al", 0, 0, 1},     {"lo", 0, 0, 1},     {"como", 0, 0, 1},
    {"toda", 0, 0, 1},      {"todo", 0, 0, 1},   {"todas", 0, 0, 1},  {"tiene", 0, 0, 1},
    {"derecho", 0, 0, 1},   {"nadie", 0, 0, 1},  {"o", 0, 0, 1},      {"sin", 0, 0, 1},
    {"entre", 0, 0.5, 0.5}, {"de", 0, 0.5, 0.5}, {"la", 0, 0.5, 0.5}, {"en", 0, 0.5, 0.5},
    {"que", 0, 0.5, 0.5},   {"un", 0, 0.5, 0.5}, {"se", 0, 0.5, 0.5},
};

struct LetterCue {
  char32_t letter;
  double en, fr, es;
};

// Letters one language uses and the others do not (é is shared: French and Spanish).
constexpr LetterCue kLetterCues[] = {
    {U'è', 0, 1, 0}, {U'ê', 0, 1, 0}, {U'à', 0, 1, 0},     {U'ç', 0, 1, 0}, {U'œ', 0, 1, 0},
    {U'ù', 0, 1, 0}, {U'û', 0, 1, 0}, {U'î', 0, 1, 0},     {U'ô', 0, 1, 0}, {U'ë', 0, 1, 0},
    {U'ï', 0, 1, 0}, {U'â', 0, 1, 0}, {U'é', 0, 0.7, 0.3}, {U'ñ', 0, 0, 1}, {U'á', 0, 0, 1},
    {U'í', 0, 0, 1}, {U'ó', 0, 0, 1}, {U'ú', 0, 0, 1},     {U'¿', 0, 0, 1}, {U'¡', 0, 0, 1},
};

char32_t ToLowerLatin(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;  // Latin-1 capitals.
  if (cp == 0x152) return 0x153;                               // Œ -> œ
  return cp;
}

bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }

class LatinScorer {
 public:
  // Scores `lower` if it is a cue letter or mark (¿ ¡ are punctuation, and count too).
  void ScoreCharacter(char32_t lower) {
    for (const LetterCue& cue : kLetterCues) {
      if (cue.letter == lower) Add(cue.en, cue.fr, cue.es);
    }
  }

  void AddLetter(char32_t lower) { utf8::Append(lower, &word_); }

  // A non-letter ends the current word. An apostrophe right after l, d, qu, j or c is
  // French elision (l'homme, qu'il); English contractions put it after other letters.
  void EndWord(char32_t separator) {
    if (word_.empty()) return;
    if (IsApostrophe(separator) &&
        (word_ == "l" || word_ == "d" || word_ == "qu" || word_ == "j" || word_ == "c")) {
      Add(0, 1, 0);
    } else {
      for (const Cue& cue : kWordCues) {
        if (cue.word == word_) {
          Add(cue.en, cue.fr, cue.es);
          break;
        }
      }
    }
    word_.clear();
  }

  const std::array<double, kLatinCount>& scores() const { return scores_; }

 private:
  void Add(double en, double fr, double es) {
    scores_[kEn] += en;
    scores_[kFr] += fr;
    scores_[kEs] += es;
  }

  std::array<double, kLatinCount> scores_{};
  std::string word_;
};

constexpr Language kLatinLanguages[kLatinCount] = {Language::kEnglish, Language::kFrench,
                                                   Language::kSpanish};

}  // namespace

Result<DetectedLanguage> DetectLanguage(std::string_view text) {
  if (Status status = utf8::Validate(text); !status.ok()) return status;

  std::array<double, kScriptCount> letters{};
  LatinScorer latin;
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = utf8::Next(text, &pos);
    const Script script = ScriptOf(cp);
    if (script < kScriptCount) letters[script] += kScriptWeight[script];
    const char32_t lower = ToLowerLatin(cp);
    latin.ScoreCharacter(lower);
    if (script == kLatinScript) {
      latin.AddLetter(lower);
    } else {
      latin.EndWord(cp);
    }
  }
  latin.EndWord(U' ');

  double total = 0;
  for (double count : letters) total += count;
  if (total == 0) return DetectedLanguage{};

  const auto dominant =
      static_cast<Script>(std::max_element(letters.begin(), letters.end()) - letters.begin());
  const double script_share = letters[dominant] / total;
  switch (dominant) {
    case kArabicScript:
      return DetectedLanguage{Language::kArabic, script_share};
    case kHanScript:
      return DetectedLanguage{Language::kChinese, script_share};
    case kCyrillicScript:
      return DetectedLanguage{Language::kRussian, script_share};
    case kLatinScript:
    case kScriptCount:
      break;
  }

  const auto& scores = latin.scores();
  const double evidence = scores[kEn] + scores[kFr] + scores[kEs];
  const auto best =
      static_cast<LatinLanguage>(std::max_element(scores.begin(), scores.end()) - scores.begin());
  double runner_up = 0;
  for (int i = 0; i < kLatinCount; ++i) {
    if (i != best) runner_up = std::max(runner_up, scores[i]);
  }
  if (evidence == 0 || scores[best] == runner_up) return DetectedLanguage{};
  // Confidence: the winner's share of the cue weight, discounted when there is little
  // evidence (a single cue word is a guess; five agreeing cues are not).
  const double margin = scores[best] / evidence;
  const double amount = std::min(1.0, evidence / 3.0);
  return DetectedLanguage{kLatinLanguages[best], margin * amount * script_share};
}

}  // namespace hexaglot

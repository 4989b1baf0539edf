// ParseUnDocument: a UN document (a resolution, as a PDF-to-text pipeline extracts it) to
// one record per preambular or operative paragraph.
//
// The input is split in three: YAML front matter (symbol, title, date), the body, and the
// footnotes ("[^N]: ..." lines, after a "---" line). The body is read line by line by a
// state machine: the heading block (up to "The General Assembly,"), the paragraphs, the
// closing meeting line, and an annex. A block that continues the open paragraph (it
// starts in lower case, or the paragraph does not end a clause) joins it: that is how a
// page break looks after conversion. Footnote markers are taken out of the finished
// records, in the order the footnotes are numbered, and the footnotes' symbols cited.

#include "ingest/un_document.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hexaglot/analyzer.h"
#include "hexaglot/ingest.h"
#include "ingest/inline_text.h"
#include "ingest/language_cues.h"
#include "ingest/records.h"
#include "ingest/un_cues.h"
#include "util/status_macros.h"
#include "util/utf8.h"

namespace hexaglot {
namespace {

using ingest::AppendJoined;
using ingest::CleanInline;

constexpr std::size_t kNone = std::string_view::npos;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

char32_t FirstChar(std::string_view text) {
  std::size_t pos = 0;
  return text.empty() ? 0 : utf8::Next(text, &pos);
}

char32_t LastChar(std::string_view text) {
  std::size_t start = text.size();
  while (start > 0 && (static_cast<unsigned char>(text[start - 1]) & 0xC0) == 0x80) --start;
  if (start > 0) --start;
  std::size_t pos = start;
  return text.empty() ? 0 : utf8::Next(text, &pos);
}

// Clause and sentence punctuation of the six languages at `pos`: "，", "；", "。", "：", "、",
// "）", "،", "؛" (the ASCII ones are tested apart).
bool WidePunctuationAt(std::string_view text, std::size_t pos) {
  const std::string_view rest = text.substr(pos);
  for (std::string_view mark :
       {"\uFF0C", "\uFF1B", "\u3002", "\uFF1A", "\u3001", "\uFF09", "\u060C", "\u061B"}) {
    if (rest.starts_with(mark)) return true;
  }
  return false;
}

struct Metadata {
  std::string symbol;    // From the front matter, else the heading block.
  std::string language;  // The front matter's "language: FR", if any.
  std::string title;     // As printed under the heading, else the front matter's.
  std::optional<int> year;
};

// The first 4-digit year (1900-2099) in `text`.
std::optional<int> FindYear(std::string_view text) {
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    if ((i > 0 && IsDigit(text[i - 1])) || (i + 4 < text.size() && IsDigit(text[i + 4]))) {
      continue;
    }
    const std::string_view four = text.substr(i, 4);
    if (!std::all_of(four.begin(), four.end(), IsDigit)) continue;
    if (four.starts_with("19") || four.starts_with("20")) return std::stoi(std::string(four));
  }
  return std::nullopt;
}

std::string_view Unquote(std::string_view value) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    return value.substr(1, value.size() - 2);
  }
  return value;
}

// The front matter's lines ("---" ... "---") read into `meta`: how many lines it spans, or
// 0 when the text has none.
std::size_t ReadFrontMatter(const std::vector<std::string_view>& lines, Metadata* meta) {
  if (lines.empty() || CleanInline(lines[0]) != "---") return 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string line = CleanInline(lines[i]);
    if (line == "---") return i + 1;
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string_view key = std::string_view(line).substr(0, colon);
    const std::string value = CleanInline(Unquote(CleanInline(line.substr(colon + 1))));
    if (key == "symbol") meta->symbol = value;
    // The library catalogue's title ends " :" where a subtitle would follow.
    if (key == "title") {
      meta->title = CleanInline(value.substr(0, value.find_last_not_of(" :") + 1));
    }
    if (key == "date") meta->year = FindYear(value);
    if (key == "language") meta->language = value;
  }
  return 0;  // Never closed: not front matter.
}

// "[^12]: text": the footnote's number, and where its text starts.
std::optional<int> FootnoteNumber(std::string_view line, std::size_t* text_start) {
  if (!line.starts_with("[^")) return std::nullopt;
  std::size_t end = 2;
  while (end < line.size() && end < 8 && IsDigit(line[end])) ++end;
  if (end == 2 || end + 1 >= line.size() || line[end] != ']' || line[end + 1] != ':') {
    return std::nullopt;
  }
  *text_start = end + 2;
  return std::stoi(std::string(line.substr(2, end - 2)));
}

// Footnotes by number. A "[^N]:" that does not follow its predecessor's number (a year
// split off the line above, "[^2013]: (S/INF/68).") and an unmarked line continue the
// footnote above.
class Footnotes {
 public:
  void Add(std::string_view clean) {
    std::size_t start = 0;
    const std::optional<int> number = FootnoteNumber(clean, &start);
    if (number && (last_ == 0 || *number == last_ + 1)) {
      last_ = *number;
      AppendJoined(&notes_[last_], CleanInline(clean.substr(start)));
    } else if (last_ != 0) {
      AppendJoined(&notes_[last_], clean);
    }
  }
  bool Has(int number) const { return notes_.contains(number); }
  const std::string& Text(int number) const { return notes_.at(number); }

 private:
  std::map<int, std::string> notes_;
  int last_ = 0;
};

// The word that ends at `end` in `text` (back to the previous space).
std::string_view WordBefore(std::string_view text, std::size_t end) {
  const std::size_t space = text.rfind(' ', end == 0 ? 0 : end - 1);
  const std::size_t start = space == std::string_view::npos || space >= end ? 0 : space + 1;
  return text.substr(start, end - start);
}

// Takes footnote markers out of a record's text. The converted text has them glued to a
// word or its punctuation ("Court,2"), glued to a year ("of 19721"), or alone after a word
// ("Rome Statute 1 reaffirms", "2024/25; 4"). Footnotes are numbered in the order they are
// cited, so a candidate is only taken when its number is the next one due (or one or two
// after it, where a marker was lost): the numbers of the text ("article 12, paragraph 3")
// are left alone.
class MarkerStripper {
 public:
  explicit MarkerStripper(const Footnotes& notes) : notes_(notes) {}

  // Strips `text` and returns the footnotes it cited, in order.
  std::vector<int> Strip(std::string* text) {
    std::vector<int> cited;
    std::string& s = *text;
    for (std::size_t begin = 0; begin < s.size();) {
      if (const std::size_t length = BracketedMarker(s, begin, &cited); length > 0) {
        const bool spaced = begin > 0 && s[begin - 1] == ' ' &&
                            (begin + length == s.size() || s[begin + length] == ' ');
        s.erase(spaced ? begin - 1 : begin, length + (spaced ? 1 : 0));
        continue;
      }
      if (!IsDigit(s[begin]) || (begin > 0 && IsDigit(s[begin - 1]))) {
        ++begin;
        continue;
      }
      std::size_t end = begin;
      while (end < s.size() && IsDigit(s[end])) ++end;
      const std::size_t marker = EndsWord(s, end) ? MarkerStart(s, begin, end) : end;
      if (marker == end) {
        begin = end;
        continue;
      }
      cited.push_back(std::stoi(s.substr(marker, end - marker)));
      next_ = cited.back() + 1;
      std::size_t erase_from = marker;
      std::size_t erase_to = end;
      if (marker > 0 && s[marker - 1] == ' ') {
        // A marker alone: drop one of the spaces around it too.
        if (end < s.size() && s[end] == ' ') {
          ++erase_to;
        } else {
          --erase_from;
        }
      }
      s.erase(erase_from, erase_to - erase_from);
      begin = erase_from;
    }
    return cited;
  }

 private:
  // Digits that end at `end` end a word: a space, punctuation or the end follows.
  static bool EndsWord(const std::string& s, std::size_t end) {
    if (end == s.size()) return true;
    const char c = s[end];
    return c == ' ' || c == ',' || c == ';' || c == '.' || c == ':' || c == ')' ||
           WidePunctuationAt(s, end);
  }

  // A markdown marker "[^12]" at `begin`, whatever its number: its length, or 0.
  std::size_t BracketedMarker(const std::string& s, std::size_t begin, std::vector<int>* cited) {
    if (s.compare(begin, 2, "[^") != 0) return 0;
    std::size_t end = begin + 2;
    while (end < s.size() && end < begin + 6 && IsDigit(s[end])) ++end;
    if (end == begin + 2 || end >= s.size() || s[end] != ']') return 0;
    const int number = std::stoi(s.substr(begin + 2, end - begin - 2));
    if (notes_.Has(number)) cited->push_back(number);
    next_ = std::max(next_, number + 1);
    return end + 1 - begin;
  }

  bool Due(int number, int slack) const {
    return notes_.Has(number) && number >= next_ && number <= next_ + slack;
  }

  // Where a footnote marker starts in the digits s[begin, end), or `end` for none.
  std::size_t MarkerStart(const std::string& s, std::size_t begin, std::size_t end) const {
    const std::size_t length = end - begin;
    if (length >= 5 && length <= 6 &&
        (s.compare(begin, 2, "19") == 0 || s.compare(begin, 2, "20") == 0) && s[begin + 4] != '0' &&
        Due(std::stoi(s.substr(begin + 4, length - 4)), 1)) {
      return begin + 4;  // "of 19721": the year 1972 and footnote 1.
    }
    if (length > 3 || begin < 2) return end;
    const int number = std::stoi(s.substr(begin, length));
    return (s[begin - 1] == ' ' ? LoneMarker(s, begin, end, number) : GluedMarker(s, begin, number))
               ? begin
               : end;
  }

  // Glued: "Court,2", "Declaration1", "Development”,3", "法院，2"; not "A/58/874/Add.1".
  bool GluedMarker(const std::string& s, std::size_t begin, int number) const {
    const char before = s[begin - 1];
    const bool glued = IsAsciiLetter(before) || static_cast<unsigned char>(before) >= 0x80 ||
                       before == ',' || before == ';' || before == ':' || before == '.' ||
                       before == ')';
    // French sets a space before ";" and ":": "2030/31 ;2" ends the word "2030/31".
    const bool spaced = begin >= 2 && s[begin - 2] == ' ' && (before == ';' || before == ':');
    const std::string_view word = WordBefore(s, spaced ? begin - 2 : begin);
    // The symbol the digits may end: the ASCII run before them. After a comma or
    // semicolon a symbol ends ("resolution 79/16,2"); after a full stop it is a part of
    // one ("A/58/874/Add.1").
    std::size_t run = begin;
    while (run > 0 && s[run - 1] != ' ' && static_cast<unsigned char>(s[run - 1]) < 0x80) --run;
    const bool in_symbol = s.find('/', run) < begin && before != ',' && before != ';';
    if (!glued || in_symbol || word.size() < 3 || word.ends_with("No.") || word.ends_with("Add.") ||
        word.ends_with("Rev.")) {
      return false;
    }
    return Due(number, 2);
  }

  // Alone after a word: "Statute 1", "Rights, 1", "2013, 9", "2024/25; 4", "agenda 5 and".
  bool LoneMarker(const std::string& s, std::size_t begin, std::size_t end, int number) const {
    const std::string_view word = WordBefore(s, begin - 1);
    if (word.empty()) return false;
    const char32_t last = LastChar(word);
    if (u_isalpha(static_cast<UChar32>(last))) {
      if (ingest::NumberFollowsNoun(word)) return false;
      if (u_isUUppercase(static_cast<UChar32>(FirstChar(word)))) return Due(number, 1);
      // After a word in lower case (or of a script without case) a number is mostly the
      // text's own ("from 7 to 17", "in 2 cases"): only the footnote due, before
      // punctuation or a conjunction that does not join another number ("5 and 6").
      return Due(number, 0) && MarkerFollows(s, end);
    }
    if (last == '.') {
      // "Principles. 13 We": not after an abbreviation ("vol. 2", "No. 5").
      if (word.size() <= 5 || ingest::NumberFollowsNoun(word)) return false;
    } else if (last == ',' || last == ';') {
      // "paragraphs 3, 4 and 5" lists numbers; a year before the comma is a date.
      const std::string_view bare = word.substr(0, word.size() - 1);
      if (!bare.empty() && std::all_of(bare.begin(), bare.end(), IsDigit) && bare.size() < 4) {
        return false;
      }
    } else if (last < 0x80 && last != ')') {
      return false;
    }
    return Due(number, 1);
  }

  // What follows digits ending at `end` fits a marker: the end, punctuation, or a
  // conjunction not followed by a number.
  static bool MarkerFollows(const std::string& s, std::size_t end) {
    if (end == s.size() || s[end] != ' ') return true;  // EndsWord: punctuation.
    const std::size_t start = end + 1;
    const std::size_t stop = std::min(s.find(' ', start), s.size());
    if (!ingest::FollowsMarker(std::string_view(s).substr(start, stop - start))) return false;
    return stop == s.size() || stop + 1 >= s.size() || !IsDigit(s[stop + 1]);
  }

  const Footnotes& notes_;
  int next_ = 1;
};

// Where the text starts after a paragraph number that ends at `pos`: "14. text",
// "14 - text" (Arabic), "14．text" or "14.文本" (Chinese needs no space); kNone when no
// separator or no text follows.
std::size_t TextAfterNumber(std::string_view line, std::size_t pos) {
  const std::string_view rest = line.substr(pos);
  std::size_t skip = 0;
  if (rest.starts_with(". ")) {
    skip = 2;
  } else if (rest.starts_with("\uFF0E")) {
    skip = rest.substr(3).starts_with(" ") ? 4 : 3;
  } else if (rest.starts_with(".") && rest.size() > 1 &&
             static_cast<unsigned char>(rest[1]) >= 0xE3) {
    skip = 1;  // A CJK character.
  } else {
    // The dash only before a script other than Latin: "2015 - 2019" is not a number.
    for (std::string_view dash : {" - ", "- ", " \u2013 "}) {
      if (rest.starts_with(dash) && rest.size() > dash.size() &&
          static_cast<unsigned char>(rest[dash.size()]) >= 0x80) {
        skip = dash.size();
      }
    }
  }
  return skip == 0 || pos + skip >= line.size() ? kNone : pos + skip;
}

// "80/6. Report of ...", "80/6 - تقرير": the resolution's session/number and title.
bool ParseTitleLine(std::string_view line, std::string* number, std::string* title) {
  std::size_t pos = 0;
  while (pos < line.size() && IsDigit(line[pos])) ++pos;
  if (pos == 0 || pos >= line.size() || line[pos] != '/') return false;
  ++pos;
  const std::size_t second = pos;
  while (pos < line.size() && IsDigit(line[pos])) ++pos;
  const std::size_t text = TextAfterNumber(line, pos);
  if (pos == second || text == kNone) return false;
  *number = std::string(line.substr(0, pos));
  *title = std::string(line.substr(text));
  return true;
}

// "14. text": an operative paragraph's number and where its text starts.
std::optional<std::size_t> OperativeNumber(std::string_view line, std::string* number) {
  std::size_t pos = 0;
  while (pos < line.size() && pos < 4 && IsDigit(line[pos])) ++pos;
  if (pos == 0 || pos == 4 || line[0] == '0') return std::nullopt;
  const std::size_t text = TextAfterNumber(line, pos);
  if (text == kNone) return std::nullopt;
  *number = std::string(line.substr(0, pos));
  return text;
}

struct Embedded {
  std::size_t digits;  // Where the number starts.
  std::size_t text;    // Where its paragraph's text starts.
  std::string number;
};

// Paragraph `next` (or the one after, where a number was lost) starting inside a line, as
// the conversion runs a paragraph into the one before it or into a heading: "... the
// Future. 16 9. We note", "Partnerships and support 17. We invite".
std::optional<Embedded> EmbeddedNumber(std::string_view line, int next) {
  for (std::size_t space = line.find(' '); space != kNone; space = line.find(' ', space + 1)) {
    const std::size_t digits = space + 1;
    std::size_t end = digits;
    while (end < line.size() && end - digits < 4 && IsDigit(line[end])) ++end;
    if (end == digits || line[digits] == '0') continue;
    const std::size_t text = TextAfterNumber(line, end);
    if (text == kNone) continue;
    const int value = std::stoi(std::string(line.substr(digits, end - digits)));
    const auto first = static_cast<unsigned char>(line[text]);
    if ((value != next && value != next + 1) || (!IsUpper(line[text]) && first < 0x80) ||
        ingest::NumberFollowsNoun(WordBefore(line, space))) {
      continue;
    }
    return Embedded{digits, text, std::string(line.substr(digits, end - digits))};
  }
  return std::nullopt;
}

// "(a) ", "(iv) ", "a) ", "а) ", "(أ) ", "（a）": a sub-paragraph.
bool IsSubParagraph(std::string_view line) {
  std::size_t pos = 0;
  if (line.starts_with("(")) pos = 1;
  if (line.starts_with("\uFF08")) pos = 3;
  std::size_t letters = 0;
  while (pos < line.size() && letters <= 4) {
    std::size_t after = pos;
    const char32_t c = utf8::Next(line, &after);
    const bool letter =
        (c >= U'a' && c <= U'z') || (c >= 0x80 && u_isalpha(static_cast<UChar32>(c)) &&
                                     !u_isUUppercase(static_cast<UChar32>(c)) && c < 0x2E80);
    if (!letter) break;
    pos = after;
    ++letters;
  }
  if (letters == 0 || letters > 4) return false;
  const std::string_view rest = line.substr(pos);
  return rest.starts_with(") ") || rest.starts_with("\uFF09");
}

// After footnote markers are taken off its end: whether `text` ends a clause (".", ",",
// ";", ":" and their Arabic and Chinese forms), the way every paragraph of a resolution
// ends.
bool EndsClause(std::string_view text) {
  while (!text.empty() && (IsDigit(text.back()) || text.back() == ' ')) text.remove_suffix(1);
  if (text.empty()) return false;
  if (text.back() == ',' || text.back() == ';' || text.back() == ':') return true;
  for (std::string_view mark : {"\u060C", "\u061B", "\uFF0C", "\uFF1B", "\uFF1A"}) {
    if (text.ends_with(mark)) return true;
  }
  return ingest::EndsSentence(text);
}

// Whether `text` ends a sentence, footnote markers aside.
bool EndsSentenceBeforeMarkers(std::string_view text) {
  while (!text.empty() && (IsDigit(text.back()) || text.back() == ' ')) text.remove_suffix(1);
  return ingest::EndsSentence(text);
}

enum class Part { kHeading, kBody, kClosed, kAnnexTitle, kAnnex };

class UnDocumentParser {
 public:
  // `cased_openings`: paragraphs start with a capital letter (not in Russian, where a
  // resolution's paragraphs continue the sentence "Генеральная Ассамблея," in lower case),
  // so a block in lower case continues the paragraph before it.
  UnDocumentParser(std::string_view source, Metadata* meta, bool cased_openings)
      : source_(source), meta_(meta), cased_openings_(cased_openings) {}

  // REQUIRES: `line` is cleaned by CleanInline.
  void Feed(const std::string& line, std::uint32_t line_number) {
    line_number_ = line_number;
    if (line.empty()) {
      blank_ = true;
      return;
    }
    // A page's footer: the paragraph it breaks goes on after it.
    if (ingest::IsPageFooter(line)) return;
    std::string number;
    switch (part_) {
      case Part::kHeading:
        if (ingest::IsOpeningLine(line)) {
          part_ = Part::kBody;
        } else if (OperativeNumber(line, &number)) {
          part_ = Part::kBody;
          OnBodyLine(line);
        } else {
          OnHeadingLine(line);
        }
        break;
      case Part::kClosed:
        if (ingest::IsAnnexHeading(line)) {
          part_ = Part::kAnnexTitle;
        } else {
          DropText("text after the closing meeting line");
        }
        break;
      case Part::kAnnexTitle:
        if (!OperativeNumber(line, &number)) break;  // The annex's title and headings.
        part_ = Part::kAnnex;
        last_number_ = 0;
        seen_.clear();
        OnBodyLine(line);
        break;
      case Part::kBody:
      case Part::kAnnex:
        OnBodyLine(line);
        break;
    }
    blank_ = false;
  }

  ParseResult Finish() {
    ReplayHeading();
    if (part_ == Part::kBody) CloseBody();
    CloseParagraph();
    if (part_ == Part::kHeading) {
      ingest::Warn(&result_, source_, 1, "no paragraphs: the heading block never ends");
    }
    return std::move(result_);
  }

 private:
  void OnHeadingLine(const std::string& line) {
    std::string number;
    std::string title;
    if (ParseTitleLine(line, &number, &title)) {
      printed_title_ = std::move(title);
      resolution_number_ = std::move(number);
      return;
    }
    const std::vector<std::string> symbols = FindDocumentSymbols(line);
    if (heading_symbol_.empty() && symbols.size() == 1 && symbols[0] == line) {
      heading_symbol_ = line;
    }
    if (!heading_year_ && ingest::IsDateLine(line)) heading_year_ = FindYear(line);
    general_assembly_ = general_assembly_ || ingest::NamesGeneralAssembly(line);
  }

  void OnBodyLine(const std::string& line) {
    const bool block_start = blank_ || after_heading_;
    after_heading_ = false;
    std::string number;
    const std::optional<std::size_t> start = OperativeNumber(line, &number);
    if (pending_heading_) {
      // A heading stands alone before a numbered paragraph; other text is the text.
      if (start) {
        pending_heading_.reset();
      } else {
        ReplayHeading();
      }
    }
    if (part_ == Part::kBody && ingest::IsMeetingLine(line)) {
      CloseBody();
      part_ = Part::kClosed;
      return;
    }
    if (start) {
      OpenOperativeRun(number, std::string_view(line).substr(*start));
      return;
    }
    if (last_number_ > 0) {
      if (const std::optional<Embedded> run = EmbeddedNumber(line, last_number_ + 1)) {
        // What precedes the number is a heading ("Partnerships and support mechanisms",
        // "II. Implementation"), or the end of the paragraph before.
        const std::string before = CleanInline(std::string_view(line).substr(0, run->digits));
        if (!ingest::IsSectionHeading(before) && !(block_start && OpenEndsSentence())) {
          OnText(before, block_start);
        }
        OpenOperativeRun(run->number, std::string_view(line).substr(run->text));
        return;
      }
    }
    const bool after_paragraph = !open_ || OpenEndsSentence();
    // A heading ends no clause (but "I." alone); a line that does holds a paragraph run
    // into it.
    const bool numeral_alone = line.size() <= 6;
    if (block_start && after_paragraph && (numeral_alone || !EndsClause(line)) &&
        ingest::IsSectionHeading(line)) {
      after_heading_ = true;  // "I.", "II. Follow-up", "一、总则": dropped.
      return;
    }
    if (block_start && open_ && OpenEndsSentence() && (part_ == Part::kAnnex || operatives_ > 0) &&
        line.size() <= 160 && !EndsClause(line) && !ingest::StartsLowercase(line)) {
      pending_heading_ = line;  // "A call to action": a heading if a number follows.
      pending_line_ = line_number_;
      return;
    }
    OnText(line, block_start);
  }

  // Unnumbered text: the open paragraph's continuation, or a preambular paragraph.
  void OnText(const std::string& line, bool block_start) {
    if (open_ && (IsSubParagraph(line) || !block_start ||
                  (cased_openings_ && ingest::StartsLowercase(line)) || !EndsClause(open_->text))) {
      // A sub-paragraph, a wrapped line, or a page break mid-sentence.
      AppendJoined(&open_->text, line);
    } else if (part_ == Part::kBody && operatives_ == 0) {
      OpenParagraph("pp" + std::to_string(++preambular_), line);
    } else if (open_) {
      // Sub-paragraphs whose letters the conversion lost follow a ':' or ';'; other text
      // is a paragraph whose number it lost.
      if (!EndsWithAny(open_->text, {":", ";", "\uFF1A", "\uFF1B", "\u061B"})) {
        ingest::Warn(&result_, source_, line_number_,
                     "text without a paragraph number joined to paragraph " + open_->number);
      }
      AppendJoined(&open_->text, line);
    } else {
      DropText("text that fits no paragraph");
    }
  }

  // A held heading that no numbered paragraph followed: text after all.
  void ReplayHeading() {
    if (!pending_heading_) return;
    const std::string line = std::move(*pending_heading_);
    pending_heading_.reset();
    const std::uint32_t current = line_number_;
    line_number_ = pending_line_;
    OnText(line, true);
    line_number_ = current;
  }

  static bool EndsWithAny(std::string_view text, std::initializer_list<std::string_view> ends) {
    return std::any_of(ends.begin(), ends.end(),
                       [text](std::string_view end) { return text.ends_with(end); });
  }

  bool OpenEndsSentence() const { return open_ && EndsSentenceBeforeMarkers(open_->text); }

  // Opens paragraph `printed` with `text`, and the paragraphs run into its text.
  void OpenOperativeRun(std::string printed, std::string_view text) {
    while (const std::optional<Embedded> run = EmbeddedNumber(text, std::stoi(printed) + 1)) {
      OpenOperative(printed, CleanInline(text.substr(0, run->digits)));
      printed = run->number;
      text = text.substr(run->text);
    }
    OpenOperative(printed, text);
  }

  void OpenOperative(const std::string& printed, std::string_view text) {
    const int number = std::stoi(printed);
    const std::string what = part_ == Part::kAnnex ? "annex paragraph " : "paragraph ";
    if (seen_.contains(number)) {
      ingest::Warn(&result_, source_, line_number_, "duplicate " + what + printed);
    } else if (number != last_number_ + 1) {
      ingest::Warn(&result_, source_, line_number_,
                   "numbering gap: " + what + printed + " follows " +
                       (last_number_ == 0 ? std::string("the start of the text")
                                          : what + std::to_string(last_number_)));
    }
    seen_.insert(number);
    last_number_ = std::max(last_number_, number);
    ++operatives_;
    OpenParagraph(part_ == Part::kAnnex ? "annex/" + printed : printed, text);
  }

  void OpenParagraph(std::string number, std::string_view text) {
    CloseParagraph();
    Paragraph& record = open_.emplace();
    record.number = std::move(number);
    record.text = std::string(text);
    record.source = std::string(source_);
    record.line = line_number_;
  }

  void CloseParagraph() {
    if (!open_) return;
    result_.paragraphs.push_back(std::move(*open_));
    open_.reset();
  }

  // The resolution's own text ends. One that has a single operative paragraph prints it
  // without a number: the last paragraph, ending a sentence where preambular ones end
  // with a comma, is operative paragraph 1.
  void CloseBody() {
    CloseParagraph();
    if (operatives_ == 0 && preambular_ > 0 &&
        ingest::EndsSentence(result_.paragraphs.back().text)) {
      result_.paragraphs.back().number = "1";
      ++operatives_;
    }
    if (meta_->symbol.empty()) {
      meta_->symbol = !heading_symbol_.empty() ? heading_symbol_
                      : general_assembly_ && !resolution_number_.empty()
                          ? "A/RES/" + resolution_number_
                          : std::string();
    }
    if (!printed_title_.empty()) meta_->title = printed_title_;
    if (!meta_->year) meta_->year = heading_year_;
  }

  void DropText(std::string_view why) {
    ingest::Warn(&result_, source_, line_number_, std::string(why) + " (ignored)");
  }

  std::string_view source_;
  Metadata* meta_;
  const bool cased_openings_;
  ParseResult result_;
  std::uint32_t line_number_ = 0;
  Part part_ = Part::kHeading;
  bool blank_ = true;
  bool after_heading_ = false;  // The line before was a section heading, dropped.
  std::optional<std::string> pending_heading_;
  std::uint32_t pending_line_ = 0;

  std::string printed_title_;
  std::string resolution_number_;  // "80/6", from the title line.
  std::string heading_symbol_;
  std::optional<int> heading_year_;
  bool general_assembly_ = false;

  std::optional<Paragraph> open_;
  int preambular_ = 0;
  int operatives_ = 0;
  int last_number_ = 0;
  std::set<int> seen_;
};

// Front matter, body and footnotes, parsed into records without doc, id and hash.
ParseResult ParseParts(const std::vector<std::string_view>& lines, std::size_t body_start,
                       std::string_view source, Language language, Metadata* meta) {
  UnDocumentParser parser(source, meta, language != Language::kRussian);
  Footnotes notes;
  bool in_footnotes = false;
  for (std::size_t i = body_start; i < lines.size(); ++i) {
    const std::string clean = CleanInline(lines[i]);
    std::size_t unused = 0;
    if (!in_footnotes && (clean == "---" || FootnoteNumber(clean, &unused))) in_footnotes = true;
    if (in_footnotes) {
      if (!clean.empty()) notes.Add(clean);
      continue;
    }
    parser.Feed(clean, static_cast<std::uint32_t>(i + 1));
  }
  ParseResult result = parser.Finish();
  MarkerStripper stripper(notes);
  std::vector<Paragraph> kept;
  for (Paragraph& record : result.paragraphs) {
    const std::vector<int> cited = stripper.Strip(&record.text);
    if (record.text.empty()) {  // "1. 2": a marker alone.
      ingest::Warn(&result, source, record.line,
                   "paragraph " + record.number + " has no text (ignored)");
      continue;
    }
    record.symbols = FindDocumentSymbols(record.text);
    for (int number : cited) {
      for (std::string& symbol : FindDocumentSymbols(notes.Text(number))) {
        if (std::find(record.symbols.begin(), record.symbols.end(), symbol) ==
            record.symbols.end()) {
          record.symbols.push_back(std::move(symbol));
        }
      }
    }
    kept.push_back(std::move(record));
  }
  result.paragraphs = std::move(kept);
  return result;
}

}  // namespace

namespace ingest {

bool LooksLikeUnDocument(std::string_view text) {
  const std::vector<std::string_view> lines = SplitLines(StripBom(text));
  Metadata meta;
  if (ReadFrontMatter(lines, &meta) > 0) return !meta.symbol.empty();
  bool symbol = false;
  bool heading = false;
  std::size_t seen = 0;
  for (std::string_view raw : lines) {
    const std::string line = CleanInline(raw);
    if (line.empty()) continue;
    if (++seen > 30) break;
    const std::vector<std::string> symbols = FindDocumentSymbols(line);
    symbol = symbol || (symbols.size() == 1 && symbols[0] == line);
    heading = heading || ingest::StartsWithUnitedNations(line) ||
              line.find("Distr.") != std::string::npos;
    if (symbol && heading) return true;
  }
  return false;
}

}  // namespace ingest

Result<ParseResult> ParseUnDocument(std::string_view text, std::string_view source,
                                    const ParseOptions& options) {
  HEXAGLOT_RETURN_IF_ERROR(ingest::ValidateUtf8(text, source));
  // Arabic-Indic and full-width digits made ASCII: in numbers, markers and the text.
  const std::string folded = ingest::FoldDigits(ingest::StripBom(text));
  const std::vector<std::string_view> lines = ingest::SplitLines(folded);
  Metadata meta;
  const std::size_t body_start = ReadFrontMatter(lines, &meta);
  ParseOptions resolved = options;
  if (!resolved.language && !meta.language.empty()) {
    std::string code = meta.language;
    std::transform(code.begin(), code.end(), code.begin(),
                   [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    if (Result<Language> named = ParseLanguage(code); named.ok()) resolved.language = *named;
  }
  HEXAGLOT_ASSIGN_OR_RETURN(const Language language,
                            ingest::ResolveLanguage(folded, source, resolved));
  ParseResult result = ParseParts(lines, body_start, source, language, &meta);

  std::string doc = options.doc;
  if (doc.empty()) doc = meta.symbol.empty() ? ingest::SourceStem(source) : meta.symbol;
  for (Paragraph& record : result.paragraphs) {
    record.doc = doc;
    record.lang = language;
    if (!meta.title.empty()) record.section = meta.title;
    record.year = meta.year;
    ingest::CompleteRecord(&record);
  }
  return ingest::FinishParse(std::move(result), options);
}

}  // namespace hexaglot

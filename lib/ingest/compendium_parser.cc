// ParseCompendium: a UN compendium, converted from PDF to markdown-like text, to one
// record per numbered paragraph.
//
// The parser reads line by line. Each line is classified (heading, page footer, numbered
// paragraph, sub-item, text) and fed to a state machine that knows the current section,
// theme, key topics, background paper and open paragraph. Text that follows an open
// paragraph joins it when it is a soft line wrap, starts in lower case, or follows text
// that does not end a sentence: how paragraphs broken across pages look after conversion.

#include "ingest/compendium_parser.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "hexaglot/ingest.h"
#include "ingest/inline_text.h"
#include "ingest/language_cues.h"
#include "ingest/records.h"
#include "util/status_macros.h"
#include "util/utf8.h"

namespace hexaglot {
namespace {

using ingest::AppendJoined;
using ingest::CleanInline;

enum class LineKind { kBlank, kHeading, kFooter, kNumbered, kSubItem, kText };

struct ClassifiedLine {
  LineKind kind = LineKind::kBlank;
  std::string body;    // Heading text, or the text after list marker and number.
  std::string number;  // kNumbered: ASCII digits.
  std::string job;     // kFooter: the job number, e.g. "V.21-05340".
  bool list_marker = false;
};

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

bool IsJobNumber(std::string_view token) {
  // "V.21-05340": a letter, '.', two digits, '-', five digits.
  if (token.size() != 10 || token[0] < 'A' || token[0] > 'Z' || token[1] != '.' ||
      token[4] != '-') {
    return false;
  }
  for (std::size_t i : {2, 3, 5, 6, 7, 8, 9}) {
    if (!IsAsciiDigit(token[i])) return false;
  }
  return true;
}

bool IsAllDigits(std::string_view token, std::size_t min, std::size_t max) {
  if (token.size() < min || token.size() > max) return false;
  for (char c : token) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

// Page footers and the first page's job line: "V.21-05340 3/11", "2/11 V.21-05340",
// "V.21-05340 (E) 150721 160721 *2105340*" (the barcode's asterisks are gone already).
std::optional<std::string> FooterJobNumber(std::string_view line) {
  std::optional<std::string> job;
  std::size_t start = 0;
  while (start <= line.size()) {
    std::size_t end = line.find(' ', start);
    if (end == std::string_view::npos) end = line.size();
    const std::string_view token = line.substr(start, end - start);
    start = end + 1;
    if (token.empty()) continue;
    if (IsJobNumber(token)) {
      if (!job) job = std::string(token);
      continue;
    }
    const std::size_t slash = token.find('/');
    if (slash != std::string_view::npos && IsAllDigits(token.substr(0, slash), 1, 4) &&
        IsAllDigits(token.substr(slash + 1), 1, 4)) {
      continue;  // Page n/m.
    }
    if (token.size() >= 3 && token.size() <= 4 && token.front() == '(' && token.back() == ')') {
      continue;  // Language version, "(E)".
    }
    if (IsAllDigits(token, 6, 8)) continue;  // Dates of issue, barcode digits.
    return std::nullopt;
  }
  return job;
}

bool IsListMarker(char32_t c) {
  return c == U'-' || c == U'+' || c == U'\u2022' || c == U'\u2013' || c == U'\uFF0D';
}

bool IsCjkSeparator(char32_t c) { return c == U'\uFF0E' || c == U'\u3001'; }

// "12. text", "١٢ - text", "１２．text": the number in ASCII digits and where the text
// starts, or nullopt.
std::optional<std::size_t> ParseNumber(std::u32string_view chars, std::string* number) {
  std::size_t end = 0;
  number->clear();
  while (end < chars.size() && end < 6) {
    const int digit = ingest::DigitValue(chars[end]);
    if (digit < 0) break;
    number->push_back(static_cast<char>('0' + digit));
    ++end;
  }
  if (end == 0 || end == 6) return std::nullopt;
  std::size_t pos = end;
  while (pos < chars.size() && chars[pos] == U' ') ++pos;
  if (pos >= chars.size()) return std::nullopt;
  const char32_t separator = chars[pos];
  const bool dash = separator == U'-' || separator == U'\u2013';
  if (separator != U'.' && !dash && !IsCjkSeparator(separator)) return std::nullopt;
  // "1.5 million" and "2015-2019" are not paragraph numbers.
  if (dash && pos == end) return std::nullopt;
  ++pos;
  if (pos == chars.size()) return pos;
  if (chars[pos] == U' ') return pos + 1;
  // Chinese needs no space after the number.
  if (IsCjkSeparator(separator) ||
      (separator == U'.' && ingest::IsWordChar(chars[pos]) && chars[pos] >= 0x2E80)) {
    return pos;
  }
  return std::nullopt;
}

// "(a) ", "a) ", "(iv) ", "(أ) ", "（a）": a sub-item's marker.
bool IsSubItem(std::u32string_view chars) {
  std::size_t pos = 0;
  if (pos < chars.size() && (chars[pos] == U'(' || chars[pos] == U'\uFF08')) ++pos;
  const std::size_t letters_start = pos;
  while (pos < chars.size() && pos - letters_start <= 4 && ingest::IsWordChar(chars[pos]) &&
         ingest::DigitValue(chars[pos]) < 0) {
    ++pos;
  }
  const std::size_t letters = pos - letters_start;
  if (letters == 0 || letters > 4 || pos >= chars.size()) return false;
  if (chars[pos] != U')' && chars[pos] != U'\uFF09') return false;
  ++pos;
  return pos == chars.size() || chars[pos] == U' ' || chars[pos - 1] == U'\uFF09';
}

ClassifiedLine Classify(std::string_view raw) {
  ClassifiedLine line;
  if (ingest::IsBlank(raw)) return line;
  std::string clean = CleanInline(raw);
  if (clean.empty()) return line;

  if (clean[0] == '#') {
    const std::size_t level = clean.find_first_not_of('#');
    if (level <= 6) {
      line.kind = LineKind::kHeading;
      line.body = CleanInline(
          std::string_view(clean).substr(level == std::string::npos ? clean.size() : level));
      if (line.body.empty()) line.kind = LineKind::kBlank;
      return line;
    }
  }
  if (std::optional<std::string> job = FooterJobNumber(clean)) {
    line.kind = LineKind::kFooter;
    line.job = std::move(*job);
    return line;
  }

  std::u32string chars = utf8::DecodeAll(clean);
  std::size_t start = 0;
  if (chars.size() >= 2 && IsListMarker(chars[0]) && chars[1] == U' ') {
    line.list_marker = true;
    start = 2;
  }
  const std::u32string_view rest = std::u32string_view(chars).substr(start);
  if (std::optional<std::size_t> text_start = ParseNumber(rest, &line.number)) {
    line.kind = LineKind::kNumbered;
    line.body = CleanInline(utf8::EncodeAll(rest.substr(*text_start)));
    return line;
  }
  line.kind = IsSubItem(rest) ? LineKind::kSubItem : LineKind::kText;
  line.body = utf8::EncodeAll(rest);
  return line;
}

// Where the last non-blank line's text went, for joining soft-wrapped lines to it.
enum class Sink { kNone, kParagraph, kTopics, kDropped };

class CompendiumParser {
 public:
  CompendiumParser(std::string_view source, const ParseOptions& options)
      : source_(source), options_(options) {}

  void Feed(std::string_view raw, std::uint32_t line_number) {
    line_number_ = line_number;
    const ClassifiedLine line = Classify(raw);
    switch (line.kind) {
      case LineKind::kBlank:
        blank_since_sink_ = true;
        return;
      case LineKind::kFooter:
        if (!job_) job_ = line.job;
        blank_since_sink_ = true;
        return;
      case LineKind::kHeading:
        OnHeading(line.body);
        return;
      case LineKind::kNumbered:
        OnNumbered(line);
        return;
      case LineKind::kSubItem:
        OnSubItem(line.body);
        return;
      case LineKind::kText:
        OnText(line);
        return;
    }
  }

  // Closes what is open and returns the records, still without doc, id and hash.
  ParseResult Finish() {
    CloseTopics();
    CloseParagraph();
    return std::move(result_);
  }

  const std::optional<std::string>& job() const { return job_; }

 private:
  void SetSink(Sink sink) {
    sink_ = sink;
    blank_since_sink_ = false;
  }

  void OnHeading(const std::string& heading) {
    CloseTopics();
    CloseParagraph();
    std::string inline_list;
    if (ingest::MatchKeyTopicsLabel(heading, options_.key_topics_labels, &inline_list)) {
      OpenTopics(std::move(inline_list));
      return;
    }
    SetSink(Sink::kNone);
    if (ingest::IsSectionHeading(heading)) {
      section_ = heading;
      theme_.reset();
    } else if (section_) {
      theme_ = heading;
    } else {
      return;  // The document's title lines, before its first section.
    }
    topics_.clear();
    paper_.reset();
  }

  void OpenTopics(std::string inline_list) {
    topics_open_ = true;
    topics_line_ = line_number_;
    topics_text_ = std::move(inline_list);
    SetSink(Sink::kTopics);
  }

  void CloseTopics() {
    if (!topics_open_) return;
    topics_open_ = false;
    topics_ = ingest::SplitTopics(topics_text_);
    if (topics_.empty()) {
      ingest::Warn(&result_, source_, topics_line_, "\"Key topics\" heading without a list");
    }
    topics_text_.clear();
  }

  void OnNumbered(const ClassifiedLine& line) {
    CloseTopics();
    CloseParagraph();
    std::uint32_t number = 0;
    for (char digit : line.number) number = number * 10 + static_cast<std::uint32_t>(digit - '0');
    CheckNumbering(number, line.number);

    Paragraph& record = open_.emplace();
    record.number = line.number;
    while (record.number.size() > 1 && record.number[0] == '0') record.number.erase(0, 1);
    record.section = section_;
    record.theme = theme_;
    record.topics = topics_;
    record.text = line.body;
    record.source = std::string(source_);
    record.line = line_number_;
    SetSink(Sink::kParagraph);
  }

  void CheckNumbering(std::uint32_t number, const std::string& printed) {
    if (const auto seen = first_line_.find(number); seen != first_line_.end()) {
      ingest::Warn(&result_, source_, line_number_,
                   "duplicate paragraph number " + printed + " (first at line " +
                       std::to_string(seen->second) + ")");
      return;
    }
    const std::uint32_t expected = last_number_ + 1;
    if (number > expected) {
      ingest::Warn(&result_, source_, line_number_,
                   "numbering gap: paragraph " + printed + " follows " +
                       (last_number_ == 0 ? std::string("the start of the document")
                                          : "paragraph " + std::to_string(last_number_)) +
                       (number == expected + 1 ? "; paragraph " + std::to_string(expected)
                                               : "; paragraphs " + std::to_string(expected) + "-" +
                                                     std::to_string(number - 1)) +
                       " missing");
    } else if (number < expected) {
      ingest::Warn(
          &result_, source_, line_number_,
          "paragraph " + printed + " out of order after paragraph " + std::to_string(last_number_));
    }
    first_line_.emplace(number, line_number_);
    last_number_ = std::max(last_number_, number);
  }

  void OnSubItem(const std::string& body) {
    if (topics_open_) {
      AppendTopics(body, /*bullet=*/true);
    } else if (open_) {
      AppendJoined(&open_->text, body);
      SetSink(Sink::kParagraph);
    } else {
      DropText("sub-item outside any numbered paragraph");
    }
  }

  void OnText(const ClassifiedLine& line) {
    // A line that only says "Key topics" is the label even without '#'.
    std::string inline_list;
    if (ingest::MatchKeyTopicsLabel(line.body, options_.key_topics_labels, &inline_list)) {
      CloseTopics();
      CloseParagraph();
      OpenTopics(std::move(inline_list));
      return;
    }
    // A line wrapped inside one block continues whatever the block's first line was.
    if (!blank_since_sink_ && !line.list_marker && sink_ != Sink::kNone) {
      switch (sink_) {
        case Sink::kParagraph:
          AppendJoined(&open_->text, line.body);
          return;
        case Sink::kTopics:
          AppendTopics(line.body, /*bullet=*/false);
          return;
        case Sink::kDropped:
        case Sink::kNone:
          return;
      }
    }
    if (topics_open_) {
      AppendTopics(line.body, line.list_marker);
    } else if (open_ &&
               (ingest::StartsLowercase(line.body) || !ingest::EndsSentence(open_->text))) {
      AppendJoined(&open_->text, line.body);
      SetSink(Sink::kParagraph);
    } else if (!section_ && !open_) {
      SetSink(Sink::kNone);  // Front matter: distribution, date, place of the meeting.
    } else {
      DropText("text that fits no paragraph");
    }
  }

  // A list may also come as bullets, one topic each: a bullet starts a new item.
  void AppendTopics(const std::string& body, bool bullet) {
    if (bullet && !topics_text_.empty()) topics_text_ += ';';
    AppendJoined(&topics_text_, body);
    SetSink(Sink::kTopics);
  }

  void DropText(std::string_view why) {
    ingest::Warn(&result_, source_, line_number_, std::string(why) + " (ignored)");
    SetSink(Sink::kDropped);
  }

  void CloseParagraph() {
    if (!open_) return;
    Paragraph record = std::move(*open_);
    open_.reset();
    if (sink_ == Sink::kParagraph) sink_ = Sink::kNone;
    if (record.text.empty()) {
      ingest::Warn(&result_, source_, record.line,
                   "paragraph " + record.number + " has no text (ignored)");
      return;
    }
    record.symbols = FindDocumentSymbols(record.text);
    if (!record.symbols.empty()) {
      const std::string_view lead =
          std::string_view(record.text).substr(0, record.text.find(record.symbols.front()));
      if (std::optional<ingest::MeetingCue> cue = ingest::FindMeetingCue(lead)) {
        paper_ = Paper{record.symbols.front(), cue->year, cue->meeting};
      }
    }
    if (paper_) {
      record.paper = paper_->symbol;
      record.year = paper_->year;
      record.meeting = paper_->meeting;
    }
    result_.paragraphs.push_back(std::move(record));
  }

  struct Paper {
    std::string symbol;
    int year = 0;
    std::optional<int> meeting;
  };

  std::string_view source_;
  const ParseOptions& options_;
  ParseResult result_;
  std::uint32_t line_number_ = 0;

  std::optional<std::string> job_;
  std::optional<std::string> section_;
  std::optional<std::string> theme_;
  std::vector<std::string> topics_;
  std::optional<Paper> paper_;

  bool topics_open_ = false;
  std::uint32_t topics_line_ = 0;
  std::string topics_text_;

  std::optional<Paragraph> open_;  // The paragraph that text may still join.
  std::uint32_t last_number_ = 0;
  std::unordered_map<std::uint32_t, std::uint32_t> first_line_;  // Number -> its line.

  Sink sink_ = Sink::kNone;
  bool blank_since_sink_ = true;
};

}  // namespace

namespace ingest {

bool LooksLikeCompendium(std::string_view text) {
  const std::vector<std::string> no_extra_labels;
  std::string inline_list;
  bool has_section = false;
  bool has_numbered = false;
  for (std::string_view raw : SplitLines(StripBom(text))) {
    const ClassifiedLine line = Classify(raw);
    if (line.kind == LineKind::kFooter) return true;
    if (line.kind == LineKind::kHeading) {
      if (MatchKeyTopicsLabel(line.body, no_extra_labels, &inline_list)) return true;
      has_section = has_section || IsSectionHeading(line.body);
    }
    has_numbered = has_numbered || line.kind == LineKind::kNumbered;
    if (has_section && has_numbered) return true;
  }
  return false;
}

}  // namespace ingest

Result<ParseResult> ParseCompendium(std::string_view text, std::string_view source,
                                    const ParseOptions& options) {
  HEXAGLOT_RETURN_IF_ERROR(ingest::ValidateUtf8(text, source));
  text = ingest::StripBom(text);
  HEXAGLOT_ASSIGN_OR_RETURN(const Language language,
                            ingest::ResolveLanguage(text, source, options));

  CompendiumParser parser(source, options);
  std::uint32_t line_number = 0;
  for (std::string_view line : ingest::SplitLines(text)) parser.Feed(line, ++line_number);
  ParseResult result = parser.Finish();

  std::string doc = options.doc;
  if (doc.empty()) doc = parser.job() ? *parser.job() : ingest::SourceStem(source);
  for (Paragraph& record : result.paragraphs) {
    record.doc = doc;
    record.lang = language;
    ingest::CompleteRecord(&record);
  }
  return ingest::FinishParse(std::move(result), options);
}

}  // namespace hexaglot

// ParsePlainText: plain text or markdown, where blank lines separate paragraphs.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "hexaglot/ingest.h"
#include "ingest/inline_text.h"
#include "ingest/records.h"
#include "util/status_macros.h"

namespace hexaglot {
namespace {

// "# Title" .. "###### Title", with or without the space ("##Title" is common in
// converted documents). Returns the heading's text, or nullopt for other lines.
std::optional<std::string> HeadingText(const std::string& clean) {
  if (clean.empty() || clean[0] != '#') return std::nullopt;
  const std::size_t level = clean.find_first_not_of('#');
  if (level > 6) return std::nullopt;
  return ingest::CleanInline(
      std::string_view(clean).substr(level == std::string::npos ? clean.size() : level));
}

// A line that is one HTML tag or comment ("<meta ... />", "<!-- -->"): markup, not text.
bool IsMarkupLine(const std::string& clean) {
  return clean.size() >= 2 && clean.front() == '<' && clean.back() == '>';
}

std::string_view WithoutListMarker(std::string_view line) {
  for (std::string_view marker : {"- ", "+ ", "\u2022 "}) {
    if (line.starts_with(marker)) return line.substr(marker.size());
  }
  return line;
}

}  // namespace

Result<ParseResult> ParsePlainText(std::string_view text, std::string_view source,
                                   const ParseOptions& options) {
  HEXAGLOT_RETURN_IF_ERROR(ingest::ValidateUtf8(text, source));
  text = ingest::StripBom(text);
  HEXAGLOT_ASSIGN_OR_RETURN(const Language language,
                            ingest::ResolveLanguage(text, source, options));
  const std::string doc = options.doc.empty() ? ingest::SourceStem(source) : options.doc;

  ParseResult result;
  std::optional<std::string> section;
  std::string block;
  std::uint32_t block_line = 0;
  auto flush = [&] {
    if (block.empty()) return;
    Paragraph record;
    record.doc = doc;
    record.lang = language;
    record.number = std::to_string(result.paragraphs.size() + 1);
    record.section = section;
    record.symbols = FindDocumentSymbols(block);
    record.text = std::move(block);
    record.source = std::string(source);
    record.line = block_line;
    ingest::CompleteRecord(&record);
    result.paragraphs.push_back(std::move(record));
    block.clear();
  };

  std::uint32_t line_number = 0;
  for (std::string_view line : ingest::SplitLines(text)) {
    ++line_number;
    const std::string clean = ingest::CleanInline(line);
    if (clean.empty()) {
      flush();
      continue;
    }
    if (std::optional<std::string> heading = HeadingText(clean)) {
      flush();
      if (!heading->empty()) section = std::move(*heading);
      continue;
    }
    if (IsMarkupLine(clean)) {
      flush();
      continue;
    }
    if (block.empty()) block_line = line_number;
    ingest::AppendJoined(&block, WithoutListMarker(clean));
  }
  flush();
  return ingest::FinishParse(std::move(result), options);
}

}  // namespace hexaglot

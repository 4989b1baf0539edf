// A paragraph record: the unit that hexaglot indexes and returns, shared by ingestion
// (which makes records), the index (which stores them) and search (which returns them).
// hexaglot/ingest.h reads records from files and computes their ContentHash; IndexWriter
// takes them.

#ifndef HEXAGLOT_PARAGRAPH_H_
#define HEXAGLOT_PARAGRAPH_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hexaglot/language.h"

namespace hexaglot {

// One indexable paragraph and the metadata users filter and group by.
struct Paragraph {
  std::string id;   // Unique key: "<doc>/<lang>/<number>" (JSON Lines: as given).
  std::string doc;  // Document symbol (a compendium's job number) or source name.
  Language lang = Language::kEnglish;
  std::string number;    // Paragraph number as printed, digits folded to ASCII ("16").
  std::string parallel;  // "<doc>/<number>": the same in every language version.
  std::optional<std::string> section;  // "I. Introduction"; nullopt before any section.
  std::optional<std::string> theme;    // Thematic heading; nullopt where none.
  std::vector<std::string> topics;     // The theme's "Key topics", one item each.
  std::optional<std::string> paper;    // Symbol of the background paper summarised.
  std::optional<int> year;             // The paper's year.
  std::optional<int> meeting;          // The paper's meeting, as a number (fifth -> 5).
  std::vector<std::string> symbols;    // UN document symbols cited in the text, in order.
  std::string text;        // Whitespace normalised; no list markers or markdown emphasis.
  std::string source;      // The file (or name) the record was read from.
  std::uint32_t line = 0;  // 1-based line where the record starts.
  std::string hash;        // ContentHash(): tells changed paragraphs from unchanged ones.

  friend bool operator==(const Paragraph&, const Paragraph&) = default;
};

}  // namespace hexaglot

#endif  // HEXAGLOT_PARAGRAPH_H_

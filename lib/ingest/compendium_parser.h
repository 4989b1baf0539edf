// Internal to lib/ingest: what format detection needs from the compendium parser.

#ifndef HEXAGLOT_INGEST_COMPENDIUM_PARSER_H_
#define HEXAGLOT_INGEST_COMPENDIUM_PARSER_H_

#include <string_view>

namespace hexaglot::ingest {

// True when `text` has a UN page footer ("V.21-05340 3/11"), a "Key topics" heading, or
// both a numbered section heading ("# I. Introduction") and a numbered paragraph.
// REQUIRES: text is valid UTF-8.
bool LooksLikeCompendium(std::string_view text);

}  // namespace hexaglot::ingest

#endif  // HEXAGLOT_INGEST_COMPENDIUM_PARSER_H_

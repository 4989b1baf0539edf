// Internal to lib/ingest: what format detection needs from the UN document parser.

#ifndef HEXAGLOT_INGEST_UN_DOCUMENT_H_
#define HEXAGLOT_INGEST_UN_DOCUMENT_H_

#include <string_view>

namespace hexaglot::ingest {

// True when `text` opens with YAML front matter that has a "symbol:" line, or when one of
// its first lines is a UN document symbol alone ("A/RES/80/6") beside a heading line
// ("United Nations", "Distr.: General"). REQUIRES: text is valid UTF-8.
bool LooksLikeUnDocument(std::string_view text);

}  // namespace hexaglot::ingest

#endif  // HEXAGLOT_INGEST_UN_DOCUMENT_H_

// JSON Lines parsing in three steps, so that the pieces of one input can be parsed on
// several threads while records keep the numbers and duplicate checks of a whole-input
// parse: ParseJsonLinesPiece (any thread) -> JsonLinesSequencer::Sequence (one piece at a
// time, in input order) -> CompleteJsonLinesPiece (any thread). ParseJsonLines is the
// three steps over one piece. Internal to lib/ingest.

#ifndef HEXAGLOT_INGEST_JSON_LINES_H_
#define HEXAGLOT_INGEST_JSON_LINES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/ingest.h"
#include "util/flat_string_map.h"

namespace hexaglot::ingest {

// The records and warnings of a piece of JSON Lines input (whole lines).
struct JsonLinesPiece {
  struct Pending {
    Paragraph record;           // Not completed: no "number" default, parallel or hash yet.
    std::uint32_t line = 0;     // The input line it was read from.
    std::uint64_t ordinal = 0;  // 1-based among the piece's objects.
    bool has_number = false;    // The object gave "number".
  };
  std::vector<Pending> records;
  std::vector<ParseWarning> warnings;
  std::uint64_t objects = 0;  // Lines that are JSON objects, usable or not.
};

// Parses `text`, whole lines of the input `source` whose first is line `first_line`
// (1-based). REQUIRES: text is valid UTF-8; a piece that starts the input has had its
// byte order mark stripped.
JsonLinesPiece ParseJsonLinesPiece(std::string_view text, std::string_view source,
                                   std::uint32_t first_line, const ParseOptions& options);

// What numbering and duplicate detection remember from one input's earlier pieces (the
// ids seen so far: its memory grows with the input's records).
class JsonLinesSequencer {
 public:
  // `expected_records`: about how many records the input has (their ids are kept), so
  // that the id table does not grow step by step.
  explicit JsonLinesSequencer(std::size_t expected_records = 0) {
    first_line_.Reserve(expected_records);
  }

  // Numbers the piece's records after those of earlier pieces, drops records whose id an
  // earlier record has (a warning each), and orders the warnings by line.
  // REQUIRES: pieces are passed in input order.
  void Sequence(std::string_view source, JsonLinesPiece* piece);

 private:
  std::uint64_t ordinal_ = 0;
  FlatStringMap<std::uint32_t> first_line_;  // By id.
};

// The piece's records, numbered and completed (id, parallel, hash).
// REQUIRES: Sequence(piece) was called.
std::vector<Paragraph> CompleteJsonLinesPiece(JsonLinesPiece piece);

}  // namespace hexaglot::ingest

#endif  // HEXAGLOT_INGEST_JSON_LINES_H_

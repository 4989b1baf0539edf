// What every ingest parser shares: input validation, the language and document name of
// an input, completing records (id, parallel, hash) and the strict-mode rule. Internal
// to lib/ingest.

#ifndef HEXAGLOT_INGEST_RECORDS_H_
#define HEXAGLOT_INGEST_RECORDS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "hexaglot/ingest.h"
#include "hexaglot/status.h"

namespace hexaglot::ingest {

// OK, or InvalidArgument "<source>: invalid UTF-8 at byte offset N (line L)".
Status ValidateUtf8(std::string_view text, std::string_view source);

// OK, or InvalidArgument naming the first character that a paragraph id may not have:
// white space (ASCII), a C0 control, DEL or a C1 control (U+0080..U+009F). Such ids break
// the formats that are split on white space (TREC run files) and the tool's output.
Status ValidateId(std::string_view id);

// options.language, or the language DetectLanguage finds in `text`; InvalidArgument
// naming `source` when it finds none.
Result<Language> ResolveLanguage(std::string_view text, std::string_view source,
                                 const ParseOptions& options);

// The file name of `source` without folders and extension ("corpus/x.en.md" -> "x.en").
std::string SourceStem(std::string_view source);

// Fills what follows from the other fields: id ("<doc>/<lang>/<number>", with '_' for each
// character ValidateId refuses, as a file name's space) and parallel ("<doc>/<number>")
// where empty, and hash.
void CompleteRecord(Paragraph* paragraph);

// Adds a warning.
void Warn(ParseResult* result, std::string_view source, std::uint32_t line, std::string message);

// `result`, or under options.strict with warnings, InvalidArgument with the first one.
Result<ParseResult> FinishParse(ParseResult result, const ParseOptions& options);

}  // namespace hexaglot::ingest

#endif  // HEXAGLOT_INGEST_RECORDS_H_

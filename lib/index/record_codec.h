// The stored record of a paragraph: how the index layer serialises a Paragraph into
// SegmentDocument::stored and back (lib/format/FORMAT.md, "Stored record").

#ifndef HEXAGLOT_INDEX_RECORD_CODEC_H_
#define HEXAGLOT_INDEX_RECORD_CODEC_H_

#include <string>
#include <string_view>

#include "hexaglot/paragraph.h"
#include "hexaglot/status.h"

namespace hexaglot::index {

// Appends the record of `paragraph` to `*out`.
void EncodeRecord(const Paragraph& paragraph, std::string* out);
// The record of `paragraph` around its text: *head + paragraph.text + *tail (appended to)
// is EncodeRecord's, so that a writer can take a huge text where it is.
void EncodeRecordAroundText(const Paragraph& paragraph, std::string* head, std::string* tail);

// Decodes a whole record. Corruption naming `where` (e.g. "seg-3 document 12") when the
// bytes are not exactly one well-formed record.
Result<Paragraph> DecodeRecord(std::string_view record, std::string_view where);

}  // namespace hexaglot::index

#endif  // HEXAGLOT_INDEX_RECORD_CODEC_H_

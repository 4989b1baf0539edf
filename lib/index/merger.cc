// Segment merges (lib/index/merger.h).

#include "index/merger.h"

#include <memory>
#include <vector>

#include "format/fields.h"
#include "index/inverter.h"
#include "util/status_macros.h"

namespace hexaglot::index {

Result<format::SegmentInfo> MergeSegments(Directory* directory, const std::string& name,
                                          std::span<const MergeSource> sources,
                                          const format::SegmentWriterOptions& options) {
  HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<format::SegmentWriter> writer,
                            format::SegmentWriter::Create(directory, name, options));
  // Documents: the live ones of each source, in order; doc_maps[s][old] = new id.
  std::vector<std::vector<DocId>> doc_maps(sources.size());
  DocId next = 0;
  for (std::size_t s = 0; s < sources.size(); ++s) {
    const format::SegmentReader& reader = *sources[s].reader;
    doc_maps[s].assign(reader.doc_count(), kEndDoc);
    for (DocId doc = 0; doc < reader.doc_count(); ++doc) {
      if (sources[s].deletions != nullptr && sources[s].deletions->IsDeleted(doc)) continue;
      format::SegmentDocument document;
      HEXAGLOT_ASSIGN_OR_RETURN(document.stored, reader.Stored(doc));
      document.language = reader.language(doc);
      for (int f = 0; f < format::kScoredFieldCount; ++f) {
        document.lengths[static_cast<std::size_t>(f)] = reader.length(f, doc);
      }
      HEXAGLOT_RETURN_IF_ERROR(writer->AddDocument(document));
      doc_maps[s][doc] = next++;
    }
  }

  // Terms: a merge of the sources' sorted dictionaries. A linear scan for the smallest
  // key: merges take at most a few dozen segments.
  std::vector<std::unique_ptr<format::TermIterator>> terms;
  for (const MergeSource& source : sources) terms.push_back(source.reader->Terms());
  std::string key;
  std::vector<std::uint32_t> positions;
  for (;;) {
    bool found = false;
    std::string_view smallest_key;
    for (std::size_t s = 0; s < terms.size(); ++s) {
      HEXAGLOT_RETURN_IF_ERROR(terms[s]->status().WithContext(sources[s].reader->name()));
      if (!terms[s]->Valid()) continue;
      if (!found || terms[s]->key() < smallest_key) {
        smallest_key = terms[s]->key();
        found = true;
      }
    }
    if (!found) break;
    key.assign(smallest_key);
    const std::optional<format::DecodedTermKey> decoded = format::DecodeTermKey(key);
    if (!decoded) {
      return Status::Corruption("merging into " + name + ": a source has a malformed term key");
    }
    const bool with_positions = FieldHasPositions(decoded->field);
    bool started = false;
    for (std::size_t s = 0; s < terms.size(); ++s) {
      if (!terms[s]->Valid() || terms[s]->key() != key) continue;
      const format::SegmentReader& reader = *sources[s].reader;
      HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<PostingCursor> cursor,
                                reader.OpenCursor(terms[s]->info(), with_positions));
      for (DocId doc = cursor->doc(); doc != kEndDoc; doc = cursor->Next()) {
        if (doc >= doc_maps[s].size()) {
          return Status::Corruption(reader.name() + ": posting of document " + std::to_string(doc) +
                                    " past the segment's documents");
        }
        const DocId mapped = doc_maps[s][doc];
        if (mapped == kEndDoc) continue;
        positions.clear();
        if (with_positions) HEXAGLOT_RETURN_IF_ERROR(cursor->Positions(&positions));
        if (!started) {
          HEXAGLOT_RETURN_IF_ERROR(writer->StartTerm(key));
          started = true;
        }
        HEXAGLOT_RETURN_IF_ERROR(writer->AddPosting(mapped, cursor->freq(), positions));
      }
      HEXAGLOT_RETURN_IF_ERROR(cursor->status());
      terms[s]->Next();
    }
    if (started) HEXAGLOT_RETURN_IF_ERROR(writer->FinishTerm());
  }
  return writer->Finish();
}

}  // namespace hexaglot::index

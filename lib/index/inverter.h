// Inverter: paragraphs -> analysed fields -> in-memory postings -> one segment.
//
// Each indexing thread owns one inverter (and its analyzers). Documents stream into a
// SegmentWriter as they arrive (their stored records and lengths); their postings wait in
// a hash map from term key to a growing varint buffer until Flush sorts the keys and
// streams them into the writer. accounted_bytes() approximates the memory held, so that
// the index writer can flush when an inverter reaches its share of the budget.
//
// How a Paragraph maps onto the fields of lib/format/fields.h:
//   text -> kText; theme -> kTheme (analysed) and kThemeExact; each topic -> kTopic
//   (analysed; the items' positions follow each other with a gap of one, so no phrase
//   spans two items) and kTopicExact; symbols -> kSymbol; paper -> kPaper; doc -> kDoc;
//   lang -> kLang (its code); year -> kYear (decimal); id -> kId; parallel -> kParallel.
// Analysed fields and the *_exact fields are keyed by the paragraph's language; the other
// exact fields are language-neutral. Exact theme and topic values are NFKC-casefolded.
// A scored field's length is the number of positions the analyzer assigned, that is the
// last token's position + 1 (per topic item, summed).
//
// Thread safety: one thread at a time.

#ifndef HEXAGLOT_INDEX_INVERTER_H_
#define HEXAGLOT_INDEX_INVERTER_H_

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/memo_analyzer.h"
#include "format/fields.h"
#include "format/segment.h"
#include "hexaglot/analyzer.h"
#include "hexaglot/paragraph.h"
#include "hexaglot/status.h"
#include "index/deletions.h"
#include "util/directory.h"

namespace hexaglot::index {

// Whether a field's postings carry positions (the analysed, scored fields).
bool FieldHasPositions(format::FieldId field);

// Whether a field is keyed by the document's language rather than kNeutralLanguage.
bool FieldIsPerLanguage(format::FieldId field);

// The term of an exact field's value: NFKC case folding for kThemeExact and kTopicExact,
// the canonical code for kLang ("FR" -> "fr"), the value as is otherwise. InvalidArgument
// for invalid UTF-8 or an unknown language code.
Result<std::string> ExactTerm(format::FieldId field, std::string_view value);

// InvalidArgument naming the paragraph when it cannot be indexed: an empty id, or a string
// field that is not valid UTF-8, or more than kMaxParagraphBytes in all.
Status ValidateParagraph(const Paragraph& paragraph);

// A segment written by Flush, with the documents deleted while they were buffered.
struct FlushedSegment {
  format::SegmentInfo info;
  DeletionBitset deletions;
};

class Inverter {
 public:
  // REQUIRES: `directory` outlives the inverter.
  Inverter(Directory* directory, const AnalyzerOptions& analyzer_options,
           const format::SegmentWriterOptions& segment_options);
  ~Inverter();
  Inverter(const Inverter&) = delete;
  Inverter& operator=(const Inverter&) = delete;

  // Whether a segment is open (documents were added since the last Flush).
  bool has_segment() const { return writer_ != nullptr; }
  std::uint64_t accounted_bytes() const { return accounted_bytes_; }

  // Adds a document, opening a segment named by `new_segment_name()` first when none is
  // open. REQUIRES: ValidateParagraph(paragraph) is OK.
  Status Add(const Paragraph& paragraph, const std::function<std::string()>& new_segment_name);

  // Marks the buffered documents that have the term `key` deleted; returns how many were
  // not deleted before.
  DocId DeleteTerm(std::string_view key);

  // Writes the terms and finishes the open segment; the inverter is then empty.
  // REQUIRES: has_segment().
  Result<FlushedSegment> Flush();

 private:
  // One term's postings: for each document, varint doc delta, varint freq, and for fields
  // with positions `freq` varint position deltas.
  struct TermBuffer {
    std::string bytes;
    DocId last_doc = 0;
    std::uint32_t doc_count = 0;
    bool positions = false;
  };
  struct Occurrence {
    std::uint32_t term;
    std::uint32_t position;
  };

  // A language's analyzer, and for each analysed field (text, theme, topic) the term id of
  // each memo entry its tokens came from (kUnknownTerm for an entry not seen yet, an
  // empty table for a field without tokens), valid for the memo generation `generation`
  // and until Reset.
  struct LanguageState {
    std::unique_ptr<analysis::MemoAnalyzer> analyzer;
    std::uint64_t generation = 0;
    std::array<std::vector<std::uint32_t>, 3> term_ids;
  };
  static constexpr std::uint32_t kUnknownTerm = UINT32_MAX;

  Result<LanguageState*> StateFor(Language language);
  // The id of `key`, added when new. An open-addressing table (linear probing, at most
  // half full) of (hash tag, id + 1) slots over term_keys_: one cache miss per lookup
  // where a node-based map takes several.
  std::uint32_t TermId(std::string_view key, std::uint64_t hash, bool positions);
  // The slot of `key` (with Checksum64 `hash`), or the empty slot where it would go.
  std::size_t FindSlot(std::string_view key, std::uint64_t hash) const;
  void GrowSlots();
  // Analyses `text` into occurrences at positions + `base`, in windows of about
  // kAnalysisWindowBytes (inverter.cc); returns the field's length (its positions, stop words
  // after the last token included).
  Result<std::uint32_t> AddAnalysed(format::FieldId field, Language language, std::string_view text,
                                    std::uint32_t base);
  // Turns tokens_ (with entries_) into occurrences at positions + `base`, keyed by
  // `prefix` + term; `table` is the field's index in state->term_ids.
  void AddTokens(LanguageState* state, std::size_t table, std::string_view prefix,
                 std::uint32_t base);
  // Sorts occurrences_ by term, then position.
  void SortOccurrences();
  // Appends the postings of document `doc` (its occurrences_) to its terms' buffers.
  void AddPostings(DocId doc);
  // Appends the positions in occurrences_ to their terms' buffers as open postings (their
  // header still to come) and clears it: a huge document holds its postings, not 8
  // bytes per token. Positions of a term only grow from one spill to the next.
  void SpillOccurrences();
  // Inserts the headers (doc delta, freq) of the open postings of document `doc`.
  void CloseOpenPostings(DocId doc);
  // Removes the open postings' positions (a document that failed).
  void DiscardOpenPostings();
  // Frees the per-document scratch buffers that a huge document grew.
  void ReleaseLargeScratch();
  void AddExact(format::FieldId field, std::optional<Language> language, std::string_view term);
  void Reset();

  Directory* const directory_;
  const AnalyzerOptions analyzer_options_;
  const format::SegmentWriterOptions segment_options_;
  std::array<LanguageState, kLanguageCount> languages_;

  std::unique_ptr<format::SegmentWriter> writer_;
  DocId doc_count_ = 0;
  std::uint64_t accounted_bytes_ = 0;
  struct Slot {
    std::uint32_t tag = 0;          // The hash's high half.
    std::uint32_t id_plus_one = 0;  // 0: empty.
  };
  std::vector<Slot> slots_;             // Size a power of two.
  std::vector<TermBuffer> terms_;       // By term id.
  std::vector<std::string> term_keys_;  // By term id.
  std::vector<bool> deleted_;           // By buffered document.

  // Per-document scratch.
  std::vector<Occurrence> occurrences_;
  std::vector<Token> tokens_;
  std::vector<std::uint32_t> entries_;  // The tokens' memo entries.
  std::vector<std::size_t> misses_;     // Tokens whose entry has no term id yet.
  std::string key_;
  // The current field's missed token keys, end to end, where each ends, and their
  // Checksum64.
  std::string token_keys_;
  std::vector<std::size_t> token_key_ends_;
  std::vector<std::uint64_t> token_hashes_;
  std::string record_;  // A record's bytes before its text, then after it.
  std::string record_tail_;
  std::vector<std::uint32_t> positions_;
  // The current document's open postings (SpillOccurrences): the term, where its positions
  // start in its buffer, its frequency so far and its last position.
  struct OpenPosting {
    std::uint32_t term;
    std::size_t start;
    std::uint32_t freq;
    std::uint32_t last_position;
  };
  static constexpr std::uint32_t kNotOpen = UINT32_MAX;
  std::vector<OpenPosting> open_;
  std::vector<std::uint32_t> open_index_;  // By term id: its index in open_, or kNotOpen.
};

}  // namespace hexaglot::index

#endif  // HEXAGLOT_INDEX_INVERTER_H_

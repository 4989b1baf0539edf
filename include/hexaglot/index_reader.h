// IndexReader: a read-only snapshot of one commit of an index.
//
// A reader holds one manifest generation and the segment files it names (mapped on disk,
// shared in memory). Commits made afterwards do not change what it sees, even when they
// remove those files; Reopen returns a reader of the newest commit, sharing the segments
// that did not change.
//
// Contract:
// - Ownership: Open returns a uniquely owned reader that keeps its IndexStorage alive.
// - Thread safety: a reader is immutable; any number of threads may use it at once.
// - Errors: NotFound when there is no index; Corruption naming the file and the byte
//   offset when a file fails validation; NotSupported for a newer format version.
// - Statistics: document counts and field lengths exclude deleted documents; term
//   document frequencies include deleted documents until a merge drops them (as Lucene).

#ifndef HEXAGLOT_INDEX_READER_H_
#define HEXAGLOT_INDEX_READER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/analyzer.h"
#include "hexaglot/export.h"
#include "hexaglot/index_storage.h"
#include "hexaglot/paragraph.h"
#include "hexaglot/status.h"

namespace hexaglot {

struct IndexSegmentStats {
  std::string name;
  std::uint64_t documents = 0;  // Written, deleted ones included.
  std::uint64_t deleted = 0;
  std::uint64_t bytes = 0;  // All its files, its deletion file included.
};

struct IndexFileKindStats {
  std::string kind;  // "manifest", "deletions", "terms", "postings", "positions", ...
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
};

struct IndexLanguageStats {
  Language language = Language::kEnglish;
  std::uint64_t documents = 0;    // Live documents.
  std::uint64_t text_length = 0;  // Token positions of their body text.
  std::uint64_t terms = 0;        // Distinct terms of the language in any field.
};

struct IndexStats {
  std::uint64_t generation = 0;
  std::uint64_t documents = 0;  // Live.
  std::uint64_t deleted_documents = 0;
  std::uint64_t terms = 0;     // Distinct term keys (field, language, term).
  std::uint64_t postings = 0;  // Sum of document frequencies over the segments' terms.
  // Postings file bits per posting (doc id, frequency, skip and block-max data).
  double bits_per_posting = 0.0;
  std::uint64_t bytes = 0;  // Every file of the commit.
  std::vector<IndexSegmentStats> segments;
  std::vector<IndexFileKindStats> files;      // By kind, in name order.
  std::vector<IndexLanguageStats> languages;  // Languages with documents, in code order.
};

// Inspection (`hexaglot dump`). Fields are named as in DeleteByTerm, plus the analysed
// "text", "theme" and "topic"; "text", "theme", "topic", "theme_exact" and "topic_exact"
// are keyed per language, the others are language-neutral.

// One term of the index, over all its segments.
struct IndexTerm {
  std::string field;
  std::optional<Language> language;  // nullopt for a language-neutral field.
  std::string term;                  // As indexed: analysed, or the exact value.
  std::uint64_t doc_freq = 0;        // Deleted documents included until a merge drops them.
  std::uint64_t total_freq = 0;      // Occurrences (the sum of term frequencies).
};

struct TermListOptions {
  std::string field = "text";
  // The language of a per-language field's terms; nullopt: every language. Ignored for
  // language-neutral fields.
  std::optional<Language> language;
  std::string prefix;       // Only terms starting with these bytes.
  std::uint64_t limit = 0;  // At most this many terms; 0: all.
};

// A live document that has a term.
struct IndexPosting {
  std::string id;  // The paragraph's id.
  std::string segment;
  std::uint32_t doc = 0;  // Its number in that segment.
  std::uint32_t freq = 0;
  std::vector<std::uint32_t> positions;  // Word positions; empty for fields without them.
};

struct PostingsQuery {
  std::string field = "text";
  // As in TermListOptions: nullopt looks the term up in every language.
  std::optional<Language> language;
  std::string term;
  // false: `term` is text, turned into the indexed term as indexing does (the index's
  // analyser for "text", "theme" and "topic", which must give exactly one term besides its
  // exact form; the exact fields' normalisation otherwise). true: `term` is the indexed term
  // itself (an exact form: kExactFormMarker + the word).
  bool raw = false;
};

// The postings of one indexed term.
struct IndexPostingList {
  std::optional<Language> language;    // nullopt for a language-neutral field.
  std::string term;                    // As indexed.
  std::uint64_t doc_freq = 0;          // As in IndexTerm.
  std::vector<IndexPosting> postings;  // Live documents, segment by segment, in doc order.
};

class HEXAGLOT_EXPORT IndexReader {
 public:
  // Opens the newest commit in `storage`.
  static Result<std::unique_ptr<IndexReader>> Open(std::shared_ptr<IndexStorage> storage);
  // Opens the newest commit in the folder `path`.
  static Result<std::unique_ptr<IndexReader>> Open(const std::string& path);

  IndexReader(const IndexReader&) = delete;
  IndexReader& operator=(const IndexReader&) = delete;
  ~IndexReader();

  // A reader of the newest commit (this one's snapshot when nothing was committed since).
  Result<std::unique_ptr<IndexReader>> Reopen() const;

  std::uint64_t generation() const;
  // Live documents.
  std::uint64_t doc_count() const;
  // The analyser options the index was built with (queries must use the same).
  const AnalyzerOptions& analyzer_options() const;

  // The live paragraph with this id, or nullopt. Corruption if its record is bad.
  Result<std::optional<Paragraph>> Get(std::string_view id) const;
  // The live paragraphs whose `parallel` key is `parallel_key` (the language versions of
  // one paragraph), in language code order (ar zh en fr ru es), then index order.
  Result<std::vector<Paragraph>> GetParallel(std::string_view parallel_key) const;

  // The terms of a field in key order (by language in code order, then bytewise).
  // InvalidArgument for an unknown field name.
  Result<std::vector<IndexTerm>> Terms(const TermListOptions& options) const;
  // The postings of a term, one list per language that has it (none when no language
  // does). InvalidArgument for an unknown field, or text that does not analyse to exactly
  // one term in any of the languages asked for (a stop word, two words).
  Result<std::vector<IndexPostingList>> Postings(const PostingsQuery& query) const;
  // Counts and sizes for `hexaglot stats`; walks every term dictionary.
  Result<IndexStats> Stats() const;
  // Verifies every checksum and invariant: each segment's deep check, the manifest's file
  // list and sizes against the files, deletion bitsets, and every stored record. OK, or
  // the first problem found (Corruption naming the file and offset).
  Status Check() const;

  // Implementation; the query layer reaches it through lib/index/reader_access.h.
  class Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit IndexReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hexaglot

#endif  // HEXAGLOT_INDEX_READER_H_

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
#include "hexaglot/ingest.h"
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

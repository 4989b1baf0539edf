// IndexWriter: adds, replaces and deletes paragraphs of an index and commits them.
//
// An index is immutable segments plus a manifest naming the segments of one commit
// (lib/format/FORMAT.md, "Manifest"). The writer inverts added paragraphs in memory, one
// inverter per indexing thread, and writes a segment whenever an inverter's memory budget
// share is used up. Commit makes everything done since the last commit durable and
// visible to readers opened afterwards, atomically: a crash at any moment leaves the
// previous commit intact, and files of an unfinished commit are removed when the next
// writer opens the index. Deletions are per-segment bitsets written at commit; merges
// (a tiered policy, or ForceMerge) rewrite the live documents of several segments into one.
//
// Contract:
// - Ownership: Open returns a uniquely owned writer that keeps its IndexStorage alive and
//   holds the index's writer lock until it is destroyed. Destroying a writer discards
//   what was not committed.
// - Thread safety: all methods may be called from any thread; they are serialised
//   internally. AddAll and Update use up to `threads` threads themselves.
// - Reproducibility: the same calls on the same index, with the same `threads` and
//   `memory_budget_bytes`, write the same files byte for byte, whatever the threads'
//   timing: AddAll gives each thread a fixed slice, Update(RecordSource&) gives batch i of
//   the source (RecordSource's numbering) to inverter i mod `threads`, in order, and the
//   segments a call writes are named and ordered by inverter and flush, not by time.
// - Errors: invalid input (a paragraph with an empty id, invalid UTF-8, or more than
//   kMaxParagraphBytes) is InvalidArgument naming the paragraph, and changes nothing. A
//   storage failure while writing segments, deletions or the manifest is returned as it
//   is (IOError ...); the last commit stays readable, the files the failed call wrote are
//   removed (best effort: by the failed Commit, MaybeMerge or ForceMerge, else when the
//   writer is destroyed), and the writer refuses every later call with FailedPrecondition
//   (open a new writer to go on, as after a crash). Corrupt index files met while opening or
//   merging are Corruption naming the file. An id with white space or control characters
//   is invalid input too (it would break TREC run files and terminal output).
// - Ownership of files: a writer removes only files with the exact names of index files
//   (lib/index/index_files.h), and only in a folder that holds a manifest or nothing but
//   such files.
// - Deleted documents: a delete hides matching documents added before it (committed or
//   not), never those added after it. Until a merge rewrites their segment, deleted
//   documents still count in term document frequencies (as in Lucene); document counts
//   and field lengths exclude them.

#ifndef HEXAGLOT_INDEX_WRITER_H_
#define HEXAGLOT_INDEX_WRITER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "hexaglot/analyzer.h"
#include "hexaglot/export.h"
#include "hexaglot/index_storage.h"
#include "hexaglot/ingest.h"
#include "hexaglot/status.h"

namespace hexaglot {

// The most bytes a paragraph may hold, its text and metadata fields together. Add,
// AddAll, Replace and Update refuse a larger one with InvalidArgument before analysing
// it. Far above any real paragraph, it bounds what one record costs the writer (its
// tokens, about 40 bytes per word) and keeps stored records within the format's limit.
inline constexpr std::uint64_t kMaxParagraphBytes = std::uint64_t{64} << 20;

// IndexWriterOptions::threads is clamped to this many per hardware thread: more threads
// only split the memory budget into smaller shares (and smaller segments) and may exhaust
// the system's threads.
inline constexpr int kMaxThreadsPerCore = 4;

// The tiered merge policy (Lucene's TieredMergePolicy, simplified): segments are sorted by
// live bytes; an index of T bytes may hold about `segments_per_tier` segments per tier of
// sizes floor, floor*max_merge_at_once, ...; while it holds more, the policy merges the
// window of up to `max_merge_at_once` adjacent-in-size segments whose merge is the most
// balanced (lowest largest/total ratio, favouring windows with many deletions). Segments
// with more than `max_deleted_percent` deleted documents are rewritten in any case.
struct MergePolicyOptions {
  int segments_per_tier = 10;
  int max_merge_at_once = 10;
  // Segments below this size count as this size, so tiny flushes merge early.
  std::uint64_t floor_segment_bytes = 2u << 20;
  // No merge produces a segment above about this size; segments above half of it are
  // merged again only when more than `max_deleted_percent` of their documents are deleted.
  std::uint64_t max_merged_segment_bytes = std::uint64_t{5} << 30;
  int max_deleted_percent = 20;
};

// How far AddAll or Update has got adding paragraphs (for progress bars). A streamed
// Update(RecordSource&) counts the records it has read and compared, added or not, and
// cannot know the totals: they are 0.
struct IndexProgress {
  std::uint64_t documents = 0;        // Paragraphs inverted so far by this call.
  std::uint64_t total_documents = 0;  // Paragraphs this call adds (0: unknown).
  std::uint64_t text_bytes = 0;       // UTF-8 bytes of their text so far.
  std::uint64_t total_text_bytes = 0;
};

struct IndexWriterOptions {
  // Memory the in-memory inverters may account for (postings, term dictionary, buffered
  // records), shared equally by the indexing threads. An inverter reaching its share
  // writes a segment. REQUIRES: >= 1 MiB.
  std::uint64_t memory_budget_bytes = std::uint64_t{256} << 20;
  // Indexing threads for AddAll and Update; 0: one per hardware thread; at most
  // kMaxThreadsPerCore per hardware thread (more are clamped to that). A thread the system
  // cannot start is ResourceExhausted (the threads started are joined first).
  int threads = 0;
  // Start from scratch: the first commit replaces the index's documents by those added
  // since Open (the old commit stays readable until then). The first Update after Open
  // counts every live document of the replaced commit as removed, and its records as
  // added.
  bool rebuild = false;
  // Analysis of a new (or rebuilt) index; it is stored with the index. nullopt: the
  // defaults for a new index, the stored options for an existing one. Giving options that
  // differ from an existing index's is InvalidArgument (rebuild to change them).
  std::optional<AnalyzerOptions> analyzer;
  // Run the merge policy at every commit.
  bool merge_on_commit = true;
  // How long Open waits for another writer to release the index, trying again every 50 ms;
  // 0: not at all. Open then fails with Unavailable.
  std::chrono::milliseconds lock_wait{0};
  MergePolicyOptions merge_policy;
  // Called while AddAll and Update add paragraphs, from the indexing threads, one call at
  // a time: after a paragraph is inverted, unless another call is running (counts only
  // grow, and the last paragraph is always reported). It runs on an indexing thread, so it
  // must be quick, and it must not call the writer. Empty: no calls.
  std::function<void(const IndexProgress&)> progress;
};

// What Update did, by paragraph id.
struct UpdateCounts {
  std::uint64_t added = 0;      // Ids new to the index.
  std::uint64_t changed = 0;    // Ids whose content hash differs: replaced.
  std::uint64_t removed = 0;    // Ids in scope that the records no longer have: deleted.
  std::uint64_t unchanged = 0;  // Ids with the same content hash: left as they are.
  friend bool operator==(const UpdateCounts&, const UpdateCounts&) = default;
};

class HEXAGLOT_EXPORT IndexWriter {
 public:
  // Opens the index in `storage` for writing, creating an empty one (committed at once,
  // before any segment is written, so readers can open it) when there is none. Removes
  // index files that no commit references (an interrupted run's). Unavailable when another
  // writer holds the index past `lock_wait`; FailedPrecondition, changing nothing, when the
  // folder holds no manifest and files that are not index files (it is not an index);
  // Corruption when it holds segment files but no manifest (a lost manifest: the segments
  // are left alone), or when its manifest is bad; NotSupported when the manifest is newer
  // than this build.
  static Result<std::unique_ptr<IndexWriter>> Open(std::shared_ptr<IndexStorage> storage,
                                                   const IndexWriterOptions& options = {});
  // The index in the folder `path`, created with its parents when missing.
  static Result<std::unique_ptr<IndexWriter>> Open(const std::string& path,
                                                   const IndexWriterOptions& options = {});

  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;
  ~IndexWriter();

  // Adds one paragraph. REQUIRES: no live document has its id (use Replace otherwise; a
  // second document with the same id is not detected, and Get returns either).
  Status Add(const Paragraph& paragraph);
  // Adds paragraphs on up to `threads` threads. All are validated first: on
  // InvalidArgument none is added.
  Status AddAll(std::span<const Paragraph> paragraphs);
  // Deletes the documents with paragraph.id, then adds paragraph.
  Status Replace(const Paragraph& paragraph);

  // Deletes the live documents whose `id` is `id`; returns how many there were.
  Result<std::uint64_t> DeleteById(std::string_view id);
  // Deletes the live documents whose exact field `field` has the value `value`: fields
  // "id", "doc", "parallel", "lang" (a code), "year", "paper", "symbol", and
  // "theme_exact" / "topic_exact" (compared NFKC-casefolded, in every language). Returns
  // how many there were. InvalidArgument for another field name.
  Result<std::uint64_t> DeleteByTerm(std::string_view field, std::string_view value);

  // Re-indexes an updated source: `records` are the current paragraphs of some documents.
  // Within the scope of those documents (every (doc, lang) pair the records have), an id
  // the index lacks is added, an id whose hash differs is replaced, an id the records
  // lack is deleted, and an id with the same hash is left alone (an added id that some
  // document outside the scope has replaces it). InvalidArgument when two records share
  // an id (nothing is changed then). Not committed: call Commit.
  Result<UpdateCounts> Update(std::span<const Paragraph> records);
  // The same re-indexing, streamed: up to `threads` threads each read a batch from
  // `source`, compare it with the index and invert what is new or changed, so that memory
  // holds the index's ids and hashes in scope and a few batches, never all the records
  // (records are not kept: the ids of the update are). The counts, the scope rule and the
  // final index are Update(span)'s. Progress counts the records read and compared (added
  // or not); its totals are 0, unknown. Errors (the source's, an invalid record, two
  // records with one id) stop the update part-way: nothing of it can be committed, and
  // the writer refuses every later call with FailedPrecondition, as after a storage
  // failure (the last commit stays as it was).
  Result<UpdateCounts> Update(RecordSource& source);

  // Writes what is buffered, runs the merge policy (merge_on_commit), and commits. A
  // commit without changes does nothing.
  Status Commit();
  // Runs the merge policy now and commits.
  Status MaybeMerge();
  // Merges segments until at most `max_segments` remain, and commits: with 1 (Lucene's
  // forceMerge(1)) all segments become one and deleted documents are dropped; with more,
  // the smallest segments (by bytes) are merged into one. InvalidArgument when
  // max_segments < 1.
  Status ForceMerge(int max_segments = 1);

  // The generation of the last commit (1 for a new empty index).
  std::uint64_t generation() const;

  class Impl;

 private:
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hexaglot

#endif  // HEXAGLOT_INDEX_WRITER_H_

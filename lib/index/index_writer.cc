// IndexWriter (include/hexaglot/index_writer.h): inverters, deletes, merges and commits.

#include "hexaglot/index_writer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>
#include <utility>

#include "format/fields.h"
#include "index/deletions.h"
#include "index/index_files.h"
#include "index/inverter.h"
#include "index/manifest.h"
#include "index/merge_policy.h"
#include "index/merger.h"
#include "index/record_codec.h"
#include "index/storage.h"
#include "util/flat_string_map.h"
#include "util/status_macros.h"

namespace hexaglot {

using format::FieldId;
using index::DeletionBitset;
using index::Manifest;
using index::ManifestSegment;

namespace {

constexpr std::uint64_t kMinMemoryBudget = 1u << 20;
// Below this many paragraphs per thread, AddAll does not split a batch further: tiny
// segments cost more to merge than the threads save.
constexpr std::size_t kMinParagraphsPerThread = 64;

// Counts what AddAll's threads have inverted and reports it through
// IndexWriterOptions::progress, one call at a time.
class ProgressReporter {
 public:
  // Totals of 0: unknown (a streamed update).
  ProgressReporter(const std::function<void(const IndexProgress&)>& callback,
                   const std::vector<const Paragraph*>& paragraphs)
      : callback_(callback) {
    if (!callback_) return;
    total_documents_ = paragraphs.size();
    for (const Paragraph* paragraph : paragraphs) total_text_bytes_ += paragraph->text.size();
  }
  explicit ProgressReporter(const std::function<void(const IndexProgress&)>& callback)
      : callback_(callback) {}

  void Added(const Paragraph& paragraph) {
    if (!callback_) return;
    documents_.fetch_add(1, std::memory_order_relaxed);
    text_bytes_.fetch_add(paragraph.text.size(), std::memory_order_relaxed);
    // A thread that finds another reporting skips its turn rather than wait.
    std::unique_lock lock(mu_, std::try_to_lock);
    if (lock.owns_lock()) Report();
  }

  // Reports the final counts unless they were the last reported.
  void Finish() {
    if (!callback_) return;
    std::lock_guard lock(mu_);
    if (reported_documents_ != documents_.load(std::memory_order_relaxed)) Report();
  }

 private:
  // REQUIRES: mu_ held.
  void Report() {
    IndexProgress progress;
    progress.documents = documents_.load(std::memory_order_relaxed);
    progress.text_bytes = text_bytes_.load(std::memory_order_relaxed);
    progress.total_documents = total_documents_;
    progress.total_text_bytes = total_text_bytes_;
    reported_documents_ = progress.documents;
    callback_(progress);
  }

  const std::function<void(const IndexProgress&)>& callback_;
  std::uint64_t total_documents_ = 0;
  std::uint64_t total_text_bytes_ = 0;
  std::atomic<std::uint64_t> documents_{0};
  std::atomic<std::uint64_t> text_bytes_{0};
  std::mutex mu_;
  std::uint64_t reported_documents_ = 0;  // Guarded by mu_.
};

// How often a writer waiting for the lock (IndexWriterOptions::lock_wait) tries again.
constexpr std::chrono::milliseconds kLockRetryInterval{50};

// The directory's writer lock, tried again while another writer holds it, for up to `wait`.
Result<std::unique_ptr<DirectoryLock>> LockWithin(Directory* directory,
                                                  std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    Result<std::unique_ptr<DirectoryLock>> lock = directory->LockExclusive();
    if (!lock.status().IsUnavailable()) return lock;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      if (wait.count() <= 0) return lock;
      const std::int64_t ms = wait.count();
      return Status::Unavailable(
          lock.status().message() + " (waited " +
          (ms % 1000 == 0 ? std::to_string(ms / 1000) + " s)" : std::to_string(ms) + " ms)"));
    }
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(kLockRetryInterval, deadline - now));
  }
}

// Threads that are all joined, also when starting one fails: std::thread throws
// std::system_error then, and a thread left unjoined would call std::terminate.
class ThreadGroup {
 public:
  explicit ThreadGroup(std::size_t expected) { threads_.reserve(expected); }
  ~ThreadGroup() { JoinAll(); }
  ThreadGroup(const ThreadGroup&) = delete;
  ThreadGroup& operator=(const ThreadGroup&) = delete;

  // Runs `fn` on a new thread; ResourceExhausted when the system gives none.
  template <typename Fn>
  Status Start(Fn&& fn) {
    try {
      threads_.emplace_back(std::forward<Fn>(fn));
    } catch (const std::system_error& error) {
      return Status::ResourceExhausted(std::string("cannot start an indexing thread: ") +
                                       error.what());
    }
    return Status::OK();
  }

  void JoinAll() {
    for (std::thread& thread : threads_) thread.join();
    threads_.clear();
  }

 private:
  std::vector<std::thread> threads_;
};

// IndexWriterOptions::threads as used: 0 is one per hardware thread, and at most
// kMaxThreadsPerCore per hardware thread.
int ThreadsOf(const IndexWriterOptions& options) {
  const int hardware = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return options.threads > 0 ? std::min(options.threads, hardware * kMaxThreadsPerCore) : hardware;
}

}  // namespace

class IndexWriter::Impl {
 public:
  static Result<std::unique_ptr<Impl>> Open(std::shared_ptr<IndexStorage> storage,
                                            const IndexWriterOptions& options);
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  // A writer that failed (in Add or Update too) removes what it wrote before it lets go of
  // the lock, rather than leave it to the next writer.
  ~Impl() {
    if (!opened_ || failed_.ok()) return;
    try {
      RemoveUncommittedFiles();
    } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory; the next writer cleans up.
    }
  }

  Status Add(const Paragraph& paragraph);
  Status AddAll(std::span<const Paragraph> paragraphs);
  Status Replace(const Paragraph& paragraph);
  Result<std::uint64_t> DeleteByTerm(std::string_view field, std::string_view value);
  Result<UpdateCounts> Update(std::span<const Paragraph> records);
  Result<UpdateCounts> Update(RecordSource& source);
  Status Commit();
  Status MaybeMerge();
  // Flushes, optionally runs the merge policy, and commits if anything changed.
  Status FlushAndCommit(bool merge);
  Status ForceMerge(int max_segments);
  std::uint64_t generation() const {
    std::lock_guard lock(mu_);
    return committed_.generation;
  }

 private:
  // A segment as the writer sees it: its committed entry plus deletions not yet committed.
  struct Segment {
    ManifestSegment entry;                                // deleted_count follows `deletions`.
    std::unique_ptr<const format::SegmentReader> reader;  // See ReaderOf.
    DeletionBitset deletions;
    bool deletions_dirty = false;  // Deletions since the last commit.

    std::uint64_t bytes() const {
      std::uint64_t total = entry.deletion_bytes;
      for (const format::SegmentFile& file : entry.files) total += file.bytes;
      return total;
    }
  };

  Impl(std::shared_ptr<IndexStorage> storage, const IndexWriterOptions& options)
      : storage_(std::move(storage)),
        directory_(index::DirectoryOf(*storage_)),
        options_(options),
        threads_(ThreadsOf(options)) {}

  // Records a storage failure: the writer refuses further calls.
  Status Fail(Status status) {
    if (!status.ok() && failed_.ok()) failed_ = status;
    return status;
  }
  Status CheckUsable() const {
    if (failed_.ok()) return Status::OK();
    return Status::FailedPrecondition(
        "index writer of " + directory_->description() +
        " failed earlier and must be reopened: " + failed_.ToString());
  }

  std::string NewSegmentName() {
    std::lock_guard lock(segments_mu_);
    return index::SegmentName(next_segment_number_++);
  }
  // A run adds documents through `inverters` inverters (one per thread); during it,
  // inverter k's j-th new segment is number next_segment_number_ + j * inverters + k, so
  // that names do not depend on the threads' timing.
  void BeginRun(std::size_t inverters);
  // Moves next_segment_number_ past the run's names and puts the segments the run
  // flushed (segments_[first_segment, end)) in name order, that is by (j, k).
  void EndRun(std::size_t first_segment);
  Result<Segment> OpenSegment(const ManifestSegment& entry);
  // The segment's reader, opened on first use: a writer that only adds never maps (and
  // so never pages in) the segments it writes.
  Result<const format::SegmentReader*> ReaderOf(Segment& segment);
  Status RegisterFlushed(index::FlushedSegment flushed);
  index::Inverter& InverterAt(std::size_t i);
  // Adds to inverters_[k] within a run. REQUIRES: k < the run's inverters; one thread at
  // a time per k.
  Status AddTo(std::size_t k, const Paragraph& paragraph);
  Status AddAllLocked(const std::vector<const Paragraph*>& paragraphs);
  Status FlushAll();
  Result<std::uint64_t> DeleteKey(const std::string& key);
  // Deletes the live documents with the term `key` in segments_[0, segments); returns how
  // many. With `scopes`, adds the (doc, lang) of each (decoding its record).
  // REQUIRES: segments_mu_ held when other threads may flush.
  Result<std::uint64_t> DeleteInSegments(const std::string& key, std::size_t segments,
                                         std::vector<std::pair<std::string, Language>>* scopes);
  // Calls visit(paragraph) for every live document of `doc` in `language` in
  // segments_[0, segments), with its stored record.
  template <typename Visit>
  Status ForEachLiveInScope(std::string_view doc, Language language, std::size_t segments,
                            Visit visit);
  // Calls visit(segment, reader, doc), which returns a Status, for every posting of `key`
  // in segments_[0, segments); Corruption for a posting past its segment's documents.
  // Every error also fails the writer.
  template <typename Visit>
  Status ForEachPosting(const std::string& key, std::size_t segments, Visit visit);
  static Result<Paragraph> RecordOf(const Segment& segment, const format::SegmentReader& reader,
                                    DocId doc);
  // Under rebuild, once (the first Update): the live documents of the commit being
  // replaced, all of which the rebuild drops.
  std::uint64_t TakeRebuildDropped() {
    if (!options_.rebuild || rebuild_counted_) return 0;
    rebuild_counted_ = true;
    std::uint64_t live = 0;
    for (const ManifestSegment& entry : committed_.segments) {
      live += entry.doc_count - std::min(entry.deleted_count, entry.doc_count);
    }
    return live;
  }
  Status DropFullyDeleted();
  Status RunMerges(const std::vector<std::vector<std::size_t>>& merges);
  Status MergePolicyMerges();
  Status WriteCommit();
  // Selects and runs the merges of ForceMerge down to `target` segments.
  Status MergeDownTo(std::size_t target);
  // Removes the files that neither the last commit nor a pending segment references.
  void RemoveUnreferencedFiles();
  // After a failure: removes every file that the newest commit in the folder does not
  // reference (as the next writer's Open would), keeping that commit's even when it is
  // newer than committed_ (a commit whose last folder sync failed). Best effort; nothing
  // when that commit cannot be read.
  void RemoveUncommittedFiles();
  // Removes the index files (index_files.h) not in `keep`, and moves next_segment_number_
  // past every segment file seen. Best effort.
  void RemoveIndexFilesExcept(const std::set<std::string, std::less<>>& keep);

  const std::shared_ptr<IndexStorage> storage_;
  Directory* const directory_;
  const IndexWriterOptions options_;
  const int threads_;

  mutable std::mutex mu_;  // Serialises the public calls.
  std::unique_ptr<DirectoryLock> lock_;
  bool opened_ = false;  // Open succeeded: the folder is this writer's index.
  AnalyzerOptions analyzer_;
  Manifest committed_;
  bool changed_ = false;          // Anything to commit.
  bool rebuild_counted_ = false;  // TakeRebuildDropped has been called.
  Status failed_;

  std::mutex segments_mu_;  // Guards the two below while AddAll's threads flush.
  std::vector<Segment> segments_;
  std::uint64_t next_segment_number_ = 0;

  std::vector<std::unique_ptr<index::Inverter>> inverters_;
  // The run's naming (BeginRun); run_opened_[k] is touched by inverter k's thread only.
  std::uint64_t run_base_ = 0;
  std::uint64_t run_stride_ = 1;
  std::vector<std::uint64_t> run_opened_;
};

Result<std::unique_ptr<IndexWriter::Impl>> IndexWriter::Impl::Open(
    std::shared_ptr<IndexStorage> storage, const IndexWriterOptions& options) {
  if (options.memory_budget_bytes < kMinMemoryBudget) {
    return Status::InvalidArgument("memory budget of " +
                                   std::to_string(options.memory_budget_bytes) +
                                   " bytes is below the minimum of 1 MiB");
  }
  std::unique_ptr<Impl> impl(new Impl(std::move(storage), options));
  Directory* const dir = impl->directory_;
  // Before the lock: its file would be a first change to a folder that is not an index. A
  // lost manifest beside segment files is Corruption from ReadLatestManifest: never a new
  // index over them.
  HEXAGLOT_RETURN_IF_ERROR(index::CheckIndexFolder(dir));
  HEXAGLOT_ASSIGN_OR_RETURN(impl->lock_, LockWithin(dir, options.lock_wait));
  HEXAGLOT_ASSIGN_OR_RETURN(std::optional<Manifest> manifest, index::ReadLatestManifest(dir));
  if (manifest) {
    if (options.analyzer && !options.rebuild && *options.analyzer != manifest->analyzer) {
      return Status::InvalidArgument(
          "the index in " + dir->description() +
          " was built with other analyzer options; rebuild it to change them");
    }
    impl->committed_ = std::move(*manifest);
    impl->analyzer_ =
        options.rebuild ? options.analyzer.value_or(AnalyzerOptions{}) : impl->committed_.analyzer;
    impl->next_segment_number_ = impl->committed_.next_segment_number;
    if (options.rebuild) {
      impl->changed_ = true;
    } else {
      for (const ManifestSegment& entry : impl->committed_.segments) {
        HEXAGLOT_ASSIGN_OR_RETURN(Segment segment, impl->OpenSegment(entry));
        impl->segments_.push_back(std::move(segment));
      }
    }
    impl->RemoveUnreferencedFiles();
  } else {
    impl->analyzer_ = options.analyzer.value_or(AnalyzerOptions{});
    impl->committed_.analyzer = impl->analyzer_;
    // Remove the temporary manifest of a first run killed before its first commit, then
    // commit an empty index before any segment is written (so that segment files with no
    // manifest beside them can only mean a lost one).
    impl->RemoveUnreferencedFiles();
    impl->changed_ = true;
    HEXAGLOT_RETURN_IF_ERROR(impl->WriteCommit());
  }
  impl->opened_ = true;
  return impl;
}

Result<IndexWriter::Impl::Segment> IndexWriter::Impl::OpenSegment(const ManifestSegment& entry) {
  Segment segment;
  segment.entry = entry;
  if (entry.deletion_generation != 0) {
    HEXAGLOT_ASSIGN_OR_RETURN(
        segment.deletions,
        index::ReadDeletions(directory_,
                             index::DeletionsFileName(entry.name, entry.deletion_generation),
                             entry.doc_count, entry.deleted_count));
  } else {
    segment.deletions = DeletionBitset(entry.doc_count);
  }
  return segment;
}

void IndexWriter::Impl::RemoveUnreferencedFiles() {
  std::set<std::string, std::less<>> referenced;
  if (committed_.generation != 0) {
    for (std::string& name : index::ReferencedFiles(committed_)) referenced.insert(std::move(name));
  }
  for (const Segment& segment : segments_) {
    for (const format::SegmentFile& file : segment.entry.files) referenced.insert(file.name);
  }
  RemoveIndexFilesExcept(referenced);
}

void IndexWriter::Impl::RemoveUncommittedFiles() {
  Result<std::optional<Manifest>> newest = index::ReadLatestManifest(directory_);
  if (!newest.ok() || !newest->has_value()) return;
  std::set<std::string, std::less<>> referenced;
  for (std::string& name : index::ReferencedFiles(**newest)) referenced.insert(std::move(name));
  RemoveIndexFilesExcept(referenced);
}

void IndexWriter::Impl::RemoveIndexFilesExcept(const std::set<std::string, std::less<>>& keep) {
  // Best effort: a file that cannot be removed now is tried again at the next commit or
  // open; it is in no manifest, so it harms nothing but space.
  Result<std::vector<std::string>> files = directory_->ListFiles();
  if (!files.ok()) return;
  bool removed = false;
  for (const std::string& file : *files) {
    if (!index::IsIndexFileName(file)) continue;
    const std::optional<std::uint64_t> number = index::SegmentNumberOfFile(file);
    // Never reuse the number of a segment whose files linger.
    if (number && *number >= next_segment_number_) next_segment_number_ = *number + 1;
    if (keep.contains(file)) continue;
    removed = directory_->Remove(file).ok() || removed;
  }
  // Best effort too: unsynced removals at worst leave files for the next cleanup.
  if (removed) static_cast<void>(directory_->SyncDirectory());
}

index::Inverter& IndexWriter::Impl::InverterAt(std::size_t i) {
  while (inverters_.size() <= i) {
    inverters_.push_back(
        std::make_unique<index::Inverter>(directory_, analyzer_, format::SegmentWriterOptions{}));
  }
  return *inverters_[i];
}

Result<const format::SegmentReader*> IndexWriter::Impl::ReaderOf(Segment& segment) {
  if (!segment.reader) {
    Result<std::unique_ptr<format::SegmentReader>> reader =
        format::SegmentReader::Open(directory_, segment.entry.name);
    if (!reader.ok()) return Fail(reader.status());
    if ((*reader)->doc_count() != segment.entry.doc_count) {
      return Fail(Status::Corruption(
          segment.entry.name + " has " + std::to_string((*reader)->doc_count()) +
          " documents, the manifest says " + std::to_string(segment.entry.doc_count)));
    }
    segment.reader = std::move(*reader);
  }
  return segment.reader.get();
}

Status IndexWriter::Impl::RegisterFlushed(index::FlushedSegment flushed) {
  Segment segment;
  segment.entry.name = flushed.info.name;
  segment.entry.doc_count = flushed.info.doc_count;
  segment.entry.files = flushed.info.files;
  segment.deletions = std::move(flushed.deletions);
  segment.entry.deleted_count = segment.deletions.deleted_count();
  segment.deletions_dirty = segment.entry.deleted_count > 0;
  std::lock_guard lock(segments_mu_);
  segments_.push_back(std::move(segment));
  return Status::OK();
}

void IndexWriter::Impl::BeginRun(std::size_t inverters) {
  for (std::size_t k = 0; k < inverters; ++k) InverterAt(k);
  run_base_ = next_segment_number_;
  run_stride_ = inverters;
  run_opened_.assign(inverters, 0);
}

void IndexWriter::Impl::EndRun(std::size_t first_segment) {
  for (std::size_t k = 0; k < run_opened_.size(); ++k) {
    if (run_opened_[k] == 0) continue;
    next_segment_number_ =
        std::max(next_segment_number_, run_base_ + (run_opened_[k] - 1) * run_stride_ + k + 1);
  }
  const auto number = [](const Segment& segment) {
    return index::ParseSegmentName(segment.entry.name).value_or(0);
  };
  std::stable_sort(segments_.begin() + static_cast<std::ptrdiff_t>(first_segment), segments_.end(),
                   [&](const Segment& a, const Segment& b) { return number(a) < number(b); });
}

Status IndexWriter::Impl::AddTo(std::size_t k, const Paragraph& paragraph) {
  index::Inverter& inverter = *inverters_[k];
  HEXAGLOT_RETURN_IF_ERROR(inverter.Add(paragraph, [this, k] {
    return index::SegmentName(run_base_ + run_opened_[k]++ * run_stride_ + k);
  }));
  const std::uint64_t share = options_.memory_budget_bytes / static_cast<std::uint64_t>(threads_);
  if (inverter.accounted_bytes() >= share) {
    HEXAGLOT_ASSIGN_OR_RETURN(index::FlushedSegment flushed, inverter.Flush());
    HEXAGLOT_RETURN_IF_ERROR(RegisterFlushed(std::move(flushed)));
  }
  return Status::OK();
}

Status IndexWriter::Impl::Add(const Paragraph& paragraph) {
  std::lock_guard lock(mu_);
  HEXAGLOT_RETURN_IF_ERROR(CheckUsable());
  HEXAGLOT_RETURN_IF_ERROR(index::ValidateParagraph(paragraph));
  changed_ = true;
  BeginRun(1);
  const std::size_t first_segment = segments_.size();
  Status status = Fail(AddTo(0, paragraph));
  EndRun(first_segment);
  return status;
}

Status IndexWriter::Impl::AddAllLocked(const std::vector<const Paragraph*>& paragraphs) {
  if (paragraphs.empty()) return Status::OK();
  changed_ = true;
  ProgressReporter progress(options_.progress, paragraphs);
  const std::size_t workers = std::clamp<std::size_t>(paragraphs.size() / kMinParagraphsPerThread,
                                                      1, static_cast<std::size_t>(threads_));
  BeginRun(workers);
  const std::size_t first_segment = segments_.size();
  if (workers == 1) {
    for (const Paragraph* paragraph : paragraphs) {
      Status status = Fail(AddTo(0, *paragraph));
      if (!status.ok()) {
        EndRun(first_segment);
        return status;
      }
      progress.Added(*paragraph);
    }
    EndRun(first_segment);
    progress.Finish();
    return Status::OK();
  }
  std::vector<Status> results(workers);
  std::atomic<bool> stop{false};
  ThreadGroup threads(workers);
  Status started;
  const std::size_t chunk = (paragraphs.size() + workers - 1) / workers;
  for (std::size_t w = 0; w < workers && started.ok(); ++w) {
    started = threads.Start([&, w] {
      const std::size_t begin = std::min(paragraphs.size(), w * chunk);
      const std::size_t end = std::min(paragraphs.size(), begin + chunk);
      for (std::size_t i = begin; i < end && !stop.load(std::memory_order_relaxed); ++i) {
        Status status = AddTo(w, *paragraphs[i]);
        if (!status.ok()) {
          results[w] = std::move(status);
          stop = true;
          return;
        }
        progress.Added(*paragraphs[i]);
      }
    });
  }
  if (!started.ok()) stop = true;
  threads.JoinAll();
  EndRun(first_segment);
  HEXAGLOT_RETURN_IF_ERROR(Fail(std::move(started)));
  for (Status& status : results) HEXAGLOT_RETURN_IF_ERROR(Fail(std::move(status)));
  progress.Finish();
  return Status::OK();
}

Status IndexWriter::Impl::AddAll(std::span<const Paragraph> paragraphs) {
  std::lock_guard lock(mu_);
  HEXAGLOT_RETURN_IF_ERROR(CheckUsable());
  std::vector<const Paragraph*> pointers;
  pointers.reserve(paragraphs.size());
  for (const Paragraph& paragraph : paragraphs) {
    HEXAGLOT_RETURN_IF_ERROR(index::ValidateParagraph(paragraph));
    pointers.push_back(&paragraph);
  }
  return AddAllLocked(pointers);
}

Status IndexWriter::Impl::FlushAll() {
  // Inverters flush in parallel (sorting terms and compressing take a while); segments are
  // registered in inverter order, so that the segment order does not depend on timing.
  std::vector<index::Inverter*> pending;
  for (const std::unique_ptr<index::Inverter>& inverter : inverters_) {
    if (inverter->has_segment()) pending.push_back(inverter.get());
  }
  std::vector<std::optional<Result<index::FlushedSegment>>> flushed(pending.size());
  ThreadGroup threads(pending.size());
  for (std::size_t i = 1; i < pending.size(); ++i) {
    const auto flush = [&, i] { flushed[i].emplace(pending[i]->Flush()); };
    // Without a thread, the flush runs here.
    if (!threads.Start(flush).ok()) flush();
  }
  if (!pending.empty()) flushed[0].emplace(pending[0]->Flush());
  threads.JoinAll();
  for (std::optional<Result<index::FlushedSegment>>& result : flushed) {
    if (!(*result).ok()) return Fail((*result).status());
    HEXAGLOT_RETURN_IF_ERROR(Fail(RegisterFlushed(std::move(**result))));
  }
  return Status::OK();
}

template <typename Visit>
Status IndexWriter::Impl::ForEachPosting(const std::string& key, std::size_t segments,
                                         Visit visit) {
  for (std::size_t i = 0; i < segments; ++i) {
    Segment& segment = segments_[i];
    HEXAGLOT_ASSIGN_OR_RETURN(const format::SegmentReader* reader, ReaderOf(segment));
    Result<std::optional<format::TermInfo>> info = reader->FindTerm(key);
    if (!info.ok()) return Fail(info.status());
    if (!info->has_value()) continue;
    Result<std::unique_ptr<PostingCursor>> cursor = reader->OpenCursor(**info, false);
    if (!cursor.ok()) return Fail(cursor.status());
    for (DocId doc = (*cursor)->doc(); doc != kEndDoc; doc = (*cursor)->Next()) {
      if (doc >= segment.entry.doc_count) {
        return Fail(Status::Corruption(segment.entry.name + ": posting of document " +
                                       std::to_string(doc) + " past its documents"));
      }
      HEXAGLOT_RETURN_IF_ERROR(Fail(visit(segment, *reader, doc)));
    }
    HEXAGLOT_RETURN_IF_ERROR(Fail((*cursor)->status()));
  }
  return Status::OK();
}

Result<Paragraph> IndexWriter::Impl::RecordOf(const Segment& segment,
                                              const format::SegmentReader& reader, DocId doc) {
  HEXAGLOT_ASSIGN_OR_RETURN(std::string stored, reader.Stored(doc));
  return index::DecodeRecord(stored, segment.entry.name + " document " + std::to_string(doc));
}

Result<std::uint64_t> IndexWriter::Impl::DeleteInSegments(
    const std::string& key, std::size_t segments,
    std::vector<std::pair<std::string, Language>>* scopes) {
  std::uint64_t deleted = 0;
  HEXAGLOT_RETURN_IF_ERROR(ForEachPosting(
      key, segments,
      [&](Segment& segment, const format::SegmentReader& reader, DocId doc) -> Status {
        if (!segment.deletions.Delete(doc)) return Status::OK();
        ++deleted;
        segment.deletions_dirty = true;
        segment.entry.deleted_count = segment.deletions.deleted_count();
        if (scopes == nullptr) return Status::OK();
        HEXAGLOT_ASSIGN_OR_RETURN(Paragraph paragraph, RecordOf(segment, reader, doc));
        scopes->emplace_back(std::move(paragraph.doc), paragraph.lang);
        return Status::OK();
      }));
  if (deleted > 0) changed_ = true;
  return deleted;
}

Result<std::uint64_t> IndexWriter::Impl::DeleteKey(const std::string& key) {
  HEXAGLOT_ASSIGN_OR_RETURN(std::uint64_t deleted,
                            DeleteInSegments(key, segments_.size(), nullptr));
  for (const std::unique_ptr<index::Inverter>& inverter : inverters_) {
    deleted += inverter->DeleteTerm(key);
  }
  if (deleted > 0) changed_ = true;
  return deleted;
}

template <typename Visit>
Status IndexWriter::Impl::ForEachLiveInScope(std::string_view doc, Language language,
                                             std::size_t segments, Visit visit) {
  return ForEachPosting(
      format::TermKey(FieldId::kDoc, std::nullopt, doc), segments,
      [&](const Segment& segment, const format::SegmentReader& reader, DocId d) -> Status {
        if (segment.deletions.IsDeleted(d) || reader.language(d) != language) return Status::OK();
        HEXAGLOT_ASSIGN_OR_RETURN(Paragraph paragraph, RecordOf(segment, reader, d));
        visit(std::move(paragraph));
        return Status::OK();
      });
}

Status IndexWriter::Impl::Replace(const Paragraph& paragraph) {
  std::lock_guard lock(mu_);
  HEXAGLOT_RETURN_IF_ERROR(CheckUsable());
  HEXAGLOT_RETURN_IF_ERROR(index::ValidateParagraph(paragraph));
  HEXAGLOT_RETURN_IF_ERROR(
      DeleteKey(format::TermKey(FieldId::kId, std::nullopt, paragraph.id)).status());
  changed_ = true;
  BeginRun(1);
  const std::size_t first_segment = segments_.size();
  Status status = Fail(AddTo(0, paragraph));
  EndRun(first_segment);
  return status;
}

Result<std::uint64_t> IndexWriter::Impl::DeleteByTerm(std::string_view field_name,
                                                      std::string_view value) {
  std::lock_guard lock(mu_);
  HEXAGLOT_RETURN_IF_ERROR(CheckUsable());
  const std::optional<FieldId> field = format::FieldFromName(field_name);
  if (!field || index::FieldHasPositions(*field)) {
    return Status::InvalidArgument(
        "cannot delete by field \"" + std::string(field_name) +
        "\": use id, doc, parallel, lang, year, paper, symbol, theme_exact or topic_exact");
  }
  HEXAGLOT_ASSIGN_OR_RETURN(std::string term, index::ExactTerm(*field, value));
  if (!index::FieldIsPerLanguage(*field)) {
    return DeleteKey(format::TermKey(*field, std::nullopt, term));
  }
  std::uint64_t deleted = 0;
  for (Language language : AllLanguages()) {
    HEXAGLOT_ASSIGN_OR_RETURN(std::uint64_t n, DeleteKey(format::TermKey(*field, language, term)));
    deleted += n;
  }
  return deleted;
}

Result<UpdateCounts> IndexWriter::Impl::Update(std::span<const Paragraph> records) {
  std::lock_guard lock(mu_);
  HEXAGLOT_RETURN_IF_ERROR(CheckUsable());
  std::map<std::string_view, const Paragraph*> by_id;
  std::set<std::pair<std::string_view, Language>> scope;
  for (const Paragraph& record : records) {
    HEXAGLOT_RETURN_IF_ERROR(index::ValidateParagraph(record));
    if (!by_id.emplace(record.id, &record).second) {
      return Status::InvalidArgument("two records have the id \"" + record.id + "\" (" +
                                     record.source + ":" + std::to_string(record.line) + ")");
    }
    scope.emplace(record.doc, record.lang);
  }
  // Every document must be in a segment to be compared.
  HEXAGLOT_RETURN_IF_ERROR(FlushAll());

  // The hashes of the live documents in scope, by id.
  std::map<std::string, std::string, std::less<>> indexed;
  for (const auto& [doc, language] : scope) {
    HEXAGLOT_RETURN_IF_ERROR(ForEachLiveInScope(
        doc, language, segments_.size(),
        [&](Paragraph paragraph) { indexed[paragraph.id] = std::move(paragraph.hash); }));
  }

  UpdateCounts counts;
  std::vector<const Paragraph*> to_add;
  std::vector<std::string> to_delete;
  for (const auto& [id, record] : by_id) {
    const auto it = indexed.find(id);
    if (it == indexed.end()) {
      ++counts.added;
      to_add.push_back(record);
      // Normally absent from the whole index; should another document hold the id, it
      // goes, so that one live document has it.
      to_delete.emplace_back(id);
    } else if (it->second != record->hash) {
      ++counts.changed;
      to_add.push_back(record);
      to_delete.push_back(it->first);
    } else {
      ++counts.unchanged;
    }
  }
  for (const auto& [id, hash] : indexed) {
    if (!by_id.contains(id)) {
      ++counts.removed;
      to_delete.push_back(id);
    }
  }
  for (const std::string& id : to_delete) {
    HEXAGLOT_RETURN_IF_ERROR(DeleteKey(format::TermKey(FieldId::kId, std::nullopt, id)).status());
  }
  // In input order, so that the new documents' order follows the source.
  std::sort(to_add.begin(), to_add.end());
  HEXAGLOT_RETURN_IF_ERROR(AddAllLocked(to_add));
  counts.removed += TakeRebuildDropped();
  return counts;
}

Result<UpdateCounts> IndexWriter::Impl::Update(RecordSource& source) {
  std::lock_guard lock(mu_);
  HEXAGLOT_RETURN_IF_ERROR(CheckUsable());
  // Every earlier document in a segment: records are compared with segments only, and the
  // inverters then hold nothing but this update's documents.
  HEXAGLOT_RETURN_IF_ERROR(FlushAll());
  const std::size_t old_segments = segments_.size();

  // An id of the update or of the index in its scope. Guarded by segments_mu_, as is all
  // of the comparing below: only inverting runs in parallel.
  struct Entry {
    bool indexed = false;  // A live document in scope has the id (and `hash`).
    bool seen = false;     // A record has the id.
    std::string hash;
  };
  FlatStringMap<Entry> entries;
  // Added ids that a live document of another (doc, lang) had: changes, should that pair
  // join the scope later (Update(span) compares them so). Rare: kept apart from `entries`.
  std::vector<std::pair<std::string, std::pair<std::string, Language>>> moved;
  std::set<std::pair<std::string, Language>, std::less<>> scope;
  const std::pair<std::string, Language>* last_scope = nullptr;  // The last record's.
  UpdateCounts counts;

  // The records of `batch` to add, after deleting what they replace.
  const auto compare = [&](std::vector<Paragraph>& batch,
                           std::vector<const Paragraph*>* to_add) -> Status {
    for (const Paragraph& record : batch) {
      HEXAGLOT_RETURN_IF_ERROR(index::ValidateParagraph(record));
    }
    std::lock_guard segments_lock(segments_mu_);
    for (const Paragraph& record : batch) {
      // Records of one (doc, lang) mostly come together: one set lookup (and node) each.
      if (last_scope == nullptr || last_scope->second != record.lang ||
          last_scope->first != record.doc) {
        const auto [it, inserted] = scope.emplace(record.doc, record.lang);
        last_scope = &*it;
        if (inserted) {
          HEXAGLOT_RETURN_IF_ERROR(
              ForEachLiveInScope(record.doc, record.lang, old_segments, [&](Paragraph paragraph) {
                Entry& entry = *entries.TryEmplace(paragraph.id).first;
                entry.indexed = true;
                entry.hash = std::move(paragraph.hash);
              }));
        }
      }
      Entry& entry = *entries.TryEmplace(record.id).first;
      if (entry.seen) {
        return Status::InvalidArgument("two records have the id \"" + record.id + "\" (" +
                                       record.source + ":" + std::to_string(record.line) + ")");
      }
      entry.seen = true;
      if (!entry.indexed) {
        ++counts.added;
        // Normally absent from the whole index; should another document hold the id, it
        // goes, so that one live document has it.
        if (old_segments > 0) {
          std::vector<std::pair<std::string, Language>> from;
          HEXAGLOT_RETURN_IF_ERROR(
              DeleteInSegments(format::TermKey(FieldId::kId, std::nullopt, record.id), old_segments,
                               &from)
                  .status());
          if (!from.empty()) moved.emplace_back(record.id, std::move(from.front()));
        }
      } else if (entry.hash != record.hash) {
        ++counts.changed;
        HEXAGLOT_RETURN_IF_ERROR(
            DeleteInSegments(format::TermKey(FieldId::kId, std::nullopt, record.id), old_segments,
                             nullptr)
                .status());
      } else {
        ++counts.unchanged;
        continue;
      }
      changed_ = true;
      to_add->push_back(&record);
    }
    return Status::OK();
  };

  ProgressReporter progress(options_.progress);
  const auto inverters = static_cast<std::size_t>(threads_);
  // Batch s goes to inverter s mod T, and each inverter takes its batches in sequence
  // order (a turnstile per inverter): whichever thread reads a batch, every inverter sees
  // the same documents in the same order and flushes at the same points, so the segments
  // do not depend on the threads' timing. No deadlock: batch s - T was handed out before
  // batch s, to a thread that waits only for batch s - 2T, and so on.
  std::mutex turn_mu;
  std::condition_variable turn_cv;
  std::vector<std::uint64_t> turn(inverters);  // The next batch of each inverter.
  for (std::size_t k = 0; k < inverters; ++k) turn[k] = k;
  std::atomic<bool> stop{false};  // Set under turn_mu, so that no waiter misses it.
  std::vector<Status> results(inverters);
  const auto work = [&](std::size_t w) {
    std::vector<Paragraph> batch;
    std::vector<const Paragraph*> to_add;
    Status status;
    while (!stop.load(std::memory_order_relaxed)) {
      std::uint64_t sequence = 0;
      status = source.Next(&batch, &sequence);
      if (!status.ok() || batch.empty()) break;
      to_add.clear();
      status = compare(batch, &to_add);
      if (!status.ok()) break;
      const std::size_t k = static_cast<std::size_t>(sequence % inverters);
      {
        std::unique_lock turn_lock(turn_mu);
        turn_cv.wait(turn_lock, [&] { return stop.load() || turn[k] == sequence; });
        if (stop.load()) return;
      }
      std::size_t added = 0;
      for (const Paragraph& record : batch) {
        if (added < to_add.size() && to_add[added] == &record) {
          status = AddTo(k, record);
          if (!status.ok()) break;
          ++added;
        }
        progress.Added(record);
      }
      if (!status.ok()) break;
      std::lock_guard turn_lock(turn_mu);
      turn[k] += inverters;
      turn_cv.notify_all();
    }
    std::lock_guard turn_lock(turn_mu);
    if (!status.ok()) {
      results[w] = std::move(status);
      stop = true;
    }
    turn_cv.notify_all();
  };
  BeginRun(inverters);
  const std::size_t first_segment = segments_.size();
  ThreadGroup threads(inverters);
  Status started;
  for (std::size_t w = 1; w < inverters && started.ok(); ++w) {
    started = threads.Start([&work, w] { work(w); });
  }
  if (started.ok()) {
    work(0);
  } else {
    std::lock_guard turn_lock(turn_mu);
    stop = true;
    turn_cv.notify_all();
  }
  threads.JoinAll();
  EndRun(first_segment);
  HEXAGLOT_RETURN_IF_ERROR(Fail(std::move(started)));
  for (Status& status : results) HEXAGLOT_RETURN_IF_ERROR(Fail(std::move(status)));
  progress.Finish();

  Status removed;
  entries.ForEach([&](std::string_view id, const Entry& entry) {
    if (!removed.ok() || !entry.indexed || entry.seen) return;
    ++counts.removed;
    removed =
        DeleteInSegments(format::TermKey(FieldId::kId, std::nullopt, id), old_segments, nullptr)
            .status();
  });
  HEXAGLOT_RETURN_IF_ERROR(removed);
  for (const auto& [id, from] : moved) {
    if (scope.contains(from)) {
      --counts.added;
      ++counts.changed;
    }
  }
  counts.removed += TakeRebuildDropped();
  return counts;
}

Status IndexWriter::Impl::DropFullyDeleted() {
  const auto fully_deleted = [](const Segment& s) {
    return s.entry.deleted_count >= s.entry.doc_count;
  };
  if (std::any_of(segments_.begin(), segments_.end(), fully_deleted)) {
    std::erase_if(segments_, fully_deleted);
    changed_ = true;
  }
  return Status::OK();
}

Status IndexWriter::Impl::RunMerges(const std::vector<std::vector<std::size_t>>& merges) {
  if (merges.empty()) return Status::OK();
  std::vector<std::optional<Segment>> merged(merges.size());
  std::vector<int> merge_of(segments_.size(), -1);
  for (std::size_t m = 0; m < merges.size(); ++m) {
    std::vector<index::MergeSource> sources;
    for (std::size_t i : merges[m]) {
      HEXAGLOT_ASSIGN_OR_RETURN(const format::SegmentReader* reader, ReaderOf(segments_[i]));
      sources.push_back({reader, &segments_[i].deletions});
      merge_of[i] = static_cast<int>(m);
    }
    const std::string name = NewSegmentName();
    Result<format::SegmentInfo> info =
        index::MergeSegments(directory_, name, sources, format::SegmentWriterOptions{});
    if (!info.ok()) return Fail(info.status());
    Segment segment;
    segment.entry.name = info->name;
    segment.entry.doc_count = info->doc_count;
    segment.entry.files = info->files;
    segment.deletions = DeletionBitset(segment.entry.doc_count);
    merged[m] = std::move(segment);
  }
  // Each merged segment takes the place of its first source.
  std::vector<Segment> next;
  for (std::size_t i = 0; i < segments_.size(); ++i) {
    if (merge_of[i] < 0) {
      next.push_back(std::move(segments_[i]));
    } else if (merged[static_cast<std::size_t>(merge_of[i])]) {
      next.push_back(std::move(*merged[static_cast<std::size_t>(merge_of[i])]));
      merged[static_cast<std::size_t>(merge_of[i])].reset();
    }
  }
  segments_ = std::move(next);
  changed_ = true;
  return Status::OK();
}

Status IndexWriter::Impl::MergePolicyMerges() {
  std::vector<index::MergeCandidate> candidates;
  for (const Segment& segment : segments_) {
    candidates.push_back({segment.bytes(), segment.entry.doc_count, segment.entry.deleted_count});
  }
  return RunMerges(index::FindMerges(candidates, options_.merge_policy));
}

Status IndexWriter::Impl::WriteCommit() {
  Manifest manifest;
  manifest.generation = committed_.generation + 1;
  manifest.analyzer = analyzer_;
  for (Segment& segment : segments_) {
    if (segment.deletions_dirty) {
      const std::uint64_t generation = segment.entry.deletion_generation + 1;
      Result<std::uint64_t> bytes = index::WriteDeletions(
          directory_, index::DeletionsFileName(segment.entry.name, generation), segment.deletions);
      if (!bytes.ok()) return Fail(bytes.status());
      segment.entry.deletion_generation = generation;
      segment.entry.deletion_bytes = *bytes;
      segment.entry.deleted_count = segment.deletions.deleted_count();
      segment.deletions_dirty = false;
    }
    manifest.segments.push_back(segment.entry);
  }
  manifest.next_segment_number = next_segment_number_;
  HEXAGLOT_RETURN_IF_ERROR(Fail(index::WriteManifest(directory_, manifest)));
  committed_ = std::move(manifest);
  changed_ = false;
  RemoveUnreferencedFiles();
  return Status::OK();
}

Status IndexWriter::Impl::Commit() { return FlushAndCommit(options_.merge_on_commit); }

Status IndexWriter::Impl::MaybeMerge() { return FlushAndCommit(/*merge=*/true); }

Status IndexWriter::Impl::FlushAndCommit(bool merge) {
  std::lock_guard lock(mu_);
  HEXAGLOT_RETURN_IF_ERROR(CheckUsable());
  Status status = FlushAll();
  if (status.ok()) status = DropFullyDeleted();
  if (status.ok() && merge) status = MergePolicyMerges();
  if (status.ok() && changed_) status = WriteCommit();
  // A failed flush, merge or commit leaves partial files: they go now, not at the next open.
  if (!failed_.ok()) RemoveUncommittedFiles();
  return status;
}

Status IndexWriter::Impl::ForceMerge(int max_segments) {
  if (max_segments < 1) {
    return Status::InvalidArgument("ForceMerge: max_segments is " + std::to_string(max_segments) +
                                   ", must be at least 1");
  }
  std::lock_guard lock(mu_);
  HEXAGLOT_RETURN_IF_ERROR(CheckUsable());
  Status status = FlushAll();
  if (status.ok()) status = DropFullyDeleted();
  if (status.ok()) status = MergeDownTo(static_cast<std::size_t>(max_segments));
  if (status.ok() && changed_) status = WriteCommit();
  if (!failed_.ok()) RemoveUncommittedFiles();
  return status;
}

Status IndexWriter::Impl::MergeDownTo(std::size_t target) {
  if (target == 1 &&
      (segments_.size() > 1 || (segments_.size() == 1 && segments_[0].entry.deleted_count > 0))) {
    std::vector<std::size_t> all(segments_.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    HEXAGLOT_RETURN_IF_ERROR(RunMerges({all}));
  } else if (segments_.size() > target) {
    // The smallest segments, as many as it takes to leave `target`, become one.
    std::vector<std::size_t> order(segments_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return segments_[a].bytes() < segments_[b].bytes();
    });
    order.resize(segments_.size() - target + 1);
    std::sort(order.begin(), order.end());
    HEXAGLOT_RETURN_IF_ERROR(RunMerges({order}));
  }
  return Status::OK();
}

// The public class forwards to Impl.

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() = default;

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(std::shared_ptr<IndexStorage> storage,
                                                       const IndexWriterOptions& options) {
  if (!storage) return Status::InvalidArgument("IndexWriter::Open: no storage");
  HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<Impl> impl, Impl::Open(std::move(storage), options));
  return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path,
                                                       const IndexWriterOptions& options) {
  HEXAGLOT_ASSIGN_OR_RETURN(std::shared_ptr<IndexStorage> storage,
                            IndexStorage::OpenFolder(path, /*create_if_missing=*/true));
  return Open(std::move(storage), options);
}

Status IndexWriter::Add(const Paragraph& paragraph) { return impl_->Add(paragraph); }
Status IndexWriter::AddAll(std::span<const Paragraph> paragraphs) {
  return impl_->AddAll(paragraphs);
}
Status IndexWriter::Replace(const Paragraph& paragraph) { return impl_->Replace(paragraph); }
Result<std::uint64_t> IndexWriter::DeleteById(std::string_view id) {
  return impl_->DeleteByTerm("id", id);
}
Result<std::uint64_t> IndexWriter::DeleteByTerm(std::string_view field, std::string_view value) {
  return impl_->DeleteByTerm(field, value);
}
Result<UpdateCounts> IndexWriter::Update(std::span<const Paragraph> records) {
  return impl_->Update(records);
}
Result<UpdateCounts> IndexWriter::Update(RecordSource& source) { return impl_->Update(source); }
Status IndexWriter::Commit() { return impl_->Commit(); }
Status IndexWriter::MaybeMerge() { return impl_->MaybeMerge(); }
Status IndexWriter::ForceMerge(int max_segments) { return impl_->ForceMerge(max_segments); }
std::uint64_t IndexWriter::generation() const { return impl_->generation(); }

}  // namespace hexaglot

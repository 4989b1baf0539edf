// IndexReader (include/hexaglot/index_reader.h) over a Snapshot.

#include "hexaglot/index_reader.h"

#include <algorithm>
#include <map>

#include "format/fields.h"
#include "index/index_files.h"
#include "index/inverter.h"
#include "index/reader_access.h"
#include "index/record_codec.h"
#include "index/snapshot.h"
#include "index/storage.h"
#include "util/status_macros.h"

namespace hexaglot {

class IndexReader::Impl {
 public:
  Impl(std::shared_ptr<IndexStorage> storage, std::shared_ptr<const index::Snapshot> snapshot)
      : storage_(std::move(storage)), snapshot_(std::move(snapshot)) {}

  const std::shared_ptr<IndexStorage>& storage() const { return storage_; }
  const std::shared_ptr<const index::Snapshot>& snapshot() const { return snapshot_; }

 private:
  std::shared_ptr<IndexStorage> storage_;
  std::shared_ptr<const index::Snapshot> snapshot_;
};

IndexReader::IndexReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexReader::~IndexReader() = default;

Result<std::unique_ptr<IndexReader>> IndexReader::Open(std::shared_ptr<IndexStorage> storage) {
  if (!storage) return Status::InvalidArgument("IndexReader::Open: no storage");
  HEXAGLOT_ASSIGN_OR_RETURN(std::shared_ptr<const index::Snapshot> snapshot,
                            index::Snapshot::Load(storage, nullptr));
  return std::unique_ptr<IndexReader>(
      new IndexReader(std::make_unique<Impl>(std::move(storage), std::move(snapshot))));
}

Result<std::unique_ptr<IndexReader>> IndexReader::Open(const std::string& path) {
  HEXAGLOT_ASSIGN_OR_RETURN(std::shared_ptr<IndexStorage> storage,
                            IndexStorage::OpenFolder(path, /*create_if_missing=*/false));
  return Open(std::move(storage));
}

Result<std::unique_ptr<IndexReader>> IndexReader::Reopen() const {
  HEXAGLOT_ASSIGN_OR_RETURN(std::shared_ptr<const index::Snapshot> snapshot,
                            index::Snapshot::Load(impl_->storage(), impl_->snapshot()));
  return std::unique_ptr<IndexReader>(
      new IndexReader(std::make_unique<Impl>(impl_->storage(), std::move(snapshot))));
}

std::uint64_t IndexReader::generation() const { return impl_->snapshot()->generation(); }
std::uint64_t IndexReader::doc_count() const { return impl_->snapshot()->live_doc_count(); }
const AnalyzerOptions& IndexReader::analyzer_options() const {
  return impl_->snapshot()->manifest().analyzer;
}

Result<std::optional<Paragraph>> IndexReader::Get(std::string_view id) const {
  return impl_->snapshot()->Get(id);
}

Result<std::vector<Paragraph>> IndexReader::GetParallel(std::string_view parallel_key) const {
  return impl_->snapshot()->GetParallel(parallel_key);
}

namespace {

Result<format::FieldId> FieldNamed(std::string_view name) {
  const std::optional<format::FieldId> field = format::FieldFromName(name);
  if (field) return *field;
  std::string names;
  for (int f = 0; f < format::kFieldCount; ++f) {
    if (!names.empty()) names += ", ";
    names += format::FieldName(static_cast<format::FieldId>(f));
  }
  return Status::InvalidArgument("unknown field \"" + std::string(name) + "\" (fields: " + names +
                                 ")");
}

// The languages whose keys a lookup in `field` visits: nullopt alone for a neutral field.
std::vector<std::optional<Language>> KeyLanguages(format::FieldId field,
                                                  std::optional<Language> language) {
  if (!index::FieldIsPerLanguage(field)) return {std::nullopt};
  if (language) return {language};
  return {AllLanguages().begin(), AllLanguages().end()};
}

}  // namespace

Result<std::vector<IndexTerm>> IndexReader::Terms(const TermListOptions& options) const {
  HEXAGLOT_ASSIGN_OR_RETURN(const format::FieldId field, FieldNamed(options.field));
  const index::Snapshot& snapshot = *impl_->snapshot();
  std::vector<IndexTerm> terms;
  const auto full = [&] { return options.limit != 0 && terms.size() >= options.limit; };
  for (const std::optional<Language> language : KeyLanguages(field, options.language)) {
    const std::string from = format::TermKey(field, language, options.prefix);
    std::vector<std::unique_ptr<format::TermIterator>> iterators;
    for (const index::SegmentView& view : snapshot.segments()) {
      iterators.push_back(view.reader->Terms(from));
    }
    // A merge of the segments' sorted dictionaries, from `from` while keys share it.
    while (!full()) {
      int smallest = -1;
      for (std::size_t s = 0; s < iterators.size(); ++s) {
        format::TermIterator& it = *iterators[s];
        HEXAGLOT_RETURN_IF_ERROR(it.status());
        if (!it.Valid() || !it.key().starts_with(from)) continue;
        if (smallest < 0 || it.key() < iterators[static_cast<std::size_t>(smallest)]->key()) {
          smallest = static_cast<int>(s);
        }
      }
      if (smallest < 0) break;
      const std::string key(iterators[static_cast<std::size_t>(smallest)]->key());
      IndexTerm term;
      term.field = std::string(format::FieldName(field));
      term.language = language;
      term.term = key.substr(2);
      for (std::unique_ptr<format::TermIterator>& it : iterators) {
        if (it->Valid() && it->key() == key) {
          term.doc_freq += it->info().doc_freq;
          term.total_freq += it->info().total_freq;
          it->Next();
        }
      }
      terms.push_back(std::move(term));
    }
  }
  return terms;
}

Result<std::vector<IndexPostingList>> IndexReader::Postings(const PostingsQuery& query) const {
  HEXAGLOT_ASSIGN_OR_RETURN(const format::FieldId field, FieldNamed(query.field));
  const index::Snapshot& snapshot = *impl_->snapshot();
  const bool with_positions = index::FieldHasPositions(field);
  std::vector<IndexPostingList> lists;
  std::string unanalysable;  // Why languages were skipped, for the error when all were.
  bool any_term = false;
  for (const std::optional<Language> language : KeyLanguages(field, query.language)) {
    std::string term = query.term;
    if (!query.raw && with_positions) {
      HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<Analyzer> analyzer,
                                Analyzer::Create(*language, analyzer_options()));
      HEXAGLOT_ASSIGN_OR_RETURN(std::vector<Token> tokens, analyzer->Analyze(query.term));
      // The word's stem; its exact form is inspected raw ("=word").
      std::erase_if(tokens, [](const Token& t) { return t.term.starts_with(kExactFormMarker); });
      if (tokens.size() != 1) {
        if (!unanalysable.empty()) unanalysable += "; ";
        unanalysable +=
            std::string(LanguageCode(*language)) + ": " + std::to_string(tokens.size()) + " terms";
        for (std::size_t i = 0; i < tokens.size(); ++i) {
          unanalysable += (i == 0 ? " (" : ", ") + tokens[i].term;
        }
        if (!tokens.empty()) unanalysable += ")";
        continue;
      }
      term = std::move(tokens[0].term);
    } else if (!query.raw) {
      HEXAGLOT_ASSIGN_OR_RETURN(term, index::ExactTerm(field, query.term));
    }
    any_term = true;
    const std::string key = format::TermKey(field, language, term);
    IndexPostingList list;
    list.language = language;
    list.term = term;
    for (const index::SegmentView& view : snapshot.segments()) {
      HEXAGLOT_ASSIGN_OR_RETURN(std::optional<format::TermInfo> info, view.reader->FindTerm(key));
      if (!info) continue;
      list.doc_freq += info->doc_freq;
      HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<PostingCursor> cursor,
                                view.reader->OpenCursor(*info, with_positions));
      for (DocId doc = cursor->doc(); doc != kEndDoc; doc = cursor->Next()) {
        if (!view.IsLive(doc)) continue;
        const std::string where = view.entry.name + " document " + std::to_string(doc);
        if (doc >= view.reader->doc_count()) {
          return Status::Corruption(where + ": a posting past the segment's documents");
        }
        IndexPosting posting;
        posting.segment = view.entry.name;
        posting.doc = doc;
        posting.freq = cursor->freq();
        if (with_positions) HEXAGLOT_RETURN_IF_ERROR(cursor->Positions(&posting.positions));
        HEXAGLOT_ASSIGN_OR_RETURN(std::string record, view.reader->Stored(doc));
        HEXAGLOT_ASSIGN_OR_RETURN(Paragraph paragraph, index::DecodeRecord(record, where));
        posting.id = std::move(paragraph.id);
        list.postings.push_back(std::move(posting));
      }
      HEXAGLOT_RETURN_IF_ERROR(cursor->status());
    }
    if (list.doc_freq > 0) lists.push_back(std::move(list));
  }
  if (!any_term) {
    return Status::InvalidArgument("\"" + query.term + "\" does not analyse to one term (" +
                                   unanalysable + "); give one word, or the indexed term with raw");
  }
  return lists;
}

Status IndexReader::Check() const { return impl_->snapshot()->Check(); }

Result<IndexStats> IndexReader::Stats() const {
  const index::Snapshot& snapshot = *impl_->snapshot();
  IndexStats stats;
  stats.generation = snapshot.generation();
  stats.documents = snapshot.live_doc_count();
  stats.deleted_documents = snapshot.deleted_doc_count();

  std::map<std::string, IndexFileKindStats> kinds;
  const auto count_file = [&](const std::string& kind, std::uint64_t bytes) {
    IndexFileKindStats& k = kinds[kind];
    k.kind = kind;
    ++k.files;
    k.bytes += bytes;
    stats.bytes += bytes;
  };
  count_file("manifest", snapshot.manifest_bytes());

  std::uint64_t postings_bytes = 0;
  std::vector<std::unique_ptr<format::TermIterator>> iterators;
  for (const index::SegmentView& view : snapshot.segments()) {
    IndexSegmentStats segment{view.entry.name, view.entry.doc_count, view.entry.deleted_count,
                              view.entry.deletion_bytes};
    for (const format::SegmentFile& file : view.entry.files) {
      count_file(file.kind, file.bytes);
      segment.bytes += file.bytes;
      if (file.kind == "postings") postings_bytes += file.bytes;
    }
    if (view.entry.deletion_generation != 0) count_file("deletions", view.entry.deletion_bytes);
    stats.segments.push_back(std::move(segment));
    iterators.push_back(view.reader->Terms());
  }
  for (auto& [kind, k] : kinds) stats.files.push_back(k);

  // Distinct keys: a merge of the segments' sorted dictionaries.
  std::array<std::uint64_t, kLanguageCount> language_terms{};
  std::string previous;
  bool first = true;
  for (;;) {
    int smallest = -1;
    for (std::size_t s = 0; s < iterators.size(); ++s) {
      HEXAGLOT_RETURN_IF_ERROR(iterators[s]->status());
      if (!iterators[s]->Valid()) continue;
      if (smallest < 0 ||
          iterators[s]->key() < iterators[static_cast<std::size_t>(smallest)]->key()) {
        smallest = static_cast<int>(s);
      }
    }
    if (smallest < 0) break;
    format::TermIterator& it = *iterators[static_cast<std::size_t>(smallest)];
    stats.postings += it.info().doc_freq;
    if (first || it.key() != previous) {
      first = false;
      previous.assign(it.key());
      ++stats.terms;
      const std::optional<format::DecodedTermKey> decoded = format::DecodeTermKey(previous);
      if (decoded && decoded->language) {
        ++language_terms[static_cast<std::size_t>(*decoded->language)];
      }
    }
    it.Next();
  }
  if (stats.postings > 0) {
    stats.bits_per_posting =
        static_cast<double>(postings_bytes) * 8.0 / static_cast<double>(stats.postings);
  }
  for (Language language : AllLanguages()) {
    const auto l = static_cast<std::size_t>(language);
    if (snapshot.stats().doc_count[l] == 0) continue;
    stats.languages.push_back({language, snapshot.stats().doc_count[l],
                               snapshot.stats().total_length[l][0], language_terms[l]});
  }
  return stats;
}

namespace index {

std::shared_ptr<const Snapshot> SnapshotOf(const IndexReader& reader) {
  return reader.impl().snapshot();
}

}  // namespace index
}  // namespace hexaglot

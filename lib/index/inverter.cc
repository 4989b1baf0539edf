// The in-memory inverter (lib/index/inverter.h).

#include "index/inverter.h"

#include <algorithm>
#include <array>

#include "analysis/memo_analyzer.h"
#include "analysis/text_normalizer.h"
#include "format/stored_records.h"
#include "hexaglot/index_writer.h"
#include "index/record_codec.h"
#include "ingest/records.h"
#include "util/checksum.h"
#include "util/coding.h"
#include "util/status_macros.h"
#include "util/utf8.h"

namespace hexaglot::index {
namespace {

using format::FieldId;

// Approximate heap bytes of a new term beyond its key and postings: its TermBuffer, key
// string and sort slot (hash slots are counted as the table grows). An estimate of the
// allocator's share, not exact.
constexpr std::uint64_t kTermOverheadBytes = 96;
// Per document: the writer's per-document language, lengths and stored-record offsets.
constexpr std::uint64_t kDocumentOverheadBytes = 32;
constexpr std::size_t kInitialSlots = 1 << 12;
// Analysed text goes through the analyzer this much at a time (lib/analysis/memo_analyzer.h,
// AnalyzeInWindows): a window's tokens take about 10 MiB.
constexpr std::size_t kAnalysisWindowBytes = std::size_t{1} << 20;
// Per-document scratch above this is released after the document, so that one huge
// paragraph does not pin its buffers for the rest of the run.
constexpr std::size_t kMaxKeptScratchBytes = std::size_t{4} << 20;
// A document's occurrences beyond this many go to its terms' postings (open until the
// document ends), so that a huge text holds about its postings' bytes (1-2 per token)
// rather than 8 bytes per token.
constexpr std::size_t kSpillOccurrences = kMaxKeptScratchBytes / 8;

template <typename Container>
void ReleaseIfLarge(Container* container) {
  if (container->capacity() * sizeof(typename Container::value_type) > kMaxKeptScratchBytes) {
    *container = Container();
  }
}

}  // namespace

bool FieldHasPositions(FieldId field) {
  return field == FieldId::kText || field == FieldId::kTheme || field == FieldId::kTopic;
}

bool FieldIsPerLanguage(FieldId field) {
  return FieldHasPositions(field) || field == FieldId::kThemeExact || field == FieldId::kTopicExact;
}

Result<std::string> ExactTerm(FieldId field, std::string_view value) {
  HEXAGLOT_RETURN_IF_ERROR(utf8::Validate(value));
  if (field == FieldId::kLang) {
    HEXAGLOT_ASSIGN_OR_RETURN(Language language, ParseLanguage(value));
    return std::string(LanguageCode(language));
  }
  if (field != FieldId::kThemeExact && field != FieldId::kTopicExact) return std::string(value);
  HEXAGLOT_ASSIGN_OR_RETURN(analysis::CaseFolder folder, analysis::CaseFolder::Create());
  std::string folded;
  HEXAGLOT_RETURN_IF_ERROR(folder.Fold(value, &folded));
  return folded;
}

namespace {

// The bytes of a paragraph's string fields.
std::uint64_t ParagraphBytes(const Paragraph& p) {
  std::uint64_t bytes = p.id.size() + p.doc.size() + p.number.size() + p.parallel.size() +
                        p.text.size() + p.source.size() + p.hash.size();
  for (const auto* optional : {&p.section, &p.theme, &p.paper}) {
    if (*optional) bytes += (*optional)->size();
  }
  for (const std::string& topic : p.topics) bytes += topic.size();
  for (const std::string& symbol : p.symbols) bytes += symbol.size();
  return bytes;
}

}  // namespace

// A record holds a paragraph's fields plus a few bytes of lengths per field.
static_assert(kMaxParagraphBytes * 2 <= format::kMaxStoredRecordBytes);

Status ValidateParagraph(const Paragraph& p) {
  if (p.id.empty()) {
    return Status::InvalidArgument("paragraph at " + p.source + ":" + std::to_string(p.line) +
                                   " has an empty id");
  }
  HEXAGLOT_RETURN_IF_ERROR(ingest::ValidateId(p.id).WithContext("paragraph at " + p.source + ":" +
                                                                std::to_string(p.line)));
  if (static_cast<int>(p.lang) >= kLanguageCount) {
    return Status::InvalidArgument("paragraph " + p.id + ": unknown language " +
                                   std::to_string(static_cast<int>(p.lang)));
  }
  // Checked first, so an oversized record costs nothing and fails alone.
  const std::uint64_t bytes = ParagraphBytes(p);
  if (bytes > kMaxParagraphBytes) {
    return Status::InvalidArgument("paragraph " + p.id + ": " + std::to_string(bytes) +
                                   " bytes of text and metadata, over the limit of " +
                                   std::to_string(kMaxParagraphBytes) + " (kMaxParagraphBytes)");
  }
  const auto check = [&](std::string_view field, std::string_view value) {
    return utf8::Validate(value).WithContext("paragraph " + p.id + ", field " + std::string(field));
  };
  HEXAGLOT_RETURN_IF_ERROR(utf8::Validate(p.id).WithContext("paragraph id"));
  HEXAGLOT_RETURN_IF_ERROR(check("doc", p.doc));
  HEXAGLOT_RETURN_IF_ERROR(check("number", p.number));
  HEXAGLOT_RETURN_IF_ERROR(check("parallel", p.parallel));
  if (p.section) HEXAGLOT_RETURN_IF_ERROR(check("section", *p.section));
  if (p.theme) HEXAGLOT_RETURN_IF_ERROR(check("theme", *p.theme));
  if (p.paper) HEXAGLOT_RETURN_IF_ERROR(check("paper", *p.paper));
  for (const std::string& topic : p.topics) HEXAGLOT_RETURN_IF_ERROR(check("topics", topic));
  for (const std::string& symbol : p.symbols) HEXAGLOT_RETURN_IF_ERROR(check("symbols", symbol));
  HEXAGLOT_RETURN_IF_ERROR(check("text", p.text));
  HEXAGLOT_RETURN_IF_ERROR(check("source", p.source));
  HEXAGLOT_RETURN_IF_ERROR(check("hash", p.hash));
  return Status::OK();
}

Inverter::Inverter(Directory* directory, const AnalyzerOptions& analyzer_options,
                   const format::SegmentWriterOptions& segment_options)
    : directory_(directory),
      analyzer_options_(analyzer_options),
      segment_options_(segment_options) {}

Inverter::~Inverter() = default;

Result<Inverter::LanguageState*> Inverter::StateFor(Language language) {
  LanguageState& state = languages_[static_cast<std::size_t>(language)];
  if (!state.analyzer) {
    HEXAGLOT_ASSIGN_OR_RETURN(state.analyzer,
                              analysis::CreateMemoAnalyzer(language, analyzer_options_));
    state.generation = state.analyzer->memo_generation();
  }
  return &state;
}

std::size_t Inverter::FindSlot(std::string_view key, std::uint64_t hash) const {
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = static_cast<std::size_t>(hash) & mask;
  while (slots_[i].id_plus_one != 0 &&
         (slots_[i].tag != tag || term_keys_[slots_[i].id_plus_one - 1] != key)) {
    i = (i + 1) & mask;
  }
  return i;
}

std::uint32_t Inverter::TermId(std::string_view key, std::uint64_t hash, bool positions) {
  if (slots_.empty()) slots_.resize(kInitialSlots);
  const std::size_t slot = FindSlot(key, hash);
  if (slots_[slot].id_plus_one != 0) return slots_[slot].id_plus_one - 1;
  const auto id = static_cast<std::uint32_t>(terms_.size());
  slots_[slot] = {static_cast<std::uint32_t>(hash >> 32), id + 1};
  term_keys_.emplace_back(key);
  terms_.emplace_back().positions = positions;
  accounted_bytes_ += kTermOverheadBytes + key.size();
  if (terms_.size() * 2 > slots_.size()) GrowSlots();
  return id;
}

void Inverter::GrowSlots() {
  const std::size_t old_size = slots_.size();
  std::vector<Slot> grown(old_size * 2);
  const std::size_t mask = grown.size() - 1;
  for (std::uint32_t id = 0; id < term_keys_.size(); ++id) {
    const std::uint64_t hash = Checksum64(term_keys_[id]);
    std::size_t i = static_cast<std::size_t>(hash) & mask;
    while (grown[i].id_plus_one != 0) i = (i + 1) & mask;
    grown[i] = {static_cast<std::uint32_t>(hash >> 32), id + 1};
  }
  slots_ = std::move(grown);
  accounted_bytes_ += (slots_.size() - old_size) * sizeof(Slot);
}

Result<std::uint32_t> Inverter::AddAnalysed(FieldId field, Language language, std::string_view text,
                                            std::uint32_t base) {
  HEXAGLOT_ASSIGN_OR_RETURN(LanguageState * state, StateFor(language));
  struct Field {
    LanguageState* state;
    std::size_t table;
    std::string prefix;
    std::uint32_t base;
  } f{state,
      field == FieldId::kText    ? 0u
      : field == FieldId::kTheme ? 1u
                                 : 2u,
      format::TermKey(field, language, {}), base};
  // A window at a time, so that a huge text holds a window's tokens (about 48 bytes each)
  // rather than all of them; only occurrences (8 bytes each) accumulate. Two captures: the
  // std::function holds them without allocating.
  Result<std::uint32_t> used = analysis::AnalyzeInWindows(
      state->analyzer.get(), text, kAnalysisWindowBytes, &tokens_, &entries_, [this, &f] {
        AddTokens(f.state, f.table, f.prefix, f.base);
        if (occurrences_.size() >= kSpillOccurrences) SpillOccurrences();
        return Status::OK();
      });
  // The field's length: its word positions, stop words included (README "Ranking").
  return used;
}

void Inverter::AddTokens(LanguageState* state, std::size_t table, std::string_view prefix,
                         std::uint32_t base) {
  if (state->generation != state->analyzer->memo_generation()) {
    state->generation = state->analyzer->memo_generation();
    for (std::vector<std::uint32_t>& ids : state->term_ids) ids.clear();
  }
  std::vector<std::uint32_t>& known = state->term_ids[table];
  // Stems' entries, then exact forms' (MemoAnalyzer::AnalyzeWithEntries).
  if (known.empty()) known.assign(2 * analysis::MemoAnalyzer::kMaxMemoEntries, kUnknownTerm);
  // Running text repeats a small vocabulary: most tokens come from a memo entry whose term
  // id is known. The others are looked up in the term table, which outgrows the caches:
  // a lookup then mostly waits for its slot and for its term's key, one after the other.
  // So those lookups run in three passes: hash the keys and prefetch their slots,
  // prefetch the keys of the terms found there, then look up with most of both in cache.
  if (slots_.empty()) slots_.resize(kInitialSlots);
  const std::size_t mask = slots_.size() - 1;
  const std::size_t first = occurrences_.size();
  token_keys_.clear();
  token_key_ends_.clear();
  token_hashes_.clear();
  misses_.clear();
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    const std::uint32_t entry = entries_[i];
    const std::uint32_t known_id =
        entry == analysis::MemoAnalyzer::kNoEntry ? kUnknownTerm : known[entry];
    occurrences_.push_back({known_id, base + tokens_[i].position});
    if (known_id != kUnknownTerm) continue;
    misses_.push_back(i);
    const std::size_t start = token_keys_.size();
    token_keys_.append(prefix);
    token_keys_.append(tokens_[i].term);
    const std::uint64_t hash =
        Checksum64(std::string_view(token_keys_).substr(start, token_keys_.size() - start));
    token_key_ends_.push_back(token_keys_.size());
    token_hashes_.push_back(hash);
    __builtin_prefetch(&slots_[hash & mask]);
  }
  for (const std::uint64_t hash : token_hashes_) {
    const Slot& slot = slots_[hash & mask];
    if (slot.id_plus_one != 0) __builtin_prefetch(&term_keys_[slot.id_plus_one - 1]);
  }
  std::size_t start = 0;
  for (std::size_t m = 0; m < misses_.size(); ++m) {
    const std::string_view key =
        std::string_view(token_keys_).substr(start, token_key_ends_[m] - start);
    const std::uint32_t id = TermId(key, token_hashes_[m], true);
    occurrences_[first + misses_[m]].term = id;
    const std::uint32_t entry = entries_[misses_[m]];
    if (entry != analysis::MemoAnalyzer::kNoEntry) known[entry] = id;
    start = token_key_ends_[m];
  }
}

void Inverter::AddExact(FieldId field, std::optional<Language> language, std::string_view term) {
  if (term.empty()) return;
  format::AssignTermKey(field, language, term, &key_);
  occurrences_.push_back({TermId(key_, Checksum64(key_), false), 0});
}

Status Inverter::Add(const Paragraph& p, const std::function<std::string()>& new_segment_name) {
  if (!writer_) {
    HEXAGLOT_ASSIGN_OR_RETURN(
        writer_, format::SegmentWriter::Create(directory_, new_segment_name(), segment_options_));
  }
  const DocId doc = doc_count_;
  const Language lang = p.lang;
  occurrences_.clear();
  // A huge document that fails half-way leaves no open postings behind.
  struct DiscardOpen {
    Inverter* inverter;
    ~DiscardOpen() { inverter->DiscardOpenPostings(); }
  } discard_open{this};
  format::SegmentDocument document;
  document.language = lang;

  // Scored fields, in kScoredFields order: text, theme, topics.
  HEXAGLOT_ASSIGN_OR_RETURN(document.lengths[0], AddAnalysed(FieldId::kText, lang, p.text, 0));
  if (p.theme) {
    HEXAGLOT_ASSIGN_OR_RETURN(document.lengths[1], AddAnalysed(FieldId::kTheme, lang, *p.theme, 0));
    HEXAGLOT_ASSIGN_OR_RETURN(std::string exact, ExactTerm(FieldId::kThemeExact, *p.theme));
    AddExact(FieldId::kThemeExact, lang, exact);
  }
  std::uint32_t topic_base = 0;
  for (const std::string& topic : p.topics) {
    HEXAGLOT_ASSIGN_OR_RETURN(std::uint32_t used,
                              AddAnalysed(FieldId::kTopic, lang, topic, topic_base));
    document.lengths[2] += used;
    if (used > 0) topic_base += used + 1;
    HEXAGLOT_ASSIGN_OR_RETURN(std::string exact, ExactTerm(FieldId::kTopicExact, topic));
    AddExact(FieldId::kTopicExact, lang, exact);
  }
  for (const std::string& symbol : p.symbols) AddExact(FieldId::kSymbol, std::nullopt, symbol);
  if (p.paper) AddExact(FieldId::kPaper, std::nullopt, *p.paper);
  AddExact(FieldId::kDoc, std::nullopt, p.doc);
  AddExact(FieldId::kLang, std::nullopt, LanguageCode(lang));
  if (p.year) AddExact(FieldId::kYear, std::nullopt, std::to_string(*p.year));
  AddExact(FieldId::kId, std::nullopt, p.id);
  AddExact(FieldId::kParallel, std::nullopt, p.parallel);

  // The record around the text, which the writer takes where it is.
  record_.clear();
  record_tail_.clear();
  EncodeRecordAroundText(p, &record_, &record_tail_);
  const std::array<std::string_view, 3> pieces = {record_, p.text, record_tail_};
  document.stored_pieces = pieces;
  HEXAGLOT_RETURN_IF_ERROR(writer_->AddDocument(document));
  ++doc_count_;
  deleted_.push_back(false);
  accounted_bytes_ += kDocumentOverheadBytes;
  if (open_.empty()) {
    AddPostings(doc);
  } else {
    SpillOccurrences();
    CloseOpenPostings(doc);
  }
  ReleaseLargeScratch();
  return Status::OK();
}

void Inverter::SortOccurrences() {
  // Group the occurrences by term; positions stay in order within each term.
  std::sort(occurrences_.begin(), occurrences_.end(), [](const Occurrence& a, const Occurrence& b) {
    return a.term != b.term ? a.term < b.term : a.position < b.position;
  });
}

void Inverter::AddPostings(DocId doc) {
  SortOccurrences();
  // The terms' buffers, then the ends of their bytes, are prefetched first, as the slots
  // of AddAnalysed: appending to them otherwise waits for two misses per term in turn.
  for (const Occurrence& occurrence : occurrences_) __builtin_prefetch(&terms_[occurrence.term]);
  for (const Occurrence& occurrence : occurrences_) {
    const std::string& bytes = terms_[occurrence.term].bytes;
    __builtin_prefetch(bytes.data() + bytes.size());
  }
  for (std::size_t i = 0; i < occurrences_.size();) {
    std::size_t end = i + 1;
    while (end < occurrences_.size() && occurrences_[end].term == occurrences_[i].term) ++end;
    TermBuffer& term = terms_[occurrences_[i].term];
    const std::size_t capacity = term.bytes.capacity();
    PutVarint32(&term.bytes, term.doc_count == 0 ? doc : doc - term.last_doc);
    PutVarint32(&term.bytes, static_cast<std::uint32_t>(end - i));
    if (term.positions) {
      std::uint32_t previous = 0;
      for (std::size_t j = i; j < end; ++j) {
        PutVarint32(&term.bytes, occurrences_[j].position - previous);
        previous = occurrences_[j].position;
      }
    }
    term.last_doc = doc;
    ++term.doc_count;
    accounted_bytes_ += term.bytes.capacity() - capacity;
    i = end;
  }
}

void Inverter::SpillOccurrences() {
  SortOccurrences();
  if (open_index_.size() < terms_.size()) open_index_.resize(terms_.size(), kNotOpen);
  for (std::size_t i = 0; i < occurrences_.size();) {
    const std::uint32_t id = occurrences_[i].term;
    TermBuffer& term = terms_[id];
    std::uint32_t& k = open_index_[id];
    if (k == kNotOpen) {
      k = static_cast<std::uint32_t>(open_.size());
      open_.push_back({id, term.bytes.size(), 0, 0});
    }
    OpenPosting& open = open_[k];
    const std::size_t capacity = term.bytes.capacity();
    for (; i < occurrences_.size() && occurrences_[i].term == id; ++i) {
      ++open.freq;
      if (!term.positions) continue;
      PutVarint32(&term.bytes, occurrences_[i].position - open.last_position);
      open.last_position = occurrences_[i].position;
    }
    accounted_bytes_ += term.bytes.capacity() - capacity;
  }
  occurrences_.clear();
}

void Inverter::CloseOpenPostings(DocId doc) {
  std::string header;
  for (const OpenPosting& open : open_) {
    TermBuffer& term = terms_[open.term];
    header.clear();
    PutVarint32(&header, term.doc_count == 0 ? doc : doc - term.last_doc);
    PutVarint32(&header, open.freq);
    const std::size_t capacity = term.bytes.capacity();
    term.bytes.insert(open.start, header);
    term.last_doc = doc;
    ++term.doc_count;
    accounted_bytes_ += term.bytes.capacity() - capacity;
    open_index_[open.term] = kNotOpen;
  }
  open_.clear();
}

void Inverter::DiscardOpenPostings() {
  for (const OpenPosting& open : open_) {
    terms_[open.term].bytes.resize(open.start);
    open_index_[open.term] = kNotOpen;
  }
  open_.clear();
}

void Inverter::ReleaseLargeScratch() {
  ReleaseIfLarge(&occurrences_);
  ReleaseIfLarge(&tokens_);
  ReleaseIfLarge(&entries_);
  ReleaseIfLarge(&misses_);
  ReleaseIfLarge(&token_keys_);
  ReleaseIfLarge(&token_key_ends_);
  ReleaseIfLarge(&token_hashes_);
  ReleaseIfLarge(&record_);
  ReleaseIfLarge(&record_tail_);
  ReleaseIfLarge(&open_);
  ReleaseIfLarge(&open_index_);
}

DocId Inverter::DeleteTerm(std::string_view key) {
  if (slots_.empty()) return 0;
  const std::size_t slot = FindSlot(key, Checksum64(key));
  if (slots_[slot].id_plus_one == 0) return 0;
  const TermBuffer& term = terms_[slots_[slot].id_plus_one - 1];
  std::string_view in = term.bytes;
  DocId doc = 0;
  DocId deleted = 0;
  for (std::uint32_t i = 0; i < term.doc_count; ++i) {
    std::uint32_t delta = 0;
    std::uint32_t freq = 0;
    // Our own bytes: they always decode.
    (void)GetVarint32(&in, &delta);
    (void)GetVarint32(&in, &freq);
    doc = i == 0 ? delta : doc + delta;
    if (term.positions) {
      for (std::uint32_t j = 0; j < freq; ++j) {
        std::uint32_t ignored = 0;
        (void)GetVarint32(&in, &ignored);
      }
    }
    if (!deleted_[doc]) {
      deleted_[doc] = true;
      ++deleted;
    }
  }
  return deleted;
}

Result<FlushedSegment> Inverter::Flush() {
  if (!writer_) return Status::FailedPrecondition("inverter: Flush without documents");
  // Terms in key order. Each is sorted by its first eight bytes as a big-endian number
  // (zero-padded: their order agrees with the keys'), and only ties compare the keys:
  // comparing strings throughout was a third of the flush's time.
  struct SortKey {
    std::uint64_t prefix;
    std::uint32_t id;
  };
  std::vector<SortKey> order(terms_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    const std::string& key = term_keys_[i];
    std::uint64_t prefix = 0;
    for (std::size_t b = 0; b < 8; ++b) {
      prefix = (prefix << 8) | (b < key.size() ? static_cast<unsigned char>(key[b]) : 0u);
    }
    order[i] = {prefix, i};
  }
  std::sort(order.begin(), order.end(), [&](const SortKey& a, const SortKey& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return term_keys_[a.id] < term_keys_[b.id];
  });
  for (const SortKey& sorted : order) {
    const std::uint32_t id = sorted.id;
    const TermBuffer& term = terms_[id];
    HEXAGLOT_RETURN_IF_ERROR(writer_->StartTerm(term_keys_[id]));
    std::string_view in = term.bytes;
    DocId doc = 0;
    for (std::uint32_t i = 0; i < term.doc_count; ++i) {
      std::uint32_t delta = 0;
      std::uint32_t freq = 0;
      (void)GetVarint32(&in, &delta);
      (void)GetVarint32(&in, &freq);
      doc = i == 0 ? delta : doc + delta;
      positions_.clear();
      if (term.positions) {
        std::uint32_t position = 0;
        for (std::uint32_t j = 0; j < freq; ++j) {
          std::uint32_t gap = 0;
          (void)GetVarint32(&in, &gap);
          position += gap;
          positions_.push_back(position);
        }
      }
      HEXAGLOT_RETURN_IF_ERROR(writer_->AddPosting(doc, freq, positions_));
    }
    HEXAGLOT_RETURN_IF_ERROR(writer_->FinishTerm());
  }
  HEXAGLOT_ASSIGN_OR_RETURN(format::SegmentInfo info, writer_->Finish());
  FlushedSegment flushed{std::move(info), DeletionBitset(doc_count_)};
  for (DocId doc = 0; doc < doc_count_; ++doc) {
    if (deleted_[doc]) flushed.deletions.Delete(doc);
  }
  Reset();
  return flushed;
}

void Inverter::Reset() {
  writer_.reset();
  doc_count_ = 0;
  accounted_bytes_ = 0;
  // Fresh containers: clear() would keep the buckets and capacity of a full budget.
  slots_ = {};
  // Term ids start over.
  for (LanguageState& state : languages_) {
    for (std::vector<std::uint32_t>& ids : state.term_ids) ids.clear();
  }
  terms_ = {};
  term_keys_ = {};
  deleted_ = {};
}

}  // namespace hexaglot::index

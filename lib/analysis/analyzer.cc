// The six-language analyzer (include/hexaglot/analyzer.h).
//
// Per word-like segment: French/Spanish elision on the original bytes (so that offsets
// cover the word after the apostrophe) -> NFKC case folding -> Arabic normalisation (ar)
// -> apostrophe folding -> stop-word test -> Snowball stem. Everything after segmentation
// is a pure function of the segment's bytes, so it is memoised per analyzer: running text
// repeats a small vocabulary, and the memo turns most tokens into one hash-table probe.
// Each token's memo entry is exposed to the inverter (memo_analyzer.h).

#include "hexaglot/analyzer.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "analysis/memo_analyzer.h"
#include "analysis/snowball_stemmer.h"
#include "analysis/stop_words.h"
#include "analysis/text_normalizer.h"
#include "analysis/word_segmenter.h"
#include "util/checksum.h"
#include "util/status_macros.h"
#include "util/utf8.h"

namespace hexaglot {
namespace {

using analysis::CaseFolder;
using analysis::SnowballStemmer;
using analysis::WordSegmenter;
using analysis::WordSpan;

// Hash and equality that accept std::string_view, so lookups do not allocate.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Elided articles and pronouns (Lucene's FrenchAnalyzer DEFAULT_ARTICLES), matched
// case-insensitively before an apostrophe. Spanish uses the same list: Spanish text has
// elision only in quoted French or Catalan names (d'Alembert, l'Hospitalet).
constexpr std::array<std::string_view, 13> kElidedWords = {
    "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"};
constexpr std::size_t kLongestElidedWord = 6;

// The byte length of the apostrophe at text[pos] (' or U+2019), or 0.
std::size_t ApostropheAt(std::string_view text, std::size_t pos) {
  if (text[pos] == '\'') return 1;
  if (text.substr(pos, 3) == "\xE2\x80\x99") return 3;
  return 0;
}

// The start of the word after an elided article in the segment text[start, end), or
// `start` when the segment does not begin with one.
std::uint32_t SkipElision(std::string_view text, std::uint32_t start, std::uint32_t end) {
  const std::size_t limit = std::min<std::size_t>(end, start + kLongestElidedWord + 1);
  for (std::size_t pos = start + 1; pos < limit; ++pos) {
    const std::size_t apostrophe = ApostropheAt(text, pos);
    if (apostrophe == 0) continue;
    if (pos + apostrophe >= end) return start;  // Nothing after the apostrophe.
    char lower[kLongestElidedWord];
    const std::size_t length = pos - start;
    for (std::size_t i = 0; i < length; ++i) {
      const char c = text[start + i];
      lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
    }
    const std::string_view prefix(lower, length);
    for (std::string_view elided : kElidedWords) {
      if (prefix == elided) return static_cast<std::uint32_t>(pos + apostrophe);
    }
    return start;
  }
  return start;
}

bool IsHan(char32_t cp) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(cp), &status) == USCRIPT_HAN && U_SUCCESS(status);
}

class AnalyzerImpl final : public analysis::MemoAnalyzer {
 public:
  AnalyzerImpl(Language language, const AnalyzerOptions& options,
               std::unique_ptr<WordSegmenter> segmenter, CaseFolder folder,
               std::unique_ptr<SnowballStemmer> stemmer)
      : MemoAnalyzer(language, options),
        segmenter_(std::move(segmenter)),
        folder_(folder),
        stemmer_(std::move(stemmer)),
        elision_(language == Language::kFrench || language == Language::kSpanish),
        bigrams_(language == Language::kChinese && options.chinese_mode == ChineseMode::kBigrams),
        exact_forms_(stemmer_ != nullptr && options.ExactFormsFor(language)) {}

  // Normalises the stop list with this analyzer's own rules, so that it matches tokens.
  Status Init() {
    for (std::string_view word : analysis::StopWordList(language())) {
      HEXAGLOT_RETURN_IF_ERROR(Normalize(word, &scratch_));
      stop_words_.insert(scratch_);
    }
    return Status::OK();
  }

  Status Analyze(std::string_view text, std::vector<Token>* tokens) override {
    return AnalyzeWithEntries(text, tokens, &entries_);
  }

  Status AnalyzeWithEntries(std::string_view text, std::vector<Token>* tokens,
                            std::vector<std::uint32_t>* entries) override {
    tokens->clear();
    entries->clear();
    entries_out_ = entries;
    positions_used_ = 0;
    if (text.size() > std::numeric_limits<std::uint32_t>::max()) {
      return Status::InvalidArgument("text of " + std::to_string(text.size()) +
                                     " bytes is over the 4 GiB limit of 32-bit offsets");
    }
    HEXAGLOT_RETURN_IF_ERROR(utf8::Validate(text));
    HEXAGLOT_RETURN_IF_ERROR(segmenter_->Segment(text, &spans_));
    Status status = bigrams_ ? EmitBigrams(text, tokens) : EmitWords(text, tokens);
    if (!status.ok()) {
      tokens->clear();
      entries->clear();
    }
    return status;
  }

  std::uint64_t memo_generation() const override { return memo_generation_; }
  std::uint32_t positions_used() const override { return positions_used_; }

  std::string Stem(std::string_view word) override {
    std::string stem;
    // On libstemmer's out-of-memory NULL the word stays as it is (Analyze reports it).
    if (stemmer_ == nullptr || !options().stem || !stemmer_->Stem(word, &stem).ok()) {
      return std::string(word);
    }
    return stem;
  }

 private:
  // What the pipeline makes of one segment's bytes.
  struct Term {
    bool indexed;  // False for removed stop words (and segments that normalise to nothing).
    bool stop;     // On the stop list.
    std::string term;
    std::string exact;  // kExactFormMarker + the unstemmed word, or empty (AnalyzerOptions).
  };

  // Bounds the memo table (at most kMaxCachedTerms surfaces of kMaxTokenBytes and their
  // terms, 1-2 MiB in practice): when full it starts over.
  static constexpr std::size_t kMaxCachedTerms = kMaxMemoEntries;
  // Slots of the memo's hash table: at most half full.
  static constexpr std::size_t kMemoSlots = 2 * kMaxCachedTerms;
  struct MemoEntry {
    std::string surface;
    Term term;
  };

  Status Normalize(std::string_view surface, std::string* out) {
    HEXAGLOT_RETURN_IF_ERROR(folder_.Fold(surface, out));
    if (language() == Language::kArabic) analysis::NormalizeArabic(out);
    analysis::FoldApostrophes(out);
    return Status::OK();
  }

  struct Processed {
    const Term* term;
    std::uint32_t entry;  // Its memo entry, or kNoEntry.
  };

  void AllocateMemo() {
    if (memo_slots_.empty()) {
      memo_slots_.assign(kMemoSlots, 0);
      memo_.reserve(kMaxCachedTerms);  // Never reallocates: returned pointers stay valid.
    }
  }

  // The term for the segment bytes `surface`, memoised. `hash` is its Checksum64.
  // REQUIRES: AllocateMemo() was called.
  Result<Processed> Process(std::string_view surface, std::uint64_t hash) {
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    std::size_t slot = static_cast<std::size_t>(hash) & (kMemoSlots - 1);
    for (; memo_slots_[slot] != 0; slot = (slot + 1) & (kMemoSlots - 1)) {
      if (static_cast<std::uint32_t>(memo_slots_[slot] >> 32) != tag) continue;
      const std::uint32_t index = static_cast<std::uint32_t>(memo_slots_[slot]) - 1;
      if (memo_[index].surface == surface) return Processed{&memo_[index].term, index};
    }
    Term result;
    HEXAGLOT_RETURN_IF_ERROR(Normalize(surface, &scratch_));
    result.stop = stop_words_.contains(scratch_);
    result.indexed = !scratch_.empty() && scratch_.size() <= kMaxTokenBytes &&
                     !(result.stop && options().remove_stop_words);
    if (result.indexed && stemmer_ != nullptr && options().stem) {
      HEXAGLOT_RETURN_IF_ERROR(stemmer_->Stem(scratch_, &result.term));
      result.indexed = result.term.size() <= kMaxTokenBytes;
    } else if (result.indexed) {
      result.term = scratch_;
    }
    // A stop word searched is searched for its presence: its exact form would add little.
    if (result.indexed && exact_forms_ && !result.stop && result.term != scratch_ &&
        scratch_.size() < kMaxTokenBytes) {
      result.exact.reserve(scratch_.size() + 1);
      result.exact.push_back(kExactFormMarker);
      result.exact.append(scratch_);
    }
    // Overlong words are not memoised, so the table stays small whatever the text.
    if (surface.size() > kMaxTokenBytes) {
      long_word_ = std::move(result);
      return Processed{&long_word_, kNoEntry};
    }
    if (memo_.size() >= kMaxCachedTerms) {
      memo_.clear();
      std::fill(memo_slots_.begin(), memo_slots_.end(), 0);
      slot = static_cast<std::size_t>(hash) & (kMemoSlots - 1);
      // The call's earlier tokens name entries of the old generation.
      ++memo_generation_;
      std::fill(entries_out_->begin(), entries_out_->end(), kNoEntry);
    }
    memo_.push_back(MemoEntry{std::string(surface), std::move(result)});
    memo_slots_[slot] = (std::uint64_t{tag} << 32) | memo_.size();
    return Processed{&memo_.back().term, static_cast<std::uint32_t>(memo_.size() - 1)};
  }

  // Every word-like segment takes a position; removed stop words leave theirs empty.
  Status Emit(std::string_view text, std::uint32_t start, std::uint32_t end, std::uint64_t hash,
              std::uint32_t* position, std::vector<Token>* tokens) {
    HEXAGLOT_ASSIGN_OR_RETURN(const Processed processed,
                              Process(text.substr(start, end - start), hash));
    if (processed.term->indexed) {
      tokens->push_back(Token{processed.term->term, *position, start, end, processed.term->stop});
      entries_out_->push_back(processed.entry);
      if (!processed.term->exact.empty()) {
        tokens->push_back(Token{processed.term->exact, *position, start, end});
        entries_out_->push_back(processed.entry == kNoEntry ? kNoEntry
                                                            : processed.entry + kMaxMemoEntries);
      }
    }
    ++*position;
    return Status::OK();
  }

  // The memo outgrows the caches, and a probe then mostly waits for its slot and for its
  // entry, one after the other. So the probes run in three passes: hash the segments and
  // prefetch their slots, prefetch the entries found there, then probe with most of both
  // in cache.
  Status EmitWords(std::string_view text, std::vector<Token>* tokens) {
    AllocateMemo();
    constexpr std::size_t kMask = kMemoSlots - 1;
    span_hashes_.clear();
    for (WordSpan& span : spans_) {
      if (elision_) span.start = SkipElision(text, span.start, span.end);
      const std::uint64_t hash = Checksum64(text.substr(span.start, span.end - span.start));
      span_hashes_.push_back(hash);
      __builtin_prefetch(&memo_slots_[hash & kMask]);
    }
    for (const std::uint64_t hash : span_hashes_) {
      const std::uint64_t slot = memo_slots_[hash & kMask];
      if (slot != 0) __builtin_prefetch(&memo_[static_cast<std::uint32_t>(slot) - 1]);
    }
    std::uint32_t position = 0;
    for (std::size_t i = 0; i < spans_.size(); ++i) {
      HEXAGLOT_RETURN_IF_ERROR(
          Emit(text, spans_[i].start, spans_[i].end, span_hashes_[i], &position, tokens));
    }
    positions_used_ = position;
    return Status::OK();
  }

  // ChineseMode::kBigrams: maximal runs of Han characters (across segment boundaries
  // when the segments touch) become overlapping bigrams, a lone Han character a unigram;
  // the other parts of segments stay words. A bigram is not a word, so the stop list
  // applies to those words only.
  Status EmitBigrams(std::string_view text, std::vector<Token>* tokens) {
    AllocateMemo();
    std::uint32_t position = 0;
    han_starts_.clear();  // Byte offsets of the pending run's characters, then its end.
    auto flush_run = [&]() -> Status {
      if (han_starts_.size() == 2) {  // One character.
        HEXAGLOT_RETURN_IF_ERROR(
            EmitUnstopped(text, han_starts_[0], han_starts_[1], &position, tokens));
      }
      for (std::size_t i = 0; i + 2 < han_starts_.size(); ++i) {
        HEXAGLOT_RETURN_IF_ERROR(
            EmitUnstopped(text, han_starts_[i], han_starts_[i + 2], &position, tokens));
      }
      han_starts_.clear();
      return Status::OK();
    };
    for (const WordSpan& span : spans_) {
      std::size_t pos = span.start;
      while (pos < span.end) {
        const std::size_t part_start = pos;
        const bool han = IsHan(utf8::Next(text, &pos));
        while (pos < span.end) {
          std::size_t next = pos;
          if (IsHan(utf8::Next(text, &next)) != han) break;
          pos = next;
        }
        if (han) {
          if (!han_starts_.empty() && han_starts_.back() != part_start) {
            HEXAGLOT_RETURN_IF_ERROR(flush_run());
          }
          if (!han_starts_.empty()) han_starts_.pop_back();
          for (std::size_t cp = part_start; cp < pos;) {
            han_starts_.push_back(static_cast<std::uint32_t>(cp));
            utf8::Next(text, &cp);
          }
          han_starts_.push_back(static_cast<std::uint32_t>(pos));
        } else {
          HEXAGLOT_RETURN_IF_ERROR(flush_run());
          const std::string_view part = text.substr(part_start, pos - part_start);
          HEXAGLOT_RETURN_IF_ERROR(Emit(text, static_cast<std::uint32_t>(part_start),
                                        static_cast<std::uint32_t>(pos), Checksum64(part),
                                        &position, tokens));
        }
      }
    }
    HEXAGLOT_RETURN_IF_ERROR(flush_run());
    positions_used_ = position;
    return Status::OK();
  }

  // A Han unigram or bigram: normalised, never a stop word.
  Status EmitUnstopped(std::string_view text, std::uint32_t start, std::uint32_t end,
                       std::uint32_t* position, std::vector<Token>* tokens) {
    HEXAGLOT_RETURN_IF_ERROR(Normalize(text.substr(start, end - start), &scratch_));
    if (!scratch_.empty()) {
      tokens->push_back(Token{scratch_, *position, start, end});
      entries_out_->push_back(kNoEntry);
    }
    ++*position;
    return Status::OK();
  }

  std::unique_ptr<WordSegmenter> segmenter_;
  CaseFolder folder_;
  std::unique_ptr<SnowballStemmer> stemmer_;  // Null for Chinese.
  const bool elision_;
  const bool bigrams_;
  const bool exact_forms_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> stop_words_;
  // The memo: surfaces and their terms in insertion order, found through an
  // open-addressing table of (hash tag << 32 | entry + 1) slots (linear probing). One probe
  // of a flat array, where a node-based map chased pointers and divided at every step
  // (a fifth of indexing time in `perf`).
  std::vector<MemoEntry> memo_;
  std::vector<std::uint64_t> memo_slots_;  // Allocated on first use.
  Term long_word_;                         // Process's result for a surface too long to memoise.
  std::uint64_t memo_generation_ = 0;      // Counts the memo's fresh starts.
  std::uint32_t positions_used_ = 0;
  // Where the current call puts its tokens' entries; entries_ for Analyze.
  std::vector<std::uint32_t>* entries_out_ = nullptr;
  std::vector<std::uint32_t> entries_;
  // Reused across calls so that analysing allocates only the tokens' terms.
  std::vector<WordSpan> spans_;
  std::vector<std::uint64_t> span_hashes_;
  std::vector<std::uint32_t> han_starts_;
  std::string scratch_;
};

}  // namespace

Analyzer::~Analyzer() = default;

Result<std::unique_ptr<Analyzer>> Analyzer::Create(Language language,
                                                   const AnalyzerOptions& options) {
  HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<analysis::MemoAnalyzer> analyzer,
                            analysis::CreateMemoAnalyzer(language, options));
  return std::unique_ptr<Analyzer>(std::move(analyzer));
}

Result<std::vector<Token>> Analyzer::Analyze(std::string_view text) {
  std::vector<Token> tokens;
  HEXAGLOT_RETURN_IF_ERROR(Analyze(text, &tokens));
  return tokens;
}

namespace analysis {

Result<std::unique_ptr<MemoAnalyzer>> CreateMemoAnalyzer(Language language,
                                                         const AnalyzerOptions& options) {
  HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<WordSegmenter> segmenter, WordSegmenter::Create());
  HEXAGLOT_ASSIGN_OR_RETURN(CaseFolder folder, CaseFolder::Create());
  std::unique_ptr<SnowballStemmer> stemmer;
  if (language != Language::kChinese) {
    HEXAGLOT_ASSIGN_OR_RETURN(stemmer, SnowballStemmer::Create(language));
  }
  auto analyzer = std::make_unique<AnalyzerImpl>(language, options, std::move(segmenter), folder,
                                                 std::move(stemmer));
  HEXAGLOT_RETURN_IF_ERROR(analyzer->Init());
  return std::unique_ptr<MemoAnalyzer>(std::move(analyzer));
}

namespace {

bool IsSafeCut(std::string_view text, std::size_t pos) {
  constexpr std::string_view kAsciiSpace = " \t\n\v\f\r";
  // U+3001 、 U+3002 。 U+FF01 ！ U+FF1F ？ (not U+FF0C ， or U+FF1B ；, which are MidNum).
  constexpr std::array<std::string_view, 4> kCjkPunctuation = {"\xE3\x80\x81", "\xE3\x80\x82",
                                                               "\xEF\xBC\x81", "\xEF\xBC\x9F"};
  bool after = kAsciiSpace.find(text[pos - 1]) != std::string_view::npos;
  if (!after && pos >= 3) {
    after = std::find(kCjkPunctuation.begin(), kCjkPunctuation.end(), text.substr(pos - 3, 3)) !=
            kCjkPunctuation.end();
  }
  if (!after) return false;
  if (static_cast<unsigned char>(text[pos]) < 0x80) return true;
  std::size_t next = pos;
  const auto word_break =
      u_getIntPropertyValue(static_cast<UChar32>(utf8::Next(text, &next)), UCHAR_WORD_BREAK);
  return word_break != U_WB_EXTEND && word_break != U_WB_FORMAT && word_break != U_WB_ZWJ;
}

}  // namespace

std::size_t NextSafeCut(std::string_view text, std::size_t from) {
  for (std::size_t pos = std::max<std::size_t>(from, 1); pos < text.size(); ++pos) {
    if (IsSafeCut(text, pos)) return pos;
  }
  return text.size();
}

Result<std::uint32_t> AnalyzeInWindows(MemoAnalyzer* analyzer, std::string_view text,
                                       std::size_t window_bytes, std::vector<Token>* tokens,
                                       std::vector<std::uint32_t>* entries,
                                       const std::function<Status()>& sink) {
  if (text.size() > std::numeric_limits<std::uint32_t>::max()) {
    return Status::InvalidArgument("text of " + std::to_string(text.size()) +
                                   " bytes is over the 4 GiB limit of 32-bit offsets");
  }
  std::uint32_t base = 0;
  std::size_t start = 0;
  do {
    const std::size_t end =
        text.size() - start > window_bytes ? NextSafeCut(text, start + window_bytes) : text.size();
    HEXAGLOT_RETURN_IF_ERROR(
        analyzer->AnalyzeWithEntries(text.substr(start, end - start), tokens, entries));
    for (Token& token : *tokens) {
      token.position += base;
      token.start += static_cast<std::uint32_t>(start);
      token.end += static_cast<std::uint32_t>(start);
    }
    base += analyzer->positions_used();
    HEXAGLOT_RETURN_IF_ERROR(sink());
    start = end;
  } while (start < text.size());
  return base;
}

}  // namespace analysis
}  // namespace hexaglot

#include "corpus_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <string>
#include <unordered_map>
#include <utility>

namespace hexaglot::bench {
namespace {

// xoshiro256** seeded through splitmix64 (Blackman and Vigna): fast, and its output is
// fixed by the seed on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& word : state_) {
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }

  std::uint64_t Next() {
    const std::uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, n) by Lemire's multiply-shift; the bias for n << 2^64 is negligible.
  // REQUIRES: n > 0.
  std::uint64_t Below(std::uint64_t n) {
    __extension__ using Wide = unsigned __int128;  // GCC and Clang; -Wpedantic needs the tag.
    return static_cast<std::uint64_t>((static_cast<Wide>(Next()) * n) >> 64);
  }

  // Uniform in [0, 1) with 53 random bits.
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> state_;
};

// The index i of the first cumulative[i] > target.
std::size_t Pick(const std::vector<std::uint64_t>& cumulative, std::uint64_t target) {
  return static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), target) -
                                  cumulative.begin());
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Common English function words: never used as query terms, and a phrase may not start or
// end with one (every peer engine handles stop words differently).
constexpr std::array<std::string_view, 98> kStopWords = {
    "a",    "about", "above",  "after",   "all",    "also",  "an",      "and",    "any",    "are",
    "as",   "at",    "be",     "been",    "before", "being", "between", "both",   "but",    "by",
    "can",  "could", "did",    "do",      "does",   "each",  "either",  "for",    "from",   "had",
    "has",  "have",  "he",     "her",     "his",    "how",   "if",      "in",     "into",   "is",
    "it",   "its",   "may",    "more",    "most",   "must",  "no",      "nor",    "not",    "of",
    "on",   "one",   "only",   "or",      "other",  "our",   "shall",   "she",    "should", "so",
    "some", "such",  "than",   "that",    "the",    "their", "them",    "then",   "there",  "these",
    "they", "this",  "those",  "through", "to",     "under", "until",   "upon",   "very",   "was",
    "we",   "were",  "what",   "when",    "where",  "which", "while",   "who",    "whom",   "why",
    "will", "with",  "within", "without", "would",  "you",   "your",    "thereof"};

bool IsStopWord(std::string_view word) {
  return std::find(kStopWords.begin(), kStopWords.end(), word) != kStopWords.end();
}

// A token without its leading and trailing ASCII punctuation, lower-cased, when what is
// left is ASCII letters and digits only; empty otherwise.
std::string CleanToken(std::string_view token) {
  std::size_t begin = 0;
  std::size_t end = token.size();
  while (begin < end && !IsAsciiAlnum(token[begin])) {
    if (static_cast<unsigned char>(token[begin]) >= 0x80) return {};
    ++begin;
  }
  while (end > begin && !IsAsciiAlnum(token[end - 1])) {
    if (static_cast<unsigned char>(token[end - 1]) >= 0x80) return {};
    --end;
  }
  std::string out;
  out.reserve(end - begin);
  for (std::size_t i = begin; i < end; ++i) {
    const char c = token[i];
    if (!IsAsciiAlnum(c)) return {};
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

// A query term: letters only, at least three, not a stop word.
bool IsContentTerm(const std::string& term) {
  if (term.size() < 3 || IsStopWord(term)) return false;
  return std::all_of(term.begin(), term.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Consonant-vowel syllables for synthetic words past the learnt vocabulary.
constexpr std::string_view kOnsets = "bdfgklmnprstvz";
constexpr std::string_view kVowels = "aeiou";

// A distinct pronounceable word for each index, of at least three syllables so that it
// rarely coincides with a real word.
std::string SyntheticWord(std::uint64_t index) {
  const std::uint64_t base = kOnsets.size() * kVowels.size();
  std::string word;
  for (int syllables = 0; syllables < 3 || index > 0; ++syllables) {
    const std::uint64_t digit = index % base;
    index /= base;
    word.push_back(kOnsets[digit / kVowels.size()]);
    word.push_back(kVowels[digit % kVowels.size()]);
  }
  return word;
}

void AppendJsonString(std::string_view text, std::string* out) {
  out->push_back('"');
  for (const char c : text) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof(escaped), "\\u%04x", static_cast<unsigned>(c));
          out->append(escaped);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

enum class QueryKind { kOr, kAnd, kPhrase };

struct QueryRequest {
  QueryKind kind;
  std::uint32_t number;  // 1-based within its kind.
  std::uint32_t terms;   // Terms, or words of a phrase.
};

}  // namespace

std::vector<std::string_view> SplitTokens(std::string_view text) {
  std::vector<std::string_view> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    const std::size_t begin = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i > begin) tokens.push_back(text.substr(begin, i - begin));
  }
  return tokens;
}

std::vector<std::string> CompendiumParagraphs(std::string_view markdown) {
  std::vector<std::string> paragraphs;
  std::size_t pos = 0;
  while (pos < markdown.size()) {
    std::size_t end = markdown.find('\n', pos);
    if (end == std::string_view::npos) end = markdown.size();
    std::string_view line = markdown.substr(pos, end - pos);
    pos = end + 1;
    while (!line.empty() && IsSpace(line.back())) line.remove_suffix(1);
    if (line.starts_with("- ")) line.remove_prefix(2);
    std::size_t digits = 0;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
    if (digits > 0 && digits + 1 < line.size() && line[digits] == '.' && line[digits + 1] == ' ') {
      line.remove_prefix(digits + 2);
    } else if (!(line.size() > 4 && line[0] == '(' && line.find(')') < 5)) {
      continue;
    }
    if (!line.empty()) paragraphs.emplace_back(line);
  }
  return paragraphs;
}

Result<CorpusModel> CorpusModel::Learn(const std::vector<std::string>& paragraphs,
                                       const std::vector<std::uint32_t>& lengths) {
  CorpusModel model;
  for (const std::uint32_t length : lengths) {
    if (length > 0) model.lengths_.push_back(length);
  }
  if (model.lengths_.empty()) {
    return Status::InvalidArgument("corpus model: no paragraph lengths to learn from");
  }

  // Count tokens and bigrams by word id in first-seen order, then renumber by frequency.
  std::unordered_map<std::string_view, std::uint32_t> ids;
  std::vector<std::string_view> seen;
  std::vector<std::uint64_t> counts;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint64_t> bigrams;
  std::map<std::uint32_t, std::uint64_t> starts;
  for (const std::string& paragraph : paragraphs) {
    std::uint32_t previous = 0;
    bool first = true;
    for (const std::string_view token : SplitTokens(paragraph)) {
      auto [it, inserted] = ids.try_emplace(token, static_cast<std::uint32_t>(seen.size()));
      if (inserted) {
        seen.push_back(token);
        counts.push_back(0);
      }
      const std::uint32_t id = it->second;
      ++counts[id];
      ++model.token_count_;
      if (first) {
        ++starts[id];
      } else {
        ++bigrams[{previous, id}];
      }
      previous = id;
      first = false;
    }
  }
  if (seen.empty()) return Status::InvalidArgument("corpus model: no text to learn from");

  std::vector<std::uint32_t> order(seen.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : seen[a] < seen[b];
  });
  std::vector<std::uint32_t> rank_of(seen.size());
  for (std::uint32_t rank = 0; rank < order.size(); ++rank) {
    rank_of[order[rank]] = rank;
    model.words_.emplace_back(seen[order[rank]]);
    model.counts_.push_back(counts[order[rank]]);
  }

  // Successor lists in rank order, so that generation does not depend on map iteration.
  std::vector<std::vector<std::pair<std::uint32_t, std::uint64_t>>> by_rank(seen.size());
  for (const auto& [pair, count] : bigrams) {
    by_rank[rank_of[pair.first]].emplace_back(rank_of[pair.second], count);
  }
  model.successors_.resize(seen.size());
  for (std::size_t rank = 0; rank < by_rank.size(); ++rank) {
    auto& list = by_rank[rank];
    std::sort(list.begin(), list.end());
    std::uint64_t sum = 0;
    for (const auto& [next, count] : list) {
      sum += count;
      model.successors_[rank].next.push_back(next);
      model.successors_[rank].cumulative.push_back(sum);
    }
  }
  std::vector<std::pair<std::uint32_t, std::uint64_t>> start_list;
  for (const auto& [id, count] : starts) start_list.emplace_back(rank_of[id], count);
  std::sort(start_list.begin(), start_list.end());
  std::uint64_t start_sum = 0;
  for (const auto& [rank, count] : start_list) {
    start_sum += count;
    model.start_words_.push_back(rank);
    model.start_cumulative_.push_back(start_sum);
  }

  // Least-squares slope of log(count) against log(rank) over the ranks seen twice or more
  // (hapaxes form a flat step that would bias the slope).
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  std::size_t n = 0;
  for (std::size_t rank = 0; rank < model.counts_.size() && model.counts_[rank] >= 2; ++rank) {
    const double x = std::log(static_cast<double>(rank + 1));
    const double y = std::log(static_cast<double>(model.counts_[rank]));
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    ++n;
  }
  if (n >= 2) {
    const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    model.zipf_exponent_ = -slope;
  }
  return model;
}

double CorpusModel::mean_length() const {
  const double sum = std::accumulate(lengths_.begin(), lengths_.end(), 0.0);
  return sum / static_cast<double>(lengths_.size());
}

// Generates paragraphs one at a time and cuts queries out of the paragraphs they were
// assigned to.
class CorpusWriter {
 public:
  CorpusWriter(const CorpusModel& model, const GenerateOptions& options)
      : model_(model), options_(options), text_rng_(options.seed), query_rng_(~options.seed) {
    const double expected_tokens = model.mean_length() * static_cast<double>(options.paragraphs);
    const double growth =
        std::pow(expected_tokens / static_cast<double>(model.token_count()), kHeapsBeta);
    vocabulary_limit_ = std::max<std::uint64_t>(
        model.words_.size(),
        static_cast<std::uint64_t>(static_cast<double>(model.words_.size()) * growth));
    // The learnt words already follow the fitted law through the chain; the grown ranks
    // past them get the share of tokens that the same law gives them, so the rank-frequency
    // curve goes on past the learnt vocabulary instead of dropping off a cliff.
    const std::uint64_t learnt = model.words_.size();
    double head_mass = 0;
    for (std::uint64_t rank = 1; rank <= learnt; ++rank) {
      head_mass += std::pow(static_cast<double>(rank), -model.zipf_exponent());
    }
    double tail_mass = 0;
    tail_cumulative_.reserve(vocabulary_limit_ - learnt);
    for (std::uint64_t rank = learnt + 1; rank <= vocabulary_limit_; ++rank) {
      tail_mass += std::pow(static_cast<double>(rank), -model.zipf_exponent());
      tail_cumulative_.push_back(tail_mass);
    }
    for (double& value : tail_cumulative_) value /= tail_mass;
    tail_probability_ = tail_mass / (head_mass + tail_mass);
    std::uint64_t running = 0;
    for (const std::uint64_t count : model.counts_) {
      running += count;
      head_cumulative_.push_back(running);
    }

    // Each query is assigned a random paragraph now; it is cut from there, or from the
    // next paragraph that can supply it.
    const std::array<QueryKind, 3> kinds = {QueryKind::kOr, QueryKind::kAnd, QueryKind::kPhrase};
    for (const QueryKind kind : kinds) {
      for (std::uint32_t number = 1; number <= options.queries_per_kind; ++number) {
        const std::uint32_t terms = kind == QueryKind::kPhrase
                                        ? 2 + static_cast<std::uint32_t>(query_rng_.Below(3))
                                        : 2 + static_cast<std::uint32_t>(query_rng_.Below(4));
        pending_.emplace(query_rng_.Below(std::max<std::uint64_t>(options.paragraphs, 1)),
                         QueryRequest{kind, number, terms});
      }
    }
  }

  Result<GenerateStats> Run(std::ostream& corpus, std::ostream& queries) {
    GenerateStats stats;
    stats.vocabulary_limit = vocabulary_limit_;
    std::string buffer;
    std::string text;
    std::vector<std::string_view> tokens;
    for (std::uint64_t index = 0; index < options_.paragraphs; ++index) {
      GenerateText(&text);
      tokens = SplitTokens(text);
      stats.tokens += tokens.size();
      stats.text_bytes += text.size();
      char id[32];
      std::snprintf(id, sizeof(id), "gen-%08llu", static_cast<unsigned long long>(index + 1));
      buffer.append("{\"id\":\"").append(id).append("\",\"lang\":");
      AppendJsonString(options_.lang, &buffer);
      buffer.append(",\"text\":");
      AppendJsonString(text, &buffer);
      buffer.append("}\n");
      if (buffer.size() >= (1 << 20)) {
        if (!corpus.write(buffer.data(), static_cast<std::streamsize>(buffer.size()))) {
          return Status::IOError("corpus generator: writing the corpus failed");
        }
        buffer.clear();
      }
      CutQueries(index, tokens);
    }
    if (!corpus.write(buffer.data(), static_cast<std::streamsize>(buffer.size())) ||
        !corpus.flush()) {
      return Status::IOError("corpus generator: writing the corpus failed");
    }
    stats.paragraphs = options_.paragraphs;

    std::string lines;
    for (const auto& [key, query] : done_) {
      const auto [kind, number] = key;
      static constexpr std::array<const char*, 3> kPrefix = {"or", "and", "phrase"};
      char qid[32];
      std::snprintf(qid, sizeof(qid), "%s-%06u", kPrefix[static_cast<int>(kind)], number);
      lines.append(qid).append("\t").append(options_.lang).append("\t").append(query).append("\n");
      ++(kind == QueryKind::kOr    ? stats.or_queries
         : kind == QueryKind::kAnd ? stats.and_queries
                                   : stats.phrase_queries);
    }
    if (!queries.write(lines.data(), static_cast<std::streamsize>(lines.size())) ||
        !queries.flush()) {
      return Status::IOError("corpus generator: writing the queries failed");
    }
    return stats;
  }

 private:
  // A learnt word, by its frequency in the source text.
  std::uint32_t DrawHeadWord() {
    return static_cast<std::uint32_t>(
        Pick(head_cumulative_, text_rng_.Below(head_cumulative_.back())));
  }

  // A rank past the learnt words, by the fitted Zipf law (inverse CDF).
  std::uint32_t DrawTailWord() {
    const std::size_t index = static_cast<std::size_t>(
        std::upper_bound(tail_cumulative_.begin(), tail_cumulative_.end(), text_rng_.Unit()) -
        tail_cumulative_.begin());
    return static_cast<std::uint32_t>(model_.words_.size() +
                                      std::min(index, tail_cumulative_.size() - 1));
  }

  void AppendWord(std::uint32_t rank, std::string* text) {
    if (rank < model_.words_.size()) {
      text->append(model_.words_[rank]);
    } else {
      text->append(SyntheticWord(rank - model_.words_.size()));
    }
  }

  void GenerateText(std::string* text) {
    text->clear();
    const std::uint32_t length = model_.lengths_[text_rng_.Below(model_.lengths_.size())];
    std::uint32_t word = model_.start_words_[Pick(
        model_.start_cumulative_, text_rng_.Below(model_.start_cumulative_.back()))];
    AppendWord(word, text);
    for (std::uint32_t i = 1; i < length; ++i) {
      const bool known = word < model_.successors_.size() && !model_.successors_[word].next.empty();
      if (!tail_cumulative_.empty() && text_rng_.Unit() < tail_probability_) {
        word = DrawTailWord();
      } else if (!known || text_rng_.Unit() < kBackoff) {
        word = DrawHeadWord();
      } else {
        const auto& successors = model_.successors_[word];
        word =
            successors
                .next[Pick(successors.cumulative, text_rng_.Below(successors.cumulative.back()))];
      }
      text->push_back(' ');
      AppendWord(word, text);
    }
    // End the paragraph as a sentence.
    while (!text->empty() && (text->back() == ',' || text->back() == ';' || text->back() == ':')) {
      text->pop_back();
    }
    if (!text->empty() && text->back() != '.') text->push_back('.');
  }

  void CutQueries(std::uint64_t index, const std::vector<std::string_view>& tokens) {
    while (!pending_.empty() && pending_.begin()->first <= index) {
      const QueryRequest request = pending_.begin()->second;
      pending_.erase(pending_.begin());
      std::string query = request.kind == QueryKind::kPhrase ? CutPhrase(request, tokens)
                                                             : CutTerms(request, tokens);
      if (query.empty()) {
        pending_.emplace(index + 1, request);
      } else {
        done_.emplace(std::make_pair(request.kind, request.number), std::move(query));
      }
    }
  }

  std::string CutTerms(const QueryRequest& request, const std::vector<std::string_view>& tokens) {
    std::vector<std::string> candidates;
    for (const std::string_view token : tokens) {
      std::string term = CleanToken(token);
      if (IsContentTerm(term) &&
          std::find(candidates.begin(), candidates.end(), term) == candidates.end()) {
        candidates.push_back(std::move(term));
      }
    }
    if (candidates.size() < request.terms) return {};
    std::string query;
    for (std::uint32_t i = 0; i < request.terms; ++i) {
      // Partial Fisher-Yates shuffle: distinct terms in random order.
      const std::size_t j = i + query_rng_.Below(candidates.size() - i);
      std::swap(candidates[i], candidates[j]);
      if (i > 0) query.append(request.kind == QueryKind::kAnd ? " AND " : " ");
      query.append(candidates[i]);
    }
    return query;
  }

  std::string CutPhrase(const QueryRequest& request, const std::vector<std::string_view>& tokens) {
    if (tokens.size() < request.terms) return {};
    const std::size_t starts = tokens.size() - request.terms + 1;
    for (int attempt = 0; attempt < 8; ++attempt) {
      const std::size_t start = query_rng_.Below(starts);
      std::string phrase = "\"";
      bool ok = true;
      for (std::uint32_t i = 0; i < request.terms && ok; ++i) {
        const std::string_view token = tokens[start + i];
        const std::string word = CleanToken(token);
        // The phrase must not cross punctuation: only its ends may carry any.
        const bool inner_clean = (i == 0 || IsAsciiAlnum(token.front())) &&
                                 (i + 1 == request.terms || IsAsciiAlnum(token.back()));
        const bool edge = i == 0 || i + 1 == request.terms;
        ok = !word.empty() && inner_clean && (!edge || IsContentTerm(word));
        if (i > 0) phrase.push_back(' ');
        phrase.append(word);
      }
      if (ok) return phrase + "\"";
    }
    return {};
  }

  const CorpusModel& model_;
  const GenerateOptions& options_;
  Rng text_rng_;
  Rng query_rng_;
  std::uint64_t vocabulary_limit_ = 0;
  std::vector<std::uint64_t> head_cumulative_;  // Running sum of learnt word counts.
  std::vector<double> tail_cumulative_;         // Zipf CDF over the grown ranks.
  double tail_probability_ = 0;                 // Share of tokens from grown ranks.
  std::multimap<std::uint64_t, QueryRequest> pending_;
  std::map<std::pair<QueryKind, std::uint32_t>, std::string> done_;
};

Result<GenerateStats> GenerateCorpus(const CorpusModel& model, const GenerateOptions& options,
                                     std::ostream& corpus, std::ostream& queries) {
  CorpusWriter writer(model, options);
  return writer.Run(corpus, queries);
}

}  // namespace hexaglot::bench

// The differential test of exact top-k: on random indexes (several segments, deletions,
// two languages), random queries return the same documents and bitwise equal scores with
// pruning as with every match scored.

#include "query/top_k.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <span>
#include <sstream>
#include <string>

#include "index/record_codec.h"
#include "query/random_index.h"

namespace hexaglot::query {
namespace {

using testing::QueryAnalyzers;
using testing::RandomWords;

#if defined(__SANITIZE_ADDRESS__)
constexpr int kQueries = 1500;
constexpr int kReferenceQueries = 300;
constexpr int kLargeIndexDocuments = 6000;
#else
constexpr int kQueries = 10000;
constexpr int kReferenceQueries = 3000;
constexpr int kLargeIndexDocuments = 20000;
#endif

class RandomQueries {
 public:
  explicit RandomQueries(std::uint64_t seed) : rng_(seed) {}

  Query Make(int depth) {
    if (depth >= 3 || Chance(0.45)) return Leaf();
    if (Chance(0.03)) {
      // A wide OR, as a prefix's expansions make (a disjunction of more than 32 clauses).
      std::vector<Query::Clause> clauses;
      const int count = 33 + static_cast<int>(rng_() % 8);
      for (int i = 0; i < count; ++i) clauses.push_back({Occur::kShould, Query::Term(Word())});
      return Query::Boolean(std::move(clauses));
    }
    std::vector<Query::Clause> clauses;
    const int count = 1 + static_cast<int>(rng_() % 5);
    bool positive = false;
    for (int i = 0; i < count; ++i) {
      const double u = Unit();
      const Occur occur = u < 0.5    ? Occur::kShould
                          : u < 0.7  ? Occur::kMust
                          : u < 0.82 ? Occur::kFilter
                                     : Occur::kMustNot;
      positive = positive || occur != Occur::kMustNot;
      clauses.push_back({occur, Make(depth + 1)});
    }
    if (!positive) clauses.push_back({Occur::kShould, Leaf()});
    // The forms Validate asks for: filter-only clauses are kFilter rather than kMust,
    // others kMust rather than kFilter; a lone optional clause stands for itself.
    for (Query::Clause& clause : clauses) {
      if (clause.occur == Occur::kMust || clause.occur == Occur::kFilter) {
        clause.occur = clause.query.IsFilterOnly() ? Occur::kFilter : Occur::kMust;
      }
    }
    if (clauses.size() == 1 && clauses[0].occur == Occur::kShould) return clauses[0].query;
    return Query::Boolean(std::move(clauses));
  }

 private:
  Query Leaf() {
    const double u = Unit();
    if (u < 0.62) return Query::Term(Word());
    if (u < 0.74) {
      std::string text = Word();
      const int more = 1 + static_cast<int>(rng_() % 2);
      for (int i = 0; i < more; ++i) text += " " + Word();
      return Query::Phrase(text, static_cast<int>(rng_() % 3));
    }
    if (u < 0.78) return Query::Prefix(Word().substr(0, 2));
    if (u < 0.83) {
      const int low = 2009 + static_cast<int>(rng_() % 8);
      return Query::YearRange(low, low + static_cast<int>(rng_() % 4));
    }
    if (u < 0.88) return Query::Exact(QueryField::kSymbol, "SYM/" + std::to_string(rng_() % 6));
    if (u < 0.92) return Query::Term(RandomWords()[rng_() % 5], QueryField::kTheme);
    if (u < 0.95) return Query::Term(RandomWords()[rng_() % 9], QueryField::kTopic);
    if (u < 0.97) return Query::Exact(QueryField::kLang, Chance(0.5) ? "en" : "fr");
    // Stop words: searched in queries of few words, left out of longer ones.
    return Query::Term(Chance(0.5) ? "the" : "les");
  }

  std::string Word() {
    // Mostly the frequent words, so that queries match many documents.
    const std::vector<std::string>& words = RandomWords();
    const auto index =
        static_cast<std::size_t>(Unit() * Unit() * static_cast<double>(words.size()));
    return words[std::min(index, words.size() - 1)];
  }
  double Unit() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }
  bool Chance(double p) { return Unit() < p; }

  std::mt19937_64 rng_;
};

std::string Describe(const std::vector<ScoredDoc>& hits) {
  std::ostringstream out;
  for (const ScoredDoc& hit : hits) {
    out << "(" << hit.segment << ":" << hit.doc << " " << hit.score << ") ";
  }
  return out.str();
}

std::uint64_t Bits(double value) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits;
}

// Random k1 and b; field boosts in about a third of the draws (the word then also scores
// in the theme and topics, by their own lengths).
scoring::Bm25Params RandomParams(std::mt19937_64& rng) {
  scoring::Bm25Params params;
  params.k1 = 0.2 + static_cast<double>(rng() % 30) / 10.0;
  params.b = static_cast<double>(rng() % 11) / 10.0;
  if (rng() % 3 == 0) {
    params.theme_boost = static_cast<double>(rng() % 4) / 2.0;
    params.topic_boost = static_cast<double>(rng() % 4) / 2.0;
  }
  return params;
}

// Runs `queries` with and without pruning and asserts the same hits with bitwise equal
// scores; adds what each mode did to the totals.
void ExpectPrunedEqualsExhaustive(const index::Snapshot& snapshot,
                                  std::span<const CompiledQuery* const> queries, std::size_t k,
                                  const std::string& where, TopKStats& pruned_total,
                                  TopKStats& exhaustive_total, bool& nonempty) {
  TopKStats pruned_stats;
  TopKStats exhaustive_stats;
  Result<std::vector<ScoredDoc>> pruned = TopK(snapshot, queries, k, Pruning::kOn, &pruned_stats);
  Result<std::vector<ScoredDoc>> exhaustive =
      TopK(snapshot, queries, k, Pruning::kOff, &exhaustive_stats);
  if (k <= 10) {
    pruned_total.scored += pruned_stats.scored;
    exhaustive_total.scored += exhaustive_stats.scored;
  }
  pruned_total.term_disjunctions += pruned_stats.term_disjunctions;
  exhaustive_total.term_disjunctions += exhaustive_stats.term_disjunctions;
  ASSERT_LE(pruned_stats.scored, exhaustive_stats.scored) << where;
  ASSERT_TRUE(pruned.ok()) << where << ": " << pruned.status().ToString();
  ASSERT_TRUE(exhaustive.ok()) << where << ": " << exhaustive.status().ToString();
  ASSERT_EQ(pruned->size(), exhaustive->size())
      << where << "\npruned " << Describe(*pruned) << "\nexhaustive " << Describe(*exhaustive);
  for (std::size_t h = 0; h < pruned->size(); ++h) {
    const ScoredDoc& a = (*pruned)[h];
    const ScoredDoc& b = (*exhaustive)[h];
    ASSERT_TRUE(a.segment == b.segment && a.doc == b.doc && Bits(a.score) == Bits(b.score))
        << where << " hit " << h << "\npruned " << Describe(*pruned) << "\nexhaustive "
        << Describe(*exhaustive);
    if (h > 0) {
      ASSERT_TRUE(RanksBefore((*pruned)[h - 1], a)) << where;
    }
    ASSERT_TRUE(snapshot.segments()[a.segment].IsLive(a.doc)) << where;
  }
  nonempty = !pruned->empty();
}

// Compiles `query` in English (mode 0), French (1) or both (2) and compares its pruned
// top-k with the exhaustive one; counts it in `nonempty` when it found something.
void CompileAndCompare(const index::Snapshot& snapshot, QueryAnalyzers (&analyzers)[2],
                       const Query& query, int mode, const scoring::Bm25Params& params,
                       std::size_t k, const std::string& where, TopKStats& pruned_total,
                       TopKStats& exhaustive_total, int& nonempty) {
  const Language languages[] = {Language::kEnglish, Language::kFrench};
  std::vector<CompiledQuery> compiled;
  for (int l = 0; l < 2; ++l) {
    if (mode != 2 && mode != l) continue;
    Result<CompiledQuery> one = CompiledQuery::Compile(query, languages[l], *analyzers[l].words,
                                                       *analyzers[l].prefixes, snapshot, params);
    ASSERT_TRUE(one.ok()) << one.status().ToString();
    compiled.push_back(*std::move(one));
  }
  std::vector<const CompiledQuery*> pointers;
  for (const CompiledQuery& one : compiled) {
    if (!one.empty()) pointers.push_back(&one);
  }
  bool found = false;
  ExpectPrunedEqualsExhaustive(snapshot, pointers, k, where, pruned_total, exhaustive_total, found);
  if (found) ++nonempty;
}

std::string Where(std::uint64_t seed, int i, const Query& query, std::size_t k, int mode,
                  const scoring::Bm25Params& params) {
  return "seed " + std::to_string(seed) + ", query #" + std::to_string(i) + " [" +
         query.ToString() + "] k=" + std::to_string(k) + " mode=" + std::to_string(mode) +
         " k1=" + std::to_string(params.k1) + " b=" + std::to_string(params.b) + " boosts " +
         std::to_string(params.theme_boost) + "/" + std::to_string(params.topic_boost);
}

TEST(TopKDifferentialTest, PrunedEqualsExhaustiveOnRandomQueries) {
  constexpr std::uint64_t kSeed = 20261129;
  const testing::RandomIndex index = testing::BuildRandomIndex(kSeed, {});
  const std::shared_ptr<const IndexReader>& reader = index.reader;
  ASSERT_NE(reader, nullptr);
  std::shared_ptr<const index::Snapshot> snapshot = index::SnapshotOf(*reader);
  ASSERT_GE(snapshot->segments().size(), 4u);
  ASSERT_GT(snapshot->deleted_doc_count(), 0u);

  QueryAnalyzers analyzers[] = {QueryAnalyzers::For(Language::kEnglish, reader->analyzer_options()),
                                QueryAnalyzers::For(Language::kFrench, reader->analyzer_options())};
  RandomQueries queries(kSeed);
  std::mt19937_64 rng(kSeed + 1);
  const std::size_t ks[] = {1, 3, 10, 50, 1000};
  int nonempty = 0;
  TopKStats pruned_total;
  TopKStats exhaustive_total;
  for (int i = 0; i < kQueries; ++i) {
    const Query query = queries.Make(0);
    ASSERT_TRUE(query.Validate().ok()) << query.ToString();
    const scoring::Bm25Params params = RandomParams(rng);
    const std::size_t k = ks[rng() % 5];
    const int mode = static_cast<int>(rng() % 3);  // English, French, or both.
    CompileAndCompare(*snapshot, analyzers, query, mode, params, k,
                      Where(kSeed, i, query, k, mode, params), pruned_total, exhaustive_total,
                      nonempty);
    if (HasFatalFailure()) return;
  }
  // The generator must exercise matching, not only empty results.
  EXPECT_GT(nonempty, kQueries / 2);
  // And pruning must skip work: for k <= 10, far fewer documents scored than matched.
  EXPECT_LT(pruned_total.scored * 3, exhaustive_total.scored * 2)
      << "pruned " << pruned_total.scored << " exhaustive " << exhaustive_total.scored;
  // Both top-k paths ran: one-term and flat-OR queries window by window, the others (and
  // every query without pruning) through the scorer tree.
  EXPECT_GT(pruned_total.term_disjunctions, 0u);
  EXPECT_EQ(exhaustive_total.term_disjunctions, 0u);
  std::printf("documents scored: pruned %llu, exhaustive %llu\n",
              static_cast<unsigned long long>(pruned_total.scored),
              static_cast<unsigned long long>(exhaustive_total.scored));
}

// One-term and flat-OR queries (the shape most ranked searches have) take their own
// window-by-window path (query/term_disjunction.h); it must agree with scoring every match
// on small segments (windows cut by posting blocks) and on large ones (windows cut at
// kMaxTermWindow documents, many blocks per list), ORs of up to kMaxTermClauses terms and
// wider ones (which fall back to the scorer tree), with repeated terms.
void RunFlatOrDifferential(std::uint64_t seed, const testing::RandomIndexOptions& options,
                           int query_count) {
  const testing::RandomIndex index = testing::BuildRandomIndex(seed, options);
  ASSERT_NE(index.reader, nullptr);
  std::shared_ptr<const index::Snapshot> snapshot = index::SnapshotOf(*index.reader);
  ASSERT_GT(snapshot->deleted_doc_count(), 0u);
  QueryAnalyzers analyzers[] = {
      QueryAnalyzers::For(Language::kEnglish, index.reader->analyzer_options()),
      QueryAnalyzers::For(Language::kFrench, index.reader->analyzer_options())};
  std::mt19937_64 rng(seed + 7);
  const std::size_t ks[] = {1, 2, 10, 10, 100};
  TopKStats pruned_total;
  TopKStats exhaustive_total;
  int nonempty = 0;
  for (int i = 0; i < query_count; ++i) {
    const std::uint64_t width_draw = rng() % 20;
    const std::size_t width = width_draw == 0   ? 33 + rng() % 4  // Wider than the bulk path.
                              : width_draw == 1 ? kMaxTermClauses
                                                : 1 + rng() % 6;
    std::vector<Query::Clause> clauses;
    for (std::size_t t = 0; t < width; ++t) {
      clauses.push_back({Occur::kShould, Query::Term(testing::DrawWord(rng))});
    }
    const Query query = width == 1 ? clauses[0].query : Query::Boolean(std::move(clauses));
    const scoring::Bm25Params params = RandomParams(rng);
    const std::size_t k = ks[rng() % 5];
    const int mode = static_cast<int>(rng() % 3);
    CompileAndCompare(*snapshot, analyzers, query, mode, params, k,
                      Where(seed, i, query, k, mode, params), pruned_total, exhaustive_total,
                      nonempty);
    if (::testing::Test::HasFatalFailure()) return;
  }
  EXPECT_GT(nonempty, query_count * 3 / 4);
  // Most queries took the window path in every segment.
  EXPECT_GT(pruned_total.term_disjunctions,
            static_cast<std::uint64_t>(query_count) * snapshot->segments().size() / 2);
  EXPECT_LT(pruned_total.scored * 2, exhaustive_total.scored)
      << "pruned " << pruned_total.scored << " exhaustive " << exhaustive_total.scored;
}

TEST(TopKDifferentialTest, FlatOrsOnSmallSegmentsEqualExhaustive) {
  RunFlatOrDifferential(20261130, {}, kQueries / 2);
}

TEST(TopKDifferentialTest, FlatOrsOnLargeSegmentsEqualExhaustive) {
  testing::RandomIndexOptions options;
  options.documents = kLargeIndexDocuments;
  options.commits = 2;
  RunFlatOrDifferential(20261131, options, kQueries / 10);
}

// A brute-force evaluation of queries over the paragraphs themselves, written from the
// documented semantics (README, "Ranking") without scorers, cursors or dictionaries: it
// checks what the exhaustive mode matches and how it scores.
class NaiveSearcher {
 public:
  NaiveSearcher(const testing::RandomIndex& index, Language language, Analyzer& words,
                Analyzer& prefixes)
      : words_(words), prefixes_(prefixes) {
    double total_length = 0;
    for (const Paragraph& p : index.paragraphs) {
      if (p.lang != language) continue;
      Doc doc;
      doc.paragraph = &p;
      doc.text = Positions(p.text, 0);
      const std::vector<Token> tokens = Tokens(words_, p.text);
      doc.length = tokens.empty() ? 0 : tokens.back().position + 1;
      if (p.theme) doc.theme = Positions(*p.theme, 0);
      std::uint32_t base = 0;
      for (const std::string& topic : p.topics) {
        const std::vector<Token> topic_tokens = Tokens(words_, topic);
        for (const Token& token : topic_tokens)
          doc.topic[token.term].push_back(base + token.position);
        if (!topic_tokens.empty()) base += topic_tokens.back().position + 2;
      }
      for (const auto& [term, positions] : doc.text) ++doc_freq_[term];  // Deleted too.
      if (index.deleted.count(p.id) != 0) continue;
      total_length += doc.length;
      docs_.push_back(std::move(doc));
    }
    doc_count_ = docs_.size();
    average_length_ = doc_count_ == 0 ? 0.0 : total_length / static_cast<double>(doc_count_);
  }

  // The live paragraphs of the language that match, by id, with their scores.
  std::map<std::string, double> Search(const Query& query, const scoring::Bm25Params& params) {
    params_ = params;
    leave_out_stop_words_ = CountWords(query) >= query::kWordsToLeaveOutStopWords;
    std::map<std::string, double> hits;
    const std::optional<Scores> scores = Eval(query, true);
    if (!scores) return hits;
    for (std::size_t d = 0; d < docs_.size(); ++d) {
      if ((*scores)[d]) hits[docs_[d].paragraph->id] = *(*scores)[d];
    }
    return hits;
  }

 private:
  using Postings = std::map<std::string, std::vector<std::uint32_t>>;
  using Scores = std::vector<std::optional<double>>;  // Per doc; nullopt: no match.
  struct Doc {
    const Paragraph* paragraph = nullptr;
    Postings text, theme, topic;
    std::uint32_t length = 0;
  };

  // The word positions other than stop words in the query's scored text words and phrases.
  int CountWords(const Query& query) {
    if (query.kind() == Query::Kind::kBoolean) {
      int words = 0;
      for (const Query::Clause& clause : query.clauses()) {
        if (clause.occur == Occur::kShould || clause.occur == Occur::kMust) {
          words += CountWords(clause.query);
        }
      }
      return words;
    }
    if ((query.kind() != Query::Kind::kTerm && query.kind() != Query::Kind::kPhrase) ||
        query.field() != QueryField::kText) {
      return 0;
    }
    std::set<std::uint32_t> positions;
    for (const Token& token : Tokens(words_, query.text())) {
      if (!token.stop_word) positions.insert(token.position);
    }
    return static_cast<int>(positions.size());
  }

  static std::vector<Token> Tokens(Analyzer& analyzer, std::string_view text) {
    Result<std::vector<Token>> tokens = analyzer.Analyze(text);
    EXPECT_TRUE(tokens.ok());
    return tokens.ok() ? *std::move(tokens) : std::vector<Token>();
  }

  Postings Positions(const std::string& text, std::uint32_t base) {
    Postings postings;
    for (const Token& token : Tokens(words_, text)) {
      postings[token.term].push_back(base + token.position);
    }
    return postings;
  }

  const Postings& Field(const Doc& doc, QueryField field) const {
    return field == QueryField::kTheme   ? doc.theme
           : field == QueryField::kTopic ? doc.topic
                                         : doc.text;
  }

  double TermScore(const std::string& term, const Doc& doc) const {
    const auto it = doc_freq_.find(term);
    const std::uint64_t df = it == doc_freq_.end() ? 0 : it->second;
    const scoring::Bm25Term bm25(scoring::Idf(doc_count_, df), params_, average_length_);
    return bm25.Score(static_cast<std::uint32_t>(doc.text.at(term).size()), doc.length);
  }

  // Whether positions p_i of the terms exist, in order, each at least the query's gap
  // after the previous, with at most `slop` extra positions in all: tried exhaustively.
  static bool PhraseAt(const Postings& field, const std::vector<Token>& tokens, std::size_t i,
                       std::uint32_t previous, std::uint32_t first, int slop) {
    if (i == tokens.size()) {
      return previous - first <=
             tokens.back().position - tokens.front().position + static_cast<std::uint32_t>(slop);
    }
    for (const std::uint32_t p : field.at(tokens[i].term)) {
      if (i == 0) {
        if (PhraseAt(field, tokens, 1, p, p, slop)) return true;
      } else if (p >= previous + (tokens[i].position - tokens[i - 1].position) &&
                 PhraseAt(field, tokens, i + 1, p, first, slop)) {
        return true;
      }
    }
    return false;
  }

  std::optional<Scores> Eval(const Query& query, bool scored) {
    Scores scores(docs_.size());
    const bool text = query.field() == QueryField::kText;
    switch (query.kind()) {
      case Query::Kind::kTerm: {
        std::vector<std::string> terms;
        for (const Token& token : Tokens(words_, query.text())) {
          if (token.stop_word && leave_out_stop_words_) continue;
          if (std::find(terms.begin(), terms.end(), token.term) == terms.end()) {
            terms.push_back(token.term);
          }
        }
        if (terms.empty()) return std::nullopt;
        for (std::size_t d = 0; d < docs_.size(); ++d) {
          for (const std::string& term : terms) {
            if (Field(docs_[d], query.field()).count(term) == 0) continue;
            scores[d] =
                scores[d].value_or(0.0) + (scored && text ? TermScore(term, docs_[d]) : 0.0);
          }
        }
        return scores;
      }
      case Query::Kind::kPhrase: {
        // Stop words are gaps unless the phrase has nothing else.
        std::vector<Token> tokens = Tokens(words_, query.text());
        const bool only_stop_words = std::all_of(
            tokens.begin(), tokens.end(), [](const Token& token) { return token.stop_word; });
        std::erase_if(tokens, [&](const Token& t) { return t.stop_word && !only_stop_words; });
        if (tokens.empty()) return std::nullopt;
        for (std::size_t d = 0; d < docs_.size(); ++d) {
          const Postings& field = Field(docs_[d], query.field());
          bool all = true;
          for (const Token& token : tokens) all = all && field.count(token.term) != 0;
          if (!all || !PhraseAt(field, tokens, 0, 0, 0, query.slop())) continue;
          double score = 0.0;
          for (const Token& token : tokens) {
            if (scored && text) score += TermScore(token.term, docs_[d]);
          }
          scores[d] = score;
        }
        return scores;
      }
      case Query::Kind::kPrefix: {
        const std::vector<Token> tokens = Tokens(prefixes_, query.text());
        if (tokens.empty()) return std::nullopt;
        for (std::size_t d = 0; d < docs_.size(); ++d) {
          for (const auto& [term, positions] : Field(docs_[d], query.field())) {
            bool starts = false;
            for (const Token& token : tokens) starts = starts || term.starts_with(token.term);
            if (!starts) continue;
            scores[d] =
                scores[d].value_or(0.0) + (scored && text ? TermScore(term, docs_[d]) : 0.0);
          }
        }
        return scores;
      }
      case Query::Kind::kExact:
      case Query::Kind::kRange:
        for (std::size_t d = 0; d < docs_.size(); ++d) {
          if (ExactMatch(query, *docs_[d].paragraph)) scores[d] = 0.0;
        }
        return scores;
      case Query::Kind::kBoolean:
        break;
    }
    std::vector<std::pair<Occur, Scores>> children;
    for (const Query::Clause& clause : query.clauses()) {
      const bool ranked =
          scored && (clause.occur == Occur::kShould || clause.occur == Occur::kMust);
      std::optional<Scores> child = Eval(clause.query, ranked);
      if (child) children.emplace_back(clause.occur, *std::move(child));
    }
    bool required = false;
    bool positive = false;
    for (const auto& [occur, child] : children) {
      required = required || occur == Occur::kMust || occur == Occur::kFilter;
      positive = positive || occur != Occur::kMustNot;
    }
    if (!positive) return std::nullopt;
    for (std::size_t d = 0; d < docs_.size(); ++d) {
      bool match = true;
      bool any_should = false;
      double score = 0.0;
      for (const auto& [occur, child] : children) {
        if (occur == Occur::kMustNot) {
          match = match && !child[d];
        } else if (occur == Occur::kShould) {
          any_should = any_should || child[d].has_value();
          score += child[d].value_or(0.0);
        } else {
          match = match && child[d].has_value();
          score += child[d].value_or(0.0);
        }
      }
      if (match && (required || any_should)) scores[d] = score;
    }
    return scores;
  }

  bool ExactMatch(const Query& query, const Paragraph& p) const {
    const std::string& value = query.text();
    switch (query.field()) {
      case QueryField::kLang:
        return value == LanguageCode(p.lang);
      case QueryField::kSymbol:
        return std::find(p.symbols.begin(), p.symbols.end(), value) != p.symbols.end();
      case QueryField::kPaper:
        return p.paper == value;
      case QueryField::kDoc:
        return p.doc == value;
      case QueryField::kId:
        return p.id == value;
      case QueryField::kParallel:
        return p.parallel == value;
      case QueryField::kYear:
        if (query.kind() == Query::Kind::kRange) {
          return p.year && *p.year >= query.low() && *p.year <= query.high();
        }
        return p.year && std::to_string(*p.year) == value;
      default:
        return false;
    }
  }

  Analyzer& words_;
  Analyzer& prefixes_;
  scoring::Bm25Params params_;
  std::vector<Doc> docs_;  // The live paragraphs of the language.
  std::map<std::string, std::uint64_t> doc_freq_;
  bool leave_out_stop_words_ = false;
  std::uint64_t doc_count_ = 0;
  double average_length_ = 0.0;
};

TEST(TopKReferenceTest, ExhaustiveTopKMatchesABruteForceEvaluation) {
  constexpr std::uint64_t kSeed = 777;
  testing::RandomIndexOptions options;
  options.documents = 900;
  options.commits = 3;
  const testing::RandomIndex index = testing::BuildRandomIndex(kSeed, options);
  ASSERT_NE(index.reader, nullptr);
  std::shared_ptr<const index::Snapshot> snapshot = index::SnapshotOf(*index.reader);
  // Ids of the documents, by segment and doc id.
  std::vector<std::vector<std::string>> ids;
  for (const index::SegmentView& segment : snapshot->segments()) {
    ids.emplace_back();
    for (DocId doc = 0; doc < segment.reader->doc_count(); ++doc) {
      Result<Paragraph> p = index::DecodeRecord(*segment.reader->Stored(doc), "test");
      ASSERT_TRUE(p.ok());
      ids.back().push_back(p->id);
    }
  }
  QueryAnalyzers per_language[] = {
      QueryAnalyzers::For(Language::kEnglish, index.reader->analyzer_options()),
      QueryAnalyzers::For(Language::kFrench, index.reader->analyzer_options())};
  NaiveSearcher naive[] = {
      NaiveSearcher(index, Language::kEnglish, *per_language[0].words, *per_language[0].prefixes),
      NaiveSearcher(index, Language::kFrench, *per_language[1].words, *per_language[1].prefixes)};
  RandomQueries queries(kSeed);
  std::mt19937_64 rng(kSeed);
  int compared = 0;
  for (int i = 0; i < kReferenceQueries; ++i) {
    const Query query = queries.Make(0);
    const Language language = rng() % 2 == 0 ? Language::kEnglish : Language::kFrench;
    const scoring::Bm25Params params{0.2 + static_cast<double>(rng() % 30) / 10.0,
                                     static_cast<double>(rng() % 11) / 10.0};
    const std::size_t l = language == Language::kEnglish ? 0 : 1;
    QueryAnalyzers& analyzers = per_language[l];
    const std::string where = "seed " + std::to_string(kSeed) + ", query #" + std::to_string(i) +
                              " [" + query.ToString() + "] " + std::string(LanguageCode(language));
    Result<CompiledQuery> compiled = CompiledQuery::Compile(query, language, *analyzers.words,
                                                            *analyzers.prefixes, *snapshot, params);
    ASSERT_TRUE(compiled.ok()) << where << ": " << compiled.status().ToString();
    std::map<std::string, double> engine;
    if (!compiled->empty()) {
      const CompiledQuery* pointer = &*compiled;
      Result<std::vector<ScoredDoc>> hits =
          TopK(*snapshot, std::span(&pointer, 1), index.paragraphs.size(), Pruning::kOff);
      ASSERT_TRUE(hits.ok()) << where;
      for (const ScoredDoc& hit : *hits) engine[ids[hit.segment][hit.doc]] = hit.score;
    }
    const std::map<std::string, double> expected = naive[l].Search(query, params);
    ASSERT_EQ(engine.size(), expected.size()) << where;
    for (const auto& [id, score] : expected) {
      const auto it = engine.find(id);
      ASSERT_NE(it, engine.end()) << where << ": " << id << " missing";
      ASSERT_NEAR(it->second, score, 1e-9 * std::max(1.0, score)) << where << ": " << id;
    }
    if (!expected.empty()) ++compared;
  }
  EXPECT_GT(compared, kReferenceQueries / 2);
}

}  // namespace
}  // namespace hexaglot::query

// Compiling a Query for one language (lib/query/compiled_query.h).

#include "query/compiled_query.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <string_view>
#include <utility>

#include "util/status_macros.h"

namespace hexaglot::query {

using format::FieldId;
using Node = CompiledQuery::Node;

namespace {

FieldId FieldOf(QueryField field) {
  switch (field) {
    case QueryField::kText:
      return FieldId::kText;
    case QueryField::kTheme:
      return FieldId::kTheme;
    case QueryField::kTopic:
      return FieldId::kTopic;
    case QueryField::kLang:
      return FieldId::kLang;
    case QueryField::kSymbol:
      return FieldId::kSymbol;
    case QueryField::kPaper:
      return FieldId::kPaper;
    case QueryField::kDoc:
      return FieldId::kDoc;
    case QueryField::kYear:
      return FieldId::kYear;
    case QueryField::kId:
      return FieldId::kId;
    case QueryField::kParallel:
      return FieldId::kParallel;
  }
  return FieldId::kText;
}

Node Nothing() { return Node{}; }

Node Or(std::vector<Node> children) {
  if (children.size() == 1) return std::move(children[0]);
  Node node;
  node.kind = Node::Kind::kBoolean;
  node.keyed = true;
  for (Node& child : children) {
    node.keyed = node.keyed && child.keyed;
    node.occurs.push_back(Occur::kShould);
    node.children.push_back(std::move(child));
  }
  return node;
}

}  // namespace

class Compiler {
 public:
  Compiler(CompiledQuery* out, Analyzer& analyzer, Analyzer& prefix_analyzer,
           const index::Snapshot& snapshot, const scoring::Bm25Params& params)
      : out_(out),
        analyzer_(analyzer),
        prefix_analyzer_(prefix_analyzer),
        snapshot_(snapshot),
        params_(params) {}

  // The node of `query`, or nullopt when it drops out. `scored`: whether text terms in it
  // count towards the score.
  // Build for the root: decides first whether the query's stop words are searched.
  Result<std::optional<Node>> BuildRoot(const Query& query) {
    HEXAGLOT_ASSIGN_OR_RETURN(leave_out_stop_words_, LeavesOutStopWords(query));
    return Build(query, true);
  }

  Result<std::optional<Node>> Build(const Query& query, bool scored) {
    switch (query.kind()) {
      case Query::Kind::kTerm:
        return BuildWord(query, scored);
      case Query::Kind::kPhrase:
        return BuildPhrase(query, scored);
      case Query::Kind::kPrefix:
        return BuildPrefix(query, scored);
      case Query::Kind::kExact:
        return BuildExact(query);
      case Query::Kind::kRange:
        return BuildRange(query);
      case Query::Kind::kBoolean:
        return BuildBoolean(query, scored);
    }
    return Status::InvalidArgument("query: unknown clause kind");
  }

 private:
  // The index of the term `key` in the term table (one entry per key and scoring).
  Result<int> AddTerm(FieldId field, std::string_view term, std::optional<Language> language,
                      bool scored) {
    scored = scored && field == FieldId::kText;  // Other fields are filters.
    std::string key = format::TermKey(field, language, term);
    for (std::size_t i = 0; i < out_->terms_.size(); ++i) {
      const QueryTerm& existing = out_->terms_[i];
      if (existing.key == key && existing.bm25.has_value() == scored) return static_cast<int>(i);
    }
    QueryTerm entry;
    entry.field = field;
    entry.term = std::string(term);
    if (scored) {
      HEXAGLOT_RETURN_IF_ERROR(FindInSegments(entry, key));
      entry.average_length = out_->average_length_;
      entry.bm25.emplace(scoring::Idf(out_->doc_count_, entry.doc_freq), params_,
                         entry.average_length);
    }
    entry.key = std::move(key);
    out_->terms_.push_back(std::move(entry));
    return static_cast<int>(out_->terms_.size() - 1);
  }

  // The index of the theme or topic term `term` of the language, scored by BM25 over that
  // field's lengths and statistics times `boost` (Bm25Params' field boosts).
  Result<int> AddBoostedTerm(FieldId field, std::string_view term, double boost) {
    const int scored_field = format::ScoredFieldIndex(field);
    std::string key = format::TermKey(field, lang(), term);
    for (std::size_t i = 0; i < out_->terms_.size(); ++i) {
      if (out_->terms_[i].key == key && out_->terms_[i].bm25) return static_cast<int>(i);
    }
    QueryTerm entry;
    entry.field = field;
    entry.scored_field = scored_field;
    entry.term = std::string(term);
    HEXAGLOT_RETURN_IF_ERROR(FindInSegments(entry, key));
    entry.average_length = AverageLength(scored_field);
    entry.bm25.emplace(scoring::Idf(out_->doc_count_, entry.doc_freq), params_,
                       entry.average_length, boost);
    entry.key = std::move(key);
    out_->terms_.push_back(std::move(entry));
    return static_cast<int>(out_->terms_.size() - 1);
  }

  // The document frequency of `entry`'s key over the snapshot (deleted documents
  // included), and its segment_infos.
  Status FindInSegments(QueryTerm& entry, const std::string& key) {
    entry.doc_freq = 0;
    entry.segment_infos.clear();
    for (const index::SegmentView& segment : snapshot_.segments()) {
      HEXAGLOT_ASSIGN_OR_RETURN(std::optional<format::TermInfo> info,
                                segment.reader->FindTerm(key));
      if (info) entry.doc_freq += info->doc_freq;
      entry.segment_infos.push_back(info);
    }
    return Status::OK();
  }

  double AverageLength(int scored_field) const {
    const auto language = static_cast<std::size_t>(lang());
    const std::uint64_t total =
        snapshot_.stats().total_length[language][static_cast<std::size_t>(scored_field)];
    return out_->doc_count_ == 0
               ? 0.0
               : static_cast<double>(total) / static_cast<double>(out_->doc_count_);
  }

  Result<Node> TermNode(FieldId field, std::string_view term, std::optional<Language> language,
                        bool scored) {
    Node node;
    node.kind = Node::Kind::kTerm;
    HEXAGLOT_ASSIGN_OR_RETURN(int index, AddTerm(field, term, language, scored));
    node.terms.push_back(index);
    node.keyed = language.has_value();
    return node;
  }

  // Whether the words of `query` that are not stop words are so many that its stop words
  // are left out (kWordsToLeaveOutStopWords).
  Result<bool> LeavesOutStopWords(const Query& query) {
    HEXAGLOT_ASSIGN_OR_RETURN(int words, CountWords(query));
    return words >= kWordsToLeaveOutStopWords;
  }

  // The positions of analysed words other than stop words in the scored text clauses of
  // `query`, stopping early once there are enough to decide.
  Result<int> CountWords(const Query& query) {
    if (query.kind() == Query::Kind::kBoolean) {
      int words = 0;
      for (const Query::Clause& clause : query.clauses()) {
        if (clause.occur != Occur::kShould && clause.occur != Occur::kMust) continue;
        HEXAGLOT_ASSIGN_OR_RETURN(int more, CountWords(clause.query));
        words += more;
        if (words >= kWordsToLeaveOutStopWords) break;
      }
      return words;
    }
    const bool analysed =
        query.kind() == Query::Kind::kTerm || query.kind() == Query::Kind::kPhrase;
    if (!analysed || FieldOf(query.field()) != FieldId::kText) return 0;
    HEXAGLOT_RETURN_IF_ERROR(analyzer_.Analyze(query.text(), &tokens_));
    std::set<std::uint32_t> positions;
    for (const Token& token : tokens_) {
      if (!token.stop_word) positions.insert(token.position);
    }
    return static_cast<int>(positions.size());
  }

  Result<std::optional<Node>> BuildWord(const Query& query, bool scored) {
    HEXAGLOT_RETURN_IF_ERROR(analyzer_.Analyze(query.text(), &tokens_));
    std::erase_if(tokens_,
                  [&](const Token& token) { return token.stop_word && leave_out_stop_words_; });
    return WordNode(FieldOf(query.field()), tokens_, scored);
  }

  // The OR of the distinct terms of `tokens` (with their field boosts), or nullopt when
  // there are none.
  Result<std::optional<Node>> WordNode(FieldId field, const std::vector<Token>& tokens,
                                       bool scored) {
    std::vector<std::string> terms;
    for (const Token& token : tokens) {
      if (std::find(terms.begin(), terms.end(), token.term) == terms.end()) {
        terms.push_back(token.term);
      }
    }
    if (terms.empty()) return std::optional<Node>();
    std::vector<Node> children;
    for (const std::string& term : terms) {
      HEXAGLOT_ASSIGN_OR_RETURN(Node child, TermNode(field, term, lang(), scored));
      children.push_back(std::move(child));
      if (!scored || field != FieldId::kText) continue;
      // Field boosts: the word also counts where it is in the theme or the topics.
      for (const auto& [boosted, boost] : {std::pair{FieldId::kTheme, params_.theme_boost},
                                           std::pair{FieldId::kTopic, params_.topic_boost}}) {
        if (boost <= 0.0) continue;
        HEXAGLOT_ASSIGN_OR_RETURN(int index, AddBoostedTerm(boosted, term, boost));
        Node node;
        node.kind = Node::Kind::kTerm;
        node.terms.push_back(index);
        node.keyed = true;
        children.push_back(std::move(node));
      }
    }
    return std::optional<Node>(Or(std::move(children)));
  }

  Result<std::optional<Node>> BuildPhrase(const Query& query, bool scored) {
    const FieldId field = FieldOf(query.field());
    HEXAGLOT_RETURN_IF_ERROR(analyzer_.Analyze(query.text(), &tokens_));
    // Stop words are gaps, as if removed: their position lists are the longest, and reading
    // them would make a phrase as slow as its commonest word. A phrase of stop words only
    // keeps them.
    const bool only_stop_words =
        std::all_of(tokens_.begin(), tokens_.end(), [](const Token& t) { return t.stop_word; });
    std::erase_if(tokens_, [&](const Token& token) { return token.stop_word && !only_stop_words; });
    if (tokens_.empty()) return std::optional<Node>();
    if (tokens_.back().position == tokens_.front().position) {
      return WordNode(field, tokens_, scored);
    }
    const std::vector<Token> tokens = tokens_;
    Node node;
    node.kind = Node::Kind::kPhrase;
    node.slop = query.slop();
    node.keyed = true;
    for (const Token& token : tokens) {
      // A phrase matches stems by position; a word's exact form shares its stem's.
      if (token.term.starts_with(kExactFormMarker)) continue;
      HEXAGLOT_ASSIGN_OR_RETURN(int index, AddTerm(field, token.term, lang(), scored));
      node.terms.push_back(index);
      // Positions never decrease; offsets are kept monotone against odd analysers.
      const std::uint32_t offset = token.position - tokens[0].position;
      node.offsets.push_back(node.offsets.empty() ? 0 : std::max(offset, node.offsets.back()));
    }
    return std::optional<Node>(std::move(node));
  }

  Result<std::optional<Node>> BuildPrefix(const Query& query, bool scored) {
    const FieldId field = FieldOf(query.field());
    HEXAGLOT_RETURN_IF_ERROR(prefix_analyzer_.Analyze(query.text(), &tokens_));
    if (tokens_.empty()) return std::optional<Node>();
    std::set<std::string> expansions;
    for (const Token& token : tokens_) {
      const std::string prefix = format::TermKey(field, lang(), token.term);
      for (const index::SegmentView& segment : snapshot_.segments()) {
        std::unique_ptr<format::TermIterator> it = segment.reader->Terms(prefix);
        for (; it->Valid() && it->key().starts_with(prefix); it->Next()) {
          expansions.emplace(it->key().substr(2));
          if (expansions.size() > static_cast<std::size_t>(kMaxQueryClauses)) {
            return Status::InvalidArgument("query: prefix '" + query.text() +
                                           "*' matches more than " +
                                           std::to_string(kMaxQueryClauses) + " terms");
          }
        }
        HEXAGLOT_RETURN_IF_ERROR(it->status());
      }
    }
    if (expansions.empty()) {
      Node nothing = Nothing();
      nothing.keyed = true;
      return std::optional<Node>(std::move(nothing));
    }
    std::vector<Node> children;
    for (const std::string& term : expansions) {
      HEXAGLOT_ASSIGN_OR_RETURN(Node child, TermNode(field, term, lang(), scored));
      children.push_back(std::move(child));
    }
    return std::optional<Node>(Or(std::move(children)));
  }

  Result<std::optional<Node>> BuildExact(const Query& query) {
    const FieldId field = FieldOf(query.field());
    if (query.field() == QueryField::kLang) {
      HEXAGLOT_ASSIGN_OR_RETURN(Language language, ParseLanguage(query.text()));
      HEXAGLOT_ASSIGN_OR_RETURN(Node node,
                                TermNode(field, LanguageCode(language), std::nullopt, false));
      node.keyed = language == lang();
      return std::optional<Node>(std::move(node));
    }
    HEXAGLOT_ASSIGN_OR_RETURN(Node node, TermNode(field, query.text(), std::nullopt, false));
    return std::optional<Node>(std::move(node));
  }

  Result<std::optional<Node>> BuildRange(const Query& query) {
    const std::string prefix = format::TermKey(FieldId::kYear, std::nullopt, {});
    std::set<std::string> years;
    for (const index::SegmentView& segment : snapshot_.segments()) {
      std::unique_ptr<format::TermIterator> it = segment.reader->Terms(prefix);
      for (; it->Valid() && it->key().starts_with(prefix); it->Next()) {
        const std::string_view digits = it->key().substr(prefix.size());
        int year = 0;
        const auto [end, error] =
            std::from_chars(digits.data(), digits.data() + digits.size(), year);
        if (error == std::errc() && end == digits.data() + digits.size() && year >= query.low() &&
            year <= query.high()) {
          years.emplace(digits);
        }
      }
      HEXAGLOT_RETURN_IF_ERROR(it->status());
    }
    if (years.empty()) return std::optional<Node>(Nothing());
    std::vector<Node> children;
    for (const std::string& year : years) {
      HEXAGLOT_ASSIGN_OR_RETURN(Node child, TermNode(FieldId::kYear, year, std::nullopt, false));
      children.push_back(std::move(child));
    }
    Node node = Or(std::move(children));
    node.keyed = false;
    return std::optional<Node>(std::move(node));
  }

  Result<std::optional<Node>> BuildBoolean(const Query& query, bool scored) {
    Node node;
    node.kind = Node::Kind::kBoolean;
    bool required = false;
    bool required_keyed = false;
    bool should_keyed = true;
    for (const Query::Clause& clause : query.clauses()) {
      const bool ranked =
          scored && (clause.occur == Occur::kShould || clause.occur == Occur::kMust);
      HEXAGLOT_ASSIGN_OR_RETURN(std::optional<Node> child, Build(clause.query, ranked));
      if (!child) continue;
      if (clause.occur == Occur::kMust || clause.occur == Occur::kFilter) {
        required = true;
        required_keyed = required_keyed || child->keyed;
      } else if (clause.occur == Occur::kShould) {
        should_keyed = should_keyed && child->keyed;
      }
      node.occurs.push_back(clause.occur);
      node.children.push_back(*std::move(child));
    }
    const bool positive = std::any_of(node.occurs.begin(), node.occurs.end(),
                                      [](Occur occur) { return occur != Occur::kMustNot; });
    if (!positive) return std::optional<Node>();
    node.keyed = required ? required_keyed : should_keyed;
    return std::optional<Node>(std::move(node));
  }

  // The language of the compiled query: analysed fields are keyed in it.
  Language lang() const { return out_->language_; }

  CompiledQuery* out_;
  Analyzer& analyzer_;
  Analyzer& prefix_analyzer_;
  const index::Snapshot& snapshot_;
  const scoring::Bm25Params& params_;
  std::vector<Token> tokens_;
  bool leave_out_stop_words_ = false;  // BuildRoot's decision.
};

Result<CompiledQuery> CompiledQuery::Compile(const Query& query, Language language,
                                             Analyzer& analyzer, Analyzer& prefix_analyzer,
                                             const index::Snapshot& snapshot,
                                             const scoring::Bm25Params& params) {
  CompiledQuery compiled;
  compiled.language_ = language;
  const auto lang = static_cast<std::size_t>(language);
  compiled.doc_count_ = snapshot.stats().doc_count[lang];
  for (const index::SegmentView& segment : snapshot.segments()) {
    compiled.segments_.push_back(segment.reader.get());
  }
  compiled.average_length_ = compiled.doc_count_ == 0
                                 ? 0.0
                                 : static_cast<double>(snapshot.stats().total_length[lang][0]) /
                                       static_cast<double>(compiled.doc_count_);
  Compiler compiler(&compiled, analyzer, prefix_analyzer, snapshot, params);
  HEXAGLOT_ASSIGN_OR_RETURN(std::optional<Node> root, compiler.BuildRoot(query));
  if (root && !root->keyed) {
    // Restrict to the language's documents: root AND lang:<code> (unscored).
    Node restricted;
    restricted.kind = Node::Kind::kBoolean;
    restricted.keyed = true;
    restricted.occurs = {Occur::kMust, Occur::kFilter};
    restricted.children.push_back(*std::move(root));
    Node lang_node;
    lang_node.kind = Node::Kind::kTerm;
    lang_node.keyed = true;
    compiled.terms_.push_back(
        {format::TermKey(FieldId::kLang, std::nullopt, LanguageCode(language)), FieldId::kLang,
         std::string(LanguageCode(language)), std::nullopt, 0});
    lang_node.terms.push_back(static_cast<int>(compiled.terms_.size() - 1));
    restricted.children.push_back(std::move(lang_node));
    root = std::move(restricted);
  }
  compiled.root_ = std::move(root);
  return compiled;
}

Result<std::unique_ptr<Scorer>> CompiledQuery::MakeScorer(
    const format::SegmentReader& segment) const {
  if (!root_) return std::unique_ptr<Scorer>();
  return Make(*root_, segment);
}

Result<std::optional<std::vector<TermClause>>> CompiledQuery::MakeTermClauses(
    const format::SegmentReader& segment) const {
  if (!root_) return std::optional<std::vector<TermClause>>();
  std::vector<int> terms;
  if (root_->kind == Node::Kind::kTerm) {
    terms.push_back(root_->terms[0]);
  } else if (root_->kind == Node::Kind::kBoolean && root_->children.size() <= kMaxTermClauses) {
    for (std::size_t i = 0; i < root_->children.size(); ++i) {
      const Node& child = root_->children[i];
      if (root_->occurs[i] != Occur::kShould || child.kind != Node::Kind::kTerm) {
        return std::optional<std::vector<TermClause>>();
      }
      terms.push_back(child.terms[0]);
    }
  } else {
    return std::optional<std::vector<TermClause>>();
  }
  std::vector<TermClause> clauses;
  for (const int index : terms) {
    const QueryTerm& term = terms_[static_cast<std::size_t>(index)];
    if (!term.bm25) return std::optional<std::vector<TermClause>>();  // Unscored matches.
  }
  for (const int index : terms) {
    const QueryTerm& term = terms_[static_cast<std::size_t>(index)];
    HEXAGLOT_ASSIGN_OR_RETURN(std::optional<format::TermInfo> info, FindTerm(term, segment));
    if (!info) continue;
    HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<PostingCursor> cursor,
                              segment.OpenCursor(*info, false));
    clauses.push_back({std::move(cursor), &*term.bm25, segment.lengths(term.scored_field), *info});
  }
  return std::optional<std::vector<TermClause>>(std::move(clauses));
}

Result<std::optional<format::TermInfo>> CompiledQuery::FindTerm(
    const QueryTerm& term, const format::SegmentReader& segment) const {
  for (std::size_t s = 0; s < term.segment_infos.size(); ++s) {
    if (segments_[s] == &segment) return term.segment_infos[s];
  }
  return segment.FindTerm(term.key);
}

Result<std::unique_ptr<Scorer>> CompiledQuery::Make(const Node& node,
                                                    const format::SegmentReader& segment) const {
  switch (node.kind) {
    case Node::Kind::kNothing:
      return std::unique_ptr<Scorer>();
    case Node::Kind::kTerm: {
      const QueryTerm& term = terms_[static_cast<std::size_t>(node.terms[0])];
      HEXAGLOT_ASSIGN_OR_RETURN(std::optional<format::TermInfo> info, FindTerm(term, segment));
      if (!info) return std::unique_ptr<Scorer>();
      HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<PostingCursor> cursor,
                                segment.OpenCursor(*info, false));
      return MakeTermScorer(std::move(cursor), segment.lengths(term.scored_field),
                            term.bm25 ? &*term.bm25 : nullptr, node.terms[0]);
    }
    case Node::Kind::kPhrase: {
      std::vector<std::unique_ptr<PostingCursor>> cursors;
      std::vector<const scoring::Bm25Term*> bm25;
      for (const int index : node.terms) {
        const QueryTerm& term = terms_[static_cast<std::size_t>(index)];
        HEXAGLOT_ASSIGN_OR_RETURN(std::optional<format::TermInfo> info, FindTerm(term, segment));
        if (!info) return std::unique_ptr<Scorer>();
        HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<PostingCursor> cursor,
                                  segment.OpenCursor(*info, true));
        cursors.push_back(std::move(cursor));
        bm25.push_back(term.bm25 ? &*term.bm25 : nullptr);
      }
      return MakePhraseScorer(std::move(cursors), node.offsets, node.slop, segment.lengths(0),
                              std::move(bm25), node.terms);
    }
    case Node::Kind::kBoolean:
      break;
  }
  std::vector<std::unique_ptr<Scorer>> required;
  std::vector<std::unique_ptr<Scorer>> optional;
  std::vector<std::unique_ptr<Scorer>> excluded;
  bool has_required = false;
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    const Occur occur = node.occurs[i];
    HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<Scorer> child, Make(node.children[i], segment));
    switch (occur) {
      case Occur::kMust:
      case Occur::kFilter:
        has_required = true;
        if (!child) return std::unique_ptr<Scorer>();
        if (occur == Occur::kFilter && child->MaxScore() > 0.0) {
          child = MakeConstantZero(std::move(child));
        }
        required.push_back(std::move(child));
        break;
      case Occur::kShould:
        if (child) optional.push_back(std::move(child));
        break;
      case Occur::kMustNot:
        if (child) excluded.push_back(std::move(child));
        break;
    }
  }
  auto combine = [](std::vector<std::unique_ptr<Scorer>> scorers, bool all) {
    if (scorers.size() == 1) return std::move(scorers[0]);
    return all ? MakeConjunction(std::move(scorers)) : MakeDisjunction(std::move(scorers));
  };
  std::unique_ptr<Scorer> result;
  if (has_required) {
    result = combine(std::move(required), true);
    // Optional clauses that score nothing change neither matches nor scores.
    std::erase_if(optional, [](const std::unique_ptr<Scorer>& s) { return s->MaxScore() <= 0.0; });
    if (!optional.empty()) {
      result = MakeReqOpt(std::move(result), combine(std::move(optional), false));
    }
  } else {
    if (optional.empty()) return std::unique_ptr<Scorer>();
    result = combine(std::move(optional), false);
  }
  if (!excluded.empty()) {
    result = MakeReqExcl(std::move(result), combine(std::move(excluded), false));
  }
  return result;
}

}  // namespace hexaglot::query

// Query language routing (api/language_routing.h).

#include "api/language_routing.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "analysis/script.h"
#include "format/fields.h"
#include "util/status_macros.h"
#include "util/utf8.h"

namespace hexaglot::api {
namespace {

// A stop word is among a language's most frequent words: about this share of paragraphs.
constexpr double kStopWordProbability = 0.3;
// Languages whose mean log-probability per word is this close to the best one's are
// searched too (nats per word: e^2, about 7 times less likely per word).
constexpr double kVocabularyMargin = 2.0;
// The detector's Latin-script cues (function words, diacritics), times its confidence,
// added to its language's mean: enough to decide between languages whose vocabularies
// explain the words equally well, not to override the vocabulary.
constexpr double kDetectorWeight = 1.0;

// The words of the text, theme and topic clauses.
void CollectWords(const Query& query, std::string* words) {
  if (query.kind() == Query::Kind::kBoolean) {
    for (const Query::Clause& clause : query.clauses()) CollectWords(clause.query, words);
    return;
  }
  if (query.kind() == Query::Kind::kExact || query.kind() == Query::Kind::kRange) return;
  if (!words->empty()) words->push_back(' ');
  words->append(query.text());
}

// The language a required `lang:` filter at the top of the query names, if exactly one.
std::optional<Language> RequiredLanguage(const Query& query) {
  auto language_of = [](const Query& q) -> std::optional<Language> {
    if (q.kind() != Query::Kind::kExact || q.field() != QueryField::kLang) return std::nullopt;
    Result<Language> language = ParseLanguage(q.text());
    return language.ok() ? std::optional<Language>(*language) : std::nullopt;
  };
  if (query.kind() != Query::Kind::kBoolean) return language_of(query);
  std::optional<Language> found;
  for (const Query::Clause& clause : query.clauses()) {
    if (clause.occur != Occur::kMust && clause.occur != Occur::kFilter) continue;
    const std::optional<Language> language = language_of(clause.query);
    if (!language) continue;
    if (found && *found != *language) return std::nullopt;
    found = language;
  }
  return found;
}

// The languages of `present` written in a script that `words` has letters of; all of
// `present` when none is (digits, symbols, other scripts).
std::vector<Language> ScriptCandidates(std::string_view words,
                                       const std::vector<Language>& present) {
  std::array<bool, analysis::kScriptCount> seen{};
  for (std::size_t pos = 0; pos < words.size();) {
    const analysis::Script script = analysis::ScriptOf(utf8::Next(words, &pos));
    if (script < analysis::kScriptCount) seen[script] = true;
  }
  std::vector<Language> candidates;
  for (const Language language : present) {
    for (int script = 0; script < analysis::kScriptCount; ++script) {
      if (seen[static_cast<std::size_t>(script)] &&
          analysis::WritesIn(language, static_cast<analysis::Script>(script))) {
        candidates.push_back(language);
        break;
      }
    }
  }
  return candidates.empty() ? present : candidates;
}

struct Evidence {
  Language language = Language::kEnglish;
  // Word positions the language explains: a term its paragraphs have, or a stop word.
  std::size_t covered = 0;
  double mean_log_p = 0.0;  // Per word position, detector bonus included.
};

// The document frequency of the text term `term` of `language` over the snapshot.
Result<std::uint64_t> DocFreq(const index::Snapshot& snapshot, Language language,
                              std::string_view term) {
  const std::string key = format::TermKey(format::FieldId::kText, language, term);
  std::uint64_t df = 0;
  for (const index::SegmentView& segment : snapshot.segments()) {
    HEXAGLOT_ASSIGN_OR_RETURN(std::optional<format::TermInfo> info, segment.reader->FindTerm(key));
    if (info) df += info->doc_freq;
  }
  return df;
}

Result<Evidence> Measure(std::string_view words, Language language, const index::Snapshot& snapshot,
                         AnalyzerPool& analyzers, AnalyzerPool& surface_analyzers) {
  std::vector<Token> tokens;
  std::set<std::uint32_t> positions;  // Every word's, stop words included.
  {
    HEXAGLOT_ASSIGN_OR_RETURN(AnalyzerPool::Lease surface, surface_analyzers.Borrow(language));
    HEXAGLOT_RETURN_IF_ERROR((*surface).Analyze(words, &tokens));
    for (const Token& token : tokens) positions.insert(token.position);
  }
  HEXAGLOT_ASSIGN_OR_RETURN(AnalyzerPool::Lease analyzer, analyzers.Borrow(language));
  HEXAGLOT_RETURN_IF_ERROR((*analyzer).Analyze(words, &tokens));
  const double n = snapshot.stats().doc_count[static_cast<std::size_t>(language)];
  std::map<std::uint32_t, double> best;  // Position -> its best term's log-probability.
  for (const Token& token : tokens) {
    // An exact form is never more frequent than its stem, at the same position. A stop
    // word counts as one, indexed or not, as below.
    if (token.term.starts_with(kExactFormMarker) || token.stop_word) continue;
    HEXAGLOT_ASSIGN_OR_RETURN(std::uint64_t df, DocFreq(snapshot, language, token.term));
    const double log_p = std::log((static_cast<double>(df) + 0.5) / (n + 1.0));
    auto [it, inserted] = best.emplace(token.position, log_p);
    if (!inserted) it->second = std::max(it->second, log_p);
  }
  Evidence evidence;
  evidence.language = language;
  double total = 0.0;
  const double unseen = std::log(0.5 / (n + 1.0));
  for (const auto& [position, log_p] : best) {
    total += log_p;
    if (log_p > unseen) ++evidence.covered;
  }
  // Positions the stemming analysis dropped or marked are the language's stop words.
  std::size_t stop_words = 0;
  for (const std::uint32_t position : positions) stop_words += best.contains(position) ? 0 : 1;
  evidence.covered += stop_words;
  total += static_cast<double>(stop_words) * std::log(kStopWordProbability);
  const std::size_t count = std::max(positions.size(), best.size());
  evidence.mean_log_p = count == 0 ? 0.0 : total / static_cast<double>(count);
  return evidence;
}

// The languages among `candidates` that explain the most word positions of `words`, and
// among those, the ones whose mean log-probability is within the margin of the best; all
// candidates when none explains any (prefixes, words new to the index).
Result<std::vector<Language>> ByVocabulary(std::string_view words,
                                           const std::vector<Language>& candidates,
                                           const index::Snapshot& snapshot, AnalyzerPool& analyzers,
                                           AnalyzerPool& surface_analyzers) {
  HEXAGLOT_ASSIGN_OR_RETURN(DetectedLanguage detected, DetectLanguage(words));
  std::vector<Evidence> evidence;
  for (const Language language : candidates) {
    HEXAGLOT_ASSIGN_OR_RETURN(Evidence one,
                              Measure(words, language, snapshot, analyzers, surface_analyzers));
    if (detected.language == language) one.mean_log_p += kDetectorWeight * detected.confidence;
    evidence.push_back(one);
  }
  std::size_t most = 0;
  for (const Evidence& one : evidence) most = std::max(most, one.covered);
  if (most == 0) return candidates;
  std::erase_if(evidence, [&](const Evidence& one) { return one.covered < most; });
  double best = evidence.front().mean_log_p;
  for (const Evidence& one : evidence) best = std::max(best, one.mean_log_p);
  std::vector<Language> chosen;
  for (const Evidence& one : evidence) {
    if (one.mean_log_p >= best - kVocabularyMargin) chosen.push_back(one.language);
  }
  return chosen;
}

std::vector<Language> Every() { return {AllLanguages().begin(), AllLanguages().end()}; }

}  // namespace

std::vector<Language> IndexLanguages(const index::Snapshot& snapshot) {
  std::vector<Language> present;
  for (const Language language : AllLanguages()) {
    if (snapshot.stats().doc_count[static_cast<std::size_t>(language)] > 0) {
      present.push_back(language);
    }
  }
  return present;
}

Result<RoutedLanguages> RouteQuery(const Query& query, const QueryLanguage& mode,
                                   const index::Snapshot& snapshot, AnalyzerPool& analyzers,
                                   AnalyzerPool& surface_analyzers) {
  switch (mode.mode) {
    case QueryLanguage::Mode::kGiven:
      return RoutedLanguages{{mode.language}, Routing::kGiven};
    case QueryLanguage::Mode::kAll:
      return RoutedLanguages{Every(), Routing::kAll};
    case QueryLanguage::Mode::kAuto:
      break;
  }
  if (const std::optional<Language> required = RequiredLanguage(query)) {
    return RoutedLanguages{{*required}, Routing::kLangFilter};
  }
  std::string words;
  CollectWords(query, &words);
  // Filters alone need no analysis: every language's paragraphs can match.
  if (words.empty()) return RoutedLanguages{Every(), Routing::kNoWords};
  const std::vector<Language> present = IndexLanguages(snapshot);
  if (present.empty()) {
    // Nothing can match; the detector's guess names the analysis for --explain.
    HEXAGLOT_ASSIGN_OR_RETURN(DetectedLanguage detected, DetectLanguage(words));
    return RoutedLanguages{{detected.language.value_or(Language::kEnglish)}, Routing::kDetector};
  }
  if (present.size() == 1) return RoutedLanguages{present, Routing::kOnlyLanguage};
  const std::vector<Language> candidates = ScriptCandidates(words, present);
  if (candidates.size() == 1) return RoutedLanguages{candidates, Routing::kScript};
  HEXAGLOT_ASSIGN_OR_RETURN(
      std::vector<Language> chosen,
      ByVocabulary(words, candidates, snapshot, analyzers, surface_analyzers));
  return RoutedLanguages{std::move(chosen), Routing::kVocabulary};
}

}  // namespace hexaglot::api

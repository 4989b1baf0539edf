// hexaglot dump: what an index holds, as stored: a field's terms, a term's postings, a
// document's record. The index is named with --index only (no positional DIR, which
// would be ambiguous beside TERM and ID).

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "hexaglot/index_reader.h"
#include "hexaglot/ingest.h"
#include "output.h"
#include "terminal.h"

namespace hexaglot::tool {
namespace {

struct DumpArgs {
  std::string index;
  std::string field = "text";
  std::string lang;
  std::string prefix;
  std::uint64_t limit = 0;
  std::string term;
  bool raw = false;
  std::string id;
  bool json = false;
};

// The language code for output: "-" for language-neutral fields in human output.
std::string CodeOf(const std::optional<Language>& language) {
  return language ? std::string(LanguageCode(*language)) : std::string("-");
}

nlohmann::ordered_json LanguageJson(const std::optional<Language>& language) {
  return language ? nlohmann::ordered_json(LanguageCode(*language))
                  : nlohmann::ordered_json(nullptr);
}

Result<std::optional<Language>> ParseOptionalLanguage(const std::string& code) {
  if (code.empty()) return std::optional<Language>();
  Result<Language> language = ParseLanguage(code);
  if (!language.ok()) return language.status();
  return std::optional<Language>(*language);
}

Result<std::unique_ptr<IndexReader>> Open(const DumpArgs& args) {
  Result<std::string> path = ResolveIndexPath(args.index);
  if (!path.ok()) return path.status();
  return OpenIndex(*path);
}

int RunTerms(const DumpArgs& args) {
  TermListOptions options;
  options.field = args.field;
  Result<std::optional<Language>> language = ParseOptionalLanguage(args.lang);
  if (!language.ok()) return ReportError(language.status());
  options.language = *language;
  options.prefix = args.prefix;
  options.limit = args.limit;
  Result<std::unique_ptr<IndexReader>> reader = Open(args);
  if (!reader.ok()) return ReportError(reader.status());
  Result<std::vector<IndexTerm>> terms = (*reader)->Terms(options);
  if (!terms.ok()) return ReportError(terms.status());
  for (const IndexTerm& term : *terms) {
    if (args.json) {
      std::cout << nlohmann::ordered_json{{"field", term.field},
                                          {"lang", LanguageJson(term.language)},
                                          {"term", term.term},
                                          {"doc_freq", term.doc_freq},
                                          {"total_freq", term.total_freq}}
                       .dump()
                << '\n';
    } else {
      std::cout << CodeOf(term.language) << '\t' << Printable(term.term) << '\t' << term.doc_freq
                << '\t' << term.total_freq << '\n';
    }
  }
  return kExitOk;
}

int RunPostings(const DumpArgs& args) {
  PostingsQuery query;
  query.field = args.field;
  Result<std::optional<Language>> language = ParseOptionalLanguage(args.lang);
  if (!language.ok()) return ReportError(language.status());
  query.language = *language;
  query.term = args.term;
  query.raw = args.raw;
  Result<std::unique_ptr<IndexReader>> reader = Open(args);
  if (!reader.ok()) return ReportError(reader.status());
  Result<std::vector<IndexPostingList>> lists = (*reader)->Postings(query);
  if (!lists.ok()) return ReportError(lists.status());
  if (lists->empty()) {
    std::cerr << "hexaglot: no document has the term \"" << args.term << "\" in field "
              << args.field << '\n';
    return kExitNoResults;
  }
  for (const IndexPostingList& list : *lists) {
    if (!args.json) {
      std::cout << args.field << ' ' << CodeOf(list.language) << ':' << Printable(list.term) << "  "
                << list.postings.size() << " live of " << list.doc_freq << " documents\n";
    }
    for (const IndexPosting& posting : list.postings) {
      if (args.json) {
        std::cout << nlohmann::ordered_json{{"field", args.field},
                                            {"lang", LanguageJson(list.language)},
                                            {"term", list.term},
                                            {"id", posting.id},
                                            {"segment", posting.segment},
                                            {"doc", posting.doc},
                                            {"tf", posting.freq},
                                            {"positions", posting.positions}}
                         .dump()
                  << '\n';
      } else {
        std::cout << "  " << Printable(posting.id) << "  tf " << posting.freq;
        if (!posting.positions.empty()) {
          std::cout << "  positions";
          for (std::uint32_t position : posting.positions) std::cout << ' ' << position;
        }
        std::cout << "  (" << posting.segment << " #" << posting.doc << ")\n";
      }
    }
  }
  return kExitOk;
}

int RunDoc(const DumpArgs& args) {
  Result<std::unique_ptr<IndexReader>> reader = Open(args);
  if (!reader.ok()) return ReportError(reader.status());
  Result<std::optional<Paragraph>> paragraph = (*reader)->Get(args.id);
  if (!paragraph.ok()) return ReportError(paragraph.status());
  if (!*paragraph) {
    std::cerr << "hexaglot: no paragraph has the id \"" << args.id << "\"\n";
    return kExitNoResults;
  }
  std::cout << ParagraphToJson(**paragraph) << '\n';
  return kExitOk;
}

void AddFieldOptions(CLI::App* command, DumpArgs* args) {
  command
      ->add_option("--field", args->field,
                   "Field: text theme topic theme_exact topic_exact symbol paper doc lang year id "
                   "parallel")
      ->capture_default_str();
  command
      ->add_option("--lang,-l", args->lang,
                   "Language of a per-language field's terms (default: every language)")
      ->check(CLI::IsMember({"ar", "zh", "en", "fr", "ru", "es"}));
}

}  // namespace

void AddDumpCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<DumpArgs>();
  CLI::App* dump = app.add_subcommand(
      "dump",
      "Show what an index stores: a field's terms, the postings of a term, or a paragraph's "
      "record. Name the index with --index DIR (after the subcommand), or the default.");
  dump->require_subcommand(1);

  CLI::App* terms = dump->add_subcommand(
      "terms",
      "List a field's terms in index order, one per line: language, term, document "
      "frequency, total frequency (document frequencies count deleted documents until a "
      "merge)");
  AddIndexOption(terms, &args->index, /*positional=*/false);
  AddFieldOptions(terms, args.get());
  terms->add_option("--prefix", args->prefix, "Only terms starting with this");
  terms->add_option("--limit", args->limit, "At most this many terms (0: all)")
      ->capture_default_str();
  terms->add_flag("--json", args->json, "One JSON object per term");
  terms->callback([args, exit_code] { *exit_code = RunTerms(*args); });

  CLI::App* postings = dump->add_subcommand(
      "postings",
      "List the live documents with TERM: id, term frequency, positions, segment and number. "
      "TERM is analysed as indexing does (the language's analyser for text, theme and topic; "
      "case folding for theme_exact and topic_exact) unless --raw. Exit 1 when no document "
      "has it.");
  postings->add_option("term", args->term, "A word, or with --raw the indexed term")->required();
  AddIndexOption(postings, &args->index, /*positional=*/false);
  AddFieldOptions(postings, args.get());
  postings->add_flag("--raw", args->raw, "TERM is the indexed term: do not analyse it");
  postings->add_flag("--json", args->json, "One JSON object per posting");
  postings->callback([args, exit_code] { *exit_code = RunPostings(*args); });

  CLI::App* doc = dump->add_subcommand(
      "doc",
      "Print the stored record of the live paragraph ID as one JSON object. Exit 1 "
      "when there is none.");
  doc->add_option("id", args->id, "Paragraph id, e.g. V.21-05340/en/16")->required();
  AddIndexOption(doc, &args->index, /*positional=*/false);
  doc->callback([args, exit_code] { *exit_code = RunDoc(*args); });
}

}  // namespace hexaglot::tool

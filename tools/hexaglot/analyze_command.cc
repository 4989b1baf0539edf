// hexaglot analyze: shows how a language's analyzer turns text into indexed terms.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "analysis_flags.h"
#include "commands.h"
#include "hexaglot/analyzer.h"
#include "output.h"

namespace hexaglot::tool {
namespace {

struct AnalyzeArgs {
  std::string lang = "auto";
  std::vector<std::string> text;
  std::string file;
  bool json = false;
  bool summary = false;
  AnalysisFlags analysis;
};

// Resolves --lang, detecting the language of `text` for "auto".
Result<Language> ResolveLanguage(const std::string& lang, const std::string& text) {
  if (lang != "auto") return ParseLanguage(lang);
  Result<DetectedLanguage> detected = DetectLanguage(text);
  if (!detected.ok()) return detected.status();
  if (!detected->language) {
    return Status::InvalidArgument(
        "cannot detect the language of the text; name it with --lang (ar zh en fr ru es)");
  }
  std::ostringstream note;
  note << "detected language: " << LanguageCode(*detected->language) << " (confidence "
       << std::fixed << std::setprecision(2) << detected->confidence << ")\n";
  std::cerr << note.str();
  return *detected->language;
}

void PrintTokens(const std::vector<Token>& tokens, const std::string& text, bool json) {
  for (const Token& token : tokens) {
    if (json) {
      nlohmann::json line = {{"term", token.term},
                             {"position", token.position},
                             {"start", token.start},
                             {"end", token.end},
                             {"stop_word", token.stop_word}};
      std::cout << line.dump() << '\n';
    } else {
      std::cout << token.position << '\t' << token.start << '-' << token.end << '\t' << token.term
                << '\t' << text.substr(token.start, token.end - token.start)
                << (token.stop_word ? "\tstop\n" : "\n");
    }
  }
}

// Counts, and the most frequent terms: a quick look at a whole file's vocabulary.
void PrintSummary(const std::vector<Token>& tokens, std::size_t bytes, Language language,
                  bool json) {
  std::map<std::string, std::size_t> counts;
  for (const Token& token : tokens) ++counts[token.term];
  std::vector<std::pair<std::string, std::size_t>> top(counts.begin(), counts.end());
  const std::size_t shown = std::min<std::size_t>(10, top.size());
  std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(shown), top.end(),
                    [](const auto& a, const auto& b) {
                      return a.second != b.second ? a.second > b.second : a.first < b.first;
                    });
  top.resize(shown);
  if (json) {
    nlohmann::json summary = {{"lang", LanguageCode(language)},
                              {"bytes", bytes},
                              {"tokens", tokens.size()},
                              {"distinct_terms", counts.size()},
                              {"top_terms", top}};
    std::cout << summary.dump() << '\n';
    return;
  }
  std::cout << "language: " << LanguageCode(language) << "\nbytes: " << bytes
            << "\ntokens: " << tokens.size() << "\ndistinct terms: " << counts.size()
            << "\nmost frequent terms:";
  for (const auto& [term, count] : top) std::cout << ' ' << term << " (" << count << ')';
  std::cout << '\n';
}

int RunAnalyze(const AnalyzeArgs& args) {
  std::string text;
  if (!args.file.empty()) {
    if (!args.text.empty()) {
      return ReportError(Status::InvalidArgument("give either TEXT or --file, not both"));
    }
    Result<std::string> contents = ReadInput(args.file);
    if (!contents.ok()) return ReportError(contents.status());
    text = std::move(*contents);
  } else {
    for (const std::string& part : args.text) {
      if (!text.empty()) text += ' ';
      text += part;
    }
  }

  // Past this point an InvalidArgument is about the text: bad usage when it came on the
  // command line, bad data when it came from a file.
  const std::string source = args.file.empty()  ? "text"
                             : args.file == "-" ? "standard input"
                                                : args.file;
  auto fail = [&](const Status& status) {
    return args.file.empty() ? ReportError(status.WithContext(source))
                             : ReportInputError(status.WithContext(source));
  };

  Result<Language> language = ResolveLanguage(args.lang, text);
  if (!language.ok()) return fail(language.status());

  Result<AnalyzerOptions> options = AnalyzerOptionsOf(args.analysis);
  if (!options.ok()) return ReportError(options.status());
  Result<std::unique_ptr<Analyzer>> analyzer = Analyzer::Create(*language, *options);
  if (!analyzer.ok()) return ReportError(analyzer.status());

  std::vector<Token> tokens;
  Status status = (*analyzer)->Analyze(text, &tokens);
  if (!status.ok()) return fail(status);
  if (args.summary) {
    PrintSummary(tokens, text.size(), *language, args.json);
  } else {
    PrintTokens(tokens, text, args.json);
  }
  return kExitOk;
}

}  // namespace

void AddAnalyzeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* command = app.add_subcommand(
      "analyze",
      "Print the tokens a language's analyzer makes of TEXT (or of --file): position, "
      "byte offsets, indexed term and the original word; 'stop' marks a stop word.");
  command->add_option("text", args->text, "Text to analyse (words are joined by spaces)");
  command->add_option("--lang,-l", args->lang, "Language: ar zh en fr ru es, or auto")
      ->check(CLI::IsMember({"auto", "ar", "zh", "en", "fr", "ru", "es"}))
      ->capture_default_str();
  command->add_option("--file,-f", args->file, "Analyse this file ('-' for standard input)");
  command->add_flag("--json", args->json,
                    "One JSON object per token: term, position, start, end (byte offsets), "
                    "stop_word");
  command->add_flag("--summary", args->summary,
                    "Print counts and the most frequent terms instead of every token");
  AddAnalysisFlags(command, &args->analysis);
  command->callback([args, exit_code] {
    if (args->text.empty() && args->file.empty()) args->file = "-";
    *exit_code = RunAnalyze(*args);
  });
}

}  // namespace hexaglot::tool

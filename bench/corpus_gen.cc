// corpus_gen: writes a seeded synthetic English corpus (JSON Lines) and its query set for
// the benchmarks and the peer-engine comparison (bench/COMPARE.md).
//
//   corpus_gen --paragraphs=200000 --seed=1 --corpus=corpus.jsonl --queries=queries.tsv
//              [--queries-per-kind=1000] [--compendium=PATH] [--treaties=PATH]
//
// It learns from the compendium (corpus/wg7-compendium-2021.en.md: text and paragraph
// lengths) and the English UN treaties (../shared/data/un-treaties-en: text only). Same
// inputs, seed and sizes give byte-identical files. Summary statistics go to stderr.

#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "corpus_model.h"
#include "util/file.h"
#include "util/status_macros.h"

namespace hexaglot::bench {
namespace {

struct Flags {
  std::uint64_t paragraphs = 20000;
  std::uint64_t seed = 1;
  std::uint32_t queries_per_kind = 1000;
  std::string corpus;
  std::string queries;
  std::string compendium = HEXAGLOT_SOURCE_DIR "/corpus/wg7-compendium-2021.en.md";
  std::string treaties = HEXAGLOT_SHARED_DATA_DIR "/un-treaties-en/un_treaties_en_paragraphs.jsonl";
};

constexpr std::string_view kUsage =
    "usage: corpus_gen --corpus=OUT.jsonl --queries=OUT.tsv [--paragraphs=20000] [--seed=1]\n"
    "                  [--queries-per-kind=1000] [--compendium=PATH] [--treaties=PATH]\n";

template <typename T>
Status ParseNumber(std::string_view name, std::string_view text, T* out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  if (error != std::errc() || end != text.data() + text.size()) {
    return Status::InvalidArgument("--" + std::string(name) + ": not a number: '" +
                                   std::string(text) + "'");
  }
  return Status::OK();
}

Result<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const std::size_t eq = arg.find('=');
    if (!arg.starts_with("--") || eq == std::string_view::npos) {
      return Status::InvalidArgument("expected --name=value, got '" + std::string(arg) + "'");
    }
    const std::string_view name = arg.substr(2, eq - 2);
    const std::string_view value = arg.substr(eq + 1);
    if (name == "paragraphs") {
      HEXAGLOT_RETURN_IF_ERROR(ParseNumber(name, value, &flags.paragraphs));
    } else if (name == "seed") {
      HEXAGLOT_RETURN_IF_ERROR(ParseNumber(name, value, &flags.seed));
    } else if (name == "queries-per-kind") {
      HEXAGLOT_RETURN_IF_ERROR(ParseNumber(name, value, &flags.queries_per_kind));
    } else if (name == "corpus") {
      flags.corpus = value;
    } else if (name == "queries") {
      flags.queries = value;
    } else if (name == "compendium") {
      flags.compendium = value;
    } else if (name == "treaties") {
      flags.treaties = value;
    } else {
      return Status::InvalidArgument("unknown flag --" + std::string(name));
    }
  }
  if (flags.corpus.empty() || flags.queries.empty()) {
    return Status::InvalidArgument("--corpus and --queries are required");
  }
  return flags;
}

// The "text" of every line of a JSON Lines file.
Result<std::vector<std::string>> ReadJsonlTexts(const std::string& path) {
  HEXAGLOT_ASSIGN_OR_RETURN(const std::string contents, ReadFileToString(path));
  std::vector<std::string> texts;
  std::size_t pos = 0;
  std::size_t line_number = 0;
  while (pos < contents.size()) {
    std::size_t end = contents.find('\n', pos);
    if (end == std::string::npos) end = contents.size();
    ++line_number;
    const std::string_view line(contents.data() + pos, end - pos);
    const std::size_t line_offset = pos;
    pos = end + 1;
    if (line.empty()) continue;
    const nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded() || !record.is_object() || !record.contains("text") ||
        !record["text"].is_string()) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_number) + " (byte " +
                                     std::to_string(line_offset) +
                                     "): not a JSON object with a string \"text\"");
    }
    texts.push_back(record["text"].get<std::string>());
  }
  return texts;
}

Status Run(int argc, char** argv) {
  HEXAGLOT_ASSIGN_OR_RETURN(const Flags flags, ParseFlags(argc, argv));
  const auto start = std::chrono::steady_clock::now();

  HEXAGLOT_ASSIGN_OR_RETURN(const std::string compendium, ReadFileToString(flags.compendium));
  std::vector<std::string> paragraphs = CompendiumParagraphs(compendium);
  std::vector<std::uint32_t> lengths;
  for (const std::string& paragraph : paragraphs) {
    lengths.push_back(static_cast<std::uint32_t>(SplitTokens(paragraph).size()));
  }
  HEXAGLOT_ASSIGN_OR_RETURN(std::vector<std::string> treaties, ReadJsonlTexts(flags.treaties));
  for (std::string& text : treaties) paragraphs.push_back(std::move(text));
  HEXAGLOT_ASSIGN_OR_RETURN(const CorpusModel model, CorpusModel::Learn(paragraphs, lengths));

  std::ofstream corpus(flags.corpus, std::ios::binary | std::ios::trunc);
  if (!corpus) return Status::IOError("cannot create " + flags.corpus);
  std::ofstream queries(flags.queries, std::ios::binary | std::ios::trunc);
  if (!queries) return Status::IOError("cannot create " + flags.queries);
  GenerateOptions options;
  options.seed = flags.seed;
  options.paragraphs = flags.paragraphs;
  options.queries_per_kind = flags.queries_per_kind;
  HEXAGLOT_ASSIGN_OR_RETURN(const GenerateStats stats,
                            GenerateCorpus(model, options, corpus, queries));

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr,
               "corpus_gen: learnt %zu words (%llu tokens, Zipf s=%.3f, %zu lengths, mean %.1f); "
               "wrote %llu paragraphs, %llu tokens, %.1f MB text, vocabulary limit %llu; "
               "queries or=%u and=%u phrase=%u; %.2f s\n",
               model.vocabulary().size(), static_cast<unsigned long long>(model.token_count()),
               model.zipf_exponent(), lengths.size(), model.mean_length(),
               static_cast<unsigned long long>(stats.paragraphs),
               static_cast<unsigned long long>(stats.tokens), stats.text_bytes / 1e6,
               static_cast<unsigned long long>(stats.vocabulary_limit), stats.or_queries,
               stats.and_queries, stats.phrase_queries, seconds);
  return Status::OK();
}

}  // namespace
}  // namespace hexaglot::bench

int main(int argc, char** argv) {
  const hexaglot::Status status = hexaglot::bench::Run(argc, argv);
  if (!status.ok()) {
    std::fprintf(stderr, "corpus_gen: error: %s\n%s", status.ToString().c_str(),
                 std::string(hexaglot::bench::kUsage).c_str());
    return 2;
  }
  return 0;
}

// Segment size and write speed on real text (lib/format): the compendium (corpus/) and,
// when ../shared/data is there, the 4809 English treaty paragraphs. Each paragraph is
// analysed (ICU + Snowball, as indexing does) and inverted in memory once; the timed loop
// writes the segment from those postings. The counters are the format's figures:
//
//   bits_per_posting   postings file bits per (term, document) pair, skip data included
//   bits_per_position  positions file bits per position
//   dict_bytes_per_term, dict_ratio   terms file bytes per term; raw keys + 4 fixed64
//                      TermInfo fields per term over the terms file
//   stored_ratio       raw record bytes over stored file bytes
//   index_over_text    all segment files over the paragraphs' text bytes
//
//   build/dev/bench/format_corpus_bench
//
// Arguments: the stored block size, and whether a zstd dictionary may be trained (the
// writer trains one only on segments with at least 1 MiB of records).
//
// A failed check (the segment does not open, Check fails, a count differs) fails the
// benchmark and the binary's exit status.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "format/fields.h"
#include "format/segment.h"
#include "hexaglot/analyzer.h"
#include "hexaglot/ingest.h"
#include "util/directory.h"

namespace hexaglot::format {
namespace {

bool g_failed = false;

void Fail(benchmark::State& state, const std::string& message) {
  g_failed = true;
  state.SkipWithError(message.c_str());
}

struct Posting {
  DocId doc;
  std::vector<std::uint32_t> positions;  // Empty for exact fields; freq is then 1.
};

struct Inverted {
  std::vector<SegmentDocument> documents;
  std::map<std::string, std::vector<Posting>> terms;
  std::uint64_t text_bytes = 0;
};

// Adds the analysed tokens of `text` in `field` for `doc`, positions from `base`; returns
// the next free position.
std::uint32_t AddAnalysed(Analyzer& analyzer, FieldId field, Language language,
                          std::string_view text, DocId doc, std::uint32_t base,
                          Inverted* inverted) {
  Result<std::vector<Token>> tokens = analyzer.Analyze(text);
  if (!tokens.ok()) return base;
  std::uint32_t end = base;
  for (const Token& token : *tokens) {
    std::vector<Posting>& list = inverted->terms[TermKey(field, language, token.term)];
    if (list.empty() || list.back().doc != doc) list.push_back({doc, {}});
    list.back().positions.push_back(base + token.position);
    end = std::max(end, base + token.position + 1);
  }
  return end;
}

void AddExact(FieldId field, std::string_view value, DocId doc, Inverted* inverted) {
  std::vector<Posting>& list = inverted->terms[TermKey(field, std::nullopt, value)];
  if (list.empty() || list.back().doc != doc) list.push_back({doc, {}});
}

Result<Inverted> Invert(const std::vector<Paragraph>& paragraphs) {
  Inverted inverted;
  std::map<Language, std::unique_ptr<Analyzer>> analyzers;
  for (const Paragraph& p : paragraphs) {
    std::unique_ptr<Analyzer>& analyzer = analyzers[p.lang];
    if (!analyzer) {
      Result<std::unique_ptr<Analyzer>> created = Analyzer::Create(p.lang);
      if (!created.ok()) return created.status();
      analyzer = std::move(*created);
    }
    const auto doc = static_cast<DocId>(inverted.documents.size());
    SegmentDocument document;
    document.language = p.lang;
    document.lengths[0] = AddAnalysed(*analyzer, FieldId::kText, p.lang, p.text, doc, 0, &inverted);
    if (p.theme) {
      document.lengths[1] =
          AddAnalysed(*analyzer, FieldId::kTheme, p.lang, *p.theme, doc, 0, &inverted);
      AddExact(FieldId::kThemeExact, *p.theme, doc, &inverted);
    }
    std::uint32_t topic_end = 0;
    for (const std::string& topic : p.topics) {
      topic_end = AddAnalysed(*analyzer, FieldId::kTopic, p.lang, topic, doc, topic_end, &inverted);
      AddExact(FieldId::kTopicExact, topic, doc, &inverted);
    }
    document.lengths[2] = topic_end;
    for (const std::string& symbol : p.symbols) AddExact(FieldId::kSymbol, symbol, doc, &inverted);
    if (p.paper) AddExact(FieldId::kPaper, *p.paper, doc, &inverted);
    if (p.year) AddExact(FieldId::kYear, std::to_string(*p.year), doc, &inverted);
    AddExact(FieldId::kDoc, p.doc, doc, &inverted);
    AddExact(FieldId::kLang, LanguageCode(p.lang), doc, &inverted);
    AddExact(FieldId::kId, p.id, doc, &inverted);
    AddExact(FieldId::kParallel, p.parallel, doc, &inverted);
    // The record as the index layer stores it: text and metadata (JSON Lines form).
    document.stored = ParagraphToJson(p);
    inverted.text_bytes += p.text.size();
    inverted.documents.push_back(std::move(document));
  }
  return inverted;
}

Result<SegmentInfo> Write(Directory* directory, const std::string& name, const Inverted& inverted,
                          const SegmentWriterOptions& options) {
  Result<std::unique_ptr<SegmentWriter>> writer = SegmentWriter::Create(directory, name, options);
  if (!writer.ok()) return writer.status();
  for (const SegmentDocument& document : inverted.documents) {
    if (Status s = (*writer)->AddDocument(document); !s.ok()) return s;
  }
  std::vector<std::uint32_t> none;
  for (const auto& [key, postings] : inverted.terms) {
    if (Status s = (*writer)->StartTerm(key); !s.ok()) return s;
    for (const Posting& p : postings) {
      const auto freq = static_cast<std::uint32_t>(p.positions.empty() ? 1 : p.positions.size());
      if (Status s = (*writer)->AddPosting(p.doc, freq, p.positions); !s.ok()) return s;
    }
    if (Status s = (*writer)->FinishTerm(); !s.ok()) return s;
  }
  return (*writer)->Finish();
}

void BM_CorpusSegment(benchmark::State& state, const std::string& path, InputFormat format) {
  if (!std::filesystem::exists(path)) {
    state.SkipWithError(("skipped: no " + path + " (../shared/data absent)").c_str());
    return;
  }
  ParseOptions parse_options;
  parse_options.format = format;
  parse_options.language = Language::kEnglish;
  Result<ParseResult> parsed = ParseFile(path, parse_options);
  if (!parsed.ok()) return Fail(state, parsed.status().ToString());
  Result<Inverted> inverted = Invert(parsed->paragraphs);
  if (!inverted.ok()) return Fail(state, inverted.status().ToString());
  SegmentWriterOptions options;
  options.stored_block_bytes = static_cast<std::uint32_t>(state.range(0));
  options.stored_dictionary = state.range(1) != 0;

  std::unique_ptr<Directory> directory;
  SegmentInfo info;
  int run = 0;
  for (auto _ : state) {
    directory = NewMemoryDirectory();
    Result<SegmentInfo> written =
        Write(directory.get(), "s" + std::to_string(run++), *inverted, options);
    if (!written.ok()) return Fail(state, written.status().ToString());
    info = std::move(*written);
  }
  Result<std::unique_ptr<SegmentReader>> reader = SegmentReader::Open(directory.get(), info.name);
  if (!reader.ok()) return Fail(state, reader.status().ToString());
  if (Status s = (*reader)->Check(); !s.ok()) return Fail(state, s.ToString());
  if ((*reader)->doc_count() != inverted->documents.size()) return Fail(state, "doc count");

  std::map<std::string, std::uint64_t> bytes;
  std::uint64_t total = 0;
  for (const SegmentFile& file : info.files) {
    bytes[file.kind] = file.bytes;
    total += file.bytes;
  }
  std::uint64_t positions = 0;
  std::uint64_t key_bytes = 0;
  std::uint64_t record_bytes = 0;
  for (const auto& [key, postings] : inverted->terms) {
    key_bytes += key.size();
    for (const Posting& p : postings) positions += p.positions.size();
  }
  for (const SegmentDocument& d : inverted->documents) record_bytes += d.stored.size();
  const auto terms = static_cast<double>(inverted->terms.size());
  state.counters["paragraphs"] = static_cast<double>(inverted->documents.size());
  state.counters["terms"] = terms;
  state.counters["text_bytes"] = static_cast<double>(inverted->text_bytes);
  state.counters["segment_bytes"] = static_cast<double>(total);
  state.counters["postings_bytes"] = static_cast<double>(bytes["postings"]);
  state.counters["positions_bytes"] = static_cast<double>(bytes["positions"]);
  state.counters["terms_bytes"] = static_cast<double>(bytes["terms"]);
  state.counters["stored_bytes"] = static_cast<double>(bytes["stored"]);
  state.counters["meta_bytes"] = static_cast<double>(bytes["segment-meta"]);
  state.counters["bits_per_posting"] =
      static_cast<double>(bytes["postings"] * 8) / static_cast<double>(info.posting_count);
  state.counters["bits_per_position"] =
      static_cast<double>(bytes["positions"] * 8) / static_cast<double>(positions);
  state.counters["dict_bytes_per_term"] = static_cast<double>(bytes["terms"]) / terms;
  state.counters["dict_ratio"] = static_cast<double>(key_bytes + 32 * inverted->terms.size()) /
                                 static_cast<double>(bytes["terms"]);
  state.counters["stored_ratio"] =
      static_cast<double>(record_bytes) / static_cast<double>(bytes["stored"]);
  state.counters["index_over_text"] =
      static_cast<double>(total) / static_cast<double>(inverted->text_bytes);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * inverted->text_bytes));
}

const std::string kCompendium =
    std::string(HEXAGLOT_SOURCE_DIR) + "/corpus/wg7-compendium-2021.en.md";
const std::string kTreaties =
    std::string(HEXAGLOT_SHARED_DATA_DIR) + "/un-treaties-en/un_treaties_en_paragraphs.jsonl";

BENCHMARK_CAPTURE(BM_CorpusSegment, compendium, kCompendium, InputFormat::kCompendium)
    ->ArgsProduct({{4096, 16384}, {0, 1}})
    ->ArgNames({"block", "dictionary"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CorpusSegment, treaties, kTreaties, InputFormat::kJsonLines)
    ->ArgsProduct({{4096, 16384}, {0, 1}})
    ->ArgNames({"block", "dictionary"})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace hexaglot::format

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return hexaglot::format::g_failed ? 1 : 0;
}

// Reading JSON Lines records: JsonObject (the flat reader ParseJsonLinesPiece uses) against
// the nlohmann::json DOM it replaced, on the English compendium's records as
// ParagraphToJson writes them. Both read the fields of every line that the readers look
// up, as strings.

#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/ingest.h"
#include "ingest/json_object.h"
#include "util/file.h"

namespace hexaglot {
namespace {

constexpr const char* kFields[] = {"id",       "text",    "lang",    "doc",    "number",
                                   "parallel", "section", "theme",   "topics", "paper",
                                   "year",     "meeting", "symbols", "source", "line"};

struct Lines {
  std::vector<Paragraph> records;
  std::vector<std::string> lines;
  std::size_t bytes = 0;
};

Lines CompendiumLines() {
  Lines out;
  Result<std::string> text =
      ReadFileToString(std::string(HEXAGLOT_SOURCE_DIR) + "/corpus/wg7-compendium-2021.en.md");
  if (!text.ok()) return out;
  ParseOptions options;
  options.language = Language::kEnglish;
  Result<ParseResult> parsed = ParseCompendium(*text, "compendium.md", options);
  if (!parsed.ok()) return out;
  out.records = std::move(parsed->paragraphs);
  for (const Paragraph& record : out.records) {
    out.lines.push_back(ParagraphToJson(record));
    out.bytes += out.lines.back().size();
  }
  return out;
}

void BM_ReadRecordsJsonObject(benchmark::State& state) {
  const Lines input = CompendiumLines();
  if (input.lines.empty()) {
    state.SkipWithError("the compendium did not parse");
    return;
  }
  ingest::JsonObject object;
  for (auto _ : state) {
    for (std::size_t i = 0; i < input.lines.size(); ++i) {
      if (!object.Parse(input.lines[i])) {
        state.SkipWithError("a record line did not parse");
        return;
      }
      for (const char* field : kFields) benchmark::DoNotOptimize(object.Find(field));
      const ingest::JsonObject::Member* id = object.Find("id");
      const ingest::JsonObject::Member* text = object.Find("text");
      if (id == nullptr || text == nullptr || object.String(*id) != input.records[i].id ||
          object.String(*text) != input.records[i].text) {
        state.SkipWithError("JsonObject read another id or text than the record's");
        return;
      }
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * input.lines.size()));
}
BENCHMARK(BM_ReadRecordsJsonObject);

void BM_ReadRecordsNlohmannDom(benchmark::State& state) {
  const Lines input = CompendiumLines();
  if (input.lines.empty()) {
    state.SkipWithError("the compendium did not parse");
    return;
  }
  for (auto _ : state) {
    for (std::size_t i = 0; i < input.lines.size(); ++i) {
      const nlohmann::json value = nlohmann::json::parse(input.lines[i], nullptr, false);
      if (!value.is_object()) {
        state.SkipWithError("a record line did not parse");
        return;
      }
      for (const char* field : kFields) benchmark::DoNotOptimize(value.find(field));
      if (value["id"].get<std::string>() != input.records[i].id ||
          value["text"].get<std::string>() != input.records[i].text) {
        state.SkipWithError("nlohmann read another id or text than the record's");
        return;
      }
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * input.lines.size()));
}
BENCHMARK(BM_ReadRecordsNlohmannDom);

}  // namespace
}  // namespace hexaglot

BENCHMARK_MAIN();

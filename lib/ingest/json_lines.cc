// JSON Lines and BEIR corpus.jsonl readers, and ParagraphToJson.
//
// Lines are read with JsonObject (a flat parser; every field's kind checked before it is
// read); ParagraphToJson writes with nlohmann::json, its dump() replacing invalid UTF-8.

#include "ingest/json_lines.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "hexaglot/ingest.h"
#include "ingest/inline_text.h"
#include "ingest/json_object.h"
#include "ingest/records.h"
#include "util/status_macros.h"

namespace hexaglot {
namespace {

// Calls visit(line_number, is_object) for each non-blank line of `text`, read into
// `*object` (false: the line is not one JSON object), one line at a time: memory holds
// one line's members, not the input's.
template <typename Visit>
void ForEachJsonLine(std::string_view text, std::uint32_t first_line, ingest::JsonObject* object,
                     Visit visit) {
  std::uint32_t line_number = first_line - 1;
  for (std::string_view line : ingest::SplitLines(text)) {
    ++line_number;
    if (ingest::IsBlank(line)) continue;
    visit(line_number, object->Parse(line));
  }
}

// Reads the fields of one JSON Lines record. Returns why the record is unusable, or an
// empty string.
class FieldReader {
 public:
  using Kind = ingest::JsonObject::Kind;

  // REQUIRES: object.Parse succeeded; views taken are valid until its next Parse.
  explicit FieldReader(const ingest::JsonObject& object) : object_(object) {}

  const std::string& error() const { return error_; }

  // A string field; nullopt when absent or null. The view is into the object's line.
  std::optional<std::string_view> StringView(const char* key) {
    const ingest::JsonObject::Member* value = Find(key);
    if (value == nullptr) return std::nullopt;
    if (value->kind != Kind::kString) {
      Fail(key, "a string");
      return std::nullopt;
    }
    return object_.String(*value);
  }

  std::optional<std::string> String(const char* key) {
    std::optional<std::string_view> value = StringView(key);
    if (!value) return std::nullopt;
    return std::string(*value);
  }

  // A string, or an integer written as its decimal digits ("number": 12).
  std::optional<std::string> StringOrInteger(const char* key) {
    const ingest::JsonObject::Member* value = Find(key);
    if (value == nullptr) return std::nullopt;
    if (value->kind == Kind::kUnsigned) return std::to_string(value->unsigned_integer);
    if (value->kind == Kind::kInteger) return std::to_string(value->integer);
    return String(key);
  }

  std::optional<int> Integer(const char* key) {
    const ingest::JsonObject::Member* value = Find(key);
    if (value == nullptr) return std::nullopt;
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<int>::max());
    if (value->kind == Kind::kUnsigned && value->unsigned_integer <= kMax) {
      return static_cast<int>(value->unsigned_integer);
    }
    if (value->kind == Kind::kInteger && value->integer == 0) return 0;  // "-0".
    Fail(key, "a non-negative integer");
    return std::nullopt;
  }

  std::optional<std::vector<std::string>> Strings(const char* key) {
    const ingest::JsonObject::Member* value = Find(key);
    if (value == nullptr) return std::nullopt;
    if (value->kind == Kind::kArray && value->all_strings) {
      std::vector<std::string> items;
      items.reserve(value->item_count);
      for (std::size_t i = 0; i < value->item_count; ++i) {
        items.emplace_back(object_.Item(*value, i));
      }
      return items;
    }
    Fail(key, "an array of strings");
    return std::nullopt;
  }

 private:
  const ingest::JsonObject::Member* Find(const char* key) const {
    const ingest::JsonObject::Member* value = object_.Find(key);
    if (value == nullptr || value->kind == Kind::kNull) return nullptr;
    return value;
  }

  void Fail(const char* key, const char* what) {
    if (error_.empty()) error_ = std::string("field \"") + key + "\" must be " + what;
  }

  const ingest::JsonObject& object_;
  std::string error_;
};

// The record a JSON Lines object describes; its "id" and "text" are present. Language:
// the object's, else options.language, else detected from its text. Not completed: the
// number, when absent, is its ordinal, which only the sequencer knows.
Result<ingest::JsonLinesPiece::Pending> ReadParagraph(ingest::JsonObject* object,
                                                      std::string_view source, std::uint32_t line,
                                                      const ParseOptions& options) {
  FieldReader fields(*object);
  Paragraph record;
  std::optional<std::string> id = fields.String("id");
  std::optional<std::string_view> text = fields.StringView("text");
  std::optional<std::string> lang = fields.String("lang");
  std::optional<std::string> doc = fields.String("doc");
  std::optional<std::string> number = fields.StringOrInteger("number");
  std::optional<std::string> parallel = fields.String("parallel");
  record.section = fields.String("section");
  record.theme = fields.String("theme");
  std::optional<std::vector<std::string>> topics = fields.Strings("topics");
  record.paper = fields.String("paper");
  record.year = fields.Integer("year");
  record.meeting = fields.Integer("meeting");
  std::optional<std::vector<std::string>> symbols = fields.Strings("symbols");
  std::optional<std::string> record_source = fields.String("source");
  std::optional<int> record_line = fields.Integer("line");
  if (!fields.error().empty()) return Status::InvalidArgument(fields.error());
  if (!id || id->empty()) return Status::InvalidArgument("no \"id\"");
  HEXAGLOT_RETURN_IF_ERROR(ingest::ValidateId(*id));
  if (!text) return Status::InvalidArgument("no \"text\"");

  // A text with escapes is decoded already: it is taken, not copied.
  if (std::optional<std::string> decoded = object->TakeDecoded(*text)) {
    record.text = std::move(*decoded);
    ingest::NormalizeSpaceInPlace(&record.text);
  } else {
    record.text = ingest::NormalizeSpace(*text);
  }
  if (record.text.empty()) return Status::InvalidArgument("empty \"text\"");
  if (lang) {
    HEXAGLOT_ASSIGN_OR_RETURN(record.lang, ParseLanguage(*lang));
  } else {
    HEXAGLOT_ASSIGN_OR_RETURN(record.lang, ingest::ResolveLanguage(record.text, "text", options));
  }
  record.id = std::move(*id);
  record.doc =
      doc ? std::move(*doc) : (options.doc.empty() ? ingest::SourceStem(source) : options.doc);
  const bool has_number = number.has_value();
  if (number) record.number = std::move(*number);
  if (parallel) record.parallel = std::move(*parallel);
  if (topics) record.topics = std::move(*topics);
  record.symbols = symbols ? std::move(*symbols) : FindDocumentSymbols(record.text);
  record.source = record_source ? std::move(*record_source) : std::string(source);
  record.line = record_line ? static_cast<std::uint32_t>(*record_line) : line;
  return ingest::JsonLinesPiece::Pending{std::move(record), line, 0, has_number};
}

// corpus.jsonl is named after its collection: "cranfield/corpus.jsonl" -> "cranfield".
std::string BeirDocName(std::string_view source) {
  std::string stem = ingest::SourceStem(source);
  if (stem != "corpus") return stem;
  const std::size_t slash = source.find_last_of('/');
  if (slash == std::string_view::npos || slash == 0) return stem;
  std::string folder = ingest::SourceStem(source.substr(0, slash));
  return folder.empty() || folder == ".." ? stem : folder;
}

}  // namespace

namespace ingest {

JsonLinesPiece ParseJsonLinesPiece(std::string_view text, std::string_view source,
                                   std::uint32_t first_line, const ParseOptions& options) {
  JsonLinesPiece piece;
  ingest::JsonObject object;
  ForEachJsonLine(text, first_line, &object, [&](std::uint32_t line, bool is_object) {
    if (!is_object) {
      piece.warnings.push_back({std::string(source), line, "not a JSON object (line ignored)"});
      return;
    }
    ++piece.objects;
    Result<JsonLinesPiece::Pending> pending = ReadParagraph(&object, source, line, options);
    if (!pending.ok()) {
      piece.warnings.push_back(
          {std::string(source), line, pending.status().message() + " (line ignored)"});
      return;
    }
    pending->ordinal = piece.objects;
    piece.records.push_back(std::move(*pending));
  });
  return piece;
}

void JsonLinesSequencer::Sequence(std::string_view source, JsonLinesPiece* piece) {
  std::erase_if(piece->records, [&](JsonLinesPiece::Pending& pending) {
    const auto [first_line, inserted] = first_line_.TryEmplace(pending.record.id);
    if (inserted) {
      *first_line = pending.line;
      return false;
    }
    piece->warnings.push_back({std::string(source), pending.line,
                               "duplicate id \"" + pending.record.id + "\" (first at line " +
                                   std::to_string(*first_line) + "; line ignored)"});
    return true;
  });
  for (JsonLinesPiece::Pending& pending : piece->records) {
    if (!pending.has_number) pending.record.number = std::to_string(ordinal_ + pending.ordinal);
  }
  ordinal_ += piece->objects;
  std::stable_sort(piece->warnings.begin(), piece->warnings.end(),
                   [](const ParseWarning& a, const ParseWarning& b) { return a.line < b.line; });
}

std::vector<Paragraph> CompleteJsonLinesPiece(JsonLinesPiece piece) {
  std::vector<Paragraph> records;
  records.reserve(piece.records.size());
  for (JsonLinesPiece::Pending& pending : piece.records) {
    CompleteRecord(&pending.record);
    records.push_back(std::move(pending.record));
  }
  return records;
}

}  // namespace ingest

Result<ParseResult> ParseJsonLines(std::string_view text, std::string_view source,
                                   const ParseOptions& options) {
  HEXAGLOT_RETURN_IF_ERROR(ingest::ValidateUtf8(text, source));
  ingest::JsonLinesPiece piece =
      ingest::ParseJsonLinesPiece(ingest::StripBom(text), source, 1, options);
  ingest::JsonLinesSequencer().Sequence(source, &piece);
  ParseResult result;
  result.warnings = std::move(piece.warnings);
  result.paragraphs = ingest::CompleteJsonLinesPiece(std::move(piece));
  return ingest::FinishParse(std::move(result), options);
}

Result<ParseResult> ParseBeirCorpus(std::string_view text, std::string_view source,
                                    const ParseOptions& options) {
  HEXAGLOT_RETURN_IF_ERROR(ingest::ValidateUtf8(text, source));
  ParseResult result;
  std::unordered_map<std::string, std::uint32_t> first_line;
  const std::string doc = options.doc.empty() ? BeirDocName(source) : options.doc;
  std::string all_text;  // For detecting the language of the whole corpus.
  ingest::JsonObject object;
  ForEachJsonLine(ingest::StripBom(text), 1, &object, [&](std::uint32_t line, bool is_object) {
    if (!is_object) {
      ingest::Warn(&result, source, line, "not a JSON object (line ignored)");
      return;
    }
    FieldReader fields(object);
    std::optional<std::string> id = fields.StringOrInteger("_id");
    std::optional<std::string_view> title = fields.StringView("title");
    std::optional<std::string_view> body = fields.StringView("text");
    std::string problem = fields.error();
    if (problem.empty() && (!id || id->empty())) problem = "no \"_id\"";
    if (problem.empty()) problem = std::string(ingest::ValidateId(*id).message());
    Paragraph record;
    if (problem.empty()) {
      record.text = ingest::NormalizeSpace(title.value_or(""));
      ingest::AppendJoined(&record.text, ingest::NormalizeSpace(body.value_or("")));
      if (record.text.empty()) problem = "empty \"title\" and \"text\"";
    }
    if (!problem.empty()) {
      ingest::Warn(&result, source, line, problem + " (line ignored)");
      return;
    }
    const auto [seen, inserted] = first_line.emplace(*id, line);
    if (!inserted) {
      ingest::Warn(&result, source, line,
                   "duplicate _id \"" + *id + "\" (first at line " + std::to_string(seen->second) +
                       "; line ignored)");
      return;
    }
    record.doc = doc;
    record.number = std::move(*id);
    record.symbols = FindDocumentSymbols(record.text);
    record.source = std::string(source);
    record.line = line;
    if (!options.language) {
      all_text += record.text;
      all_text += '\n';
    }
    result.paragraphs.push_back(std::move(record));
  });
  HEXAGLOT_ASSIGN_OR_RETURN(const Language language,
                            ingest::ResolveLanguage(all_text, source, options));
  for (Paragraph& record : result.paragraphs) {
    record.lang = language;
    ingest::CompleteRecord(&record);
  }
  return ingest::FinishParse(std::move(result), options);
}

std::string ParagraphToJson(const Paragraph& paragraph) {
  using OrderedJson = nlohmann::ordered_json;
  auto optional = [](const auto& field) -> OrderedJson {
    if (!field) return nullptr;
    return OrderedJson(*field);
  };
  const OrderedJson object = {
      {"id", paragraph.id},
      {"doc", paragraph.doc},
      {"lang", LanguageCode(paragraph.lang)},
      {"number", paragraph.number},
      {"parallel", paragraph.parallel},
      {"section", optional(paragraph.section)},
      {"theme", optional(paragraph.theme)},
      {"topics", paragraph.topics},
      {"paper", optional(paragraph.paper)},
      {"year", optional(paragraph.year)},
      {"meeting", optional(paragraph.meeting)},
      {"symbols", paragraph.symbols},
      {"text", paragraph.text},
      {"source", paragraph.source},
      {"line", paragraph.line},
      {"hash", paragraph.hash},
  };
  return object.dump(-1, ' ', /*ensure_ascii=*/false, OrderedJson::error_handler_t::replace);
}

}  // namespace hexaglot

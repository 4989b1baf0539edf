// The C API (include/hexaglot/c.h) over the C++ API. No exception crosses it: the C++
// API reports errors as Status values, and allocation failure is caught at each entry
// point and reported as ResourceExhausted.

#include <algorithm>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "hexaglot/analyzer.h"
#include "hexaglot/c.h"
#include "hexaglot/index_writer.h"
#include "hexaglot/ingest.h"
#include "hexaglot/searcher.h"
#include "hexaglot/status.h"

struct hexaglot_error {
  hexaglot_code code;
  std::string message;
};

struct hexaglot_writer {
  std::unique_ptr<hexaglot::IndexWriter> writer;
};

struct hexaglot_searcher {
  std::unique_ptr<hexaglot::Searcher> searcher;
};

struct hexaglot_results {
  hexaglot::SearchResults results;
  std::vector<std::string> lang_codes;  // Per hit, for hexaglot_hit_field("lang").
  std::string languages;                // The languages searched: "en,fr".
};

struct hexaglot_tokens {
  std::vector<hexaglot::Token> tokens;
};

namespace {

using hexaglot::Status;

// hexaglot_code mirrors StatusCode value for value: the cast in Fail depends on it.
static_assert(static_cast<int>(hexaglot::StatusCode::kInternal) == HEXAGLOT_INTERNAL &&
              static_cast<int>(hexaglot::StatusCode::kUnavailable) == HEXAGLOT_UNAVAILABLE &&
              static_cast<int>(hexaglot::StatusCode::kIOError) == HEXAGLOT_IO_ERROR);

hexaglot_code Fail(const Status& status, hexaglot_error** error) {
  const auto code = static_cast<hexaglot_code>(status.code());
  if (error != nullptr) {
    *error = new (std::nothrow) hexaglot_error{code, std::string(status.message())};
  }
  return code;
}

hexaglot_code Invalid(const char* message, hexaglot_error** error) {
  return Fail(Status::InvalidArgument(message), error);
}

// Runs `body`, turning an escaping exception (allocation failure) into an error code.
template <typename Body>
hexaglot_code Guard(hexaglot_error** error, Body&& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Fail(Status::ResourceExhausted("out of memory"), error);
  } catch (const std::exception& e) {
    return Fail(Status::Internal(std::string("unexpected exception: ") + e.what()), error);
  }
}

const char* Text(const std::string& value) { return value.c_str(); }
const char* Text(const std::optional<std::string>& value) { return value ? value->c_str() : ""; }

const char* ParagraphField(const hexaglot::Paragraph& p, const char* lang_code, const char* field) {
  if (field == nullptr) return "";
  const std::string_view name(field);
  if (name == "id") return Text(p.id);
  if (name == "doc") return Text(p.doc);
  if (name == "lang") return lang_code;
  if (name == "number") return Text(p.number);
  if (name == "parallel") return Text(p.parallel);
  if (name == "theme") return Text(p.theme);
  if (name == "paper") return Text(p.paper);
  if (name == "section") return Text(p.section);
  if (name == "text") return Text(p.text);
  if (name == "source") return Text(p.source);
  return "";
}

// Hit `hit` of `results`; nullptr for a NULL handle or an index out of range.
const hexaglot::Hit* HitAt(const hexaglot_results* results, size_t hit) {
  if (results == nullptr || hit >= results->results.hits.size()) return nullptr;
  return &results->results.hits[hit];
}

hexaglot::Result<hexaglot::Language> LanguageArgument(const char* lang) {
  if (lang == nullptr) return Status::InvalidArgument("language code is NULL");
  return hexaglot::ParseLanguage(lang);
}

}  // namespace

extern "C" {

const char* hexaglot_version(void) { return HEXAGLOT_VERSION; }

hexaglot_code hexaglot_error_code(const hexaglot_error* error) {
  return error == nullptr ? HEXAGLOT_OK : error->code;
}

const char* hexaglot_error_message(const hexaglot_error* error) {
  return error == nullptr ? "" : error->message.c_str();
}

void hexaglot_error_free(hexaglot_error* error) { delete error; }

hexaglot_code hexaglot_writer_open(const char* path, hexaglot_writer** writer,
                                   hexaglot_error** error) {
  if (path == nullptr || writer == nullptr) {
    return Invalid("path and writer must not be NULL", error);
  }
  return Guard(error, [&] {
    auto opened = hexaglot::IndexWriter::Open(std::string(path));
    if (!opened.ok()) return Fail(opened.status(), error);
    *writer = new hexaglot_writer{std::move(*opened)};
    return HEXAGLOT_OK;
  });
}

hexaglot_code hexaglot_writer_update_file(hexaglot_writer* writer, const char* path,
                                          const char* lang, hexaglot_update_counts* counts,
                                          hexaglot_error** error) {
  return hexaglot_writer_update_file_ex(writer, path, lang, /*strict=*/0, counts,
                                        /*records=*/nullptr, /*skipped=*/nullptr, error);
}

hexaglot_code hexaglot_writer_update_file_ex(hexaglot_writer* writer, const char* path,
                                             const char* lang, int strict,
                                             hexaglot_update_counts* counts, uint64_t* records,
                                             uint64_t* skipped, hexaglot_error** error) {
  if (writer == nullptr || path == nullptr) {
    return Invalid("writer and path must not be NULL", error);
  }
  return Guard(error, [&] {
    hexaglot::ParseOptions options;
    options.strict = strict != 0;
    if (lang != nullptr) {
      auto language = hexaglot::ParseLanguage(lang);
      if (!language.ok()) return Fail(language.status(), error);
      options.language = *language;
    }
    // Parsed whole, then Update(span): an error leaves the writer usable.
    auto parsed = hexaglot::ParseFile(path, options);
    if (!parsed.ok()) return Fail(parsed.status(), error);
    auto updated = writer->writer->Update(parsed->paragraphs);
    if (!updated.ok()) return Fail(updated.status(), error);
    if (counts != nullptr) {
      *counts = {updated->added, updated->changed, updated->removed, updated->unchanged};
    }
    if (records != nullptr) *records = parsed->paragraphs.size();
    if (skipped != nullptr) {
      *skipped = static_cast<uint64_t>(
          std::count_if(parsed->warnings.begin(), parsed->warnings.end(),
                        [](const hexaglot::ParseWarning& warning) { return warning.skipped(); }));
    }
    return HEXAGLOT_OK;
  });
}

hexaglot_code hexaglot_writer_put(hexaglot_writer* writer, const char* id, const char* doc,
                                  const char* lang, const char* number, const char* text,
                                  hexaglot_error** error) {
  if (writer == nullptr || id == nullptr || doc == nullptr || text == nullptr) {
    return Invalid("writer, id, doc and text must not be NULL", error);
  }
  return Guard(error, [&] {
    auto language = LanguageArgument(lang);
    if (!language.ok()) return Fail(language.status(), error);
    hexaglot::Paragraph paragraph;
    paragraph.id = id;
    paragraph.doc = doc;
    paragraph.lang = *language;
    paragraph.number = number == nullptr ? "" : number;
    paragraph.parallel = paragraph.doc + "/" + paragraph.number;
    paragraph.text = text;
    paragraph.source = "c-api";
    paragraph.hash = hexaglot::ContentHash(paragraph);
    const Status status = writer->writer->Replace(paragraph);
    return status.ok() ? HEXAGLOT_OK : Fail(status, error);
  });
}

hexaglot_code hexaglot_writer_delete(hexaglot_writer* writer, const char* id, uint64_t* deleted,
                                     hexaglot_error** error) {
  if (writer == nullptr || id == nullptr) return Invalid("writer and id must not be NULL", error);
  return Guard(error, [&] {
    auto count = writer->writer->DeleteById(id);
    if (!count.ok()) return Fail(count.status(), error);
    if (deleted != nullptr) *deleted = *count;
    return HEXAGLOT_OK;
  });
}

hexaglot_code hexaglot_writer_commit(hexaglot_writer* writer, hexaglot_error** error) {
  if (writer == nullptr) return Invalid("writer must not be NULL", error);
  return Guard(error, [&] {
    const Status status = writer->writer->Commit();
    return status.ok() ? HEXAGLOT_OK : Fail(status, error);
  });
}

void hexaglot_writer_close(hexaglot_writer* writer) { delete writer; }

hexaglot_code hexaglot_searcher_open(const char* path, hexaglot_searcher** searcher,
                                     hexaglot_error** error) {
  if (path == nullptr || searcher == nullptr) {
    return Invalid("path and searcher must not be NULL", error);
  }
  return Guard(error, [&] {
    auto reader = hexaglot::IndexReader::Open(std::string(path));
    if (!reader.ok()) return Fail(reader.status(), error);
    auto created = hexaglot::Searcher::Create(
        std::shared_ptr<const hexaglot::IndexReader>(std::move(*reader)));
    if (!created.ok()) return Fail(created.status(), error);
    *searcher = new hexaglot_searcher{std::move(*created)};
    return HEXAGLOT_OK;
  });
}

void hexaglot_searcher_close(hexaglot_searcher* searcher) { delete searcher; }

hexaglot_search_options hexaglot_search_options_default(void) {
  return {10, "auto", 0.9, 0.4, 1, 0, 0.0, 0.0};
}

hexaglot_code hexaglot_search(const hexaglot_searcher* searcher, const char* query,
                              const hexaglot_search_options* options, hexaglot_results** results,
                              hexaglot_error** error) {
  if (searcher == nullptr || query == nullptr || results == nullptr) {
    return Invalid("searcher, query and results must not be NULL", error);
  }
  return Guard(error, [&] {
    const hexaglot_search_options given =
        options != nullptr ? *options : hexaglot_search_options_default();
    hexaglot::SearchOptions search;
    search.k = given.k == 0 ? 10 : given.k;
    const std::string_view lang = given.lang == nullptr ? "auto" : given.lang;
    if (lang == "all") {
      search.language = hexaglot::QueryLanguage::All();
    } else if (lang != "auto") {
      auto language = hexaglot::ParseLanguage(lang);
      if (!language.ok()) return Fail(language.status(), error);
      search.language = hexaglot::QueryLanguage::Given(*language);
    }
    // Only a negative value means the default: NaN reaches the range checks and fails.
    if (!(given.k1 < 0)) search.k1 = given.k1;
    if (!(given.b < 0)) search.b = given.b;
    search.snippets = given.snippets != 0;
    search.parallel = given.parallel != 0;
    search.theme_boost = given.theme_boost;
    search.topic_boost = given.topic_boost;
    auto found = searcher->searcher->Search(std::string_view(query), search);
    if (!found.ok()) return Fail(found.status(), error);
    auto out = std::make_unique<hexaglot_results>();
    out->results = std::move(*found);
    for (const hexaglot::Hit& hit : out->results.hits) {
      out->lang_codes.emplace_back(hexaglot::LanguageCode(hit.paragraph.lang));
    }
    for (const hexaglot::Language language : out->results.languages) {
      if (!out->languages.empty()) out->languages += ',';
      out->languages += hexaglot::LanguageCode(language);
    }
    *results = out.release();
    return HEXAGLOT_OK;
  });
}

size_t hexaglot_results_count(const hexaglot_results* results) {
  return results == nullptr ? 0 : results->results.hits.size();
}

const char* hexaglot_results_languages(const hexaglot_results* results) {
  return results == nullptr ? "" : results->languages.c_str();
}

const char* hexaglot_results_routing(const hexaglot_results* results) {
  // RoutingName's views are of string literals, so NUL-terminated.
  return results == nullptr ? "" : hexaglot::RoutingName(results->results.routing).data();
}

double hexaglot_hit_score(const hexaglot_results* results, size_t hit) {
  const hexaglot::Hit* found = HitAt(results, hit);
  return found == nullptr ? 0.0 : found->score;
}

const char* hexaglot_hit_field(const hexaglot_results* results, size_t hit, const char* field) {
  const hexaglot::Hit* found = HitAt(results, hit);
  if (found == nullptr) return "";
  return ParagraphField(found->paragraph, results->lang_codes[hit].c_str(), field);
}

const char* hexaglot_hit_snippet(const hexaglot_results* results, size_t hit) {
  const hexaglot::Hit* found = HitAt(results, hit);
  return found != nullptr && found->snippet ? found->snippet->text.c_str() : "";
}

size_t hexaglot_hit_highlight_count(const hexaglot_results* results, size_t hit) {
  const hexaglot::Hit* found = HitAt(results, hit);
  return found != nullptr && found->snippet ? found->snippet->highlights.size() : 0;
}

void hexaglot_hit_highlight(const hexaglot_results* results, size_t hit, size_t highlight,
                            uint32_t* start, uint32_t* end) {
  hexaglot::TextSpan span{0, 0};
  if (highlight < hexaglot_hit_highlight_count(results, hit)) {
    span = HitAt(results, hit)->snippet->highlights[highlight];
  }
  if (start != nullptr) *start = span.start;
  if (end != nullptr) *end = span.end;
}

size_t hexaglot_hit_parallel_count(const hexaglot_results* results, size_t hit) {
  const hexaglot::Hit* found = HitAt(results, hit);
  return found == nullptr ? 0 : found->parallel.size();
}

const char* hexaglot_hit_parallel_field(const hexaglot_results* results, size_t hit, size_t version,
                                        const char* field) {
  if (version >= hexaglot_hit_parallel_count(results, hit)) return "";
  const hexaglot::Paragraph& p = HitAt(results, hit)->parallel[version];
  // Language codes are static strings ("fr"): LanguageCode returns a view of one.
  return ParagraphField(p, hexaglot::LanguageCode(p.lang).data(), field);
}

void hexaglot_results_free(hexaglot_results* results) { delete results; }

hexaglot_code hexaglot_analyze(const char* lang, const char* text, size_t length,
                               hexaglot_tokens** tokens, hexaglot_error** error) {
  if (text == nullptr || tokens == nullptr) {
    return Invalid("text and tokens must not be NULL", error);
  }
  return Guard(error, [&] {
    auto language = LanguageArgument(lang);
    if (!language.ok()) return Fail(language.status(), error);
    auto analyzer = hexaglot::Analyzer::Create(*language);
    if (!analyzer.ok()) return Fail(analyzer.status(), error);
    auto analysed = (*analyzer)->Analyze(std::string_view(text, length));
    if (!analysed.ok()) return Fail(analysed.status(), error);
    *tokens = new hexaglot_tokens{std::move(*analysed)};
    return HEXAGLOT_OK;
  });
}

size_t hexaglot_tokens_count(const hexaglot_tokens* tokens) {
  return tokens == nullptr ? 0 : tokens->tokens.size();
}

const char* hexaglot_token(const hexaglot_tokens* tokens, size_t token, uint32_t* position,
                           uint32_t* start, uint32_t* end) {
  const bool valid = token < hexaglot_tokens_count(tokens);
  const hexaglot::Token* t = valid ? &tokens->tokens[token] : nullptr;
  if (position != nullptr) *position = valid ? t->position : 0;
  if (start != nullptr) *start = valid ? t->start : 0;
  if (end != nullptr) *end = valid ? t->end : 0;
  return valid ? t->term.c_str() : "";
}

int hexaglot_token_stop_word(const hexaglot_tokens* tokens, size_t token) {
  return token < hexaglot_tokens_count(tokens) && tokens->tokens[token].stop_word ? 1 : 0;
}

void hexaglot_tokens_free(hexaglot_tokens* tokens) { delete tokens; }

}  // extern "C"

/* hexaglot C API: a stable C ABI over the C++ library, for C programs and for other
 * languages' foreign-function interfaces (Python ctypes/cffi, Go cgo, Rust, Java FFM).
 *
 * Contract:
 * - Handles are opaque pointers. Every object a function creates is owned by the caller
 *   and freed by the matching *_free / *_close function; passing NULL to those does
 *   nothing. Strings returned by accessors are UTF-8, NUL-terminated, owned by the object
 *   they come from, and valid until that object is freed.
 * - Errors: functions that can fail return a hexaglot_code (HEXAGLOT_OK = 0) and, when
 *   `error` is not NULL, store a newly allocated hexaglot_error there (free it with
 *   hexaglot_error_free) whose message says what and where. On failure, out-parameters
 *   are left NULL / unchanged. No function aborts or throws on bad input.
 * - NULL: any pointer argument may be NULL. A function that returns a code returns
 *   HEXAGLOT_INVALID_ARGUMENT for a NULL it needs (those documented as optional aside);
 *   an accessor given a NULL handle or an index out of range returns "" (strings) or 0
 *   (counts, scores, out-parameters).
 * - Thread safety: a hexaglot_searcher may be used by any number of threads at once; a
 *   hexaglot_writer and every other object by one thread at a time.
 * - ABI: structs are never exposed; new functions may be added, none changes. Enum
 *   values are stable.
 */

#ifndef HEXAGLOT_C_H_
#define HEXAGLOT_C_H_

#include <stddef.h>
#include <stdint.h>

#include "hexaglot/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* C names and C declarations, for C compilers: */
/* NOLINTBEGIN(modernize-use-using, readability-identifier-naming) */

/* The same values as hexaglot::StatusCode. */
typedef enum hexaglot_code {
  HEXAGLOT_OK = 0,
  HEXAGLOT_INVALID_ARGUMENT = 1,
  HEXAGLOT_NOT_FOUND = 2,
  HEXAGLOT_CORRUPTION = 3,
  HEXAGLOT_IO_ERROR = 4,
  HEXAGLOT_NOT_SUPPORTED = 5,
  HEXAGLOT_ALREADY_EXISTS = 6,
  HEXAGLOT_RESOURCE_EXHAUSTED = 7,
  HEXAGLOT_FAILED_PRECONDITION = 8,
  HEXAGLOT_INTERNAL = 9,
  HEXAGLOT_UNAVAILABLE = 10
} hexaglot_code;

typedef struct hexaglot_error hexaglot_error;
typedef struct hexaglot_writer hexaglot_writer;
typedef struct hexaglot_searcher hexaglot_searcher;
typedef struct hexaglot_results hexaglot_results;
typedef struct hexaglot_tokens hexaglot_tokens;

/* The library's version, e.g. "0.1.0". */
HEXAGLOT_EXPORT const char* hexaglot_version(void);

HEXAGLOT_EXPORT hexaglot_code hexaglot_error_code(const hexaglot_error* error);
HEXAGLOT_EXPORT const char* hexaglot_error_message(const hexaglot_error* error);
HEXAGLOT_EXPORT void hexaglot_error_free(hexaglot_error* error);

/* ---- Writing ------------------------------------------------------------------------ */

/* Opens (creating when missing) the index in the folder `path` for writing. */
HEXAGLOT_EXPORT hexaglot_code hexaglot_writer_open(const char* path, hexaglot_writer** writer,
                                                   hexaglot_error** error);

/* What hexaglot_writer_update_file did, by paragraph id. */
typedef struct hexaglot_update_counts {
  uint64_t added;
  uint64_t changed;
  uint64_t removed;
  uint64_t unchanged;
} hexaglot_update_counts;

/* Parses the file at `path` (a compendium, JSON Lines, BEIR corpus or plain text; its
 * language `lang`, a code such as "fr", or NULL to detect it) and re-indexes its
 * paragraphs: new ids added, changed ones replaced, vanished ones deleted. `counts` may be
 * NULL. Not committed until hexaglot_writer_commit. */
HEXAGLOT_EXPORT hexaglot_code hexaglot_writer_update_file(hexaglot_writer* writer, const char* path,
                                                          const char* lang,
                                                          hexaglot_update_counts* counts,
                                                          hexaglot_error** error);

/* hexaglot_writer_update_file that also reports what it read: `records` gets the number
 * of paragraph records parsed and `skipped` the number of lines or records the parser
 * ignored (a line that is not a JSON object, a duplicate id...), each may be NULL. With
 * `strict` non-zero, the first such warning is the error instead
 * (HEXAGLOT_INVALID_ARGUMENT naming the file and line) and nothing of the file is
 * indexed. An input of which no record could be read (empty, or all lines skipped) is
 * not an error here: check `records`. The writer stays usable after any of these errors. */
HEXAGLOT_EXPORT hexaglot_code hexaglot_writer_update_file_ex(
    hexaglot_writer* writer, const char* path, const char* lang, int strict,
    hexaglot_update_counts* counts, uint64_t* records, uint64_t* skipped, hexaglot_error** error);

/* Adds (or replaces, when `id` is live) one paragraph of your own: `id` unique, `doc` the
 * document it belongs to, `lang` a language code, `number` its paragraph number (may be
 * NULL or ""), `text` its body. */
HEXAGLOT_EXPORT hexaglot_code hexaglot_writer_put(hexaglot_writer* writer, const char* id,
                                                  const char* doc, const char* lang,
                                                  const char* number, const char* text,
                                                  hexaglot_error** error);

/* Deletes the live paragraphs with this id; `deleted` (may be NULL) gets their count. */
HEXAGLOT_EXPORT hexaglot_code hexaglot_writer_delete(hexaglot_writer* writer, const char* id,
                                                     uint64_t* deleted, hexaglot_error** error);

/* Makes every change since the last commit durable and visible to searchers opened
 * afterwards. */
HEXAGLOT_EXPORT hexaglot_code hexaglot_writer_commit(hexaglot_writer* writer,
                                                     hexaglot_error** error);

/* Discards uncommitted changes and releases the index's writer lock. */
HEXAGLOT_EXPORT void hexaglot_writer_close(hexaglot_writer* writer);

/* ---- Searching ---------------------------------------------------------------------- */

/* A searcher over the newest commit of the index in the folder `path`. */
HEXAGLOT_EXPORT hexaglot_code hexaglot_searcher_open(const char* path, hexaglot_searcher** searcher,
                                                     hexaglot_error** error);
HEXAGLOT_EXPORT void hexaglot_searcher_close(hexaglot_searcher* searcher);

typedef struct hexaglot_search_options {
  size_t k;           /* Hits; 0 means 10. */
  const char* lang;   /* "auto" (NULL), "all", or a language code. */
  double k1;          /* BM25 k1 in [0, 100]; negative: the default (0.9); NaN: invalid. */
  double b;           /* BM25 b in [0, 1]; negative: the default (0.4); NaN: invalid. */
  int snippets;       /* Non-zero: compute snippets. */
  int parallel;       /* Non-zero: add other language versions. */
  double theme_boost; /* Field boost of the theme (README, "Ranking"); 0: off. */
  double topic_boost; /* Field boost of the topics; 0: off. */
} hexaglot_search_options;

/* The defaults: k 10, auto language, k1 0.9, b 0.4, snippets on, parallel off, no field
 * boosts. Start from them: fields may be added at the end before version 1.0. */
HEXAGLOT_EXPORT hexaglot_search_options hexaglot_search_options_default(void);

/* Runs `query` (the query language of the README). `options` may be NULL. */
HEXAGLOT_EXPORT hexaglot_code hexaglot_search(const hexaglot_searcher* searcher, const char* query,
                                              const hexaglot_search_options* options,
                                              hexaglot_results** results, hexaglot_error** error);

HEXAGLOT_EXPORT size_t hexaglot_results_count(const hexaglot_results* results);
/* The language codes the query was searched in, joined by ',' ("es", "en,fr"), and why
 * (the routing rule: "given", "all", "lang-filter", "no-words", "only-language", "script",
 * "vocabulary", "fallback", "detector"; README "Ranking"). "" for NULL. */
HEXAGLOT_EXPORT const char* hexaglot_results_languages(const hexaglot_results* results);
HEXAGLOT_EXPORT const char* hexaglot_results_routing(const hexaglot_results* results);
/* The accessors below take hit < hexaglot_results_count(results); any other hit (or a NULL
 * `results`) gives 0 or "" (see the contract at the top). */
HEXAGLOT_EXPORT double hexaglot_hit_score(const hexaglot_results* results, size_t hit);
/* Field names: "id", "doc", "lang", "number", "parallel", "theme", "paper", "section",
 * "text", "source". An absent field or an unknown name gives "". */
HEXAGLOT_EXPORT const char* hexaglot_hit_field(const hexaglot_results* results, size_t hit,
                                               const char* field);
/* The snippet's text ("" without snippets) and its highlights: byte ranges [start, end)
 * of the paragraph's text (hexaglot_hit_field "text"). */
HEXAGLOT_EXPORT const char* hexaglot_hit_snippet(const hexaglot_results* results, size_t hit);
HEXAGLOT_EXPORT size_t hexaglot_hit_highlight_count(const hexaglot_results* results, size_t hit);
HEXAGLOT_EXPORT void hexaglot_hit_highlight(const hexaglot_results* results, size_t hit,
                                            size_t highlight, uint32_t* start, uint32_t* end);
/* The hit's other language versions (with options.parallel): count, and each one's id,
 * language code and text. */
HEXAGLOT_EXPORT size_t hexaglot_hit_parallel_count(const hexaglot_results* results, size_t hit);
HEXAGLOT_EXPORT const char* hexaglot_hit_parallel_field(const hexaglot_results* results, size_t hit,
                                                        size_t version, const char* field);
HEXAGLOT_EXPORT void hexaglot_results_free(hexaglot_results* results);

/* ---- Analysis ----------------------------------------------------------------------- */

/* Analyses `text` (`length` bytes of UTF-8) with the rules of language `lang` (a code). */
HEXAGLOT_EXPORT hexaglot_code hexaglot_analyze(const char* lang, const char* text, size_t length,
                                               hexaglot_tokens** tokens, hexaglot_error** error);
HEXAGLOT_EXPORT size_t hexaglot_tokens_count(const hexaglot_tokens* tokens);
/* The term, its position, and the byte range of the text it came from (any out-parameter
 * may be NULL), for token < hexaglot_tokens_count(tokens); "" and 0s for another token or a
 * NULL `tokens`. */
HEXAGLOT_EXPORT const char* hexaglot_token(const hexaglot_tokens* tokens, size_t token,
                                           uint32_t* position, uint32_t* start, uint32_t* end);
/* 1 when the token is a stop word (indexed, searched only in queries of few words), else 0
 * (also for another token or a NULL `tokens`). */
HEXAGLOT_EXPORT int hexaglot_token_stop_word(const hexaglot_tokens* tokens, size_t token);
HEXAGLOT_EXPORT void hexaglot_tokens_free(hexaglot_tokens* tokens);

/* NOLINTEND(modernize-use-using, readability-identifier-naming) */

#ifdef __cplusplus
}
#endif

#endif /* HEXAGLOT_C_H_ */

/* The C API from C: indexes the compendium, searches it, analyses text, checks errors,
 * and frees everything (the sanitizer build's leak checker fails the test on a leak).
 * Usage: c_api_test INDEX_DIR (a folder that may not exist yet). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hexaglot/c.h"

static int failures = 0;

#define CHECK(condition)                                                            \
  do {                                                                              \
    if (!(condition)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                                   \
    }                                                                               \
  } while (0)

static int check_ok(hexaglot_code code, hexaglot_error* error, const char* what) {
  if (code == HEXAGLOT_OK) return 1;
  fprintf(stderr, "%s failed: %s\n", what, hexaglot_error_message(error));
  hexaglot_error_free(error);
  ++failures;
  return 0;
}

static void index_compendium(const char* index) {
  hexaglot_writer* writer = NULL;
  hexaglot_error* error = NULL;
  if (!check_ok(hexaglot_writer_open(index, &writer, &error), error, "writer_open")) return;
  hexaglot_update_counts counts;
  memset(&counts, 0, sizeof counts);
  if (check_ok(hexaglot_writer_update_file(writer,
                                           HEXAGLOT_SOURCE_DIR "/corpus/wg7-compendium-2021.en.md",
                                           "en", &counts, &error),
               error, "update_file")) {
    CHECK(counts.added + counts.unchanged == 79);
  }
  /* A paragraph of our own (not UN text), then a deleted one. */
  CHECK(check_ok(hexaglot_writer_put(writer, "own/fr/1", "own", "fr", "1",
                                     "Les passeurs exploitent les routes maritimes.", &error),
                 error, "put"));
  CHECK(check_ok(hexaglot_writer_put(writer, "own/fr/2", "own", "fr", "2",
                                     "Un paragraphe qui sera supprimé.", &error),
                 error, "put"));
  uint64_t deleted = 0;
  CHECK(check_ok(hexaglot_writer_delete(writer, "own/fr/2", &deleted, &error), error, "delete"));
  CHECK(deleted == 1);
  CHECK(check_ok(hexaglot_writer_commit(writer, &error), error, "commit"));
  hexaglot_writer_close(writer);
}

static void search_compendium(const char* index) {
  hexaglot_searcher* searcher = NULL;
  hexaglot_error* error = NULL;
  if (!check_ok(hexaglot_searcher_open(index, &searcher, &error), error, "searcher_open")) return;

  hexaglot_results* results = NULL;
  hexaglot_search_options options = hexaglot_search_options_default();
  options.k = 5;
  options.lang = "en";
  if (check_ok(hexaglot_search(searcher, "hawala", &options, &results, &error), error, "search")) {
    CHECK(hexaglot_results_count(results) >= 1);
    if (hexaglot_results_count(results) >= 1) {
      CHECK(strcmp(hexaglot_hit_field(results, 0, "number"), "12") == 0);
      CHECK(strcmp(hexaglot_hit_field(results, 0, "lang"), "en") == 0);
      CHECK(hexaglot_hit_score(results, 0) > 0.0);
      CHECK(strcmp(hexaglot_hit_field(results, 0, "no-such-field"), "") == 0);
      const char* text = hexaglot_hit_field(results, 0, "text");
      CHECK(hexaglot_hit_highlight_count(results, 0) >= 1);
      if (hexaglot_hit_highlight_count(results, 0) >= 1) {
        uint32_t start = 0, end = 0;
        hexaglot_hit_highlight(results, 0, 0, &start, &end);
        CHECK(end > start && end <= strlen(text));
        CHECK(strncmp(text + start, "hawala", 6) == 0 || strncmp(text + start, "Hawala", 6) == 0);
      }
      CHECK(strlen(hexaglot_hit_snippet(results, 0)) > 0);
    }
    hexaglot_results_free(results);
  }

  /* A theme boost adds the paragraphs of the theme "Smuggling by sea" that lack the word. */
  options.k = 200;
  size_t plain = 0;
  results = NULL;
  if (check_ok(hexaglot_search(searcher, "sea", &options, &results, &error), error, "search sea")) {
    plain = hexaglot_results_count(results);
    hexaglot_results_free(results);
  }
  options.theme_boost = 1.0;
  results = NULL;
  if (check_ok(hexaglot_search(searcher, "sea", &options, &results, &error), error,
               "search sea boosted")) {
    CHECK(plain > 0 && hexaglot_results_count(results) > plain);
    hexaglot_results_free(results);
  }
  options.theme_boost = 0.0;
  options.k = 5;

  options.lang = "fr";
  results = NULL;
  if (check_ok(hexaglot_search(searcher, "routes maritimes", &options, &results, &error), error,
               "search fr")) {
    CHECK(hexaglot_results_count(results) == 1);
    if (hexaglot_results_count(results) == 1) {
      CHECK(strcmp(hexaglot_hit_field(results, 0, "id"), "own/fr/1") == 0);
    }
    CHECK(strcmp(hexaglot_results_languages(results), "fr") == 0);
    CHECK(strcmp(hexaglot_results_routing(results), "given") == 0);
    hexaglot_results_free(results);
  }

  /* Auto: both words are English and French words of this index: routed by vocabulary. */
  options.lang = NULL;
  results = NULL;
  if (check_ok(hexaglot_search(searcher, "routes maritimes", &options, &results, &error), error,
               "search auto")) {
    CHECK(strstr(hexaglot_results_languages(results), "fr") != NULL);
    CHECK(strcmp(hexaglot_results_routing(results), "vocabulary") == 0);
    CHECK(hexaglot_results_count(results) >= 1);
    hexaglot_results_free(results);
  }
  CHECK(strcmp(hexaglot_results_languages(NULL), "") == 0);
  CHECK(strcmp(hexaglot_results_routing(NULL), "") == 0);

  /* A bad query: an error naming the column, nothing returned. */
  results = NULL;
  hexaglot_code code = hexaglot_search(searcher, "(hawala", NULL, &results, &error);
  CHECK(code == HEXAGLOT_INVALID_ARGUMENT);
  CHECK(results == NULL);
  CHECK(hexaglot_error_code(error) == HEXAGLOT_INVALID_ARGUMENT);
  CHECK(strstr(hexaglot_error_message(error), "column") != NULL);
  hexaglot_error_free(error);
  hexaglot_searcher_close(searcher);
}

/* Issue 16, item 4: update_file_ex reports skipped lines, and strict makes them errors. */
static void update_file_reports_skipped(const char* index) {
  char path[4096];
  snprintf(path, sizeof path, "%s-input.jsonl", index);
  FILE* file = fopen(path, "w");
  CHECK(file != NULL);
  if (file == NULL) return;
  fputs("{\"id\": \"j1\", \"lang\": \"en\", \"text\": \"Border management.\"}\n", file);
  fputs("not a JSON object\n", file);
  fputs("{\"id\": \"j1\", \"lang\": \"en\", \"text\": \"Again.\"}\n", file);
  fclose(file);
  hexaglot_writer* writer = NULL;
  hexaglot_error* error = NULL;
  if (!check_ok(hexaglot_writer_open(index, &writer, &error), error, "writer_open")) return;
  hexaglot_update_counts counts;
  memset(&counts, 0, sizeof counts);
  uint64_t records = 0, skipped = 0;
  if (check_ok(hexaglot_writer_update_file_ex(writer, path, "en", 0, &counts, &records, &skipped,
                                              &error),
               error, "update_file_ex")) {
    CHECK(records == 1);
    CHECK(skipped == 2);
    CHECK(counts.added == 1);
  }
  CHECK(hexaglot_writer_update_file_ex(writer, path, "en", 1, NULL, NULL, NULL, &error) ==
        HEXAGLOT_INVALID_ARGUMENT);
  CHECK(strstr(hexaglot_error_message(error), ":2: not a JSON object") != NULL);
  hexaglot_error_free(error);
  error = NULL;
  /* The writer is still usable; nothing is committed here. */
  CHECK(hexaglot_writer_update_file_ex(writer, path, "en", 0, NULL, NULL, NULL, &error) ==
        HEXAGLOT_OK);
  hexaglot_writer_close(writer);
  remove(path);
}

static void analyze_and_errors(void) {
  hexaglot_tokens* tokens = NULL;
  hexaglot_error* error = NULL;
  const char* text = "Les migrants l'ont traversée.";
  if (check_ok(hexaglot_analyze("fr", text, strlen(text), &tokens, &error), error, "analyze")) {
    /* "les", "ont": stop words, indexed and marked; each other word also as its exact form
     * (French default). */
    CHECK(hexaglot_tokens_count(tokens) == 6);
    CHECK(hexaglot_token_stop_word(tokens, 0) == 1);
    uint32_t position = 0, start = 0, end = 0;
    const char* term = hexaglot_token(tokens, 1, &position, &start, &end);
    CHECK(strcmp(term, "migr") == 0);
    CHECK(hexaglot_token_stop_word(tokens, 1) == 0);
    CHECK(position == 1);
    CHECK(start == 4 && end == 12);
    CHECK(hexaglot_token_stop_word(tokens, 3) == 1); /* "ont" after the elided "l'" */
    CHECK(hexaglot_token_stop_word(tokens, 6) == 0);
    CHECK(hexaglot_token_stop_word(NULL, 0) == 0);
    hexaglot_tokens_free(tokens);
  }
  tokens = NULL;
  CHECK(hexaglot_analyze("xx", text, strlen(text), &tokens, &error) == HEXAGLOT_INVALID_ARGUMENT);
  CHECK(tokens == NULL);
  hexaglot_error_free(error);
  error = NULL;
  CHECK(hexaglot_analyze("en", "\xff\xfe", 2, &tokens, &error) == HEXAGLOT_INVALID_ARGUMENT);
  hexaglot_error_free(error);

  hexaglot_searcher* searcher = NULL;
  error = NULL;
  CHECK(hexaglot_searcher_open("/nonexistent/hexaglot-index", &searcher, &error) ==
        HEXAGLOT_NOT_FOUND);
  CHECK(searcher == NULL);
  CHECK(strlen(hexaglot_error_message(error)) > 0);
  hexaglot_error_free(error);
  /* NULL error pointer and NULL handles are allowed. */
  CHECK(hexaglot_searcher_open(NULL, &searcher, NULL) == HEXAGLOT_INVALID_ARGUMENT);
  hexaglot_searcher_close(NULL);
  hexaglot_results_free(NULL);
  hexaglot_tokens_free(NULL);
  hexaglot_writer_close(NULL);
  hexaglot_error_free(NULL);
  CHECK(strlen(hexaglot_version()) > 0);
}

/* Every accessor given a NULL handle or an index out of range: "" or 0, never a crash. */
static void null_and_out_of_range(const char* index) {
  uint32_t position = 7, start = 7, end = 7;
  CHECK(hexaglot_results_count(NULL) == 0);
  CHECK(hexaglot_hit_score(NULL, 0) == 0.0);
  CHECK(strcmp(hexaglot_hit_field(NULL, 0, "id"), "") == 0);
  CHECK(strcmp(hexaglot_hit_snippet(NULL, 0), "") == 0);
  CHECK(hexaglot_hit_highlight_count(NULL, 0) == 0);
  hexaglot_hit_highlight(NULL, 0, 0, &start, &end);
  CHECK(start == 0 && end == 0);
  CHECK(hexaglot_hit_parallel_count(NULL, 0) == 0);
  CHECK(strcmp(hexaglot_hit_parallel_field(NULL, 0, 0, "id"), "") == 0);
  CHECK(hexaglot_tokens_count(NULL) == 0);
  start = end = 7;
  CHECK(strcmp(hexaglot_token(NULL, 0, &position, &start, &end), "") == 0);
  CHECK(position == 0 && start == 0 && end == 0);
  CHECK(hexaglot_error_code(NULL) == HEXAGLOT_OK);
  CHECK(strcmp(hexaglot_error_message(NULL), "") == 0);

  /* NULL handles and arguments of the functions that return a code. */
  hexaglot_writer* writer = NULL;
  hexaglot_searcher* searcher = NULL;
  hexaglot_results* results = NULL;
  hexaglot_tokens* tokens = NULL;
  CHECK(hexaglot_writer_open(NULL, &writer, NULL) == HEXAGLOT_INVALID_ARGUMENT);
  CHECK(hexaglot_writer_open(index, NULL, NULL) == HEXAGLOT_INVALID_ARGUMENT);
  CHECK(hexaglot_writer_update_file(NULL, "x", NULL, NULL, NULL) == HEXAGLOT_INVALID_ARGUMENT);
  CHECK(hexaglot_writer_put(NULL, "a", "b", "en", "1", "t", NULL) == HEXAGLOT_INVALID_ARGUMENT);
  CHECK(hexaglot_writer_delete(NULL, "a", NULL, NULL) == HEXAGLOT_INVALID_ARGUMENT);
  CHECK(hexaglot_writer_commit(NULL, NULL) == HEXAGLOT_INVALID_ARGUMENT);
  CHECK(hexaglot_search(NULL, "x", NULL, &results, NULL) == HEXAGLOT_INVALID_ARGUMENT);
  CHECK(hexaglot_analyze(NULL, "x", 1, &tokens, NULL) == HEXAGLOT_INVALID_ARGUMENT);
  CHECK(hexaglot_analyze("en", NULL, 0, &tokens, NULL) == HEXAGLOT_INVALID_ARGUMENT);
  CHECK(results == NULL && tokens == NULL && writer == NULL);

  hexaglot_error* error = NULL;
  if (!check_ok(hexaglot_searcher_open(index, &searcher, &error), error, "searcher_open")) return;
  CHECK(hexaglot_search(searcher, NULL, NULL, &results, NULL) == HEXAGLOT_INVALID_ARGUMENT);
  CHECK(hexaglot_search(searcher, "x", NULL, NULL, NULL) == HEXAGLOT_INVALID_ARGUMENT);
  /* NaN BM25 parameters are invalid, not the defaults. */
  hexaglot_search_options options = hexaglot_search_options_default();
  options.k1 = strtod("nan", NULL);
  CHECK(hexaglot_search(searcher, "hawala", &options, &results, NULL) == HEXAGLOT_INVALID_ARGUMENT);
  options = hexaglot_search_options_default();
  options.b = strtod("nan", NULL);
  CHECK(hexaglot_search(searcher, "hawala", &options, &results, NULL) == HEXAGLOT_INVALID_ARGUMENT);
  CHECK(results == NULL);

  /* Hits and tokens out of range. */
  options = hexaglot_search_options_default();
  if (check_ok(hexaglot_search(searcher, "hawala", &options, &results, &error), error, "search")) {
    const size_t count = hexaglot_results_count(results);
    CHECK(count >= 1);
    CHECK(strcmp(hexaglot_hit_field(results, count, "id"), "") == 0);
    CHECK(strcmp(hexaglot_hit_snippet(results, count), "") == 0);
    CHECK(hexaglot_hit_score(results, count) == 0.0);
    CHECK(hexaglot_hit_highlight_count(results, count) == 0);
    start = end = 7;
    hexaglot_hit_highlight(results, 0, 1000000, &start, &end);
    CHECK(start == 0 && end == 0);
    CHECK(hexaglot_hit_parallel_count(results, count) == 0);
    CHECK(strcmp(hexaglot_hit_parallel_field(results, 0, 1000000, "id"), "") == 0);
    CHECK(strcmp(hexaglot_hit_field(results, 0, NULL), "") == 0);
    hexaglot_results_free(results);
  }
  hexaglot_searcher_close(searcher);
  if (check_ok(hexaglot_analyze("en", "smuggling", 9, &tokens, &error), error, "analyze")) {
    CHECK(strcmp(hexaglot_token(tokens, 1, &position, &start, &end), "") == 0);
    CHECK(position == 0 && start == 0 && end == 0);
    CHECK(strlen(hexaglot_token(tokens, 0, NULL, NULL, NULL)) > 0);
    hexaglot_tokens_free(tokens);
  }
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s INDEX_DIR\n", argv[0]);
    return 2;
  }
  index_compendium(argv[1]);
  search_compendium(argv[1]);
  update_file_reports_skipped(argv[1]);
  analyze_and_errors();
  null_and_out_of_range(argv[1]);
  if (failures > 0) fprintf(stderr, "%d check(s) failed\n", failures);
  return failures == 0 ? 0 : 1;
}

/* fts5_bench: the SQLite FTS5 peer of the engine comparison (bench/COMPARE.md).
 *
 *   fts5_bench --corpus C.jsonl --queries Q.tsv --index DIR --run OUT.trec
 *              [--k1 0.9] [--b 0.4] [--k 10] [--lang ar|zh|en|fr|ru|es]
 *              [--bm25 builtin|params]
 *
 * Reads the corpus ({"id","lang","text"} per line, parsed with SQLite's own JSON functions)
 * into memory, indexes it (timed: inserts in one transaction plus the 'optimize' merge) in
 * an FTS5 table that stores each paragraph's text (its content table) and id (an UNINDEXED
 * column), as hexaglot stores its record, with the porter tokenizer over unicode61, reopens
 * it, runs every query once untimed and once timed with top-k, writes the timed pass as a TREC run
 * and prints one JSON result line.
 *
 * FTS5's built-in bm25() has k1 = 1.2 and b = 0.75 compiled in: --k1 and --b are reported
 * as "k1_requested"/"b_requested" and the line says the k1 and b actually used.
 *
 * --lang L (the quality evaluation, bench/quality_eval.sh): FTS5's language-neutral default,
 * tokenize='unicode61' (case folding, Latin diacritics removed, no stemming, no stop words;
 * a run of Han characters is one token), for every language, English included.
 *
 * --bm25 params: rank with bm25k(), an auxiliary function registered here that computes
 * exactly what FTS5's bm25() does (the same idf log((N - n + 0.5) / (n + 0.5)), floored at
 * 1e-6, the same document and average lengths) but with --k1 and --b, so that FTS5 can be
 * compared with the same BM25 parameters as the other engines. The default, builtin, is
 * bm25() with its fixed k1 1.2, b 0.75. */

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum { kOr = 0, kAnd = 1, kPhrase = 2, kKinds = 3 };
static const char* const kKindNames[kKinds] = {"or", "and", "phrase"};

typedef struct {
  char* qid;
  char* match; /* The query in FTS5 syntax. */
  int kind;
} Query;

static void Fail(const char* what, const char* detail) {
  fprintf(stderr, "fts5_bench: error: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  exit(2);
}

static void Check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) Fail(what, sqlite3_errmsg(db));
}

static double Now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char* Duplicate(const char* text, size_t length) {
  char* copy = malloc(length + 1);
  if (!copy) Fail("out of memory", NULL);
  memcpy(copy, text, length);
  copy[length] = '\0';
  return copy;
}

/* Appends `text` to the growing buffer *out (length *used, capacity *capacity). */
static void Append(char** out, size_t* used, size_t* capacity, const char* text, size_t length) {
  if (*used + length + 1 > *capacity) {
    *capacity = (*used + length + 1) * 2;
    *out = realloc(*out, *capacity);
    if (!*out) Fail("out of memory", NULL);
  }
  memcpy(*out + *used, text, length);
  *used += length;
  (*out)[*used] = '\0';
}

/* Our query syntax (COMPARE.md) in FTS5's: a phrase "a b" stays as it is; otherwise every
 * term is quoted (FTS5 barewords reject some characters) and joined with OR, or with AND
 * when the query joins its terms with " AND ". */
static char* ToMatch(const char* text, int* kind) {
  if (text[0] == '"') {
    *kind = kPhrase;
    return Duplicate(text, strlen(text));
  }
  *kind = strstr(text, " AND ") ? kAnd : kOr;
  char* out = NULL;
  size_t used = 0, capacity = 0;
  const char* p = text;
  int terms = 0;
  while (*p) {
    while (*p == ' ') ++p;
    const char* begin = p;
    while (*p && *p != ' ') ++p;
    const size_t length = (size_t)(p - begin);
    if (length == 0 || (length == 3 && strncmp(begin, "AND", 3) == 0)) continue;
    if (terms++ > 0)
      Append(&out, &used, &capacity, *kind == kAnd ? " AND " : " OR ", *kind == kAnd ? 5 : 4);
    Append(&out, &used, &capacity, "\"", 1);
    for (const char* c = begin; c < p; ++c) {
      Append(&out, &used, &capacity, c, 1);
      if (*c == '"') Append(&out, &used, &capacity, "\"", 1);
    }
    Append(&out, &used, &capacity, "\"", 1);
  }
  return out ? out : Duplicate("\"\"", 2);
}

static int CompareDoubles(const void* a, const void* b) {
  const double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

/* bm25k(): FTS5's bm25() (ext/fts5/fts5_aux.c) with k1 and b taken from the function's
 * user data, a double[2]; no column weights. The per-query idf of each phrase is computed
 * once and kept as the query's auxdata. */
typedef struct {
  double avgdl;
  int phrases;
  double idf[];
} Bm25Data;

static int CountRows(const Fts5ExtensionApi* api, Fts5Context* fts, void* count) {
  (void)api;
  (void)fts;
  ++*(sqlite3_int64*)count;
  return SQLITE_OK;
}

static void Bm25k(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int nval,
                  sqlite3_value** vals) {
  (void)nval;
  (void)vals;
  const double* params = api->xUserData(fts);
  const double k1 = params[0], b = params[1];
  Bm25Data* data = api->xGetAuxdata(fts, 0);
  int rc = SQLITE_OK;
  if (!data) {
    const int phrases = api->xPhraseCount(fts);
    sqlite3_int64 rows = 0, tokens = 0;
    data = calloc(1, sizeof(Bm25Data) + (size_t)phrases * sizeof(double));
    if (!data) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    data->phrases = phrases;
    rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    data->avgdl = rows > 0 ? (double)tokens / (double)rows : 1.0;
    for (int i = 0; rc == SQLITE_OK && i < phrases; ++i) {
      sqlite3_int64 hits = 0;
      rc = api->xQueryPhrase(fts, i, &hits, CountRows);
      double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
      data->idf[i] = idf <= 0.0 ? 1e-6 : idf;
    }
    if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, data, free);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
  }
  double freq[64] = {0};
  double* f = data->phrases <= 64 ? freq : calloc((size_t)data->phrases, sizeof(double));
  if (!f) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  int insts = 0, length = 0;
  rc = api->xInstCount(fts, &insts);
  for (int i = 0; rc == SQLITE_OK && i < insts; ++i) {
    int phrase, column, offset;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK) f[phrase] += 1.0;
  }
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &length);
  double score = 0.0;
  for (int i = 0; i < data->phrases; ++i) {
    score += data->idf[i] * (f[i] * (k1 + 1.0)) /
             (f[i] + k1 * (1.0 - b + b * (double)length / data->avgdl));
  }
  if (f != freq) free(f);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  sqlite3_result_double(ctx, -score); /* Negative, as bm25(): better matches sort first. */
}

/* Registers bm25k() on db with the parameters params (k1, b). */
static void RegisterBm25k(sqlite3* db, double* params) {
  fts5_api* fts5 = NULL;
  sqlite3_stmt* stmt;
  Check(db, sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL), "finding the FTS5 API");
  sqlite3_bind_pointer(stmt, 1, (void*)&fts5, "fts5_api_ptr", NULL);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (!fts5 || fts5->iVersion < 2) Fail("the FTS5 API is not available", NULL);
  Check(db, fts5->xCreateFunction(fts5, "bm25k", params, Bm25k, NULL), "registering bm25k");
}

/* Nearest-rank percentile of sorted values. */
static double Percentile(const double* sorted, size_t n, double p) {
  size_t rank = (size_t)ceil(p * (double)n);
  return sorted[(rank < 1 ? 1 : rank) - 1];
}

int main(int argc, char** argv) {
  const char *corpus = NULL, *queries_path = NULL, *index = NULL, *run_path = NULL;
  double k1 = 0.9, b = 0.4;
  int k = 10;
  const char* lang = NULL; /* NULL: the speed mode's 'porter unicode61'. */
  int own_bm25 = 0;        /* --bm25 params: bm25k() with --k1 and --b. */
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--corpus"))
      corpus = argv[i + 1];
    else if (!strcmp(argv[i], "--queries"))
      queries_path = argv[i + 1];
    else if (!strcmp(argv[i], "--index"))
      index = argv[i + 1];
    else if (!strcmp(argv[i], "--run"))
      run_path = argv[i + 1];
    else if (!strcmp(argv[i], "--k1"))
      k1 = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--b"))
      b = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--k"))
      k = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--lang"))
      lang = argv[i + 1];
    else if (!strcmp(argv[i], "--bm25") && !strcmp(argv[i + 1], "params"))
      own_bm25 = 1;
    else if (!strcmp(argv[i], "--bm25") && !strcmp(argv[i + 1], "builtin"))
      own_bm25 = 0;
    else
      Fail("unknown flag", argv[i]);
  }
  if (argc % 2 != 1 || !corpus || !queries_path || !index || !run_path || k <= 0) {
    Fail(
        "usage: fts5_bench --corpus C --queries Q --index DIR --run OUT [--k1 X --b Y --k N]"
        " [--lang L] [--bm25 builtin|params]",
        NULL);
  }
  if (lang && strcmp(lang, "ar") && strcmp(lang, "zh") && strcmp(lang, "en") &&
      strcmp(lang, "fr") && strcmp(lang, "ru") && strcmp(lang, "es")) {
    Fail("--lang takes ar, zh, en, fr, ru or es, not", lang);
  }
  const char* tokenizer = lang ? "unicode61" : "porter unicode61";

  /* The corpus, parsed by an in-memory SQLite. */
  char** ids = NULL;
  char** texts = NULL;
  size_t docs = 0, docs_capacity = 0;
  unsigned long long text_bytes = 0;
  {
    sqlite3* mem;
    sqlite3_stmt* parse;
    Check(NULL, sqlite3_open(":memory:", &mem), "opening :memory:");
    Check(mem,
          sqlite3_prepare_v2(mem,
                             "SELECT json_extract(?1, '$.id'), json_extract(?1, '$.text'), "
                             "json_type(?1, '$.id'), json_type(?1, '$.text')",
                             -1, &parse, NULL),
          "preparing the JSON parser");
    FILE* in = fopen(corpus, "r");
    if (!in) Fail("cannot read", corpus);
    char* line = NULL;
    size_t line_capacity = 0;
    ssize_t length;
    unsigned long line_number = 0;
    while ((length = getline(&line, &line_capacity, in)) >= 0) {
      ++line_number;
      if (length <= 1) continue;
      sqlite3_bind_text(parse, 1, line, (int)length, SQLITE_STATIC);
      if (sqlite3_step(parse) != SQLITE_ROW || !sqlite3_column_text(parse, 2) ||
          strcmp((const char*)sqlite3_column_text(parse, 2), "text") != 0 ||
          !sqlite3_column_text(parse, 3) ||
          strcmp((const char*)sqlite3_column_text(parse, 3), "text") != 0) {
        char where[64];
        snprintf(where, sizeof(where), "line %lu", line_number);
        Fail("corpus line is not {\"id\",\"text\"} JSON", where);
      }
      if (docs == docs_capacity) {
        docs_capacity = docs_capacity ? docs_capacity * 2 : 1024;
        ids = realloc(ids, docs_capacity * sizeof(char*));
        texts = realloc(texts, docs_capacity * sizeof(char*));
        if (!ids || !texts) Fail("out of memory", NULL);
      }
      ids[docs] = Duplicate((const char*)sqlite3_column_text(parse, 0),
                            (size_t)sqlite3_column_bytes(parse, 0));
      texts[docs] = Duplicate((const char*)sqlite3_column_text(parse, 1),
                              (size_t)sqlite3_column_bytes(parse, 1));
      text_bytes += (unsigned long long)sqlite3_column_bytes(parse, 1);
      ++docs;
      sqlite3_reset(parse);
    }
    free(line);
    fclose(in);
    sqlite3_finalize(parse);
    sqlite3_close(mem);
  }

  Query* queries = NULL;
  size_t query_count = 0, query_capacity = 0;
  {
    FILE* in = fopen(queries_path, "r");
    if (!in) Fail("cannot read", queries_path);
    char* line = NULL;
    size_t line_capacity = 0;
    ssize_t length;
    while ((length = getline(&line, &line_capacity, in)) >= 0) {
      while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
        line[--length] = 0;
      if (length == 0) continue;
      char* tab1 = strchr(line, '\t');
      char* tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
      if (!tab2) Fail("query line is not qid<TAB>lang<TAB>query", line);
      if (query_count == query_capacity) {
        query_capacity = query_capacity ? query_capacity * 2 : 256;
        queries = realloc(queries, query_capacity * sizeof(Query));
        if (!queries) Fail("out of memory", NULL);
      }
      Query* q = &queries[query_count++];
      q->qid = Duplicate(line, (size_t)(tab1 - line));
      q->match = ToMatch(tab2 + 1, &q->kind);
    }
    free(line);
    fclose(in);
  }

  char path[4096];
  mkdir(index, 0755);
  snprintf(path, sizeof(path), "%s/fts5.db", index);
  remove(path);
  const double index_start = Now();
  {
    sqlite3* db;
    sqlite3_stmt* insert;
    Check(NULL, sqlite3_open(path, &db), "opening the database");
    /* A bulk load: no journal or fsync, as one would build a read-only index. */
    Check(db,
          sqlite3_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;", NULL, NULL, NULL),
          "setting pragmas");
    char create[256];
    snprintf(create, sizeof(create),
             "CREATE VIRTUAL TABLE t USING fts5(body, id UNINDEXED, tokenize='%s'); BEGIN;",
             tokenizer);
    Check(db, sqlite3_exec(db, create, NULL, NULL, NULL),
          "creating the FTS5 table (is FTS5 compiled in?)");
    Check(db,
          sqlite3_prepare_v2(db, "INSERT INTO t(rowid, body, id) VALUES (?1, ?2, ?3)", -1, &insert,
                             NULL),
          "preparing the insert");
    for (size_t i = 0; i < docs; ++i) {
      sqlite3_bind_int64(insert, 1, (sqlite3_int64)i + 1); /* rowid = corpus line, 1-based. */
      sqlite3_bind_text(insert, 2, texts[i], -1, SQLITE_STATIC);
      sqlite3_bind_text(insert, 3, ids[i], -1, SQLITE_STATIC);
      Check(db, sqlite3_step(insert), "inserting");
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    Check(db, sqlite3_exec(db, "INSERT INTO t(t) VALUES ('optimize'); COMMIT;", NULL, NULL, NULL),
          "optimizing");
    sqlite3_close(db);
  }
  const double index_seconds = Now() - index_start;
  struct stat st;
  if (stat(path, &st) != 0) Fail("cannot stat", path);
  const unsigned long long index_bytes = (unsigned long long)st.st_size;

  sqlite3_int64* hit_docs = calloc(query_count * (size_t)k, sizeof(sqlite3_int64));
  double* hit_scores = calloc(query_count * (size_t)k, sizeof(double));
  int* hit_counts = calloc(query_count, sizeof(int));
  double* latencies[kKinds];
  size_t latency_count[kKinds] = {0, 0, 0};
  int empty[kKinds] = {0, 0, 0};
  for (int i = 0; i < kKinds; ++i) latencies[i] = calloc(query_count + 1, sizeof(double));
  if (!hit_docs || !hit_scores || !hit_counts) Fail("out of memory", NULL);
  {
    sqlite3* db;
    sqlite3_stmt* search;
    Check(NULL, sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), "reopening");
    double params[2] = {k1, b};
    if (own_bm25) RegisterBm25k(db, params);
    Check(db,
          sqlite3_prepare_v2(db,
                             own_bm25 ? "SELECT rowid, -bm25k(t) AS s FROM t WHERE t MATCH ?1 "
                                        "ORDER BY s DESC LIMIT ?2"
                                      : "SELECT rowid, -bm25(t) FROM t WHERE t MATCH ?1 "
                                        "ORDER BY rank LIMIT ?2",
                             -1, &search, NULL),
          "preparing the search");
    for (int pass = 0; pass < 2; ++pass) { /* Pass 0 warms caches and is not timed. */
      for (size_t i = 0; i < query_count; ++i) {
        const double start = Now();
        sqlite3_bind_text(search, 1, queries[i].match, -1, SQLITE_STATIC);
        sqlite3_bind_int(search, 2, k);
        int n = 0;
        int rc;
        while ((rc = sqlite3_step(search)) == SQLITE_ROW) {
          hit_docs[i * (size_t)k + (size_t)n] = sqlite3_column_int64(search, 0);
          hit_scores[i * (size_t)k + (size_t)n] = sqlite3_column_double(search, 1);
          ++n;
        }
        Check(db, rc, queries[i].match);
        sqlite3_reset(search);
        const double ms = (Now() - start) * 1e3;
        if (pass == 1) {
          const int kind = queries[i].kind;
          latencies[kind][latency_count[kind]++] = ms;
          empty[kind] += n == 0;
          hit_counts[i] = n;
        }
      }
    }
    sqlite3_finalize(search);
    sqlite3_close(db);
  }

  FILE* run = fopen(run_path, "w");
  if (!run) Fail("cannot write", run_path);
  for (size_t i = 0; i < query_count; ++i) {
    for (int r = 0; r < hit_counts[i]; ++r) {
      fprintf(run, "%s Q0 %s %d %.6f fts5\n", queries[i].qid,
              ids[hit_docs[i * (size_t)k + (size_t)r] - 1], r + 1,
              hit_scores[i * (size_t)k + (size_t)r]);
    }
  }
  if (fclose(run) != 0) Fail("cannot write", run_path);

  printf(
      "{\"engine\":\"fts5\",\"version\":\"%s\",\"k1\":%g,\"b\":%g,\"k1_requested\":%g,"
      "\"b_requested\":%g,\"analysis\":\"%s\",\"docs\":%zu,\"text_bytes\":%llu,\"index_seconds\":%."
      "6f,"
      "\"index_bytes\":%llu,\"kinds\":{",
      sqlite3_libversion(), own_bm25 ? k1 : 1.2, own_bm25 ? b : 0.75, k1, b, tokenizer, docs,
      text_bytes, index_seconds, index_bytes);
  int printed = 0;
  for (int kind = 0; kind < kKinds; ++kind) {
    const size_t n = latency_count[kind];
    if (n == 0) continue;
    qsort(latencies[kind], n, sizeof(double), CompareDoubles);
    double sum = 0;
    for (size_t i = 0; i < n; ++i) sum += latencies[kind][i];
    printf(
        "%s\"%s\":{\"queries\":%zu,\"empty\":%d,\"mean_ms\":%.6f,\"p50_ms\":%.6f,\"p99_ms\":%.6f}",
        printed++ ? "," : "", kKindNames[kind], n, empty[kind], sum / (double)n,
        Percentile(latencies[kind], n, 0.5), Percentile(latencies[kind], n, 0.99));
  }
  printf("}}\n");
  return 0;
}

# shellcheck shell=bash
# Shared by bench/compare/run.sh and bench/quality_eval.sh (sourced, not run): building
# the peer engines and finding the hexaglot tool. The caller sets SCRIPT_DIR (this folder),
# REPO, WORK (WORK/bin receives the peers) and HEXAGLOT (may be empty), and defines note().
# Each build_ENGINE / find_hexaglot returns 1, after skip "<why>", when the engine cannot run.

SKIPPED=()
skip() { echo "$*"; SKIPPED+=("$*"); }

build_xapian() {
  if ! pkg-config --exists xapian-core 2>/dev/null || ! command -v g++ >/dev/null; then
    skip "xapian: skipped: libxapian-dev (and g++, pkg-config) not installed; use --install"
    return 1
  fi
  # shellcheck disable=SC2046
  g++ -std=c++17 -O2 -Wall -Wextra -o "$WORK/bin/xapian_bench" \
    "$SCRIPT_DIR/xapian/xapian_bench.cc" $(pkg-config --cflags --libs xapian-core)
}

build_fts5() {
  if ! pkg-config --exists sqlite3 2>/dev/null || ! command -v gcc >/dev/null; then
    skip "fts5: skipped: libsqlite3-dev (and gcc, pkg-config) not installed; use --install"
    return 1
  fi
  # shellcheck disable=SC2046
  gcc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -o "$WORK/bin/fts5_bench" \
    "$SCRIPT_DIR/fts5/fts5_bench.c" $(pkg-config --cflags --libs sqlite3) -lm
}

LUCENE_CP=""
build_lucene() {
  local jars=() jar
  for jar in lucene-core lucene-analyzers-common lucene-queryparser; do
    if [[ -f /usr/share/java/$jar-4.10.4.jar ]]; then
      jars+=("/usr/share/java/$jar-4.10.4.jar")
    elif [[ -f /usr/share/java/$jar.jar ]]; then
      jars+=("/usr/share/java/$jar.jar")
    fi
  done
  if [[ ${#jars[@]} -ne 3 ]] || ! command -v javac >/dev/null || ! command -v java >/dev/null; then
    skip "lucene: skipped: liblucene4.10-java (and a JDK) not installed; use --install"
    return 1
  fi
  LUCENE_CP="$(IFS=:; echo "${jars[*]}")"
  mkdir -p "$WORK/bin/lucene"
  javac -nowarn -d "$WORK/bin/lucene" -cp "$LUCENE_CP" "$SCRIPT_DIR/lucene/LuceneBench.java"
  LUCENE_CP="$LUCENE_CP:$WORK/bin/lucene"
}

# ---------------------------------------------------------------- the hexaglot hook
# HOOK: hexaglot plugs in here, through its command-line tool only:
#   hexaglot index --index INDEX_DIR --json CORPUS.jsonl   builds an index from JSON Lines
#       (both cores, the default 256M memory budget; its JSON report is kept in the log)
#   hexaglot search INDEX_DIR --batch QUERIES.tsv -k 10 --k1 K1 --b B --run RUN.trec
#       runs every qid<TAB>lang<TAB>query line (untimed warm-up pass first), writes a TREC
#       run and prints as its last line {"queries": N, "mean_ms": …, "p50_ms": …, "p99_ms": …}
#   hexaglot eval QRELS.tsv RUN.trec                 (optional) its own nDCG@10/MAP, shown
#       beside report.py's figures as a cross-check
# run.sh times `index` itself (wall clock, /usr/bin/time -v) and runs `search` once per
# query kind. A tool without `search --batch` still gets its indexing figures (seconds,
# MB/s, bytes, peak memory) into the table, with no latencies; one without `index` is
# skipped with "hexaglot: not yet available".
# shellcheck disable=SC2034  # read by the scripts that source this file
HEXAGLOT_SEARCH=0
find_hexaglot() {
  if [[ -z "$HEXAGLOT" ]]; then
    for candidate in "$REPO/build/release/tools/hexaglot" "$REPO/build/dev/tools/hexaglot" \
      "$(command -v hexaglot || true)"; do
      if [[ -n "$candidate" && -x "$candidate" ]]; then HEXAGLOT="$candidate"; break; fi
    done
  fi
  if [[ -z "$HEXAGLOT" || ! -x "$HEXAGLOT" ]]; then
    skip "hexaglot: not yet available (no hexaglot tool found; build it with" \
      "-DHEXAGLOT_BUILD_TOOLS=ON or pass --hexaglot PATH)"
    return 1
  fi
  if ! "$HEXAGLOT" index --help >/dev/null 2>&1; then
    skip "hexaglot: not yet available ($HEXAGLOT has no 'index' subcommand)"
    return 1
  fi
  if "$HEXAGLOT" search --help 2>/dev/null | grep -q -- '--batch'; then
    # shellcheck disable=SC2034
    HEXAGLOT_SEARCH=1
  else
    skip "hexaglot: indexing only ($HEXAGLOT has no 'search --batch' subcommand yet)"
  fi
}


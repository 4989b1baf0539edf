#!/usr/bin/env bash
# Runs hexaglot and its peer engines (Xapian, SQLite FTS5, Lucene 4.10) on one generated
# corpus and query set and on the Cranfield, CISI and CACM test collections, and prints one
# comparison table and one effectiveness table. Documentation: bench/COMPARE.md.
#
#   bench/compare/run.sh [--install] [--paragraphs 20000] [--seed 1] [--queries-per-kind 1000]
#                        [--repeat 3] [--k1 0.9] [--b 0.4] [--engines hexaglot,xapian,fts5,lucene]
#                        [--query-cap ENGINE=N,...] [--timeout 7200] [--work DIR]
#                        [--no-speed] [--no-eval] [--no-limits] [--build-hexaglot]
#                        [--hexaglot PATH] [--corpus-gen PATH] [--codec-bench PATH]
#                        [--data DIR] [--lucene-heap 4g]
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/../.." && pwd)"
REPORT=(python3 "$SCRIPT_DIR/report.py")

PARAGRAPHS=20000
SEED=1
QUERIES_PER_KIND=1000
REPEAT=3
QUERY_CAP=""
TIMEOUT=7200
K1=0.9
B=0.4
ENGINES="hexaglot,xapian,fts5,lucene"
WORK="$REPO/build/compare"
DO_SPEED=1
DO_EVAL=1
DO_LIMITS=1
BUILD_HEXAGLOT=0
CODEC_BENCH=""
INSTALL=0
HEXAGLOT=""
CORPUS_GEN=""
DATA="$REPO/../shared/data"
LUCENE_HEAP=4g
COLLECTIONS=(cranfield cisi cacm)
COMMAND_LINE="bench/compare/run.sh $*"

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit "${1:-0}"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --install) INSTALL=1; shift ;;
    --paragraphs) PARAGRAPHS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --queries-per-kind) QUERIES_PER_KIND="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --query-cap) QUERY_CAP="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --k1) K1="$2"; shift 2 ;;
    --b) B="$2"; shift 2 ;;
    --engines) ENGINES="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --no-speed) DO_SPEED=0; shift ;;
    --no-eval) DO_EVAL=0; shift ;;
    --no-limits) DO_LIMITS=0; shift ;;
    --build-hexaglot) BUILD_HEXAGLOT=1; shift ;;
    --codec-bench) CODEC_BENCH="$2"; shift 2 ;;
    --hexaglot) HEXAGLOT="$2"; shift 2 ;;
    --corpus-gen) CORPUS_GEN="$2"; shift 2 ;;
    --data) DATA="$2"; shift 2 ;;
    --lucene-heap) LUCENE_HEAP="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage 2 ;;
  esac
done

if ! [[ $REPEAT =~ ^[1-9][0-9]*$ ]]; then
  echo "run.sh: --repeat takes a positive number of rounds, not '$REPEAT'" >&2; exit 2
fi
if ! [[ $TIMEOUT =~ ^[1-9][0-9]*$ ]]; then
  echo "run.sh: --timeout takes a positive number of seconds, not '$TIMEOUT'" >&2; exit 2
fi
# --query-cap fts5=200,xapian=500: that engine runs only the first N queries of each kind.
declare -A CAP=()
if [[ -n $QUERY_CAP ]]; then
  IFS=, read -r -a caps <<<"$QUERY_CAP"
  for cap in "${caps[@]}"; do
    if ! [[ $cap =~ ^(hexaglot|xapian|fts5|lucene)=([1-9][0-9]*)$ ]]; then
      echo "run.sh: --query-cap takes ENGINE=N,... (engines hexaglot xapian fts5 lucene)," \
        "not '$cap'" >&2
      exit 2
    fi
    CAP[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
  done
fi

mkdir -p "$WORK/bin"
WORK="$(cd "$WORK" && pwd)"
note() { echo "run.sh: $*" >&2; }
wants() { [[ ",$ENGINES," == *",$1,"* ]]; }

if [[ $INSTALL -eq 1 ]]; then
  note "installing the peers' Debian packages"
  apt-get install -y --no-install-recommends g++ gcc pkg-config time python3 \
    libxapian-dev libsqlite3-dev liblucene4.10-java default-jdk-headless
fi

if ! command -v python3 >/dev/null; then
  echo "run.sh: python3 is required (report.py computes every figure); use --install" >&2
  exit 1
fi

TIME=()
if [[ -x /usr/bin/time ]]; then
  TIME=(/usr/bin/time -v)
else
  note "/usr/bin/time not found (package 'time'): peak memory will be missing"
fi
# Every engine process runs under `timeout`: a stuck or hopelessly slow engine (FTS5's OR
# queries at 1M paragraphs) costs at most --timeout seconds and the others go on.
LIMIT=(timeout "$TIMEOUT")
# failed ENGINE WHAT STATUS LOG: says so, and leaves the reason in ENGINE.failed beside the
# log, where report.py finds it.
failed() {
  local reason
  if [[ $3 -eq 124 ]]; then
    reason="$2 timed out after $TIMEOUT s (--timeout)"
  else
    reason="$2 failed (exit $3)"
  fi
  note "$1: $reason; see $4"
  echo "$reason; see $4" >"$(dirname "$4")/$1.failed"
}

# ---------------------------------------------------------------- building the peers
# build_xapian, build_fts5, build_lucene (LUCENE_CP), find_hexaglot (HEXAGLOT_SEARCH), skip:
# shared with bench/quality_eval.sh.
# shellcheck source=bench/compare/peers.sh
source "$SCRIPT_DIR/peers.sh"
AVAILABLE=()

# ---------------------------------------------------------------- a Release hexaglot
# --build-hexaglot: the tool in REPO/build/release, optimised as a user would build it
# (-DCMAKE_BUILD_TYPE=Release: -O3 -DNDEBUG), without tests or benchmarks; the table then
# names that binary's build type (report.py reads it from the CMakeCache.txt above it).
build_hexaglot() {
  local dir="$REPO/build/release"
  note "building hexaglot (Release) in $dir (log: $WORK/build-hexaglot.log)"
  if ! { cmake -S "$REPO" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DHEXAGLOT_BUILD_TESTS=OFF \
    -DHEXAGLOT_BUILD_BENCHMARKS=OFF -DHEXAGLOT_BUILD_TOOLS=ON &&
    cmake --build "$dir" --target hexaglot_tool -j2; } >"$WORK/build-hexaglot.log" 2>&1; then
    tail -20 "$WORK/build-hexaglot.log" >&2
    echo "run.sh: the Release build of hexaglot failed (log: $WORK/build-hexaglot.log)" >&2
    exit 1
  fi
  HEXAGLOT="$dir/tools/hexaglot"
}

# run_hexaglot OUT_DIR CORPUS QUERIES K: the peers' outputs for hexaglot.
run_hexaglot() {
  local out="$1" corpus="$2" queries="$3" k="$4" index="$WORK/index/hexaglot" start end kind
  # Not hexaglot.queries.tsv: run_engine has just written it (--query-cap).
  rm -rf "$index" "$out"/hexaglot.{json,trec,time,log} "$out"/hexaglot.{or,and,phrase}.*
  mkdir -p "$WORK/index"
  start=$(date +%s.%N)
  note "hexaglot: $(basename "$corpus")"
  local status=0
  "${TIME[@]}" ${TIME:+-o "$out/hexaglot.time"} "${LIMIT[@]}" "$HEXAGLOT" index --index "$index" \
    --json "$corpus" >"$out/hexaglot.log" 2>&1 || status=$?
  if [[ $status -ne 0 ]]; then
    failed hexaglot index $status "$out/hexaglot.log"
    return 1
  fi
  end=$(date +%s.%N)
  local kinds=()
  for kind in or and phrase; do
    [[ $HEXAGLOT_SEARCH -eq 1 ]] || break
    awk -F'\t' -v kind="$kind" '{ k = ($3 ~ /^"/) ? "phrase" : ($3 ~ / AND /) ? "and" : "or" }
      k == kind' "$queries" >"$out/hexaglot.$kind.tsv"
    [[ -s "$out/hexaglot.$kind.tsv" ]] || continue
    "${TIME[@]}" ${TIME:+-o "$out/hexaglot.$kind.time"} "${LIMIT[@]}" "$HEXAGLOT" search \
      "$index" --batch "$out/hexaglot.$kind.tsv" -k "$k" --k1 "$K1" --b "$B" \
      --run "$out/hexaglot.$kind.trec" >"$out/hexaglot.$kind.out" 2>>"$out/hexaglot.log" ||
      status=$?
    if [[ $status -ne 0 ]]; then
      failed hexaglot "search ($kind)" $status "$out/hexaglot.log"
      return 1
    fi
    kinds+=(--kind "$kind:$out/hexaglot.$kind.out")
  done
  if [[ ${#kinds[@]} -gt 0 ]]; then
    cat "$out"/hexaglot.*.trec >"$out/hexaglot.trec"
    [[ -f "$out/hexaglot.time" ]] && cat "$out"/hexaglot.*.time >>"$out/hexaglot.time"
  fi
  "${REPORT[@]}" hexaglot-result --corpus "$corpus" --k1 "$K1" --b "$B" \
    --index-seconds "$(awk "BEGIN { print $end - $start }")" \
    --index-bytes "$(du -sb "$index" | cut -f1)" \
    --version "$("$HEXAGLOT" --version 2>/dev/null | head -1)" --binary "$HEXAGLOT" \
    "${kinds[@]}" >"$out/hexaglot.json"
}

# ---------------------------------------------------------------- running one engine
# run_engine ENGINE OUT_DIR CORPUS QUERIES K [CAP]: OUT_DIR/ENGINE.{json,trec,time,log}; with
# CAP, only the first CAP queries of each kind (OUT_DIR/ENGINE.queries.tsv).
run_engine() {
  local engine="$1" out="$2" corpus="$3" queries="$4" k="$5" cap="${6:-}" cmd=() status=0
  mkdir -p "$out" "$WORK/index"
  rm -f "$out/$engine.queries.tsv" "$out/$engine.failed"
  if [[ -n $cap ]]; then
    # The first N queries of each kind; report.py finds them beside the engine's results.
    awk -F'\t' -v n="$cap" '{ k = ($3 ~ /^"/) ? "phrase" : ($3 ~ / AND /) ? "and" : "or" }
      ++seen[k] <= n' "$queries" >"$out/$engine.queries.tsv"
    queries="$out/$engine.queries.tsv"
  fi
  local args=(--corpus "$corpus" --queries "$queries" --index "$WORK/index/$engine"
    --run "$out/$engine.trec" --k1 "$K1" --b "$B" --k "$k")
  case "$engine" in
    hexaglot) run_hexaglot "$out" "$corpus" "$queries" "$k"; return ;;
    xapian) cmd=("$WORK/bin/xapian_bench") ;;
    fts5) cmd=("$WORK/bin/fts5_bench") ;;
    lucene) cmd=(java "-Xmx$LUCENE_HEAP" -cp "$LUCENE_CP" LuceneBench) ;;
  esac
  note "$engine: $(basename "$corpus") ($(wc -l <"$queries") queries, top $k)"
  rm -f "$out/$engine.json"
  "${TIME[@]}" ${TIME:+-o "$out/$engine.time"} "${LIMIT[@]}" "${cmd[@]}" "${args[@]}" \
    >"$out/$engine.json.tmp" 2>"$out/$engine.log" || status=$?
  if [[ $status -ne 0 ]]; then
    failed "$engine" run $status "$out/$engine.log"
    tail -3 "$out/$engine.log" >&2
    return 1
  fi
  mv "$out/$engine.json.tmp" "$out/$engine.json"
  rm -rf "${WORK:?}/index/$engine"
}

# ---------------------------------------------------------------- physical limits
# measure_limits OUT_DIR CORPUS: the data of report.py's "Physical limits" lines, once per
# run, after the rounds (so that it never competes with a timed engine):
#   analyze.time/.out  `hexaglot analyze --summary` over the corpus text (one thread): the
#                      analysis alone, against the CPU time of `hexaglot index`. It holds
#                      every token of the text at once (161 MB at 50k paragraphs, about
#                      3.2 GB at 1M).
#   stats.json         `hexaglot stats --json` of the last round's index (postings count)
#   codec.json/.build  codec_bench's decoders and memcpy of the decoded integers, with the
#                      build type of that binary
measure_limits() {
  local out="$1" corpus="$2" status=0
  mkdir -p "$out"
  note "physical limits: analysis alone, index stats, codec_bench"
  "${REPORT[@]}" corpus-text "$corpus" |
    "${TIME[@]}" ${TIME:+-o "$out/analyze.time"} "${LIMIT[@]}" "$HEXAGLOT" analyze -l en \
      --summary --file - >"$out/analyze.out" 2>&1 || status=$?
  [[ $status -eq 0 ]] || failed hexaglot "analyze (limits)" $status "$out/analyze.out"
  "$HEXAGLOT" stats --json "$WORK/index/hexaglot" >"$out/stats.json" 2>"$out/stats.log" ||
    note "hexaglot stats failed (see $out/stats.log)"
  if [[ -z $CODEC_BENCH ]]; then
    for candidate in "$(dirname "$HEXAGLOT")/../bench/codec_bench" \
      "$REPO/build/release/bench/codec_bench" "$REPO/build/dev/bench/codec_bench"; do
      if [[ -x $candidate ]]; then CODEC_BENCH="$candidate"; break; fi
    done
  fi
  if [[ -z $CODEC_BENCH || ! -x $CODEC_BENCH ]]; then
    note "codec_bench not found (a build with -DHEXAGLOT_BUILD_BENCHMARKS=ON, or" \
      "--codec-bench PATH): no decoding line"
    return 0
  fi
  "${REPORT[@]}" build-type "$CODEC_BENCH" >"$out/codec.build"
  local filter='^BM_MemcpyDecoded$|^BM_DecodeDocIds/16$|^BM_DecodeFreqs$'
  "${LIMIT[@]}" "$CODEC_BENCH" --benchmark_filter="$filter" --benchmark_min_time=0.2 \
    --benchmark_repetitions=3 --benchmark_report_aggregates_only=true --benchmark_format=json \
    >"$out/codec.json" 2>"$out/codec.log" ||
    note "codec_bench failed (see $out/codec.log)"
}

# ---------------------------------------------------------------- main
if [[ $BUILD_HEXAGLOT -eq 1 ]] && wants hexaglot; then build_hexaglot; fi
IFS=, read -r -a REQUESTED <<<"$ENGINES"
for engine in "${REQUESTED[@]}"; do
  case "$engine" in
    hexaglot) if find_hexaglot; then AVAILABLE+=(hexaglot); fi ;;
    xapian) if build_xapian; then AVAILABLE+=(xapian); fi ;;
    fts5) if build_fts5; then AVAILABLE+=(fts5); fi ;;
    lucene) if build_lucene; then AVAILABLE+=(lucene); fi ;;
    *) echo "run.sh: unknown engine '$engine'" >&2; exit 2 ;;
  esac
done
note "engines: ${AVAILABLE[*]:-none}"
[[ ${#AVAILABLE[@]} -gt 0 ]] || { echo "run.sh: no engine available" >&2; exit 1; }

REPORT_FILE="$WORK/results.md"
{
  echo "# hexaglot engine comparison"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- command: \`$COMMAND_LINE\`"
  echo "- $("${REPORT[@]}" machine --line)"
  echo "- BM25 k1=$K1 b=$B (FTS5: fixed k1=1.2 b=0.75), top-10"
  echo "- engines: ${AVAILABLE[*]}"
  for reason in "${SKIPPED[@]}"; do echo "- $reason"; done
} >"$REPORT_FILE"

if [[ $DO_SPEED -eq 1 ]]; then
  if [[ -z "$CORPUS_GEN" ]]; then
    CORPUS_GEN="$REPO/build/dev/bench/corpus_gen"
    if [[ ! -x "$CORPUS_GEN" ]]; then
      note "building corpus_gen in $WORK/hexaglot-build"
      cmake -S "$REPO" -B "$WORK/hexaglot-build" -DHEXAGLOT_BUILD_TESTS=OFF \
        -DHEXAGLOT_BUILD_TOOLS=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
      cmake --build "$WORK/hexaglot-build" --target corpus_gen -j2 >/dev/null
      CORPUS_GEN="$WORK/hexaglot-build/bench/corpus_gen"
    fi
  fi
  DATA_DIR="$WORK/data"
  CORPUS="$DATA_DIR/corpus-$PARAGRAPHS-s$SEED.jsonl"
  QUERIES="$DATA_DIR/queries-$PARAGRAPHS-s$SEED-q$QUERIES_PER_KIND.tsv"
  mkdir -p "$DATA_DIR"
  if [[ ! -s "$CORPUS" || ! -s "$QUERIES" ]]; then
    "$CORPUS_GEN" --paragraphs="$PARAGRAPHS" --seed="$SEED" \
      --queries-per-kind="$QUERIES_PER_KIND" --corpus="$CORPUS" --queries="$QUERIES"
  fi
  SPEED_DIR="$WORK/speed-$PARAGRAPHS-s$SEED"
  rm -rf "$SPEED_DIR"
  mkdir -p "$SPEED_DIR"
  "${REPORT[@]}" machine >"$SPEED_DIR/machine.json"
  # Rounds: every engine once per round, the order rotated from round to round, so that a
  # noisy minute of the shared machine hits all engines rather than one; report.py takes
  # the median of every figure over the rounds and shows the spread.
  for ((round = 1; round <= REPEAT; round++)); do
    ROUND_DIR="$SPEED_DIR/round-$round"
    mkdir -p "$ROUND_DIR"
    count=${#AVAILABLE[@]}
    for ((i = 0; i < count; i++)); do
      engine=${AVAILABLE[$(((i + round - 1) % count))]}
      note "round $round of $REPEAT: $engine"
      start=$(date +%s.%N)
      if run_engine "$engine" "$ROUND_DIR" "$CORPUS" "$QUERIES" 10 "${CAP[$engine]:-}"; then
        awk "BEGIN { print $(date +%s.%N) - $start }" >"$ROUND_DIR/$engine.wall"
      fi
    done
  done
  if [[ $DO_LIMITS -eq 1 && " ${AVAILABLE[*]} " == *" hexaglot "* && \
    -s "$SPEED_DIR/round-$REPEAT/hexaglot.json" ]]; then
    measure_limits "$SPEED_DIR/limits" "$CORPUS"
  fi
  {
    echo
    echo "## Speed and size: $PARAGRAPHS generated paragraphs (seed $SEED)," \
      "$(wc -l <"$QUERIES") queries, $REPEAT round(s)"
    echo
    "${REPORT[@]}" table "$SPEED_DIR" --queries "$QUERIES"
  } >>"$REPORT_FILE"
fi

if [[ $DO_EVAL -eq 1 ]]; then
  EVAL_DIR="$WORK/eval"
  rm -f "$EVAL_DIR"/*/*.eval.json
  for collection in "${COLLECTIONS[@]}"; do
    if [[ ! -f "$DATA/$collection/qrels.tsv" ]]; then
      note "$collection: skipped: $DATA/$collection not found (--data DIR)"
      continue
    fi
    input="$EVAL_DIR/$collection/input"
    "${REPORT[@]}" prepare "$DATA/$collection" "$input"
    for engine in "${AVAILABLE[@]}"; do
      # Without `search --batch` hexaglot has no run to evaluate.
      [[ $engine == hexaglot && $HEXAGLOT_SEARCH -eq 0 ]] && continue
      out="$EVAL_DIR/$collection"
      rm -f "$out/$engine.eval.json"
      if run_engine "$engine" "$out" "$input/corpus.jsonl" "$input/queries.tsv" 1000; then
        "${REPORT[@]}" evaluate "$DATA/$collection/qrels.tsv" "$out/$engine.trec" \
          >"$out/$engine.eval.json"
        if [[ $engine == hexaglot ]]; then
          if "$HEXAGLOT" eval --help >/dev/null 2>&1; then
            note "hexaglot eval (cross-check): $("$HEXAGLOT" eval "$DATA/$collection/qrels.tsv" \
              "$out/hexaglot.trec" 2>&1 | tail -1)"
          else
            note "hexaglot eval: not yet available (the table's figures come from report.py)"
          fi
        fi
      fi
    done
  done
  {
    echo
    echo "## Effectiveness: BM25 k1=$K1 b=$B, top 1000 (MAP) / top 10 (nDCG@10)"
    echo
    "${REPORT[@]}" eval-table "$EVAL_DIR"
  } >>"$REPORT_FILE"
fi

echo
cat "$REPORT_FILE"
note "written to $REPORT_FILE"

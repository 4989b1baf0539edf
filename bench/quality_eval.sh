#!/usr/bin/env bash
# Per-language ranking quality: hexaglot (and any analysis variants of it) against Lucene
# 4.10, Xapian 1.4 and SQLite FTS5, each language's texts indexed alone, every engine with
# its own per-language default analysis and BM25 (k1 0.9, b 0.4; FTS5's bm25() has k1 1.2,
# b 0.75 compiled in; the fts5-k1b column is FTS5 ranked by the same formula with k1 and b
# as for the others). Prints one Markdown table of nDCG@10 (and MRR@10 for the known-item
# sets), the best figure of each row in bold, and writes it to WORK/quality.md.
# Documentation: bench/COMPARE.md, "Per-language quality".
#
#   bench/quality_eval.sh [--hexaglot PATH] [--engines hexaglot,lucene,xapian,fts5,fts5-k1b]
#                         [--variant NAME=INDEX_FLAGS]... [--hexaglot-index-flags FLAGS]
#                         [--hexaglot-search-flags FLAGS] [--data DIR] [--work DIR]
#                         [--collections unv1-dev,udhr,sdg,cranfield,cisi,cacm]
#                         [--langs ar,zh,en,fr,ru,es] [--k1 0.9] [--b 0.4] [--seed 1]
#                         [--timeout 900] [--lucene-heap 1g]
#
# Columns: `hexaglot` (`hexaglot index --lang L` plus --hexaglot-index-flags, default
# $HEXAGLOT_INDEX_FLAGS), one column per --variant NAME="flags" (the same with those extra
# index flags instead; NAME=hexaglot replaces the plain column), then the peers. Flags are
# split on blanks (no quoting). --hexaglot-search-flags (default $HEXAGLOT_SEARCH_FLAGS) go to
# every hexaglot column's `hexaglot search`.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/compare" && pwd)"
REPO="$(cd "$SCRIPT_DIR/../.." && pwd)"
REPORT=(python3 "$SCRIPT_DIR/report.py")

HEXAGLOT=""
ENGINES="hexaglot,lucene,xapian,fts5,fts5-k1b"
INDEX_FLAGS="${HEXAGLOT_INDEX_FLAGS:-}"
SEARCH_FLAGS="${HEXAGLOT_SEARCH_FLAGS:-}"
VARIANT_NAMES=()
VARIANT_FLAGS=()
DATA="$REPO/../shared/data"
WORK="$REPO/build/quality"
COLLECTIONS="unv1-dev,udhr,sdg,cranfield,cisi,cacm"
LANGS="ar,zh,en,fr,ru,es"
K1=0.9
B=0.4
SEED=1
TIMEOUT=900
LUCENE_HEAP=1g
HITS=1000  # Run depth: MAP needs more than the top 10.
COMMAND_LINE="bench/quality_eval.sh$(printf " %q" "$@")"

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit "${1:-0}"; }
note() { echo "quality_eval.sh: $*" >&2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --hexaglot) HEXAGLOT="$2"; shift 2 ;;
    --engines) ENGINES="$2"; shift 2 ;;
    --variant)
      if ! [[ $2 =~ ^([A-Za-z0-9_.+-]+)=(.*)$ ]]; then
        echo "quality_eval.sh: --variant takes NAME=\"INDEX FLAGS\" (NAME: letters, digits," \
          "_ . + -), not '$2'" >&2
        exit 2
      fi
      VARIANT_NAMES+=("${BASH_REMATCH[1]}"); VARIANT_FLAGS+=("${BASH_REMATCH[2]}"); shift 2 ;;
    --hexaglot-index-flags) INDEX_FLAGS="$2"; shift 2 ;;
    --hexaglot-search-flags) SEARCH_FLAGS="$2"; shift 2 ;;
    --data) DATA="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --collections) COLLECTIONS="$2"; shift 2 ;;
    --langs) LANGS="$2"; shift 2 ;;
    --k1) K1="$2"; shift 2 ;;
    --b) B="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --lucene-heap) LUCENE_HEAP="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "quality_eval.sh: unknown argument '$1'" >&2; usage 2 ;;
  esac
done

mkdir -p "$WORK/bin"
WORK="$(cd "$WORK" && pwd)"
DATA="$(cd "$DATA" && pwd)"
LIMIT=(timeout "$TIMEOUT")

# shellcheck source=bench/compare/peers.sh
source "$SCRIPT_DIR/peers.sh"

# ---------------------------------------------------------------- engines and columns
# COLUMNS: the table's columns in order; COLUMN_ENGINE[col] the engine that fills it;
# COLUMN_FLAGS[col] a hexaglot column's extra index flags.
COLUMNS=()
declare -A COLUMN_ENGINE=() COLUMN_FLAGS=()
IFS=, read -r -a REQUESTED <<<"$ENGINES"
for engine in "${REQUESTED[@]}"; do
  case "$engine" in
    hexaglot)
      find_hexaglot || continue
      if [[ $HEXAGLOT_SEARCH -eq 0 ]]; then
        skip "hexaglot: skipped ($HEXAGLOT has no 'search --batch')"
        continue
      fi
      COLUMNS+=(hexaglot); COLUMN_ENGINE[hexaglot]=hexaglot; COLUMN_FLAGS[hexaglot]="$INDEX_FLAGS"
      for i in "${!VARIANT_NAMES[@]}"; do
        name=${VARIANT_NAMES[$i]}
        [[ -n ${COLUMN_ENGINE[$name]:-} && $name != hexaglot ]] && {
          echo "quality_eval.sh: --variant $name given twice" >&2; exit 2; }
        [[ $name == hexaglot ]] || COLUMNS+=("$name")
        COLUMN_ENGINE[$name]=hexaglot; COLUMN_FLAGS[$name]="${VARIANT_FLAGS[$i]}"
      done ;;
    xapian) build_xapian && { COLUMNS+=(xapian); COLUMN_ENGINE[xapian]=xapian; } ;;
    fts5|fts5-k1b)
      [[ -x $WORK/bin/fts5_bench && -n ${FTS5_BUILT:-} ]] || { build_fts5 && FTS5_BUILT=1; } &&
        { COLUMNS+=("$engine"); COLUMN_ENGINE[$engine]=$engine; } ;;
    lucene) build_lucene && { COLUMNS+=(lucene); COLUMN_ENGINE[lucene]=lucene; } ;;
    *) echo "quality_eval.sh: unknown engine '$engine'" >&2; exit 2 ;;
  esac
done
[[ ${#COLUMNS[@]} -gt 0 ]] || { echo "quality_eval.sh: no engine available" >&2; exit 1; }
note "columns: ${COLUMNS[*]}"

# ---------------------------------------------------------------- the test sets
# WORK/sets/COLLECTION/LANG/{corpus.jsonl ({id, lang, text}), queries.tsv, qrels.tsv}.
SETS=()
IFS=, read -r -a WANT_LANGS <<<"$LANGS"
IFS=, read -r -a WANT_COLLECTIONS <<<"$COLLECTIONS"
for collection in "${WANT_COLLECTIONS[@]}"; do
  case "$collection" in
    unv1-dev)
      for lang in "${WANT_LANGS[@]}"; do
        if [[ ! -f $DATA/unv1-dev/beir/$lang/qrels.tsv ]]; then
          note "unv1-dev $lang: skipped: $DATA/unv1-dev/beir/$lang not found (--data DIR)"
          continue
        fi
        "${REPORT[@]}" prepare "$DATA/unv1-dev/beir/$lang" "$WORK/sets/unv1-dev/$lang" \
          --lang "$lang" 2>/dev/null
        SETS+=("unv1-dev/$lang")
      done ;;
    udhr|sdg)
      rm -rf "$WORK/sets/$collection"
      "${REPORT[@]}" knownitem "$collection" "$DATA" "$WORK/sets/$collection" --seed "$SEED"
      for lang in "${WANT_LANGS[@]}"; do SETS+=("$collection/$lang"); done ;;
    cranfield|cisi|cacm)
      if [[ ! -f $DATA/$collection/qrels.tsv ]]; then
        note "$collection: skipped: $DATA/$collection not found (--data DIR)"
        continue
      fi
      "${REPORT[@]}" prepare "$DATA/$collection" "$WORK/sets/$collection/en" 2>/dev/null
      SETS+=("$collection/en") ;;
    *) echo "quality_eval.sh: unknown collection '$collection'" >&2; exit 2 ;;
  esac
done

# ---------------------------------------------------------------- running one column
# run_column COLUMN SET: WORK/eval/SET/COLUMN.{trec,log,json,eval.json}; 1 when it failed.
run_column() {
  local column="$1" set="$2" lang="${2#*/}" engine="${COLUMN_ENGINE[$1]}"
  local in="$WORK/sets/$set" out="$WORK/eval/$set" index="$WORK/index/$1" status=0
  mkdir -p "$out" "$WORK/index"
  rm -rf "$index" "$out/$column".{trec,log,json,eval.json}
  case "$engine" in
    hexaglot)
      local index_flags=() search_flags=()
      read -r -a index_flags <<<"${COLUMN_FLAGS[$column]}"
      read -r -a search_flags <<<"$SEARCH_FLAGS"
      { "${LIMIT[@]}" "$HEXAGLOT" index -o "$index" --rebuild --lang "$lang" \
          ${index_flags[@]+"${index_flags[@]}"} --json "$in/corpus.jsonl" &&
        "${LIMIT[@]}" "$HEXAGLOT" search "$index" --batch "$in/queries.tsv" -k "$HITS" \
          --k1 "$K1" --b "$B" ${search_flags[@]+"${search_flags[@]}"} --run "$out/$column.trec"
      } >"$out/$column.log" 2>&1 || status=$?
      ;;
    *)
      local cmd=()
      case "$engine" in
        xapian) cmd=("$WORK/bin/xapian_bench") ;;
        fts5) cmd=("$WORK/bin/fts5_bench") ;;
        fts5-k1b) cmd=("$WORK/bin/fts5_bench" --bm25 params) ;;
        lucene) cmd=(java "-Xmx$LUCENE_HEAP" -cp "$LUCENE_CP" LuceneBench) ;;
      esac
      "${LIMIT[@]}" "${cmd[@]}" --corpus "$in/corpus.jsonl" --queries "$in/queries.tsv" \
        --index "$index" --run "$out/$column.trec" --k1 "$K1" --b "$B" --k "$HITS" \
        --lang "$lang" >"$out/$column.json" 2>"$out/$column.log" || status=$?
      ;;
  esac
  rm -rf "$index"
  if [[ $status -ne 0 ]]; then
    note "$column on $set failed (exit $status); see $out/$column.log"
    tail -3 "$out/$column.log" >&2
    return 1
  fi
  "${REPORT[@]}" evaluate "$in/qrels.tsv" "$out/$column.trec" >"$out/$column.eval.json"
}

rm -rf "$WORK/eval"
for set in "${SETS[@]}"; do
  note "$set: $(wc -l <"$WORK/sets/$set/corpus.jsonl") records," \
    "$(wc -l <"$WORK/sets/$set/queries.tsv") queries"
  for column in "${COLUMNS[@]}"; do run_column "$column" "$set" || true; done
done

# ---------------------------------------------------------------- the table
REPORT_FILE="$WORK/quality.md"
{
  echo "# Per-language ranking quality"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- command: \`$COMMAND_LINE\`"
  echo "- $("${REPORT[@]}" machine --line)"
  echo "- BM25 k1=$K1 b=$B for all but fts5 (bm25(): fixed k1=1.2 b=0.75); runs $HITS deep"
  for column in "${COLUMNS[@]}"; do
    case "${COLUMN_ENGINE[$column]}" in
      hexaglot)
        line="- $column: $("$HEXAGLOT" --version 2>/dev/null | head -1) ($HEXAGLOT),"
        line+=" \`index --lang L${COLUMN_FLAGS[$column]:+ ${COLUMN_FLAGS[$column]}}\`"
        echo "$line${SEARCH_FLAGS:+, \`search $SEARCH_FLAGS\`}" ;;
      lucene) echo "- lucene: 4.10.4, the language's analyzer (Arabic, CJK bigrams, English," \
        "French, Russian, Spanish), BM25Similarity" ;;
      xapian) echo "- xapian: $(pkg-config --modversion xapian-core), Snowball stemmer of the" \
        "language with STEM_SOME (zh: FLAG_CJK_NGRAM), BM25Weight(k1, 0, 1, b, 0.5), OR" ;;
      fts5) echo "- fts5: SQLite $(pkg-config --modversion sqlite3), tokenize='unicode61'" \
        "(no stemming, no stop words), bm25() (k1 1.2, b 0.75)" ;;
      fts5-k1b) echo "- fts5-k1b: the same index ranked by bm25k(): bm25()'s formula with" \
        "k1=$K1 b=$B" ;;
    esac
  done
  for reason in "${SKIPPED[@]}"; do echo "- $reason"; done
  echo
  "${REPORT[@]}" quality-table "$WORK/eval" --columns "$(IFS=,; echo "${COLUMNS[*]}")"
} >"$REPORT_FILE"
echo
cat "$REPORT_FILE"
note "written to $REPORT_FILE"

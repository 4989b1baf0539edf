#!/usr/bin/env bash
# Query language routing on one mixed six-language index (issue "Multilingual search that
# works by default"): the known-item queries of ../shared/data/unv1-dev run three ways,
# with their language given (--lang = the query's language), with `all`, and with `auto`
# (the default: routed by the index's evidence), and nDCG@10 and the count of queries
# without a result for each language and overall, as a Markdown table, with the mean
# latency of the given and auto batches (`hexaglot search --batch`'s timed pass).
#
#   bash bench/routing_eval.sh [BUILD_DIR] [DATA_DIR]
#
# BUILD_DIR (default build/release) holds tools/hexaglot; DATA_DIR defaults to
# ../shared/data/unv1-dev. BM25 k1 0.9, b 0.4 (the defaults).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
data=${2:-../shared/data/unv1-dev}
tool="$build/tools/hexaglot"
[[ -x "$tool" ]] || { echo "routing_eval: no $tool; build the tool first" >&2; exit 2; }
[[ -f "$data/corpus.jsonl" ]] || { echo "routing_eval: no $data/corpus.jsonl" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$tool" index -o "$work/index" "$data/corpus.jsonl" >/dev/null

# nDCG@10 and the empty count of one language's queries under one routing.
measure() {  # LANG MODE
  local lang=$1 mode=$2 batch="$work/batch.$1.$2.tsv"
  local column=$mode
  [[ $mode == given ]] && column=$lang
  awk -F'\t' -v OFS='\t' -v m="$column" '{ $2 = m; print }' "$data/batch.$lang.tsv" >"$batch"
  local summary ndcg
  summary=$("$tool" search "$work/index" --batch "$batch" -k 100 --run "$work/run.$lang.$mode" |
    tail -n 1)
  ndcg=$("$tool" eval "$data/beir/$lang/qrels.tsv" "$work/run.$lang.$mode" --json |
    sed -n 's/.*"ndcg@10":\([0-9.eE+-]*\).*/\1/p')
  local queries empty mean_ms
  queries=$(wc -l <"$batch")
  empty=$(sed -n 's/.*"empty":\([0-9]*\).*/\1/p' <<<"$summary")
  mean_ms=$(sed -n 's/.*"mean_ms":\([0-9.eE+-]*\).*/\1/p' <<<"$summary")
  echo "$ndcg $empty $queries $mean_ms"
}

echo "| language | given nDCG@10 | all nDCG@10 | auto nDCG@10 | auto - given | auto: no result | given mean ms | auto mean ms |"
echo "|---|---|---|---|---|---|---|---|"
declare -A sum_ndcg sum_empty
total_queries=0
for lang in ar zh en fr ru es; do
  row="| $lang"
  declare -A ndcg latency
  for mode in given all auto; do
    read -r n e q ms < <(measure "$lang" "$mode")
    latency[$mode]=$ms
    ndcg[$mode]=$n
    sum_ndcg[$mode]=$(awk -v a="${sum_ndcg[$mode]:-0}" -v n="$n" -v q="$q" 'BEGIN { print a + n * q }')
    sum_empty[$mode]=$(( ${sum_empty[$mode]:-0} + e ))
    [[ $mode == auto ]] && auto_empty=$e
    row+=" | $(printf '%.3f' "$n")"
  done
  total_queries=$(( total_queries + q ))
  row+=" | $(awk -v a="${ndcg[auto]}" -v g="${ndcg[given]}" 'BEGIN { printf "%+.3f", a - g }')"
  echo "$row | $auto_empty of $q | $(printf '%.3f' "${latency[given]}") | $(printf '%.3f' "${latency[auto]}") |"
done
row="| all $total_queries queries"
for mode in given all auto; do
  mean=$(awk -v s="${sum_ndcg[$mode]}" -v q="$total_queries" 'BEGIN { print s / q }')
  declare "mean_$mode=$mean"
  row+=" | $(printf '%.3f' "$mean")"
done
row+=" | $(awk -v a="$mean_auto" -v g="$mean_given" 'BEGIN { printf "%+.3f", a - g }')"
echo "$row | ${sum_empty[auto]} of $total_queries | | |"

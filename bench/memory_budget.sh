#!/usr/bin/env bash
# Peak resident memory of `hexaglot index` against its --memory-budget (issue 4: "within
# the budget plus a fixed overhead"), measured with /usr/bin/time -v on a corpus_gen corpus.
#
#   bench/memory_budget.sh [--paragraphs 200000] [--seed 1] [--budgets "64M 128M 256M"]
#                          [--threads 0] [--huge-record-mb 48] [--hexaglot PATH]
#                          [--corpus-gen PATH] [--work DIR]
#
# For each budget it builds a fresh index and prints: budget, peak RSS, overhead (peak -
# budget), indexing seconds, segments written. The first line is `hexaglot parse` alone on
# the same corpus: the memory of all parsed records at once, for reference. `index` does
# not hold them: it streams JSON Lines into the writer piece by piece
# (FileRecordSource, IndexWriter::Update(RecordSource&)), so its peak follows the budget
# plus a fixed overhead and the ids and hashes of the records (tens of bytes each).
# Last, one huge record (issue 16, 6): a one-line JSON Lines file of --huge-record-mb MB of
# the corpus's text (0: skipped), indexed with the first budget and one thread; its peak
# should stay within the budget plus the record's size plus the peak of a tiny input.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"
PARAGRAPHS=200000
SEED=1
BUDGETS="64M 128M 256M"
THREADS=0
HUGE_RECORD_MB=48
HEXAGLOT=""
CORPUS_GEN=""
WORK="$REPO/build/memory-budget"

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --paragraphs) PARAGRAPHS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --budgets) BUDGETS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --huge-record-mb) HUGE_RECORD_MB="$2"; shift 2 ;;
    --hexaglot) HEXAGLOT="$2"; shift 2 ;;
    --corpus-gen) CORPUS_GEN="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "memory_budget.sh: unknown argument '$1'" >&2; usage 2 ;;
  esac
done

find_program() {  # find_program NAME GIVEN CANDIDATE...
  local name="$1" given="$2" candidate
  shift 2
  if [[ -n "$given" ]]; then echo "$given"; return; fi
  for candidate in "$@"; do
    if [[ -x "$candidate" ]]; then echo "$candidate"; return; fi
  done
  echo "memory_budget.sh: no $name found; build it or pass --${name//_/-} PATH" >&2
  exit 1
}
HEXAGLOT="$(find_program hexaglot "$HEXAGLOT" "$REPO/build/release/tools/hexaglot" \
  "$REPO/build/dev/tools/hexaglot")"
if [[ ! -x /usr/bin/time ]]; then
  echo "memory_budget.sh: /usr/bin/time is required (package 'time')" >&2
  exit 1
fi

mkdir -p "$WORK"
CORPUS="$WORK/corpus-$PARAGRAPHS-s$SEED.jsonl"
if [[ ! -s "$CORPUS" ]]; then
  CORPUS_GEN="$(find_program corpus_gen "$CORPUS_GEN" "$REPO/build/release/bench/corpus_gen" \
    "$REPO/build/dev/bench/corpus_gen")"
  "$CORPUS_GEN" --paragraphs="$PARAGRAPHS" --seed="$SEED" --queries-per-kind=1 \
    --corpus="$CORPUS" --queries="$WORK/queries.tsv" >/dev/null
fi

peak_mib() {  # peak_mib TIME_FILE: "Maximum resident set size (kbytes)" in MiB
  awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"
}
to_mib() {  # to_mib 64M -> 64
  local size="${1^^}"
  size="${size%IB}"
  size="${size%B}"
  case "$size" in
    *K) echo $(( ${size%K} / 1024 )) ;;
    *M) echo "${size%M}" ;;
    *G) echo $(( ${size%G} * 1024 )) ;;
    *) echo $(( size / 1048576 )) ;;
  esac
}

echo "corpus: $CORPUS ($(wc -l <"$CORPUS") paragraphs, $(du -mL "$CORPUS" | cut -f1) MB)"
echo "hexaglot: $HEXAGLOT ($("$HEXAGLOT" --version)), threads: $THREADS (0: one per core)"
/usr/bin/time -v -o "$WORK/parse.time" "$HEXAGLOT" parse --json "$CORPUS" >/dev/null
echo "parse alone (all records at once, for reference): peak $(peak_mib "$WORK/parse.time") MiB"
echo
printf '%-8s %10s %14s %10s %9s\n' budget "peak MiB" "overhead MiB" seconds segments
for budget in $BUDGETS; do
  index="$WORK/index-$budget"
  rm -rf "$index"
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$WORK/index-$budget.time" "$HEXAGLOT" index --index "$index" \
    --memory-budget "$budget" --threads "$THREADS" --json "$CORPUS" >"$WORK/index-$budget.json"
  end=$(date +%s.%N)
  segments=$("$HEXAGLOT" stats --index "$index" --json |
    python3 -c 'import json, sys; print(len(json.load(sys.stdin)["segments"]))')
  peak=$(peak_mib "$WORK/index-$budget.time")
  printf '%-8s %10s %14s %10.1f %9s\n' "$budget" "$peak" "$(( peak - $(to_mib "$budget") ))" \
    "$(awk "BEGIN { print $end - $start }")" "$segments"
  rm -rf "$index"
done

if (( HUGE_RECORD_MB > 0 )); then
  huge="$WORK/huge-$HUGE_RECORD_MB.jsonl"
  tiny="$WORK/tiny.jsonl"
  budget="${BUDGETS%% *}"
  if [[ ! -s "$huge" ]]; then
    python3 - "$CORPUS" "$huge" "$HUGE_RECORD_MB" <<'EOF'
import json, sys
corpus, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts, size = [], 0
while size < mb * 1000000:
    with open(corpus, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("lang", "en") != "en":
                continue
            texts.append(record["text"])
            size += len(record["text"]) + 1
            if size >= mb * 1000000:
                break
with open(out, "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "huge", "lang": "en", "text": " ".join(texts)}) + "\n")
EOF
  fi
  echo '{"id": "tiny", "lang": "en", "text": "A tiny record about migrants."}' >"$tiny"
  for input in "$tiny" "$huge"; do
    rm -rf "$WORK/index-huge"
    /usr/bin/time -v -o "$WORK/huge.time" "$HEXAGLOT" index --index "$WORK/index-huge" \
      --memory-budget "$budget" --threads 1 --lang en "$input" >/dev/null
    if [[ "$input" == "$tiny" ]]; then baseline=$(peak_mib "$WORK/huge.time"); fi
  done
  peak=$(peak_mib "$WORK/huge.time")
  record_mib=$(( $(stat -c %s "$huge") / 1048576 ))
  bound=$(( $(to_mib "$budget") + record_mib + baseline ))
  echo
  echo "one huge record: $(stat -c %s "$huge") bytes on one line, budget $budget, 1 thread:" \
    "peak $peak MiB; expected at most budget + record + tiny input's peak =" \
    "$(to_mib "$budget") + $record_mib + $baseline = $bound MiB"
  rm -rf "$WORK/index-huge"
fi

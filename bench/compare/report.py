#!/usr/bin/env python3
"""The one place where the engine comparison computes and prints its figures (COMPARE.md).

Python 3 standard library only. Subcommands:
  prepare DIR OUT        BEIR collection DIR -> OUT/corpus.jsonl + OUT/queries.tsv
  evaluate QRELS RUN...  nDCG@10 and MAP of TREC runs against BEIR qrels.tsv, as JSON lines
  hexaglot-result ...    the result line of a hexaglot run, from its `search --batch` output
  table DIR              the comparison tables from DIR/<engine>.json, .time and .trec
  eval-table DIR         the nDCG@10 / MAP table from DIR/<collection>/<engine>.eval.json
"""

import argparse
import json
import math
import os
import re
import sys

KINDS = ("or", "and", "phrase")


# ---------------------------------------------------------------- metrics

def ndcg_at_k(ranked, judgments, k=10):
    """nDCG@k with linear gains (the relevance grade) and log2(rank + 1) discounts, as
    trec_eval's ndcg_cut; the ideal ranking sorts every judged grade > 0."""
    dcg = sum(judgments.get(doc, 0) / math.log2(rank + 2)
              for rank, doc in enumerate(ranked[:k]))
    ideal = sorted((g for g in judgments.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(rank + 2) for rank, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def average_precision(ranked, judgments):
    """AP over the whole ranked list: the mean, over all relevant (grade > 0) judged
    documents, of the precision at each one's rank (0 for those not retrieved)."""
    relevant = sum(1 for g in judgments.values() if g > 0)
    if relevant == 0:
        return 0.0
    hits = 0
    total = 0.0
    for rank, doc in enumerate(ranked, start=1):
        if judgments.get(doc, 0) > 0:
            hits += 1
            total += hits / rank
    return total / relevant


def read_qrels(path):
    """BEIR qrels.tsv (header "query-id corpus-id score") -> {qid: {doc: grade}}."""
    qrels = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            parts = line.split()
            if number == 1 and parts and parts[0] == "query-id":
                continue
            if not parts:
                continue
            if len(parts) != 3:
                raise ValueError(f"{path}:{number}: expected query-id corpus-id score")
            qrels.setdefault(parts[0], {})[parts[1]] = int(parts[2])
    return qrels


def read_run(path):
    """TREC run -> {qid: [doc, ...]} in rank order (the rank column)."""
    rows = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 6:
                raise ValueError(f"{path}:{number}: expected qid Q0 doc rank score tag")
            rows.setdefault(parts[0], []).append((int(parts[3]), parts[2]))
    return {qid: [doc for _, doc in sorted(hits)] for qid, hits in rows.items()}


def evaluate(qrels, run, k=10):
    """Mean nDCG@k and MAP over the queries with at least one relevant judgment; a query
    missing from the run scores 0."""
    judged = [qid for qid, j in qrels.items() if any(g > 0 for g in j.values())]
    if not judged:
        return {"queries": 0, "ndcg@10": 0.0, "map": 0.0}
    ndcg = sum(ndcg_at_k(run.get(q, []), qrels[q], k) for q in judged) / len(judged)
    ap = sum(average_precision(run.get(q, []), qrels[q]) for q in judged) / len(judged)
    return {"queries": len(judged), "ndcg@10": ndcg, "map": ap}


def top_overlap(run_a, run_b, qids, k=10):
    """Mean |A ∩ B| / max(|A|, |B|) of the top-k lists over qids where either has hits."""
    values = []
    for qid in qids:
        a, b = set(run_a.get(qid, [])[:k]), set(run_b.get(qid, [])[:k])
        if a or b:
            values.append(len(a & b) / max(len(a), len(b)))
    return sum(values) / len(values) if values else float("nan")


# ---------------------------------------------------------------- prepare

WORD = re.compile(r"[a-z0-9]+")


def query_terms(text):
    """Lower-case ASCII words, each once, in order: the query as an OR of its words, free
    of any engine's operator syntax."""
    seen = []
    for word in WORD.findall(text.lower()):
        if word not in seen:
            seen.append(word)
    return seen


def prepare(collection, out):
    os.makedirs(out, exist_ok=True)
    qrels = read_qrels(os.path.join(collection, "qrels.tsv"))
    with open(os.path.join(collection, "corpus.jsonl"), encoding="utf-8") as f, \
            open(os.path.join(out, "corpus.jsonl"), "w", encoding="utf-8") as w:
        for line in f:
            if not line.strip():
                continue
            doc = json.loads(line)
            title, text = doc.get("title", "").strip(), doc.get("text", "").strip()
            # Cranfield's text opens with its title: do not count the title twice.
            body = text if not title or text.startswith(title) else f"{title} {text}".strip()
            w.write(json.dumps({"id": doc["_id"], "lang": "en", "text": body},
                               ensure_ascii=False) + "\n")
    written = 0
    with open(os.path.join(collection, "queries.jsonl"), encoding="utf-8") as f, \
            open(os.path.join(out, "queries.tsv"), "w", encoding="utf-8") as w:
        for line in f:
            if not line.strip():
                continue
            query = json.loads(line)
            judged = any(g > 0 for g in qrels.get(query["_id"], {}).values())
            terms = query_terms(query["text"])
            if judged and terms:
                w.write(f"{query['_id']}\ten\t{' '.join(terms)}\n")
                written += 1
    print(f"prepare: {collection} -> {out}: {written} judged queries", file=sys.stderr)


# ---------------------------------------------------------------- hexaglot

def hexaglot_result(args):
    """The peers' result line for hexaglot: index figures measured by run.sh, latencies from
    the last line of `hexaglot search --batch` run once per query kind."""
    text_bytes = docs = 0
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                docs += 1
                text_bytes += len(json.loads(line)["text"].encode("utf-8"))
    kinds = {}
    for spec in args.kind:
        kind, path = spec.split(":", 1)
        with open(path, encoding="utf-8") as f:
            lines = [line for line in f if line.strip()]
        last = json.loads(lines[-1])
        kinds[kind] = {"queries": last["queries"], "mean_ms": last["mean_ms"],
                       "p50_ms": last["p50_ms"], "p99_ms": last["p99_ms"]}
    version = args.version.removeprefix("hexaglot").strip()
    print(json.dumps({"engine": "hexaglot", "version": version, "k1": args.k1, "b": args.b,
                      "docs": docs, "text_bytes": text_bytes,
                      "index_seconds": args.index_seconds, "index_bytes": args.index_bytes,
                      "kinds": kinds}))


# ---------------------------------------------------------------- tables

def peak_rss_mb(path):
    """The largest "Maximum resident set size" in `/usr/bin/time -v` output (one or more
    processes), in MB."""
    sizes = []
    try:
        with open(path, encoding="utf-8") as f:
            sizes = [int(line.rsplit(":", 1)[1]) for line in f
                     if "Maximum resident set size" in line]
    except OSError:
        pass
    return max(sizes) / 1024 if sizes else float("nan")


def fmt(value, digits=2):
    return "—" if value is None or value != value else f"{value:.{digits}f}"


def load_results(directory):
    results = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".json"):
            with open(os.path.join(directory, name), encoding="utf-8") as f:
                lines = [line for line in f if line.strip()]
            if lines:
                result = json.loads(lines[-1])
                result["_stem"] = os.path.join(directory, name[:-5])
                results.append(result)
    return results


def query_kinds(path):
    """{kind: [qid, ...]} of a query file, the kind taken from each query's shape."""
    kinds = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t", 2)
            if len(parts) == 3:
                q = parts[2]
                kind = "phrase" if q.startswith('"') else "and" if " AND " in q else "or"
                kinds.setdefault(kind, []).append(parts[0])
    return kinds


def table(args):
    results = load_results(args.dir)
    if not results:
        print(f"no results in {args.dir}")
        return
    by_engine = {r["engine"]: r for r in results}
    base = next((by_engine[e] for e in args.base.split(",") if e in by_engine), results[0])
    runs = {r["engine"]: read_run(r["_stem"] + ".trec") for r in results
            if os.path.exists(r["_stem"] + ".trec")}
    kinds = query_kinds(args.queries) if args.queries else {}

    out = []
    out.append("| engine | k1 | b | docs | index s | text MB/s | index MB | peak RSS MB | "
               + " | ".join(f"{k} mean / p50 / p99 ms" for k in KINDS)
               + f" | top-10 overlap with {base['engine']} (" + " / ".join(KINDS) + ")"
               + " | queries without results |")
    out.append("|---" * (10 + len(KINDS)) + "|")
    for r in results:
        mbps = r["text_bytes"] / 1e6 / r["index_seconds"] if r["index_seconds"] > 0 else None
        cells = [r["engine"] + " " + str(r.get("version", "")), str(r["k1"]), str(r["b"]),
                 str(r["docs"]), fmt(r["index_seconds"]), fmt(mbps, 1),
                 fmt(r["index_bytes"] / 1e6), fmt(peak_rss_mb(r["_stem"] + ".time"), 0)]
        for kind in KINDS:
            s = r["kinds"].get(kind)
            cells.append(f"{fmt(s['mean_ms'], 3)} / {fmt(s['p50_ms'], 3)} / {fmt(s['p99_ms'], 3)}"
                         if s else "—")
        if r["engine"] in runs and base["engine"] in runs and kinds:
            cells.append(" / ".join(fmt(top_overlap(runs[r["engine"]], runs[base["engine"]],
                                                    kinds.get(k, [])), 3) for k in KINDS))
        else:
            cells.append("—")
        cells.append(" / ".join(str(r["kinds"][k].get("empty", "—")) if k in r["kinds"]
                                else "—" for k in KINDS))
        out.append("| " + " | ".join(cells) + " |")

    out.append("")
    out.append(f"Ratios to {base['engine']} from the same run (>1 = slower / bigger):")
    out.append("")
    out.append("| engine | index s | index bytes | peak RSS | "
               + " | ".join(f"{k} mean" for k in KINDS) + " | "
               + " | ".join(f"{k} p50" for k in KINDS) + " |")
    out.append("|---" * (4 + 2 * len(KINDS)) + "|")
    base_rss = peak_rss_mb(base["_stem"] + ".time")
    for r in results:
        cells = [r["engine"], fmt(r["index_seconds"] / base["index_seconds"]),
                 fmt(r["index_bytes"] / base["index_bytes"]),
                 fmt(peak_rss_mb(r["_stem"] + ".time") / base_rss)]
        for stat in ("mean_ms", "p50_ms"):
            for kind in KINDS:
                a, b = r["kinds"].get(kind), base["kinds"].get(kind)
                cells.append(fmt(a[stat] / b[stat]) if a and b and b[stat] > 0 else "—")
        out.append("| " + " | ".join(cells) + " |")

    names = list(runs)
    if len(names) > 2 and kinds:
        out.append("")
        out.append("Top-10 overlap of every pair, |A ∩ B| / max(|A|, |B|), mean over queries:")
        out.append("")
        out.append("| engines | " + " | ".join(KINDS) + " |")
        out.append("|---" * (1 + len(KINDS)) + "|")
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                cells = [f"{a} / {b}"] + [fmt(top_overlap(runs[a], runs[b], kinds.get(k, [])), 3)
                                          for k in KINDS]
                out.append("| " + " | ".join(cells) + " |")
    print("\n".join(out))


def eval_table(args):
    rows = {}
    collections = sorted(d for d in os.listdir(args.dir)
                         if os.path.isdir(os.path.join(args.dir, d)))
    for collection in collections:
        for name in sorted(os.listdir(os.path.join(args.dir, collection))):
            if name.endswith(".eval.json"):
                with open(os.path.join(args.dir, collection, name), encoding="utf-8") as f:
                    rows.setdefault(name[:-len(".eval.json")], {})[collection] = json.load(f)
    if not rows:
        print(f"no evaluations in {args.dir}")
        return
    out = ["| engine | " + " | ".join(f"{c} nDCG@10 | {c} MAP" for c in collections) + " |",
           "|---" * (1 + 2 * len(collections)) + "|"]
    for engine, by_collection in rows.items():
        cells = [engine]
        for c in collections:
            e = by_collection.get(c)
            cells += [fmt(e["ndcg@10"], 4), fmt(e["map"], 4)] if e else ["—", "—"]
        out.append("| " + " | ".join(cells) + " |")
    counts = {c: next((r[c]["queries"] for r in rows.values() if c in r), 0)
              for c in collections}
    out.append("")
    out.append("Judged queries: " + ", ".join(f"{c} {n}" for c, n in counts.items()))
    print("\n".join(out))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("collection")
    p.add_argument("out")
    p = sub.add_parser("evaluate")
    p.add_argument("qrels")
    p.add_argument("runs", nargs="+")
    p = sub.add_parser("hexaglot-result")
    p.add_argument("--corpus", required=True)
    p.add_argument("--index-seconds", type=float, required=True)
    p.add_argument("--index-bytes", type=int, required=True)
    p.add_argument("--k1", type=float, required=True)
    p.add_argument("--b", type=float, required=True)
    p.add_argument("--version", default="")
    p.add_argument("--kind", action="append", default=[], help="KIND:FILE with search output")
    p = sub.add_parser("table")
    p.add_argument("dir")
    p.add_argument("--queries", help="the query file, for the top-10 overlap by kind")
    p.add_argument("--base", default="hexaglot,lucene,xapian,fts5",
                   help="engines to compare with, in order of preference: the first present")
    p = sub.add_parser("eval-table")
    p.add_argument("dir")
    args = parser.parse_args(argv)

    try:
        if args.command == "prepare":
            prepare(args.collection, args.out)
        elif args.command == "evaluate":
            qrels = read_qrels(args.qrels)
            for path in args.runs:
                print(json.dumps(dict(run=path, **evaluate(qrels, read_run(path)))))
        elif args.command == "hexaglot-result":
            hexaglot_result(args)
        elif args.command == "table":
            table(args)
        elif args.command == "eval-table":
            eval_table(args)
    except (OSError, ValueError, KeyError) as e:
        print(f"report.py: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""The one place where the engine comparison computes and prints its figures (COMPARE.md).

Python 3 standard library only. Subcommands:
  prepare DIR OUT        BEIR collection DIR -> OUT/corpus.jsonl + OUT/queries.tsv
  evaluate QRELS RUN...  nDCG@10 and MAP of TREC runs against BEIR qrels.tsv, as JSON lines
  hexaglot-result ...    the result line of a hexaglot run, from its `search --batch` output
  machine [--line]       the machine, the date and the load, as JSON (run.sh keeps it)
  build-type BINARY      the CMake build type of BINARY's build tree, from its CMakeCache.txt
  corpus-text CORPUS     the text fields of a JSON Lines corpus, blank-line separated
  table DIR              the comparison tables from DIR/round-*/<engine>.json, .time, .trec
                         (or DIR/<engine>.*: one round), DIR/machine.json, DIR/limits/
  eval-table DIR         the nDCG@10 / MAP table from DIR/<collection>/<engine>.eval.json
  knownitem SOURCE DATA OUT
                         seeded known-item sets of udhr or sdg, per language: OUT/<lang>/
                         corpus.jsonl, queries.tsv, qrels.tsv (bench/quality_eval.sh)
  quality-table DIR      the per-language quality table from
                         DIR/<collection>/<lang>/<column>.eval.json (bench/quality_eval.sh)
"""

import argparse
import json
import math
import os
import platform
import random
import re
import statistics
import sys
import time
import unicodedata

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


def reciprocal_rank(ranked, judgments, k=10):
    """1 / the rank of the first relevant (grade > 0) document in the top k, else 0."""
    for rank, doc in enumerate(ranked[:k], start=1):
        if judgments.get(doc, 0) > 0:
            return 1.0 / rank
    return 0.0


def evaluate(qrels, run, k=10):
    """Mean nDCG@k, MRR@k and MAP over the queries with at least one relevant judgment; a
    query missing from the run scores 0."""
    judged = [qid for qid, j in qrels.items() if any(g > 0 for g in j.values())]
    if not judged:
        return {"queries": 0, "ndcg@10": 0.0, "mrr@10": 0.0, "map": 0.0}
    ndcg = sum(ndcg_at_k(run.get(q, []), qrels[q], k) for q in judged) / len(judged)
    mrr = sum(reciprocal_rank(run.get(q, []), qrels[q], k) for q in judged) / len(judged)
    ap = sum(average_precision(run.get(q, []), qrels[q]) for q in judged) / len(judged)
    return {"queries": len(judged), "ndcg@10": ndcg, "mrr@10": mrr, "map": ap}


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


def prepare(collection, out, lang=None):
    """BEIR collection -> OUT/corpus.jsonl ({id, lang, text}), OUT/queries.tsv (judged
    queries) and OUT/qrels.tsv (a copy). Without lang: English, every query as its lower-case
    ASCII words (the English test collections). With lang: the records get that language
    and the queries stay as they are, blanks collapsed (the known-item sets, whose queries
    are already plain words)."""
    os.makedirs(out, exist_ok=True)
    qrels = read_qrels(os.path.join(collection, "qrels.tsv"))
    with open(os.path.join(collection, "qrels.tsv"), encoding="utf-8") as f, \
            open(os.path.join(out, "qrels.tsv"), "w", encoding="utf-8") as w:
        w.write(f.read())
    with open(os.path.join(collection, "corpus.jsonl"), encoding="utf-8") as f, \
            open(os.path.join(out, "corpus.jsonl"), "w", encoding="utf-8") as w:
        for line in f:
            if not line.strip():
                continue
            doc = json.loads(line)
            title, text = doc.get("title", "").strip(), doc.get("text", "").strip()
            # Cranfield's text opens with its title: do not count the title twice.
            body = text if not title or text.startswith(title) else f"{title} {text}".strip()
            w.write(json.dumps({"id": doc["_id"], "lang": lang or "en", "text": body},
                               ensure_ascii=False) + "\n")
    written = 0
    with open(os.path.join(collection, "queries.jsonl"), encoding="utf-8") as f, \
            open(os.path.join(out, "queries.tsv"), "w", encoding="utf-8") as w:
        for line in f:
            if not line.strip():
                continue
            query = json.loads(line)
            judged = any(g > 0 for g in qrels.get(query["_id"], {}).values())
            terms = query_terms(query["text"]) if lang is None else query["text"].split()
            if judged and terms:
                w.write(f"{query['_id']}\t{lang or 'en'}\t{' '.join(terms)}\n")
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
                       **({"empty": last["empty"]} if "empty" in last else {}),
                       "p50_ms": last["p50_ms"], "p99_ms": last["p99_ms"]}
    version = args.version.removeprefix("hexaglot").strip()
    result = {"engine": "hexaglot", "version": version}
    if args.binary:
        result["build"] = build_type(args.binary)
    print(json.dumps({**result, "k1": args.k1, "b": args.b,
                      "docs": docs, "text_bytes": text_bytes,
                      "index_seconds": args.index_seconds, "index_bytes": args.index_bytes,
                      "kinds": kinds}))


def build_type(binary):
    """The CMAKE_BUILD_TYPE of the build tree holding `binary` (the nearest CMakeCache.txt
    above it) and that type's compiler flags, e.g. "Release, -O3 -DNDEBUG"; "unknown"
    with the reason when there is no cache to read (an installed binary)."""
    directory = os.path.dirname(os.path.realpath(binary))
    while True:
        cache = os.path.join(directory, "CMakeCache.txt")
        if os.path.isfile(cache):
            entries = {}
            with open(cache, encoding="utf-8", errors="replace") as f:
                for line in f:
                    match = re.match(r"([A-Za-z_0-9]+):[A-Z]+=(.*)$", line.rstrip("\n"))
                    if match:
                        entries[match.group(1)] = match.group(2)
            kind = entries.get("CMAKE_BUILD_TYPE", "")
            if not kind:
                return f"unknown (no CMAKE_BUILD_TYPE in {cache})"
            flags = entries.get(f"CMAKE_CXX_FLAGS_{kind.upper()}", "").strip()
            return f"{kind}, {flags}" if flags else kind
        parent = os.path.dirname(directory)
        if parent == directory:
            return f"unknown (no CMakeCache.txt above {binary})"
        directory = parent


def corpus_text(path, out):
    """The paragraphs' text of a JSON Lines corpus, a blank line after each: what `hexaglot
    analyze` reads to time the analysis alone."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.write(json.loads(line)["text"])
                out.write("\n\n")


# ---------------------------------------------------------------- the machine

def machine_info():
    """CPU model, CPUs, memory, kernel, date and load average of this machine, now."""
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            model = next((line.split(":", 1)[1].strip() for line in f
                          if line.startswith("model name")), model)
    except OSError:
        pass
    memory = None
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            memory = next((int(line.split()[1]) * 1024 for line in f
                           if line.startswith("MemTotal:")), None)
    except OSError:
        pass
    try:
        online = len(os.sched_getaffinity(0))
    except AttributeError:
        online = os.cpu_count()
    return {"cpu": model, "cpus": os.cpu_count(), "cpus_usable": online,
            "memory_bytes": memory, "kernel": f"{platform.system()} {platform.release()}",
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}


def machine_line(info, when):
    memory = f"{info['memory_bytes'] / 2**30:.1f} GiB RAM" if info.get("memory_bytes") \
        else "memory unknown"
    usable = "" if info.get("cpus_usable") in (None, info.get("cpus")) \
        else f" ({info['cpus_usable']} usable)"
    load = "" if info.get("load_average") is None \
        else f", load average {info['load_average']:.2f}"
    return (f"Machine: {info['cpu']}, {info['cpus']} CPUs{usable}, {memory}, "
            f"{info['kernel']}; {when} {info['date']}{load}.")


# ---------------------------------------------------------------- tables

def time_blocks(path):
    """The processes of a `/usr/bin/time -v` file (one block per process, in order), each as
    {"user": s, "system": s, "rss_kb": kB}; [] when the file is missing."""
    blocks = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                key, _, value = line.strip().rpartition(":")
                if line.strip().startswith("Command being timed") or not blocks:
                    blocks.append({})
                if key == "User time (seconds)":
                    blocks[-1]["user"] = float(value)
                elif key == "System time (seconds)":
                    blocks[-1]["system"] = float(value)
                elif key == "Maximum resident set size (kbytes)":
                    blocks[-1]["rss_kb"] = int(value)
    except OSError:
        pass
    return [b for b in blocks if b]


def peak_rss_mb(path):
    """The largest "Maximum resident set size" in `/usr/bin/time -v` output (one or more
    processes), in MB."""
    sizes = [b["rss_kb"] for b in time_blocks(path) if "rss_kb" in b]
    return max(sizes) / 1024 if sizes else float("nan")


def cpu_seconds(path):
    """User + system seconds of the first process of a `/usr/bin/time -v` file."""
    blocks = time_blocks(path)
    if not blocks or "user" not in blocks[0]:
        return float("nan")
    return blocks[0]["user"] + blocks[0].get("system", 0.0)


def fmt(value, digits=2):
    return "—" if value is None or value != value else f"{value:.{digits}f}"


def none_dash(value):
    return "—" if value is None else str(value)


def duration(seconds):
    """Seconds as ms, or µs below a millisecond."""
    return f"{seconds * 1e3:.1f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:.0f} µs"


def median(values):
    values = [v for v in values if v is not None and v == v]
    return statistics.median(values) if values else float("nan")


def load_results(directory):
    results = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".json"):
            with open(os.path.join(directory, name), encoding="utf-8") as f:
                lines = [line for line in f if line.strip()]
            if lines:
                result = json.loads(lines[-1])
                if "engine" not in result:
                    continue
                result["_stem"] = os.path.join(directory, name[:-5])
                results.append(result)
    return results


def round_dirs(directory):
    """DIR/round-1, round-2, ... in order; DIR itself when it has no rounds (one run)."""
    rounds = [d for d in os.listdir(directory) if re.fullmatch(r"round-[0-9]+", d)
              and os.path.isdir(os.path.join(directory, d))]
    rounds.sort(key=lambda d: int(d.split("-")[1]))
    return [os.path.join(directory, d) for d in rounds] or [directory]


def failures(directories):
    """["ENGINE, round R: REASON", ...] from the ENGINE.failed files run.sh leaves."""
    found = []
    for number, directory in enumerate(directories, start=1):
        for name in sorted(os.listdir(directory)):
            if name.endswith(".failed"):
                with open(os.path.join(directory, name), encoding="utf-8") as f:
                    reason = f.read().strip()
                where = f", round {number}" if len(directories) > 1 else ""
                found.append(f"{name[:-len('.failed')]}{where}: {reason}")
    return found


def read_wall(stem):
    try:
        with open(stem + ".wall", encoding="utf-8") as f:
            return float(f.read().strip())
    except (OSError, ValueError):
        return float("nan")


def summarise(results):
    """One engine's result lines over the rounds (first round first) -> one line with the
    median of every figure; "_rounds" keeps the lines, "_stem" the first round's files."""
    first = results[0]
    line = {key: first[key] for key in ("engine", "version", "build", "k1", "b", "docs",
                                        "text_bytes", "_stem") if key in first}
    line["_rounds"] = results
    line["index_seconds"] = median(r["index_seconds"] for r in results)
    line["index_bytes"] = median(r["index_bytes"] for r in results)
    line["peak_rss_mb"] = median(peak_rss_mb(r["_stem"] + ".time") for r in results)
    line["wall_seconds"] = median(read_wall(r["_stem"]) for r in results)
    line["kinds"] = {}
    for kind, first_kind in first.get("kinds", {}).items():
        figures = [r["kinds"][kind] for r in results if kind in r.get("kinds", {})]
        line["kinds"][kind] = {"queries": first_kind.get("queries"),
                               "empty": first_kind.get("empty")}
        for stat in ("mean_ms", "p50_ms", "p99_ms"):
            line["kinds"][kind][stat] = median(f[stat] for f in figures)
    return line


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


def engine_kinds(result, all_kinds):
    """The queries an engine ran, {kind: [qid, ...]}, and whether they were capped: its
    capped query file (run.sh --query-cap) if there is one, else all of them."""
    path = result["_stem"] + ".queries.tsv"
    return (query_kinds(path), True) if os.path.exists(path) else (all_kinds, False)


def shared_overlap(a, b, kind):
    """Top-10 overlap of two summarised engines over the queries of `kind` both ran."""
    theirs = set(b["_qids"].get(kind, []))
    qids = [q for q in a["_qids"].get(kind, []) if q in theirs]
    return top_overlap(a["_run"], b["_run"], qids)


def ranking_changes(results):
    """For each round after the first: the number of queries whose ranked list differs from
    the first round's, or None where a round has no run file."""
    paths = [r["_stem"] + ".trec" for r in results]
    if not all(os.path.exists(p) for p in paths):
        return None
    first = read_run(paths[0])
    changes = []
    for path in paths[1:]:
        run = read_run(path)
        changes.append(sum(1 for q in set(first) | set(run) if first.get(q) != run.get(q)))
    return changes


def spread(values):
    """"min–max (x%)" of a figure over the rounds, x the range relative to the median."""
    values = [v for v in values if v is not None and v == v]
    if not values:
        return "—"
    lo, hi, mid = min(values), max(values), statistics.median(values)
    digits = 3 if hi < 10 else 2
    relative = f" ({(hi - lo) / mid * 100:.0f}%)" if mid > 0 and len(values) > 1 else ""
    return f"{lo:.{digits}f}–{hi:.{digits}f}{relative}"


def table(args):
    rounds = round_dirs(args.dir)
    by_engine = {}
    for directory in rounds:
        for result in load_results(directory):
            by_engine.setdefault(result["engine"], []).append(result)
    failed = [f"**{line}**" for line in failures(rounds)]
    if not by_engine:
        print("\n".join([f"no results in {args.dir}"] + failed))
        return
    results = [summarise(by_engine[e]) for e in sorted(by_engine)]
    named = {r["engine"]: r for r in results}
    base = next((named[e] for e in args.base.split(",") if e in named), results[0])
    all_kinds = query_kinds(args.queries) if args.queries else {}
    for r in results:
        r["_qids"], r["_capped"] = engine_kinds(r, all_kinds) if all_kinds else ({}, False)
        r["_run"] = read_run(r["_stem"] + ".trec") if os.path.exists(r["_stem"] + ".trec") \
            else None
        r["_comparable"] = r["_run"] is not None and bool(r["_qids"])
    with_runs = [r for r in results if r["_comparable"]]

    out = []
    machine_path = os.path.join(args.dir, "machine.json")
    if os.path.exists(machine_path):
        with open(machine_path, encoding="utf-8") as f:
            out.append(machine_line(json.load(f), "run started"))
    else:
        out.append(machine_line(machine_info(), "read when the report was made,"))
    if len(rounds) > 1:
        out.append(f"Rounds: {len(rounds)} (every figure below is the median over the "
                   "rounds; top-10 overlap from the first round).")
    else:
        out.append("Rounds: 1 (one measurement per figure: run.sh --repeat N gives medians "
                   "and their spread).")
    out.append("")
    out.append("| engine | k1 | b | docs | index s | text MB/s | index MB | peak RSS MB | "
               + " | ".join(f"{k} mean / p50 / p99 ms" for k in KINDS)
               + f" | top-10 overlap with {base['engine']} (" + " / ".join(KINDS) + ")"
               + " | queries (without results) |")
    out.append("|---" * (10 + len(KINDS)) + "|")
    for r in results:
        mbps = r["text_bytes"] / 1e6 / r["index_seconds"] if r["index_seconds"] > 0 else None
        name = f"{r['engine']} {r.get('version', '')}".strip()
        if "build" in r:
            name += f" ({r['build']})"
        cells = [name, str(r["k1"]), str(r["b"]), str(r["docs"]), fmt(r["index_seconds"]),
                 fmt(mbps, 1), fmt(r["index_bytes"] / 1e6), fmt(r["peak_rss_mb"], 0)]
        for kind in KINDS:
            s = r["kinds"].get(kind)
            cells.append(f"{fmt(s['mean_ms'], 3)} / {fmt(s['p50_ms'], 3)} / {fmt(s['p99_ms'], 3)}"
                         if s else "—")
        if r["_comparable"] and base["_comparable"]:
            cells.append(" / ".join(fmt(shared_overlap(r, base, k), 3) for k in KINDS))
        else:
            cells.append("—")
        cells.append(" / ".join(f"{none_dash(r['kinds'][k].get('queries'))} "
                                f"({none_dash(r['kinds'][k].get('empty'))})"
                                if k in r["kinds"] else "—" for k in KINDS))
        out.append("| " + " | ".join(cells) + " |")

    out.append("")
    out.append(f"Ratios to {base['engine']} from the medians of the same run "
               "(>1 = slower / bigger):")
    out.append("")
    out.append("| engine | index s | index bytes | peak RSS | "
               + " | ".join(f"{k} mean" for k in KINDS) + " | "
               + " | ".join(f"{k} p50" for k in KINDS) + " |")
    out.append("|---" * (4 + 2 * len(KINDS)) + "|")
    for r in results:
        cells = [r["engine"], fmt(r["index_seconds"] / base["index_seconds"]),
                 fmt(r["index_bytes"] / base["index_bytes"]),
                 fmt(r["peak_rss_mb"] / base["peak_rss_mb"])]
        for stat in ("mean_ms", "p50_ms"):
            for kind in KINDS:
                a, b = r["kinds"].get(kind), base["kinds"].get(kind)
                cells.append(fmt(a[stat] / b[stat]) if a and b and b[stat] > 0 else "—")
        out.append("| " + " | ".join(cells) + " |")

    if failed:
        out.append("")
        out.append("Failed or timed out (left out of those rounds):")
        out.append("")
        out.extend(f"- {line}" for line in failed)
    if len(rounds) > 1:
        out.extend(spread_lines(results, len(rounds)))
    for r in (r for r in results if r["_capped"]):
        out.append("")
        out.append(f"{r['engine']} ran the first "
                   + " / ".join(str(len(r["_qids"].get(k, []))) for k in KINDS)
                   + " queries per kind (--query-cap); its overlaps use those queries only.")

    if len(with_runs) > 2:
        out.append("")
        out.append("Top-10 overlap of every pair (first round), |A ∩ B| / max(|A|, |B|), "
                   "mean over the queries both ran:")
        out.append("")
        out.append("| engines | " + " | ".join(KINDS) + " |")
        out.append("|---" * (1 + len(KINDS)) + "|")
        for i, a in enumerate(with_runs):
            for b in with_runs[i + 1:]:
                cells = [f"{a['engine']} / {b['engine']}"] + [
                    fmt(shared_overlap(a, b, k), 3) for k in KINDS]
                out.append("| " + " | ".join(cells) + " |")

    if "hexaglot" in named:
        out.append("")
        out.extend(limits_lines(args.dir, named["hexaglot"]))
    print("\n".join(out))


def spread_lines(results, rounds):
    """The min–max of the main figures over the rounds, and whether each engine ranked
    every query the same way in every round."""
    out = ["", "Spread over the rounds, min–max (range / median): the noise behind the "
           "medians; wall s is the engine's whole step per round (start-up, indexing, "
           "warm-up and timed queries):", ""]
    out.append("| engine | rounds | index s | " + " | ".join(f"{k} mean ms" for k in KINDS)
               + " | wall s per round |")
    out.append("|---" * (4 + len(KINDS)) + "|")
    for r in results:
        runs = r["_rounds"]
        cells = [r["engine"], str(len(runs)), spread(x["index_seconds"] for x in runs)]
        for kind in KINDS:
            cells.append(spread(x["kinds"][kind]["mean_ms"] for x in runs
                                if kind in x.get("kinds", {})))
        cells.append(spread(read_wall(x["_stem"]) for x in runs))
        out.append("| " + " | ".join(cells) + " |")
    same, notes = [], []
    for r in results:
        if len(r["_rounds"]) < rounds:
            notes.append(f"{r['engine']} has results from {len(r['_rounds'])} of {rounds} "
                         "rounds only (see the logs of the others)")
        changes = ranking_changes(r["_rounds"])
        if changes is None:
            continue
        if any(changes):
            notes.append(f"{r['engine']}: rankings differ from its first round's in "
                         + ", ".join(f"{n} queries (its round {i + 2})"
                                     for i, n in enumerate(changes)))
        else:
            same.append(r["engine"])
    out.append("")
    if same:
        out.append("Rankings identical in every round (all queries, every rank): "
                   + ", ".join(same) + ".")
    for note in notes:
        out.append(f"**{note}.**")
    return out


def index_phases(stem):
    """The parse / update / commit seconds of `hexaglot index --json` in STEM.log."""
    try:
        with open(stem + ".log", encoding="utf-8") as f:
            for line in f:
                if line.startswith("{") and "parse_seconds" in line:
                    return json.loads(line)
    except (OSError, ValueError):
        pass
    return None


def codec_rates(path):
    """{benchmark: integers per second} from codec_bench's JSON, medians when repeated."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    rates = {}
    for b in data.get("benchmarks", []):
        name = b.get("run_name", b["name"])
        if b.get("aggregate_name", "median") == "median" and "items_per_second" in b:
            rates[name] = b["items_per_second"]
    return rates


def limits_lines(directory, hexaglot):
    """What bounds hexaglot's figures, from the data the run kept: the phases of `hexaglot
    index --json`, the CPU time of `hexaglot analyze` over the same text, and codec_bench's
    decoders against memcpy of the decoded integers (DIR/limits/, written by run.sh)."""
    out = ["Physical limits (hexaglot):", ""]
    rounds = hexaglot["_rounds"]
    phases = [p for p in (index_phases(r["_stem"]) for r in rounds) if p]
    if phases:
        wall = median(p["seconds"] for p in phases)
        parts = []
        for key, label in (("parse_seconds", "parse (read + JSON Lines)"),
                           ("update_seconds", "update (analysis + inversion, all threads)"),
                           ("commit_seconds", "commit")):
            value = median(p[key] for p in phases)
            parts.append(f"{label} {value:.2f} s ({value / wall * 100:.0f}%)")
        out.append(f"- indexing, as `hexaglot index --json` splits its {wall:.2f} s "
                   f"(median of {len(phases)}): " + ", ".join(parts) + "; the rest is "
                   "opening the new index.")
    limits = os.path.join(directory, "limits")
    index_cpu = median(cpu_seconds(r["_stem"] + ".time") for r in rounds)
    analyze_cpu = cpu_seconds(os.path.join(limits, "analyze.time"))
    if analyze_cpu == analyze_cpu and index_cpu == index_cpu and index_cpu > 0:
        tokens = ""
        try:
            with open(os.path.join(limits, "analyze.out"), encoding="utf-8") as f:
                counts = dict(line.split(":", 1) for line in f if ":" in line)
            tokens = f", {int(counts['tokens']):,} tokens"
        except (OSError, KeyError, ValueError):
            pass
        out.append(f"- tokenizer's share: `hexaglot analyze --summary` (segmentation, stop "
                   f"words, stemming; one thread) over the same text takes {analyze_cpu:.2f} s "
                   f"of CPU ({hexaglot['text_bytes'] / 1e6 / analyze_cpu:.1f} MB/s{tokens}), "
                   f"**{analyze_cpu / index_cpu * 100:.0f}%** of the {index_cpu:.2f} s of CPU "
                   "(user + system, all threads, median) that `hexaglot index` used.")
    codec_path = os.path.join(limits, "codec.json")
    if os.path.exists(codec_path):
        try:
            rates = codec_rates(codec_path)
        except (OSError, ValueError, KeyError):
            rates = {}
        copy = rates.get("BM_MemcpyDecoded")
        docs, freqs = rates.get("BM_DecodeDocIds/16"), rates.get("BM_DecodeFreqs")
        build = ""
        try:
            with open(os.path.join(limits, "codec.build"), encoding="utf-8") as f:
                build = f": {f.read().strip()}"
        except OSError:
            pass
        if copy and docs and freqs:
            out.append(f"- postings decoding (codec_bench{build}; L2-resident blocks): doc ids "
                       f"{docs / 1e9:.2f} G integers/s, frequencies {freqs / 1e9:.2f} G/s, "
                       f"against memcpy of the same decoded integers {copy / 1e9:.2f} G/s "
                       f"({copy * 4 / 1e9:.1f} GB/s): decoding at "
                       f"**{docs / copy * 100:.0f}% / {freqs / copy * 100:.0f}%** of the copy "
                       "bound.")
            try:
                with open(os.path.join(limits, "stats.json"), encoding="utf-8") as f:
                    stats = json.load(f)
                postings = stats["postings"]
                decode = postings / docs + postings / freqs
                out.append(f"- for scale: all {postings:,} postings of the index decoded once "
                           f"(doc id + frequency) take {duration(decode)} at those rates, "
                           f"{duration(2 * postings / copy)} to memcpy the "
                           f"{8 * postings / 1e6:.1f} MB they "
                           "decode to; a query decodes only its terms' blocks, and the tool "
                           "does not report how many, so there is no per-query bound here.")
            except (OSError, KeyError, ValueError):
                pass
        else:
            out.append(f"- postings decoding: no figures in {codec_path} (see codec.log "
                       "beside it).")
    elif os.path.isdir(limits):
        out.append("- postings decoding: not measured (no codec_bench: a build with "
                   "-DHEXAGLOT_BUILD_BENCHMARKS=ON, or run.sh --codec-bench PATH).")
    if os.path.isdir(limits):
        out.extend(f"- **{line}**" for line in failures([limits]))
    if len(out) == 2:
        out.append("- not measured in this run (run.sh --no-limits, or no data kept).")
    return out


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


# ---------------------------------------------------------------- known-item sets

LANGS = ("ar", "zh", "en", "fr", "ru", "es")
# Arabic harakat (fathatan .. sukun, and the rest of U+064B-U+065F), superscript alef and
# tatweel: nobody types them, and they would split words.
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
ARABIC_ALEFS = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627"})
LETTERS = re.compile(r"[^\W\d_]+")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def knownitem_normalise(word, lang):
    """A query word as people type it: lower case; Arabic alef without hamza (أ إ آ → ا),
    Russian ё as е."""
    word = word.lower()
    if lang == "ar":
        word = word.translate(ARABIC_ALEFS)
    elif lang == "ru":
        word = word.replace("ё", "е")
    return word


def knownitem_units(text, lang):
    """The distinct units a query is drawn from, in text order: words of 4+ letters
    (normalised), or for zh every span of 2-4 characters of a run of Han characters."""
    units = []
    text = unicodedata.normalize("NFC", text)
    if lang == "zh":
        for run in HAN.findall(text):
            for n in (2, 3, 4):
                units += [run[i:i + n] for i in range(len(run) - n + 1)]
    else:
        if lang == "ar":
            text = ARABIC_MARKS.sub("", text)
        units = [knownitem_normalise(w, lang) for w in LETTERS.findall(text) if len(w) >= 4]
    return list(dict.fromkeys(units))


def weighted_draw(rng, units, weights, count, compatible=lambda a, b: True):
    """count distinct units drawn without replacement with probability proportional to
    weights (> 0), each compatible with those drawn before; fewer when they run out."""
    pool = [(u, w) for u, w in zip(units, weights) if w > 0]
    drawn = []
    while pool and len(drawn) < count:
        r = rng.random() * sum(w for _, w in pool)
        for i, (unit, weight) in enumerate(pool):
            r -= weight
            if r < 0 or i == len(pool) - 1:
                break
        drawn.append(unit)
        pool = [(u, w) for u, w in pool if u != unit and compatible(u, unit)]
    return drawn


def knownitem_records(source, data, lang):
    """(id, text) of one language's records: udhr paragraph records, sdg targets and
    indicators, in file order."""
    if source == "udhr":
        path, keep = os.path.join(data, "udhr", "udhr_paragraphs.jsonl"), lambda r: True
    elif source == "sdg":
        path = os.path.join(data, "sdg", "sdg_texts.jsonl")
        keep = lambda r: r.get("kind") in ("target", "indicator")  # noqa: E731
    else:
        raise ValueError(f"knownitem: unknown source {source!r} (udhr or sdg)")
    records = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                if r.get("lang") == lang and keep(r) and r.get("text", "").strip():
                    records.append((r["id"], r["text"].strip()))
    return records


def knownitem_set(records, lang, seed=1, limit=400):
    """The known-item queries of one language's records (the model of unv1-dev's SOURCE.md):
    one query per record for up to `limit` records drawn at random (seeded), each 3 words of
    4+ letters of the record (zh: 2 spans of 2-4 Han characters, neither inside the other),
    drawn with probability proportional to their idf log(N / df) among the records; records
    with too few such units (or none that any other record lacks) get none. Returns
    [(qid, query, [relevant ids])]: the relevant records are the record and every record
    with the identical text."""
    units = [knownitem_units(text, lang) for _, text in records]
    df = {}
    for us in units:
        for u in us:
            df[u] = df.get(u, 0) + 1
    n = len(records)
    want = 2 if lang == "zh" else 3
    compatible = (lambda a, b: a not in b and b not in a) if lang == "zh" else (lambda a, b: True)
    rng = random.Random(f"knownitem-{lang}-{seed}")
    eligible = [i for i, us in enumerate(units)
                if len(us) >= want and sum(1 for u in us if df[u] < n) >= want]
    chosen = sorted(rng.sample(eligible, min(limit, len(eligible))))
    by_text = {}
    for doc_id, text in records:
        by_text.setdefault(text, []).append(doc_id)
    out = []
    for i in chosen:
        us = units[i]
        words = weighted_draw(rng, us, [math.log(n / df[u]) for u in us], want, compatible)
        if len(words) < want:
            continue
        doc_id, text = records[i]
        out.append((f"q-{doc_id}", " ".join(words), by_text[text]))
    return out


def knownitem(source, data, out, seed=1, limit=400, langs=LANGS):
    """OUT/<lang>/{corpus.jsonl, queries.tsv, qrels.tsv} for every language of SOURCE."""
    for lang in langs:
        records = knownitem_records(source, data, lang)
        items = knownitem_set(records, lang, seed, limit)
        directory = os.path.join(out, lang)
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "corpus.jsonl"), "w", encoding="utf-8") as f:
            for doc_id, text in records:
                f.write(json.dumps({"id": doc_id, "lang": lang, "text": text},
                                   ensure_ascii=False) + "\n")
        with open(os.path.join(directory, "queries.tsv"), "w", encoding="utf-8") as q, \
                open(os.path.join(directory, "qrels.tsv"), "w", encoding="utf-8") as r:
            r.write("query-id\tcorpus-id\tscore\n")
            for qid, query, relevant in items:
                q.write(f"{qid}\t{lang}\t{query}\n")
                for doc_id in relevant:
                    r.write(f"{qid}\t{doc_id}\t1\n")
        print(f"knownitem: {source} {lang}: {len(records)} records, {len(items)} queries",
              file=sys.stderr)


# ---------------------------------------------------------------- the quality table

QUALITY_ROWS = ([("unv1-dev", lang) for lang in LANGS] + [("udhr", lang) for lang in LANGS]
                + [("sdg", lang) for lang in LANGS]
                + [("cranfield", "en"), ("cisi", "en"), ("cacm", "en")])
KNOWN_ITEM = ("unv1-dev", "udhr", "sdg")


def quality_table(directory, columns, metrics=("ndcg@10", "mrr@10")):
    """Markdown: one table per metric, a row per collection x language found under
    DIRECTORY/<collection>/<lang>/<column>.eval.json, a column per engine or variant, the
    best figure of each row (to 3 decimals) in bold; MRR@10 for the known-item sets only."""
    found = {}
    for collection, lang in QUALITY_ROWS:
        for column in columns:
            path = os.path.join(directory, collection, lang, f"{column}.eval.json")
            if os.path.exists(path):
                with open(path, encoding="utf-8") as f:
                    found.setdefault((collection, lang), {})[column] = json.loads(
                        f.readline())
    if not found:
        return f"no evaluations in {directory}"
    out = []
    for metric in metrics:
        rows = [key for key in QUALITY_ROWS if key in found
                and (metric != "mrr@10" or key[0] in KNOWN_ITEM)]
        if not rows:
            continue
        if out:
            out.append("")
        label = metric.replace("ndcg", "nDCG").replace("mrr", "MRR")
        out.append(f"{label}:" if metric == metrics[0] else f"{label} (known-item sets):")
        out.append("")
        out.append("| collection | lang | queries | " + " | ".join(columns) + " |")
        out.append("|---|---|---:|" + "---:|" * len(columns))
        for key in rows:
            cells = found[key]
            values = {c: round(cells[c][metric], 3) for c in columns
                      if c in cells and metric in cells[c]}
            best = max(values.values()) if values else None
            queries = next(iter(cells.values()))["queries"]
            row = [key[0], key[1], str(queries)]
            for c in columns:
                if c not in values:
                    row.append("—")
                elif values[c] == best and len(values) > 1:
                    row.append(f"**{values[c]:.3f}**")
                else:
                    row.append(f"{values[c]:.3f}")
            out.append("| " + " | ".join(row) + " |")
    return "\n".join(out)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("collection")
    p.add_argument("out")
    p.add_argument("--lang", help="the records' language; queries kept as they are")
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
    p.add_argument("--binary", help="the tool that ran: its build type goes in the line")
    p.add_argument("--kind", action="append", default=[], help="KIND:FILE with search output")
    p = sub.add_parser("machine")
    p.add_argument("--line", action="store_true", help="one line of text, not JSON")
    p = sub.add_parser("build-type")
    p.add_argument("binary")
    p = sub.add_parser("corpus-text")
    p.add_argument("corpus")
    p = sub.add_parser("table")
    p.add_argument("dir")
    p.add_argument("--queries", help="the query file, for the top-10 overlap by kind")
    p.add_argument("--base", default="hexaglot,lucene,xapian,fts5",
                   help="engines to compare with, in order of preference: the first present")
    p = sub.add_parser("eval-table")
    p.add_argument("dir")
    p = sub.add_parser("knownitem")
    p.add_argument("source", choices=("udhr", "sdg"))
    p.add_argument("data", help="the shared data folder (../shared/data)")
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--queries", type=int, default=400, help="at most this many per language")
    p = sub.add_parser("quality-table")
    p.add_argument("dir")
    p.add_argument("--columns", required=True, help="engines and variants, comma-separated")
    args = parser.parse_args(argv)

    try:
        if args.command == "prepare":
            prepare(args.collection, args.out, args.lang)
        elif args.command == "evaluate":
            qrels = read_qrels(args.qrels)
            for path in args.runs:
                print(json.dumps(dict(run=path, **evaluate(qrels, read_run(path)))))
        elif args.command == "hexaglot-result":
            hexaglot_result(args)
        elif args.command == "machine":
            info = machine_info()
            print(machine_line(info, "date") if args.line else json.dumps(info))
        elif args.command == "corpus-text":
            corpus_text(args.corpus, sys.stdout)
        elif args.command == "build-type":
            print(build_type(args.binary))
        elif args.command == "table":
            table(args)
        elif args.command == "eval-table":
            eval_table(args)
        elif args.command == "knownitem":
            knownitem(args.source, args.data, args.out, args.seed, args.queries)
        elif args.command == "quality-table":
            print(quality_table(args.dir, args.columns.split(",")))
    except (OSError, ValueError, KeyError) as e:
        print(f"report.py: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

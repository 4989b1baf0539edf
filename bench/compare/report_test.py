#!/usr/bin/env python3
"""Tests of report.py's metrics on examples computed by hand (python3 report_test.py)."""

import contextlib
import io
import json
import math
import os
import tempfile
import unittest

import report

# Judgments: d1 grade 3, d2 grade 1, d4 grade 2, d3 judged non-relevant.
JUDGMENTS = {"d1": 3, "d2": 1, "d3": 0, "d4": 2}
# Relevant documents at ranks 1 (d2), 3 (d1) and 5 (d4).
RANKED = ["d2", "d5", "d1", "d3", "d4"]


class MetricsTest(unittest.TestCase):
    def test_average_precision_by_hand(self):
        # (1/1 + 2/3 + 3/5) / 3 relevant documents.
        self.assertAlmostEqual(report.average_precision(RANKED, JUDGMENTS),
                               (1 + 2 / 3 + 3 / 5) / 3)
        self.assertAlmostEqual(report.average_precision(RANKED, JUDGMENTS), 0.7555555556)

    def test_average_precision_counts_unretrieved_relevant_as_zero(self):
        self.assertAlmostEqual(report.average_precision(["d1"], JUDGMENTS), 1 / 3)
        self.assertEqual(report.average_precision([], JUDGMENTS), 0.0)

    def test_ndcg_by_hand(self):
        dcg = 1 / math.log2(2) + 3 / math.log2(4) + 2 / math.log2(6)  # 3.2737056
        idcg = 3 / math.log2(2) + 2 / math.log2(3) + 1 / math.log2(4)  # 4.7618595
        self.assertAlmostEqual(report.ndcg_at_k(RANKED, JUDGMENTS), dcg / idcg)
        self.assertAlmostEqual(report.ndcg_at_k(RANKED, JUDGMENTS), 0.6874847, places=6)

    def test_ndcg_cuts_at_k(self):
        # Only d2 (grade 1) in the top 2; the ideal top 2 is grades 3 and 2.
        self.assertAlmostEqual(report.ndcg_at_k(RANKED, JUDGMENTS, k=2),
                               1 / (3 + 2 / math.log2(3)))

    def test_ideal_ranking_scores_one(self):
        self.assertAlmostEqual(report.ndcg_at_k(["d1", "d4", "d2"], JUDGMENTS), 1.0)
        self.assertAlmostEqual(report.average_precision(["d1", "d4", "d2"], JUDGMENTS), 1.0)

    def test_evaluate_averages_judged_queries_and_scores_missing_runs_zero(self):
        qrels = {"q1": JUDGMENTS, "q2": {"x": 1}, "q3": {"y": 0}}  # q3 has nothing relevant.
        result = report.evaluate(qrels, {"q1": RANKED})
        self.assertEqual(result["queries"], 2)
        self.assertAlmostEqual(result["map"], 0.7555555556 / 2)
        self.assertAlmostEqual(result["ndcg@10"], 0.6874847 / 2, places=6)

    def test_top_overlap(self):
        runs_a = {"q1": ["a", "b", "c", "d"], "q2": ["x"], "q3": []}
        runs_b = {"q1": ["b", "a", "e"], "q2": [], "q3": []}
        # q1: 2 shared of max(4, 3); q2: 0 of 1; q3 has no hits anywhere and is skipped.
        self.assertAlmostEqual(report.top_overlap(runs_a, runs_b, ["q1", "q2", "q3"]),
                               (2 / 4 + 0) / 2)


class FilesTest(unittest.TestCase):
    def test_reads_qrels_and_runs_in_rank_order(self):
        with tempfile.TemporaryDirectory() as tmp:
            qrels = os.path.join(tmp, "qrels.tsv")
            with open(qrels, "w") as f:
                f.write("query-id\tcorpus-id\tscore\n1\t184\t3\n1\t29\t0\n")
            run = os.path.join(tmp, "run.trec")
            with open(run, "w") as f:
                f.write("1 Q0 29 2 1.5 e\n1 Q0 184 1 2.5 e\n")
            self.assertEqual(report.read_qrels(qrels), {"1": {"184": 3, "29": 0}})
            self.assertEqual(report.read_run(run), {"1": ["184", "29"]})

    def test_prepare_keeps_judged_queries_and_titles_once(self):
        with tempfile.TemporaryDirectory() as tmp:
            src, out = os.path.join(tmp, "src"), os.path.join(tmp, "out")
            os.makedirs(src)
            with open(os.path.join(src, "corpus.jsonl"), "w") as f:
                f.write(json.dumps({"_id": "1", "title": "wing flow",
                                    "text": "wing flow . a study"}) + "\n")
                f.write(json.dumps({"_id": "2", "title": "Sorting", "text": "On merges."}) + "\n")
            with open(os.path.join(src, "queries.jsonl"), "w") as f:
                f.write(json.dumps({"_id": "1", "text": "What (TSS) and what NOT?"}) + "\n")
                f.write(json.dumps({"_id": "2", "text": "unjudged"}) + "\n")
            with open(os.path.join(src, "qrels.tsv"), "w") as f:
                f.write("query-id\tcorpus-id\tscore\n1\t1\t1\n2\t1\t0\n")
            report.prepare(src, out)
            with open(os.path.join(out, "corpus.jsonl")) as f:
                docs = [json.loads(line) for line in f]
            self.assertEqual([d["text"] for d in docs], ["wing flow . a study",
                                                         "Sorting On merges."])
            with open(os.path.join(out, "queries.tsv")) as f:
                self.assertEqual(f.read(), "1\ten\twhat tss and not\n")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def time_file(user, system, rss_kb, command="engine"):
    """A `/usr/bin/time -v` block with the fields report.py reads."""
    return (f'\tCommand being timed: "{command}"\n\tUser time (seconds): {user}\n'
            f"\tSystem time (seconds): {system}\n\tPercent of CPU this job got: 99%\n"
            f"\tMaximum resident set size (kbytes): {rss_kb}\n\tExit status: 0\n")


def result_line(engine, index_seconds, or_mean, and_mean=0.1, phrase_mean=0.2, queries=2):
    kinds = {kind: {"queries": queries, "empty": 0, "mean_ms": mean, "p50_ms": mean / 2,
                    "p99_ms": mean * 4}
             for kind, mean in (("or", or_mean), ("and", and_mean), ("phrase", phrase_mean))}
    return json.dumps({"engine": engine, "version": "1.0", "k1": 0.9, "b": 0.4, "docs": 4,
                       "text_bytes": 8_000_000, "index_seconds": index_seconds,
                       "index_bytes": 1_000_000, "kinds": kinds}) + "\n"


QUERIES = ("or-1\ten\talpha beta\nor-2\ten\tgamma delta\n"
           "and-1\ten\talpha AND beta\nand-2\ten\tgamma AND delta\n"
           'phrase-1\ten\t"alpha beta"\nphrase-2\ten\t"gamma delta"\n')


def trec(ranking):
    """{qid: [doc, ...]} -> TREC run text."""
    return "".join(f"{qid} Q0 {doc} {rank} {10 - rank} e\n"
                   for qid, docs in ranking.items() for rank, doc in enumerate(docs, start=1))


SAME = {q: ["d1", "d2"] for q in ("or-1", "or-2", "and-1", "and-2", "phrase-1", "phrase-2")}


def run_table(directory, queries):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = report.main(["table", directory, "--queries", queries])
    assert status == 0
    return out.getvalue()


def row(text, first_cell):
    """The cells of the first table row whose first cell starts with first_cell."""
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0].startswith(first_cell):
            return cells
    raise AssertionError(f"no row {first_cell!r} in\n{text}")


class RoundsTest(unittest.TestCase):
    """Three rounds of two engines: medians, ratios from medians, spread, ranking identity."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.queries = os.path.join(self.dir, "queries.tsv")
        write(self.queries, QUERIES)
        # hexaglot: index 4, 2, 3 s -> median 3; OR mean 1.0, 3.0, 2.0 -> median 2.0.
        # lucene: index 6, 9, 7 s -> median 7; OR mean 4.0, 5.0, 9.0 -> median 5.0.
        for n, (h_index, h_or, l_index, l_or) in enumerate(
                [(4, 1.0, 6, 4.0), (2, 3.0, 9, 5.0), (3, 2.0, 7, 9.0)], start=1):
            stem = os.path.join(self.dir, f"round-{n}")
            write(f"{stem}/hexaglot.json", result_line("hexaglot", h_index, h_or))
            write(f"{stem}/lucene.json", result_line("lucene", l_index, l_or))
            write(f"{stem}/hexaglot.time", time_file(1.0, 0.5, 1024 * n)
                  + time_file(0.1, 0.0, 512, "search"))
            write(f"{stem}/lucene.time", time_file(2.0, 0.1, 4096))
            write(f"{stem}/hexaglot.wall", f"{10 + n}\n")
            write(f"{stem}/hexaglot.trec", trec(SAME))
            lucene = dict(SAME)
            if n == 3:  # Lucene reorders one query's top 2 in the third round.
                lucene["or-2"] = ["d2", "d1"]
            write(f"{stem}/lucene.trec", trec(lucene))
        write(os.path.join(self.dir, "machine.json"), json.dumps(
            {"cpu": "Test CPU 9000", "cpus": 2, "cpus_usable": 2, "memory_bytes": 8 * 2**30,
             "kernel": "Linux 6.0", "date": "2026-11-29 12:00 UTC", "load_average": 0.5}))

    def tearDown(self):
        self.tmp.cleanup()

    def test_figures_are_medians_over_rounds(self):
        text = run_table(self.dir, self.queries)
        hexaglot = row(text, "hexaglot 1.0")
        self.assertEqual(hexaglot[4], "3.00")  # index s
        self.assertEqual(hexaglot[5], "2.7")  # 8 MB / 3 s
        self.assertEqual(hexaglot[7], "2")  # peak RSS: median of 1, 2, 3 MB (index process)
        self.assertEqual(hexaglot[8], "2.000 / 1.000 / 8.000")  # OR mean / p50 / p99
        self.assertEqual(hexaglot[12], "2 (0) / 2 (0) / 2 (0)")
        self.assertEqual(row(text, "lucene 1.0")[4], "7.00")

    def test_ratios_come_from_medians(self):
        text = run_table(self.dir, self.queries)
        ratios = text.split("Ratios to hexaglot")[1]
        lucene = row(ratios, "lucene")
        self.assertEqual(lucene[1], "2.33")  # 7 / 3
        self.assertEqual(lucene[4], "2.50")  # OR mean 5.0 / 2.0
        self.assertEqual(lucene[3], "2.00")  # peak RSS 4 MB / 2 MB

    def test_spread_shows_min_max_and_range_over_median(self):
        text = run_table(self.dir, self.queries)
        spread = text.split("Spread over the rounds")[1]
        hexaglot = row(spread, "hexaglot")
        self.assertEqual(hexaglot[1], "3")
        self.assertEqual(hexaglot[2], "2.000–4.000 (67%)")  # (4 - 2) / 3
        self.assertEqual(hexaglot[3], "1.000–3.000 (100%)")  # (3 - 1) / 2
        self.assertEqual(hexaglot[6], "11.00–13.00 (17%)")  # wall s
        self.assertEqual(row(spread, "lucene")[6], "—")  # no .wall files

    def test_ranking_identity_over_rounds(self):
        text = run_table(self.dir, self.queries)
        self.assertIn("Rankings identical in every round (all queries, every rank): "
                      "hexaglot.", text)
        self.assertIn("lucene: rankings differ from its first round's in 0 queries (its "
                      "round 2), 1 queries (its round 3)", text)

    def test_machine_and_date(self):
        text = run_table(self.dir, self.queries)
        self.assertIn("Machine: Test CPU 9000, 2 CPUs, 8.0 GiB RAM, Linux 6.0; run started "
                      "2026-11-29 12:00 UTC, load average 0.50.", text)
        self.assertIn("Rounds: 3", text)

    def test_capped_engine_overlaps_on_its_queries_only(self):
        # fts5 ran the first query of each kind only, with hexaglot's top 2 for it.
        for n in (1, 2, 3):
            stem = os.path.join(self.dir, f"round-{n}", "fts5")
            write(stem + ".json", result_line("fts5", 1, 8.0, queries=1))
            write(stem + ".queries.tsv", "or-1\ten\talpha beta\nand-1\ten\talpha AND beta\n"
                  'phrase-1\ten\t"alpha beta"\n')
            write(stem + ".trec", trec({"or-1": ["d1", "d2"], "and-1": ["d1", "d9"],
                                        "phrase-1": ["d1", "d2"]}))
        text = run_table(self.dir, self.queries)
        # Over the queries both ran: or 1.0, and 0.5, phrase 1.0 (not halved by or-2 etc.).
        self.assertEqual(row(text, "fts5 1.0")[11], "1.000 / 0.500 / 1.000")
        self.assertIn("fts5 ran the first 1 / 1 / 1 queries per kind (--query-cap)", text)

    def test_failed_and_timed_out_engines_are_listed(self):
        write(os.path.join(self.dir, "round-2", "xapian.failed"),
              "run timed out after 60 s (--timeout); see x.log\n")
        os.remove(os.path.join(self.dir, "round-3", "lucene.json"))
        text = run_table(self.dir, self.queries)
        self.assertIn("- **xapian, round 2: run timed out after 60 s (--timeout); see x.log**",
                      text)
        self.assertIn("**lucene has results from 2 of 3 rounds only", text)
        self.assertEqual(row(text, "lucene 1.0")[4], "7.50")  # median of 6 and 9

    def test_one_round_directory_still_reads(self):
        single = os.path.join(self.dir, "round-2")
        text = run_table(single, self.queries)
        self.assertEqual(row(text, "hexaglot 1.0")[4], "2.00")
        self.assertNotIn("Spread over the rounds", text)


class LimitsTest(unittest.TestCase):
    def test_phases_tokenizer_share_and_decoding(self):
        with tempfile.TemporaryDirectory() as tmp:
            stem = os.path.join(tmp, "round-1", "hexaglot")
            write(stem + ".log", "a warning line\n" + json.dumps(
                {"seconds": 10.0, "parse_seconds": 2.0, "update_seconds": 7.0,
                 "commit_seconds": 0.5}) + "\n")
            write(stem + ".time", time_file(15.0, 1.0, 2048)
                  + time_file(3.0, 0.0, 100, "search"))
            write(os.path.join(tmp, "limits", "analyze.time"), time_file(3.5, 0.5, 900))
            write(os.path.join(tmp, "limits", "analyze.out"),
                  "language: en\nbytes: 8000000\ntokens: 1200000\n")
            write(os.path.join(tmp, "limits", "codec.build"), "Release, -O3 -DNDEBUG\n")
            write(os.path.join(tmp, "limits", "stats.json"), json.dumps({"postings": 10**9}))
            codec = [{"name": f"{name}_median", "run_name": name, "aggregate_name": "median",
                      "items_per_second": rate}
                     for name, rate in (("BM_MemcpyDecoded", 8e9), ("BM_DecodeDocIds/16", 4e9),
                                        ("BM_DecodeFreqs", 6e9))]
            codec.append({"name": "BM_MemcpyDecoded_mean", "run_name": "BM_MemcpyDecoded",
                          "aggregate_name": "mean", "items_per_second": 1.0})
            write(os.path.join(tmp, "limits", "codec.json"), json.dumps({"benchmarks": codec}))
            hexaglot = {"text_bytes": 8_000_000,
                        "_rounds": [{"_stem": stem, "index_seconds": 10.2}]}
            text = "\n".join(report.limits_lines(tmp, hexaglot))
        self.assertIn("splits its 10.00 s (median of 1): parse (read + JSON Lines) 2.00 s "
                      "(20%), update (analysis + inversion, all threads) 7.00 s (70%), "
                      "commit 0.50 s (5%)", text)
        # 4 s of analysis CPU against 16 s of index CPU (the search process not counted).
        self.assertIn("takes 4.00 s of CPU (2.0 MB/s, 1,200,000 tokens), **25%** of the "
                      "16.00 s of CPU", text)
        self.assertIn("(codec_bench: Release, -O3 -DNDEBUG; L2-resident blocks): doc ids "
                      "4.00 G integers/s, frequencies 6.00 G/s, against memcpy of the same "
                      "decoded integers 8.00 G/s (32.0 GB/s): decoding at **50% / 75%**", text)
        # 1e9 / 4e9 + 1e9 / 6e9 s = 416.7 ms; memcpy of 2e9 integers at 8e9/s = 250 ms.
        self.assertIn("take 416.7 ms at those rates, 250.0 ms to memcpy the 8000.0 MB", text)

    def test_missing_or_broken_codec_figures_are_said(self):
        with tempfile.TemporaryDirectory() as tmp:
            hexaglot = {"text_bytes": 1, "_rounds": [
                {"_stem": os.path.join(tmp, "none"), "index_seconds": 1.0}]}
            os.makedirs(os.path.join(tmp, "limits"))
            self.assertIn("- postings decoding: not measured (no codec_bench",
                          report.limits_lines(tmp, hexaglot)[-1])
            write(os.path.join(tmp, "limits", "codec.json"), "")  # codec_bench crashed
            self.assertIn("- postings decoding: no figures in ",
                          report.limits_lines(tmp, hexaglot)[-1])

    def test_nothing_measured(self):
        with tempfile.TemporaryDirectory() as tmp:
            lines = report.limits_lines(tmp, {"text_bytes": 1, "_rounds": [
                {"_stem": os.path.join(tmp, "none"), "index_seconds": 1.0}]})
        self.assertEqual(lines[-1], "- not measured in this run (run.sh --no-limits, or no "
                                    "data kept).")


class BuildAndMachineTest(unittest.TestCase):
    def test_build_type_from_the_cache_above_the_binary(self):
        with tempfile.TemporaryDirectory() as tmp:
            write(os.path.join(tmp, "CMakeCache.txt"),
                  "// comment\nCMAKE_BUILD_TYPE:STRING=Release\n"
                  "CMAKE_CXX_FLAGS_RELEASE:STRING=-O3 -DNDEBUG\n"
                  "CMAKE_CXX_FLAGS_DEBUG:STRING=-g\n")
            binary = os.path.join(tmp, "tools", "hexaglot")
            write(binary, "")
            self.assertEqual(report.build_type(binary), "Release, -O3 -DNDEBUG")
            write(os.path.join(tmp, "CMakeCache.txt"), "CMAKE_BUILD_TYPE:STRING=\n")
            self.assertTrue(report.build_type(binary).startswith(
                "unknown (no CMAKE_BUILD_TYPE in "))

    def test_build_type_unknown_without_cache(self):
        with tempfile.TemporaryDirectory() as tmp:
            binary = os.path.join(tmp, "hexaglot")
            write(binary, "")
            # A cache in a directory above tmp (none on a sane machine) would be found too.
            if not any(os.path.exists(os.path.join(d, "CMakeCache.txt"))
                       for d in (tempfile.gettempdir(), "/")):
                self.assertEqual(report.build_type(binary),
                                 f"unknown (no CMakeCache.txt above {binary})")

    def test_machine_line(self):
        info = {"cpu": "X", "cpus": 4, "cpus_usable": 2, "memory_bytes": 3 * 2**30,
                "kernel": "Linux 6", "date": "2026-01-01 00:00 UTC", "load_average": 1.5}
        self.assertEqual(report.machine_line(info, "date"),
                         "Machine: X, 4 CPUs (2 usable), 3.0 GiB RAM, Linux 6; date "
                         "2026-01-01 00:00 UTC, load average 1.50.")
        info = report.machine_info()
        self.assertGreaterEqual(info["cpus"], 1)
        self.assertRegex(info["date"], r"^\d{4}-\d\d-\d\d \d\d:\d\d UTC$")

    def test_time_blocks_and_corpus_text(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "x.time")
            write(path, time_file(1.25, 0.25, 2048) + time_file(9.0, 1.0, 4096, "search"))
            self.assertEqual(report.cpu_seconds(path), 1.5)  # the first process only
            self.assertEqual(report.peak_rss_mb(path), 4.0)  # the largest of all
            self.assertTrue(math.isnan(report.cpu_seconds(os.path.join(tmp, "missing"))))
            corpus = os.path.join(tmp, "c.jsonl")
            write(corpus, '{"id":"a","lang":"en","text":"One."}\n\n'
                          '{"id":"b","lang":"en","text":"Two \\u00e9."}\n')
            out = io.StringIO()
            report.corpus_text(corpus, out)
            self.assertEqual(out.getvalue(), "One.\n\nTwo é.\n\n")


class KnownItemTest(unittest.TestCase):
    RECORDS = [("r1", "Everyone has the right to life, liberty and security of person."),
               ("r2", "No one shall be held in slavery or servitude."),
               ("r3", "Everyone has the right to recognition everywhere as a person."),
               ("r4", "No one shall be held in slavery or servitude."),
               ("r5", "All human beings are born free and equal in dignity and rights.")]

    def test_normalisations(self):
        self.assertEqual(report.knownitem_normalise("أإآب", "ar"), "اااب")
        self.assertEqual(report.knownitem_normalise("Ёлка", "ru"), "елка")
        self.assertEqual(report.knownitem_normalise("Ёлка", "en"), "ёлка")
        # Harakat and tatweel go, so that a word stays one word; alef forms fold.
        self.assertEqual(report.knownitem_units("لمّا كان الاعتراف بأساس", "ar"),
                         ["الاعتراف", "باساس"])
        # Words of 4+ letters, lower case, each once, in text order; digits split words.
        self.assertEqual(report.knownitem_units("The Right, the right; a 2nd righT 12ab", "en"),
                         ["right"])
        self.assertEqual(report.knownitem_units("Всё ЕЩЁ ВСЁМ", "ru"), ["всем"])
        self.assertEqual(report.knownitem_units("всеобщая ёмкость", "ru"),
                         ["всеобщая", "емкость"])
        # Decomposed letters count as one letter (NFC).
        self.assertEqual(report.knownitem_units("cafe\u0301s", "fr"), ["cafés"])
        # zh: every 2-4 character span of each Han run; Latin and punctuation split runs.
        self.assertEqual(report.knownitem_units("人人生而自由，AB在尊严", "zh"),
                         ["人人", "人生", "生而", "而自", "自由", "人人生", "人生而", "生而自",
                          "而自由", "人人生而", "人生而自", "生而自由", "在尊", "尊严", "在尊严"])

    def test_deterministic_and_seeded(self):
        a = report.knownitem_set(self.RECORDS, "en", seed=1)
        self.assertEqual(a, report.knownitem_set(self.RECORDS, "en", seed=1))
        draws = {tuple(q for _, q, _ in report.knownitem_set(self.RECORDS, "en", seed=s))
                 for s in range(1, 8)}
        self.assertGreater(len(draws), 1)

    def test_queries_words_and_identical_texts(self):
        items = report.knownitem_set(self.RECORDS, "en", seed=3)
        by_qid = {qid: (query, relevant) for qid, query, relevant in items}
        # Every record has 3 words of 4+ letters that some other record lacks.
        self.assertEqual(sorted(by_qid), ["q-r1", "q-r2", "q-r3", "q-r4", "q-r5"])
        for qid, (query, relevant) in by_qid.items():
            words = query.split()
            self.assertEqual(len(words), 3)
            self.assertEqual(len(set(words)), 3)
            text = dict(self.RECORDS)[qid[2:]].lower()
            self.assertTrue(all(len(w) >= 4 and w in text for w in words), query)
        # r2 and r4 have the same text: each is relevant to the other's query.
        self.assertEqual(by_qid["q-r2"][1], ["r2", "r4"])
        self.assertEqual(by_qid["q-r4"][1], ["r2", "r4"])
        self.assertEqual(by_qid["q-r1"][1], ["r1"])

    def test_limit_and_zh_spans(self):
        records = [(f"z{i}", text) for i, text in enumerate(
            ["人人生而自由在尊严和权利上一律平等", "他们赋有理性和良心并应以兄弟关系的精神相对待",
             "人人有资格享有本宣言所载的一切权利和自由", "人人有权享有生命自由和人身安全"])]
        items = report.knownitem_set(records, "zh", seed=1, limit=2)
        self.assertEqual(len(items), 2)
        for qid, query, _ in items:
            spans = query.split()
            self.assertEqual(len(spans), 2)
            self.assertTrue(all(2 <= len(s) <= 4 for s in spans))
            self.assertNotIn(spans[0], spans[1])
            self.assertNotIn(spans[1], spans[0])
            text = dict(records)[qid[2:]]
            self.assertTrue(all(s in text for s in spans))

    def test_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            data = os.path.join(tmp, "data")
            rows = [{"id": "udhr-ar-01-01", "lang": "ar", "text": "يولد جميع الناس أحراراً متساوين"},
                    {"id": "udhr-en-01-01", "lang": "en",
                     "text": "All human beings are born free and equal"},
                    {"id": "udhr-en-02-01", "lang": "en",
                     "text": "Everyone is entitled to all the rights and freedoms"}]
            write(os.path.join(data, "udhr", "udhr_paragraphs.jsonl"),
                  "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
            out = os.path.join(tmp, "out")
            with contextlib.redirect_stderr(io.StringIO()):
                report.knownitem("udhr", data, out, seed=1, langs=("en", "ar"))
            with open(os.path.join(out, "en", "corpus.jsonl"), encoding="utf-8") as f:
                self.assertEqual([json.loads(line)["id"] for line in f],
                                 ["udhr-en-01-01", "udhr-en-02-01"])
            with open(os.path.join(out, "en", "queries.tsv"), encoding="utf-8") as f:
                lines = f.read().splitlines()
            self.assertEqual([line.split("\t")[:2] for line in lines],
                             [["q-udhr-en-01-01", "en"], ["q-udhr-en-02-01", "en"]])
            with open(os.path.join(out, "en", "qrels.tsv"), encoding="utf-8") as f:
                self.assertEqual(f.read(), "query-id\tcorpus-id\tscore\n"
                                 "q-udhr-en-01-01\tudhr-en-01-01\t1\n"
                                 "q-udhr-en-02-01\tudhr-en-02-01\t1\n")
            # One Arabic record: every word is in every record (idf 0), so no query.
            with open(os.path.join(out, "ar", "queries.tsv"), encoding="utf-8") as f:
                self.assertEqual(f.read(), "")


class QualityTableTest(unittest.TestCase):
    def test_rows_columns_and_bold_best(self):
        with tempfile.TemporaryDirectory() as tmp:
            def put(collection, lang, column, ndcg, mrr):
                write(os.path.join(tmp, collection, lang, f"{column}.eval.json"),
                      json.dumps({"queries": 400, "ndcg@10": ndcg, "mrr@10": mrr,
                                  "map": mrr}) + "\n")
            put("unv1-dev", "zh", "hexaglot", 0.93, 0.9)
            put("unv1-dev", "zh", "lucene", 0.9291, 0.91)
            put("unv1-dev", "ar", "hexaglot", 0.9761, 0.97)
            put("unv1-dev", "ar", "lucene", 0.9764, 0.96)
            put("cacm", "en", "lucene", 0.4, 0.5)
            table = report.quality_table(tmp, ["hexaglot", "lucene"]).splitlines()
        self.assertEqual(table[2], "| collection | lang | queries | hexaglot | lucene |")
        # Rows in language order ar zh en fr ru es; ties to 3 decimals are both bold.
        self.assertEqual(table[4], "| unv1-dev | ar | 400 | **0.976** | **0.976** |")
        self.assertEqual(table[5], "| unv1-dev | zh | 400 | **0.930** | 0.929 |")
        self.assertEqual(table[6], "| cacm | en | 400 | — | 0.400 |")
        # MRR@10 for the known-item sets only.
        self.assertIn("MRR@10 (known-item sets):", table)
        self.assertNotIn("cacm", "\n".join(table[table.index("MRR@10 (known-item sets):"):]))

    def test_reciprocal_rank_and_evaluate(self):
        self.assertEqual(report.reciprocal_rank(["a", "b", "c"], {"c": 1}), 1 / 3)
        self.assertEqual(report.reciprocal_rank(["a", "b", "c"], {"c": 1}, k=2), 0.0)
        result = report.evaluate({"q1": {"b": 1}, "q2": {"z": 1}}, {"q1": ["a", "b"]})
        self.assertAlmostEqual(result["mrr@10"], 0.25)


if __name__ == "__main__":
    unittest.main()

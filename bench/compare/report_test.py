#!/usr/bin/env python3
"""Tests of report.py's metrics on examples computed by hand (python3 report_test.py)."""

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


if __name__ == "__main__":
    unittest.main()

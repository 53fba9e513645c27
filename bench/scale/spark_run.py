"""`biseo evaluate` and `biseo diff` inside a Spark job (RDD.pipe), checked against one process.

    python3 spark_run.py --biseo .build/release/biseo --population P.jsonl --as-of 2026-06-15 \
        --reform bench/scale/example.reform --partitions 8 [--master local[2]]

Citizens are independent, so each partition is one `biseo` process reading its lines on
stdin. `evaluate`: the union of the partitions' lines (saved as text files), sorted, must
equal one process's output, sorted, byte for byte (sort(1) with LC_ALL=C; files under
--work). `diff`: each partition prints one JSON report; their sum
(counts and won totals per rule, output and group) must equal one process's report. Prints
the wall time of each and Spark's overhead as a ratio to one process.
"""
import argparse
import filecmp
import glob
import json
import os
import shlex
import shutil
import subprocess
import sys
import time

from pyspark import SparkConf, SparkContext


def single(cmd, population, out_path):
    started = time.monotonic()
    with open(population, "rb") as f, open(out_path, "wb") as out:
        subprocess.run(cmd, stdin=f, stdout=out, check=True)
    return time.monotonic() - started


def sorted_file(paths, out_path):
    """The lines of `paths`, sorted bytewise, into `out_path` (sort(1) spills to disk)."""
    with open(out_path, "wb") as out:
        subprocess.run(["sort", "-S", "1G"] + paths, stdout=out, check=True,
                       env=dict(os.environ, LC_ALL="C"))


def merge(reports):
    """The sum of per-partition `biseo diff --json` reports, as one report would say it."""
    fields = ("changed", "gained", "lost", "difference", "better", "worse")
    total = {"citizens": 0, "changes": {}, "groups": {}}

    def add(into, changes):
        for name, t in changes.items():
            slot = into.setdefault(name, {k: v for k, v in t.items() if k not in fields})
            for k in fields:
                if k in t:
                    slot[k] = slot.get(k, 0) + t[k]

    for r in reports:
        total["citizens"] += r["citizens"]
        add(total["changes"], r["changes"])
        for fact, groups in r["groups"].items():
            into = total["groups"].setdefault(fact, {})
            for g in groups:
                slot = into.setdefault(g["value"], {"citizens": 0, "changes": {}})
                slot["citizens"] += g["citizens"]
                add(slot["changes"], g["changes"])
    return total


def comparable(report):
    """A report with the parts a sum cannot reproduce (means, order) left out."""
    def strip(changes):
        return {n: {k: v for k, v in t.items() if k != "meanDifference"} for n, t in changes.items()}

    groups = report["groups"]
    if isinstance(groups, dict) and groups and isinstance(next(iter(groups.values())), list):
        groups = {f: {g["value"]: {"citizens": g["citizens"], "changes": strip(g["changes"])}
                      for g in gs} for f, gs in groups.items()}
    else:
        groups = {f: {v: {"citizens": g["citizens"], "changes": strip(g["changes"])}
                      for v, g in gs.items()} for f, gs in groups.items()}
    return {"citizens": report["citizens"], "changes": strip(report["changes"]), "groups": groups}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--biseo", required=True)
    ap.add_argument("--rules", default="Rules")
    ap.add_argument("--population", required=True)
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--reform", required=True)
    ap.add_argument("--by", action="append", default=[])
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--work", default="/tmp/biseo-scale")
    a = ap.parse_args()
    biseo, rules = os.path.abspath(a.biseo), os.path.abspath(a.rules)
    holidays = os.path.join(rules, "calendar", "one-off-holidays.txt")
    common = ["--rules", rules, "--population", "-", "--as-of", a.as_of, "--holidays", holidays,
              "--quiet"]
    evaluate = [biseo, "evaluate"] + common
    by = sum((["--by", f] for f in a.by), [])
    diff = [biseo, "diff"] + common + ["--reform", os.path.abspath(a.reform), "--json"] + by

    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    t_one_eval = single(evaluate, a.population, os.path.join(a.work, "one.jsonl"))
    t_one_diff = single(diff, a.population, os.path.join(a.work, "one-diff.json"))

    conf = (
        SparkConf().setMaster(a.master).setAppName("biseo").set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false").set("spark.driver.memory", "6g"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    lines = sc.textFile(a.population, a.partitions)
    started = time.monotonic()
    lines.pipe(shlex.join(evaluate)).saveAsTextFile(os.path.join(a.work, "spark"))
    t_spark_eval = time.monotonic() - started
    started = time.monotonic()
    spark_diff = lines.pipe(shlex.join(diff)).collect()
    t_spark_diff = time.monotonic() - started
    partitions = lines.getNumPartitions()
    sc.stop()

    parts = sorted(glob.glob(os.path.join(a.work, "spark", "part-*")))
    sorted_file([os.path.join(a.work, "one.jsonl")], os.path.join(a.work, "one.sorted"))
    sorted_file(parts, os.path.join(a.work, "spark.sorted"))
    ok_eval = filecmp.cmp(os.path.join(a.work, "one.sorted"), os.path.join(a.work, "spark.sorted"),
                          shallow=False)
    with open(os.path.join(a.work, "one.jsonl"), "rb") as f:
        citizens = sum(1 for _ in f)
    reports = [json.loads(text) for text in spark_diff]
    with open(os.path.join(a.work, "one-diff.json"), encoding="utf-8") as f:
        ok_diff = comparable(merge(reports)) == comparable(json.load(f))
    print("citizens %d, partitions %d, master %s" % (citizens, partitions, a.master))
    print("evaluate: one process %.1f s, Spark %.1f s (%.2fx), union equal: %s"
          % (t_one_eval, t_spark_eval, t_spark_eval / t_one_eval, ok_eval))
    print("diff:     one process %.1f s, Spark %.1f s (%.2fx), sum equal: %s"
          % (t_one_diff, t_spark_diff, t_spark_diff / t_one_diff, ok_diff))
    sys.exit(0 if ok_eval and ok_diff else 1)


if __name__ == "__main__":
    main()

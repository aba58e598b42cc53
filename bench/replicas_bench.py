#!/usr/bin/env python3
"""Benchmarks of the service on PostgreSQL against SQLite, side by side in one run (BENCHMARKS.md,
"Several replicas"). Loopback only, bounded in time.

Measures:
  1. classify throughput, 64 connections, 1 and 8 texts per request, on a SQLite server and on a
     PostgreSQL server (the hot path reads no database);
  2. head propagation: two replicas on one PostgreSQL database; a tune on A, then the time from the
     job's end (its `finished` time) until B answers with the new head; median and p99 over --tunes;
  3. task creation and example insert latency on both stores;
  4. --tasks tasks of 10 labels: start-up time and resident memory on both stores.
Needs wrk (apt-get install wrk) and PostgreSQL on 127.0.0.1:5432 (user postgres, trust), or
--pg-url. Reads texts from ../shared/datasets.

usage: mvn -q -DskipTests package && python3 bench/replicas_bench.py [--duration 15] [--tunes 50] [--tasks 10000]
"""
import argparse, datetime, os, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service_bench import JAR, Server, call, read_texts, wrk  # noqa: E402


class StoreServer(Server):
    """A server on SQLite (store None) or on a PostgreSQL URL."""

    def __init__(self, data_dir, store=None):
        self.store = store
        super().__init__(data_dir)

    def command(self, data_dir):
        cmd = super().command(data_dir)
        return cmd + (["--store", self.store] if self.store else [])


def psql(sql):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql], check=True,
                   capture_output=True)


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def latencies(fn, n):
    out = []
    for i in range(n):
        t = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t) * 1000)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=int, default=15)
    ap.add_argument("--tunes", type=int, default=50)
    ap.add_argument("--tasks", type=int, default=10000)
    ap.add_argument("--parts", default="throughput,propagation,many",
                    help="what to measure: throughput (with write latency), propagation, many")
    args = ap.parse_args()
    parts = set(args.parts.split(","))
    work = tempfile.mkdtemp(prefix="labeltune-replicas-")
    db = "labeltune_bench_%d" % os.getpid()
    pg = "postgresql://127.0.0.1:5432/%s?user=postgres" % db
    try:
        if "throughput" in parts:
            throughput(work, db, pg, args.duration)
        if "propagation" in parts:
            propagation(work, db, pg, args.tunes)
        if "many" in parts:
            many(work, db, pg, args.tasks)
    finally:
        psql("DROP DATABASE IF EXISTS %s" % db)
        shutil.rmtree(work, ignore_errors=True)


def fresh_database(db):
    psql("DROP DATABASE IF EXISTS %s" % db)
    psql("CREATE DATABASE %s" % db)


def throughput(work, db, pg, duration):
    """Classify throughput and write latency, one server per store, in turn on the same texts."""
    fresh_database(db)
    texts = [r["text"] for r in read_texts("ag_news", "test", 7600)]
    texts_file = os.path.join(work, "texts.txt")
    with open(texts_file, "w") as f:
        f.write("\n".join(t.replace("\n", " ") for t in texts) + "\n")
    results = {}
    for name, store in (("SQLite", None), ("PostgreSQL", pg)):
        s = StoreServer(os.path.join(work, name), store)
        try:
            task = call(s.base, "POST", "/v1/tasks", {"name": "news", "labels": ["World", "Sports", "Business",
                                                                              "Sci/Tech"]})["id"]
            wrk(s, task, texts_file, 1, 5, 7000)
            one = wrk(s, task, texts_file, 1, duration, 0)
            eight = wrk(s, task, texts_file, 8, duration, 3000)
            create = latencies(lambda i: call(s.base, "POST", "/v1/tasks", {"name": "c%d" % i, "labels":
                                                                            ["topic %d of %d" % (j, i) for j in range(10)]}), 50)
            insert = latencies(lambda i: call(s.base, "POST", "/v1/tasks/%s/examples" % task,
                                              [{"text": "example %d %d" % (i, j), "label": "World"} for j in range(8)]), 50)
            results[name] = (one, eight, create, insert)
        finally:
            s.stop()
    print("## Classify throughput, 64 connections (%d s each, same texts)" % duration)
    print("| store | 1 text/request: texts/s | p99 ms | 8 texts/request: texts/s | p99 ms | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, (one, eight, _, _) in results.items():
        print("| %s | %.1f | %.0f | %.1f | %.0f | %d |" % (name, one["texts_s"], one["p99_ms"], eight["texts_s"],
                                                         eight["p99_ms"], one["errors"] + eight["errors"]))
    print("PostgreSQL / SQLite: %.3f (1 text), %.3f (8 texts)" % (
        results["PostgreSQL"][0]["texts_s"] / results["SQLite"][0]["texts_s"],
        results["PostgreSQL"][1]["texts_s"] / results["SQLite"][1]["texts_s"]))
    print("\n## Write latency (ms, 50 each)")
    print("| store | create a task of 10 labels: median | p99 | insert 8 examples: median | p99 |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (_, _, create, insert) in results.items():
        print("| %s | %.1f | %.1f | %.1f | %.1f |" % (name, statistics.median(create), percentile(create, 99),
                                                      statistics.median(insert), percentile(insert, 99)))


def propagation(work, db, pg, tunes):
    """Two replicas on one database: a tune on A until B answers with its head."""
    fresh_database(db)
    a = StoreServer(os.path.join(work, "a"), pg)
    b = StoreServer(os.path.join(work, "b"), pg)
    try:
        bank = read_texts("banking77", "train", 9974)
        chosen = sorted({r["label"] for r in bank})[:4]
        by_label = {l: [r["text"] for r in bank if r["label"] == l] for l in chosen}
        task = call(a.base, "POST", "/v1/tasks", {"name": "bank", "labels": chosen})["id"]
        call(a.base, "POST", "/v1/tasks/%s/examples" % task,
             [{"text": t, "label": l} for l in chosen for t in by_label[l][:3]])
        probe = {"texts": [by_label[l][50] for l in chosen]}
        delays = []
        for n in range(tunes):
            # One more example each round, so every tune makes a head of its own.
            l = chosen[n % 4]
            call(a.base, "POST", "/v1/tasks/%s/examples" % task, [{"text": by_label[l][3 + n // 4], "label": l}])
            job = call(a.base, "POST", "/v1/tasks/%s/tune" % task)["job"]
            while True:
                state = call(a.base, "GET", "/v1/jobs/" + job)
                if state["state"] not in ("queued", "running"):
                    break
                time.sleep(0.01)
            if state["state"] != "succeeded":
                raise SystemExit("tune %d ended %s" % (n, state))
            expected = call(a.base, "POST", "/v1/tasks/%s/classify" % task, probe)
            while call(b.base, "POST", "/v1/tasks/%s/classify" % task, probe) != expected:
                time.sleep(0.002)
            seen = datetime.datetime.now(datetime.timezone.utc)
            finished = datetime.datetime.fromisoformat(state["finished"].replace("Z", "+00:00"))
            delays.append((seen - finished).total_seconds() * 1000)
        print("\n## Head propagation: job ended on A -> B serves its head (%d tunes)" % tunes)
        print("| median ms | p99 ms | max ms |")
        print("| ---: | ---: | ---: |")
        print("| %.0f | %.0f | %.0f |" % (statistics.median(delays), percentile(delays, 99), max(delays)))
    finally:
        a.stop()
        b.stop()


def many(work, db, pg, tasks):
    """Many tasks of 10 labels on each store: start-up time and resident memory."""
    fresh_database(db)
    print("\n## %d tasks of 10 labels" % tasks)
    print("| store | fill through the API | start-up to ready | resident memory |")
    print("| --- | ---: | ---: | ---: |")
    vocab = ["topic %d" % i for i in range(200)]
    for name, store in (("SQLite", None), ("PostgreSQL", pg)):
        data = os.path.join(work, "many-" + name)
        s = StoreServer(data, store)
        t = time.perf_counter()
        try:
            for i in range(tasks):
                call(s.base, "POST", "/v1/tasks", {"name": "t%d" % i,
                                                   "labels": [vocab[(i * 7 + j * 13) % 200] for j in range(10)]})
        finally:
            s.stop()
        fill = time.perf_counter() - t
        s = StoreServer(data, store)
        try:
            print("| %s | %.0f s | %.1f s | %.0f MiB |" % (name, fill, s.startup_s, s.rss_mib()))
        finally:
            s.stop()


if __name__ == "__main__":
    sys.exit(main())

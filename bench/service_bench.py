#!/usr/bin/env python3
"""Benchmarks of the LabelTune service (BENCHMARKS.md, "Service"). Loopback only, bounded in time.

Starts `labeltune serve --no-auth` on a free port with a fresh data directory, then measures:
  1. classify throughput with 64 connections (wrk), 1 and 8 texts per request, against
     `labeltune bench encoder` on the same texts in the same run;
  2. /v1/classify of one text over 100 tasks against a single-task classify;
  3. task creation (10 labels) and a tuning job (10 labels x 8 examples);
  4. 10,000 tasks of 10 labels: start-up time, resident memory, classify latency against one task.
Reads texts from ../shared/datasets (never copied into the project).

Every text is sent once per server process: the throughput runs take disjoint ranges of ag_news
(test, then the train texts the latency runs do not use), and the warm-up sends mr texts.

usage: mvn -q -DskipTests package && python3 bench/service_bench.py [--duration 20] [--tasks 10000] [--skip-many]
       [--jar PATH]   (another build's labeltune.jar, an earlier commit's say, measured the same way)
Needs wrk (Debian: apt-get install wrk).
"""
import argparse, json, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "labeltune-cli", "target", "labeltune.jar")
DATA = os.path.join(ROOT, "..", "shared", "datasets")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        raw = r.read()
        return json.loads(raw) if raw else None


class Server:
    def __init__(self, data_dir):
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.started = time.time()
        self.proc = subprocess.Popen(self.command(data_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while True:
            try:
                if json.loads(urllib.request.urlopen(self.base + "/health", timeout=2).read()).get("ready"):
                    break
            except Exception:
                pass
            if self.proc.poll() is not None or time.time() - self.started > 600:
                raise SystemExit("server did not start")
            time.sleep(0.05)
        self.startup_s = time.time() - self.started

    def command(self, data_dir):
        return ["java", "-jar", JAR, "serve", "--no-auth", "--port", str(self.port), "--data-dir", data_dir]

    def rss_mib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024

    def stop(self):
        self.proc.terminate()
        self.proc.wait(60)


def read_texts(name, split, limit):
    out = []
    with open(os.path.join(DATA, name, split + ".jsonl")) as f:
        for line in f:
            out.append(json.loads(line))
            if len(out) >= limit:
                break
    return out


def wrk(server, task, texts_file, per_request, duration, offset, available=None):
    env = dict(os.environ, TEXTS_FILE=texts_file, TASK=task, PER_REQUEST=str(per_request), THREADS="4",
               OFFSET=str(offset))
    out = subprocess.run(["wrk", "-t4", "-c64", "-d%ds" % duration, "--timeout", "30s", "-s",
                          os.path.join(ROOT, "bench", "classify.lua"), server.base], env=env, capture_output=True,
                         text=True, check=True).stdout
    m = dict(re.findall(r"(\w+)=(\d+)", re.search(r"RESULT (.*)", out).group(1)))
    if available is not None and int(m["requests"]) * per_request > available:
        raise SystemExit("the run sent %d texts but only %d were fresh: shorten --duration"
                         % (int(m["requests"]) * per_request, available))
    seconds = int(m["duration_us"]) / 1e6
    return {"sent": int(m["requests"]) * per_request, "requests_s": int(m["requests"]) / seconds, "texts_s": int(m["requests"]) * per_request / seconds,
            "errors": int(m["errors_status"]) + int(m["errors_other"]), "p50_ms": int(m["p50_us"]) / 1000,
            "p99_ms": int(m["p99_us"]) / 1000}


def encoder_best(texts_file):
    out = subprocess.run(["java", "-jar", JAR, "bench", "encoder", texts_file, "--count", "1024", "--batch-tokens",
                          "512,2048,8192", "--threads", str(os.cpu_count()), "--max-length", "256"], capture_output=True,
                         text=True, check=True).stdout
    # | batch tokens | threads | texts/s | ...
    rates = [float(m) for m in re.findall(r"^\| \d+ \| \d+ \| (\d+) \|", out, re.M)]
    return max(rates), out


def timed(base, path, body):
    t = time.perf_counter()
    call(base, "POST", path, body)
    return (time.perf_counter() - t) * 1000


def median_latency_ms(base, path, bodies):
    return statistics.median([timed(base, path, b) for b in bodies])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=int, default=20)
    ap.add_argument("--tasks", type=int, default=10000)
    ap.add_argument("--skip-many", action="store_true")
    ap.add_argument("--jar", help="the labeltune.jar to measure (default: this checkout's build)")
    args = ap.parse_args()
    global JAR
    JAR = os.path.abspath(args.jar) if args.jar else JAR
    work = tempfile.mkdtemp(prefix="labeltune-bench-")
    train = [r["text"] for r in read_texts("ag_news", "train", 5000)]
    # Latency is measured on other texts than throughput, each text once: the embedding cache stays cold.
    fresh = train[:1500]
    texts = [r["text"] for r in read_texts("ag_news", "test", 7600)] + train[1500:]
    texts_file = os.path.join(work, "texts.txt")
    warm_file = os.path.join(work, "warm-up.txt")
    for path, lines in ((texts_file, texts), (warm_file, [r["text"] for r in read_texts("mr", "train", 5000)])):
        with open(path, "w") as f:
            f.write("\n".join(t.replace("\n", " ") for t in lines) + "\n")
    rows = []
    server = Server(os.path.join(work, "one"))
    baseline_rss = server.rss_mib()
    try:
        task = call(server.base, "POST", "/v1/tasks", {"name": "news", "labels": ["World", "Sports", "Business",
                                                                                  "Sci/Tech"]})["id"]
        wrk(server, task, warm_file, 1, 5, 0)  # warm-up on texts not used below
        one = wrk(server, task, texts_file, 1, args.duration, 0, len(texts))
        eight = wrk(server, task, texts_file, 8, args.duration, one["sent"], len(texts) - one["sent"])
        best, encoder_out = encoder_best(texts_file)
        rows.append(("classify, 64 connections, 1 text/request", one, best))
        rows.append(("classify, 64 connections, 8 texts/request", eight, best))
        print("## Throughput (texts/s; bench encoder best batch, same run: %.1f)" % best)
        print("| load | requests/s | texts/s | of bench encoder | p50 ms | p99 ms | errors |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, r, b in rows:
            print("| %s | %.1f | %.1f | %.0f%% | %.1f | %.1f | %d |" % (name, r["requests_s"], r["texts_s"],
                                                                       100 * r["texts_s"] / b, r["p50_ms"],
                                                                       r["p99_ms"], r["errors"]))
        # Task creation and tuning.
        labels = ["label %d" % i for i in range(10)]
        created = []
        for i in range(20):
            t = time.perf_counter()
            created.append(call(server.base, "POST", "/v1/tasks", {"name": "c%d" % i, "labels":
                                [l + " of topic %d" % i for l in labels]})["id"])
            if i >= 5:
                rows.append(("create", (time.perf_counter() - t) * 1000))
        create_ms = statistics.median([r[1] for r in rows if r[0] == "create"])
        bank = read_texts("banking77", "train", 9974)
        chosen = sorted({r["label"] for r in bank})[:10]
        examples = []
        for l in chosen:
            examples += [{"text": r["text"], "label": r["label"]} for r in bank if r["label"] == l][:8]
        tune_task = call(server.base, "POST", "/v1/tasks", {"name": "bank", "labels": chosen})["id"]
        call(server.base, "POST", "/v1/tasks/%s/examples" % tune_task, examples)
        t = time.perf_counter()
        job = call(server.base, "POST", "/v1/tasks/%s/tune" % tune_task)["job"]
        while True:
            state = call(server.base, "GET", "/v1/jobs/" + job)
            if state["state"] not in ("queued", "running"):
                break
            time.sleep(0.02)
        tune_s = time.perf_counter() - t
        print("\n## Task creation and tuning")
        print("| step | wall time |")
        print("| --- | ---: |")
        print("| create a task of 10 labels (median of 15) | %.1f ms |" % create_ms)
        print("| tune job, 10 labels x 8 examples (banking77), POST to done | %.2f s (%s, cv macro-F1 %.1f vs zero-shot %.1f) |"
              % (tune_s, state["state"], state.get("cv_macro_f1", float("nan")), state.get("zero_shot_macro_f1", float("nan"))))
        # One text over 100 tasks.
        many = created[:20]
        for i in range(80):
            many.append(call(server.base, "POST", "/v1/tasks", {"name": "m%d" % i, "labels":
                             ["label %d of set %d" % (j, i) for j in range(10)]})["id"])
        # Interleaved, on alternating texts: both see the same mix of lengths and the same machine noise.
        single_times, multi_times = [], []
        for i in range(0, 400, 2):
            single_times.append(timed(server.base, "/v1/tasks/%s/classify" % many[0], {"texts": [fresh[i]]}))
            multi_times.append(timed(server.base, "/v1/classify", {"texts": [fresh[i + 1]], "tasks": many}))
        single = statistics.median(single_times)
        multi = statistics.median(multi_times)
        print("\n## One text, many tasks (median of 200 sequential requests, distinct texts)")
        print("| request | latency |")
        print("| --- | ---: |")
        print("| /v1/tasks/{id}/classify, 1 task | %.2f ms |" % single)
        print("| /v1/classify, 100 tasks | %.2f ms (%.2fx) |" % (multi, multi / single))
        one_task_ms = single
    finally:
        server.stop()
    if args.skip_many:
        return
    data_dir = os.path.join(work, "many")
    server = Server(data_dir)
    try:
        vocab = ["topic %d" % i for i in range(200)]
        t = time.perf_counter()
        first = None
        for i in range(args.tasks):
            tid = call(server.base, "POST", "/v1/tasks", {"name": "t%d" % i,
                                                          "labels": [vocab[(i * 7 + j * 13) % 200] for j in range(10)]})["id"]
            first = first or tid
        fill_s = time.perf_counter() - t
    finally:
        server.stop()
    server = Server(data_dir)
    try:
        rss = server.rss_mib()
        # The same warm-up as the one-task server had before its latency was measured (its JIT was warm).
        wrk(server, first, warm_file, 1, 10, 0)
        # The same texts as the one-task measurement: cold in this process's cache, equal in length.
        latency = median_latency_ms(server.base, "/v1/tasks/%s/classify" % first,
                                    [{"texts": [fresh[i]]} for i in range(0, 400, 2)])
        print("\n## %d tasks of 10 labels" % args.tasks)
        print("| measure | value |")
        print("| --- | ---: |")
        print("| fill the store through the API | %.0f s (%.1f ms per task) |" % (fill_s, 1000 * fill_s / args.tasks))
        print("| start-up (process start to ready, every head loaded and checked) | %.1f s |" % server.startup_s)
        print("| resident memory after start-up | %.0f MiB (one task: %.0f MiB) |" % (rss, baseline_rss))
        print("| classify latency, 1 text (median of 200) | %.2f ms (one-task server: %.2f ms, %.2fx) |"
              % (latency, one_task_ms, latency / one_task_ms))
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

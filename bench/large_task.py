#!/usr/bin/env python3
"""Creating a large task through the service (BENCHMARKS.md, "Creating a large task"). Loopback only.

Starts `labeltune serve --no-auth` on a free port with a fresh data directory, sends one POST /v1/tasks of
1,000 labels, each with a 2,400-character description, prints how long the answer took, and, when the
answer names a job making the task's zero-shot head, how long until that job ended.

usage: mvn -q -DskipTests package && python3 bench/large_task.py [labeltune.jar, default: this checkout's]
"""
import json, os, socket, subprocess, sys, tempfile, time, urllib.request, random
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
jar = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "labeltune-cli", "target", "labeltune.jar")
def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
port = free_port(); d = tempfile.mkdtemp()
proc = subprocess.Popen(["java", "-jar", jar, "serve", "--no-auth", "--port", str(port), "--data-dir", d],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
base = "http://127.0.0.1:%d" % port
started = time.time()
while True:
    try:
        if json.loads(urllib.request.urlopen(base + "/health", timeout=2).read()).get("ready"): break
    except Exception: pass
    if proc.poll() is not None or time.time() - started > 300:
        raise SystemExit("server did not start")
    time.sleep(0.2)
random.seed(1)
words = "refund parcel invoice delivery password login account charge shipping delay broken screen battery order return".split()
labels = [{"name": "label-%d" % i, "text": " ".join(random.choice(words) for _ in range(400))[:2400]} for i in range(1000)]
body = json.dumps({"name": "big", "labels": labels}).encode()
t0 = time.time()
req = urllib.request.Request(base + "/v1/tasks", data=body, method="POST", headers={"Content-Type": "application/json"})
with urllib.request.urlopen(req, timeout=600) as r:
    body = json.loads(r.read()); status = r.status
print("1,000 labels x 2.4 KB descriptions: HTTP %d in %.1f s" % (status, time.time() - t0))
if body.get("job"):
    while True:
        j = json.loads(urllib.request.urlopen(base + "/v1/jobs/" + body["job"], timeout=30).read())
        if j["state"] not in ("queued", "running"): break
        time.sleep(0.2)
    print("zero-shot head job %s after %.1f s from the request" % (j["state"], time.time() - t0))
proc.terminate(); proc.wait(30)

"""Benchmark of the Python helper (python/lockstep_side): serve_records against a hand-written stdlib loop.

Both children get the same request lines on stdin and write the same answers: (a) the baseline reads, parses,
computes and writes with the standard library and one buffered flush at the end (the most a Python child can do);
(b) serve_records, which also flushes after every read so a pipelined client gets answers while it sends. Each is
measured in wall time and in the child's own CPU time (user + system, from getrusage(RUSAGE_CHILDREN)), in interleaved
rounds, best of each. Prints one JSON object. Usage: python bench/python-side.py [records] [rounds]
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

PYTHON_DIR = Path(__file__).resolve().parents[1] / "python"

BASELINE = """
import json, sys
out = sys.stdout
for line in sys.stdin.buffer:
    req = json.loads(line)
    out.write(json.dumps({"id": req["id"], "features": {"y": req["input"]["x"] + 1}}, separators=(",", ":")) + "\\n")
out.flush()
"""

SERVE_RECORDS = """
from lockstep_side import serve_records
serve_records(lambda input: {"y": input["x"] + 1})
"""


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(source: str, data: bytes, expected: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(PYTHON_DIR))
    cpu_before = child_cpu()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", source], input=data, capture_output=True, env=env, check=True)
    wall = time.perf_counter() - started
    cpu = child_cpu() - cpu_before
    answered = done.stdout.count(b"\n")
    if answered != expected:
        raise SystemExit(f"python-side bench: {answered} of {expected} lines answered; stderr: {done.stderr[-500:]!r}")
    return {"seconds": wall, "cpuSeconds": cpu}


def best(runs: list) -> dict:
    return {"seconds": min(r["seconds"] for r in runs), "cpuSeconds": min(r["cpuSeconds"] for r in runs)}


def main() -> None:
    records = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    data = b"".join(b'{"id":"r%d","input":{"x":%d}}\n' % (i, i) for i in range(records))
    run(SERVE_RECORDS, b"", 0)  # warm-up: the interpreter's and the OS's caches
    baseline, served, startup = [], [], []
    for _ in range(rounds):  # interleaved: a shared machine's noise hits both sides of the ratio alike
        baseline.append(run(BASELINE, data, records))
        served.append(run(SERVE_RECORDS, data, records))
        startup.append(run(SERVE_RECORDS, b"", 0))
    result = {
        "records": records,
        "rounds": rounds,
        "python": sys.version.split()[0],
        "baseline": best(baseline),
        "serveRecords": best(served),
        "startup": best(startup),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""The product grid's CPU cost in this checkout against another one, measured in turns:

    python -m tests.benchmarks.catalogue_ab OTHER_CHECKOUT [ROUNDS]    (DATABASE_URL: a database with the demo data)

A shared machine's speed drifts by about ±25 % from one minute to the next, more than most changes are worth: two
runs of the benchmark a few minutes apart compare the machine, not the code. Here each checkout runs in a process of
its own (Django set up from that checkout, the same request), and the two answer batches of 10 grids in turns, so
that both see the same drift. Prints each side's median CPU per request and the median ratio of paired batches.
"""

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from tests.benchmarks.test_catalogue_benchmark import BODY

# Runs in the checkout under test (its directory first on sys.path): nothing is imported from this one.
WORKER = """
import os, sys, statistics, time
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.config.settings")
import django
django.setup()
from django.test import Client
body, client = os.environ["AB_BODY"], Client()
for _ in range(20):
    assert client.post("/graphql/", data=body, content_type="application/json").status_code == 200
print("ready", flush=True)
for line in sys.stdin:
    cpu = []
    for _ in range(int(line)):
        started = time.thread_time()
        client.post("/graphql/", data=body, content_type="application/json")
        cpu.append(time.thread_time() - started)
    print(statistics.mean(cpu) * 1000, flush=True)
"""
BATCH = 10


def start(checkout: Path) -> subprocess.Popen:
    env = {**os.environ, "GRAPHQL_PUBLIC_CACHE_SECONDS": "0", "AB_BODY": BODY.decode()}
    process = subprocess.Popen([sys.executable, "-c", WORKER], cwd=checkout, env=env, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if process.stdout.readline().strip() != "ready":
        raise SystemExit(f"{checkout}: the grid could not be served (is DATABASE_URL set, with the demo data?)")
    return process


def batch(process: subprocess.Popen) -> float:
    process.stdin.write(f"{BATCH}\n")
    process.stdin.flush()
    return float(process.stdout.readline())


def compare(other: Path, here: Path, rounds: int) -> dict:
    processes = {"other": start(other), "here": start(here)}
    cpu = {"other": [], "here": []}
    try:
        for index in range(rounds):
            order = ("other", "here") if index % 2 == 0 else ("here", "other")  # neither always goes first
            for side in order:
                cpu[side].append(batch(processes[side]))
    finally:
        for process in processes.values():
            process.stdin.close()
            process.wait()
    ratios = [here_ms / other_ms for other_ms, here_ms in zip(cpu["other"], cpu["here"], strict=True)]
    quartiles = statistics.quantiles(ratios, n=4)
    return {"other_ms": statistics.median(cpu["other"]), "here_ms": statistics.median(cpu["here"]),
            "ratio": statistics.median(ratios), "ratio_q1": quartiles[0], "ratio_q3": quartiles[2]}


def main() -> None:
    other, here = Path(sys.argv[1]).resolve(), Path(__file__).resolve().parents[2]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    print(json.dumps({"other": str(other), "here": str(here), **compare(other, here, rounds)}))


if __name__ == "__main__":
    main()

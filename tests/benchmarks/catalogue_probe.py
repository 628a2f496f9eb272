"""The product grid measured in a Python process of its own, as a gunicorn worker runs it: Django and the schema
loaded, the GraphQL view called through Django's test client (no HTTP), nothing else in the heap.

The benchmark's pytest process also carries pytest, its plugins and the demo catalogue's generator: the same
requests, with the same Python calls, cost it roughly a quarter more CPU. Both figures are reported.

Run by tests/benchmarks/test_catalogue_benchmark.py:
    python -m tests.benchmarks.catalogue_probe <runs>   (DATABASE_URL and MEDIA_ROOT from the environment)
Prints one JSON object: median_ms, p95_ms, cpu_ms, queries.
"""

import json
import os
import statistics
import sys
import time


def measure(runs: int) -> dict:
    """The grid asked `runs` times through Django's test client after a warm-up (Django already set up):
    median, p95 and CPU per request, SQL statements of one more request, and that request's answer."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.benchmarks.test_catalogue_benchmark import BODY, percentile

    client = Client()
    for _ in range(10):  # warm-up: schema, connections, prepared statements
        assert client.post("/graphql/", data=BODY, content_type="application/json").status_code == 200
    timings, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.post("/graphql/", data=BODY, content_type="application/json")
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        body = client.post("/graphql/", data=BODY, content_type="application/json").json()
    return {"median_ms": statistics.median(timings), "p95_ms": percentile(timings, 0.95),
            "cpu_ms": statistics.median(cpu), "queries": len(queries.captured_queries), "body": body}


def main(runs: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.config.settings")
    import django

    django.setup()
    result = measure(runs)
    body = result.pop("body")
    assert "errors" not in body, body["errors"]
    return {**result, "products": len(body["data"]["products"]["edges"])}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))

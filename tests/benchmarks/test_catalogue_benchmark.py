"""Catalogue benchmark (`make bench`, never `make test`): the storefront's product grid on the demo catalogue.

`products(first: 24, channel: "comptoir-de-mormal")` with pricing, thumbnail, category and variants, measured
1. in-process (Django's test client, the whole request: middleware, validation, execution): median, p95, SQL queries;
2. over HTTP against a real gunicorn (`comptoir serve`, its default processes) with 20 concurrent clients: median,
   p95, req/s.
Writes the "catalogue" section of docs/benchmarks.md.

Run alone: DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_catalogue_benchmark.py -o addopts="" -s
"""

import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import override_settings

from backend.core.management.commands.serve import DEFAULT_THREADS, DEFAULT_WORKERS
from tests.benchmarks import catalogue_probe
from tests.benchmarks.report import write_section
from tests.processes import free_port, stop_group, wait_for_port

CHANNEL = "comptoir-de-mormal"
QUERY = """
query ProductGrid($channel: String!) {
  products(first: 24, channel: $channel) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id name slug isAvailable
        thumbnail(size: 256) { url alt }
        category { id name slug }
        pricing { priceRange { start { gross { amount currency } net { amount } tax { amount } } } }
        variants { id name quantityAvailable pricing { price { gross { amount currency } } } }
      }
    }
  }
}
"""
BODY = json.dumps({"query": QUERY, "variables": {"channel": CHANNEL}, "operationName": "ProductGrid"}).encode()
IN_PROCESS_RUNS = 200
CLIENTS = 20
HTTP_SECONDS = 10.0
# This shared machine's speed drifts by about ±25 % from minute to minute: each measure that a target judges is
# taken this many times, a little apart, and judged on the median of the series (the whole series is reported).
REPEATS = 3
WORKERS, THREADS = DEFAULT_WORKERS, DEFAULT_THREADS  # as `comptoir serve` starts by default
MICRO_CACHE_SECONDS = 5
TARGETS = {"median_ms": 15.0, "queries": 7, "requests_per_second": 110.0}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@pytest.fixture(scope="module")
def demo_catalogue(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo catalogue, committed to the test database so that gunicorn's workers see it too."""
    from django.core.management import call_command

    from backend.commerce.product.models import Product
    from backend.demo.catalogue import demo_catalogue_load

    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        call_command("createcachetable", verbosity=0)
        call_command("load_reference", verbosity=0)
        started = time.perf_counter()
        result = demo_catalogue_load()
        load_seconds = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would: fresh planner statistics after a bulk load
        products = Product.objects.count()
        yield {"media": media, "products": products, "variants": result.variants, "load_seconds": load_seconds}


def measure_in_process() -> dict:
    return catalogue_probe.measure(IN_PROCESS_RUNS)


def median_run(runs: list[dict], key: str) -> dict:
    """The run whose `key` is the median of the runs', with every run's `key` in order as `series`."""
    runs = sorted(runs, key=lambda run: run[key])
    return {**runs[len(runs) // 2], "series": [run[key] for run in runs]}


def measure_in_own_processes(media: Path) -> dict:
    """REPEATS runs of the probe; the run whose median is the median of the series, and every run's median."""
    return median_run([measure_in_own_process(media) for _ in range(REPEATS)], "median_ms")


def measure_in_own_process(media: Path) -> dict:
    """The same measure in a fresh process (tests/benchmarks/catalogue_probe.py), as a gunicorn worker runs it."""
    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(media), "LOG_LEVEL": "WARNING",
           "DEBUG": "0", "GRAPHQL_PUBLIC_CACHE_SECONDS": "0"}
    done = subprocess.run([sys.executable, "-m", "tests.benchmarks.catalogue_probe", str(IN_PROCESS_RUNS)],
                          env=env, capture_output=True, text=True, timeout=600, check=False,
                          cwd=Path(__file__).resolve().parents[2])
    if done.returncode != 0:
        raise AssertionError(f"the probe failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def database_url() -> str:
    settings = connection.settings_dict
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings.get("PASSWORD") else "")
    return f"postgres://{auth}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"


def start_gunicorn(port: int, media: Path, cache_seconds: int, extra_env: dict | None = None,
                   workers: int = WORKERS, threads: int = THREADS) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(media), "LOG_LEVEL": "WARNING",
           "DEBUG": "0", "WEB_CONCURRENCY": str(workers), "WEB_THREADS": str(threads),
           "GRAPHQL_PUBLIC_CACHE_SECONDS": str(cache_seconds),
           # every simulated client comes from 127.0.0.1: the per-address checkout creation limit is off ("" = none)
           # unless the benchmark says otherwise (the checkout benchmark keeps it, with one address per resident)
           "RATE_LIMIT_CHECKOUT_CREATE": "", **(extra_env or {})}
    log = media / "gunicorn.log"
    with log.open("wb") as errors:  # a file, not a pipe: a full pipe would stall the server
        process = subprocess.Popen(
            [sys.executable, "-m", "backend.config.cli", "serve", "--port", str(port)],
            env=env, stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True,
        )
    wait_for_port(process, port, log, seconds=60)
    return process


def post(conn: http.client.HTTPConnection) -> bytes:
    conn.request("POST", "/graphql/", body=BODY, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise AssertionError(f"HTTP {response.status}: {data[:300]!r}")
    return data


WARM_UP_SECONDS = 4.0


def measure_http(port: int, seconds: float = HTTP_SECONDS) -> dict:
    """20 client threads, each on its own keep-alive connection, posting as fast as answers come back; first the
    same load unmeasured for a few seconds, so that every worker process has built its schema and opened its
    connections (a warm-up on one keep-alive connection reached one worker of three: the other two warmed up
    inside the measure). Then REPEATS windows: the window of median throughput, with every window's rate."""
    run_clients(port, WARM_UP_SECONDS)
    windows = [run_clients(port, seconds) for _ in range(REPEATS)]
    return {**median_run(windows, "requests_per_second"),
            "errors": [error for window in windows for error in window["errors"]]}


def run_clients(port: int, seconds: float) -> dict:
    timings: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start_gate = threading.Barrier(CLIENTS + 1)
    stop_at: list[float] = []

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        local = []
        start_gate.wait()
        try:
            while time.perf_counter() < stop_at[0]:
                started = time.perf_counter()
                post(conn)
                local.append((time.perf_counter() - started) * 1000)
        except Exception as error:  # reported in the results, never swallowed
            errors.append(repr(error))
        finally:
            conn.close()
            with lock:
                timings.extend(local)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    stop_at.append(time.perf_counter() + seconds)
    began = time.perf_counter()
    start_gate.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {"requests": len(timings), "errors": errors, "seconds": elapsed,
            "requests_per_second": len(timings) / elapsed, "median_ms": statistics.median(timings),
            "p95_ms": percentile(timings, 0.95)}


def measure_served(media: Path, cache_seconds: int, workers: int = WORKERS, threads: int = THREADS,
                   seconds: float = HTTP_SECONDS) -> dict:
    port = free_port()
    server = start_gunicorn(port, media, cache_seconds, workers=workers, threads=threads)
    try:
        return measure_http(port, seconds)
    finally:
        stop_group(server)


def mark(ok: bool) -> str:
    return "atteint" if ok else "**manqué**"


def fr(number: float, digits: int = 1) -> str:
    return f"{number:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def series(values: list[float], unit: str = "") -> str:
    return " / ".join(f"{fr(value)}{unit}" for value in values)


def report(demo: dict, local: dict, own: dict, remote: dict, cached: dict) -> str:
    rows = [
        ("dans le processus (processus dédié, comme un worker) : médiane",
         f"{fr(own['median_ms'])} ms (médiane de {REPEATS} séries de {IN_PROCESS_RUNS} requêtes : "
         f"{series(own['series'], ' ms')})",
         f"< 15 ms : {mark(own['median_ms'] < TARGETS['median_ms'])}"),
        ("dans le processus (processus dédié) : p95", f"{fr(own['p95_ms'])} ms", ""),
        ("dans le processus (processus dédié) : temps CPU par requête (médiane)", f"{fr(own['cpu_ms'])} ms", ""),
        ("dans le processus de pytest : médiane / p95", f"{fr(local['median_ms'])} ms / {fr(local['p95_ms'])} ms",
         f"< 15 ms : {mark(local['median_ms'] < TARGETS['median_ms'])}"),
        ("dans le processus de pytest : temps CPU par requête (médiane)", f"{fr(local['cpu_ms'])} ms", ""),
        ("requêtes SQL par appel", str(local["queries"]), f"≤ 7 : {mark(local['queries'] <= TARGETS['queries'])}"),
        (f"HTTP ({CLIENTS} clients simultanés) : médiane", f"{fr(remote['median_ms'])} ms", ""),
        ("HTTP : p95", f"{fr(remote['p95_ms'])} ms", ""),
        ("HTTP : débit", f"{fr(remote['requests_per_second'])} requêtes/s (médiane de {REPEATS} fenêtres de "
         f"{fr(HTTP_SECONDS, 0)} s : {series(remote['series'])} ; {len(remote['errors'])} erreur(s))",
         f"≥ 110 req/s : {mark(remote['requests_per_second'] >= TARGETS['requests_per_second'])}"),
        (f"HTTP avec micro-cache {MICRO_CACHE_SECONDS} s : médiane / p95",
         f"{fr(cached['median_ms'])} ms / {fr(cached['p95_ms'])} ms", ""),
        (f"HTTP avec micro-cache {MICRO_CACHE_SECONDS} s : débit",
         f"{fr(cached['requests_per_second'])} requêtes/s (médiane de {REPEATS} fenêtres : "
         f"{series(cached['series'])} ; {len(cached['errors'])} erreur(s))",
         f"≥ 110 req/s : {mark(cached['requests_per_second'] >= TARGETS['requests_per_second'])}"),
    ]
    table = "\n".join(f"| {name} | {value} | {target} |" for name, value, target in rows)
    load = ", ".join(fr(value, 2) for value in os.getloadavg())
    return f"""
Requête : la grille de la vitrine, `products(first: 24, channel: "{CHANNEL}")` avec `thumbnail`, `category`,
`pricing.priceRange` (TTC, HT, TVA), les `variants` (prix, `quantityAvailable`), `isAvailable`, `totalCount` et
`pageInfo`, sur le catalogue de démonstration ({demo['products']} produits, {demo['variants']} variantes, chargé
en {fr(demo['load_seconds'])} s), PostgreSQL du poste.

| mesure | résultat | cible |
|---|---|---|
{table}

Dans le processus : le client de test de Django (toute la requête : middlewares, validation, exécution, JSON),
sans HTTP. « Processus dédié » : un processus Python neuf où seuls Django et le schéma sont chargés, comme dans un
worker gunicorn (`tests/benchmarks/catalogue_probe.py`), {REPEATS} fois (la série médiane est retenue) ;
« processus de pytest » : le processus du banc, qui porte aussi pytest, ses extensions et le générateur du
catalogue, et où les mêmes appels Python coûtent souvent plus de CPU. La vitesse de cette machine partagée varie
d'environ ±25 % d'une minute à l'autre : chaque mesure jugée est prise {REPEATS} fois, toute la série est donnée.
HTTP : `comptoir serve` comme par défaut (gunicorn, {WORKERS} processus × {THREADS} fils, whitenoise) et {CLIENTS}
fils clients, chacun avec sa connexion `http.client` persistante, pendant {REPEATS} fenêtres de
{fr(HTTP_SECONDS, 0)} s après un échauffement (le débit retenu est la fenêtre médiane ; latences de cette fenêtre).
Les clients tournent sur la même machine que le serveur et PostgreSQL (charge moyenne à la fin de la mesure :
{load}) : le débit mesuré est un plancher. Micro-cache : `GRAPHQL_PUBLIC_CACHE_SECONDS={MICRO_CACHE_SECONDS}`
(3 s par défaut ; la mesure « sans cache » le met à 0) garde {MICRO_CACHE_SECONDS} s dans chaque processus la
réponse aux requêtes anonymes du catalogue (jamais pour un utilisateur connecté, une mutation, le panier ou les
commandes).
Pour comparaison, Saleor 3.23 sert 26,7 requêtes/s avec 13 requêtes SQL pour une grille comparable de 20 produits.
"""


@pytest.mark.django_db
def test_catalogue_product_grid_benchmark(demo_catalogue):
    # given the demo catalogue (400+ products), committed to the test database
    assert demo_catalogue["products"] >= 400

    # when the product grid is asked in-process, then over HTTP by 20 concurrent clients
    local = measure_in_process()
    own = measure_in_own_processes(demo_catalogue["media"])
    remote = measure_served(demo_catalogue["media"], cache_seconds=0)
    cached = measure_served(demo_catalogue["media"], cache_seconds=MICRO_CACHE_SECONDS)

    # then the answer is the full first page, and the figures are recorded
    edges = local["body"]["data"]["products"]["edges"]
    assert "errors" not in local["body"]
    assert len(edges) == 24
    assert all(edge["node"]["pricing"]["priceRange"]["start"]["gross"]["currency"] == "EUR" for edge in edges)
    assert own["products"] == 24 and own["queries"] == local["queries"]
    body = report(demo_catalogue, local, own, remote, cached)
    write_section("catalogue", body, 'make bench PYTEST_ARGS="-k catalogue"  (with DATABASE_URL set)')
    print(body)
    assert remote["errors"] == [] and cached["errors"] == []
    assert local["queries"] <= TARGETS["queries"]

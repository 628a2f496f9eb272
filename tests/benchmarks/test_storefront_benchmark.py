"""Storefront benchmark (`make bench`, never `make test`): home, catalogue and product pages of the residents' site
on the demo catalogue, served by a real gunicorn (`comptoir serve`, 3 workers).

Measured three ways: nothing cached but the navigation, communes and filter choices (every page rendered, every
GraphQL document executed); public data shared 30 s (STOREFRONT_DATA_CACHE_SECONDS: what signed-in residents get);
whole pages cached 30 s for visitors without a session (STOREFRONT_PAGE_CACHE_SECONDS, the default for anonymous
visitors), Redis as the cache: sequential median per page type (one client), then 20 concurrent clients
cycling over the three page types for 15 s (pages/s). Also in-process: SQL queries per page.
Writes the "storefront" section of docs/benchmarks.md.

Run alone: DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_storefront_benchmark.py -o addopts="" -s
"""

import http.client
import os
import statistics
import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from tests.benchmarks.report import write_section
from tests.benchmarks.test_catalogue_benchmark import (  # noqa: F401 - the demo catalogue fixture, by name
    THREADS,
    WORKERS,
    demo_catalogue,
    fr,
    mark,
    percentile,
    start_gunicorn,
)
from tests.processes import free_port, stop_group

CLIENTS = 20
HTTP_SECONDS = 15.0
SEQUENTIAL_RUNS = 60
PAGE_CACHE_SECONDS = 30
TARGETS = {"pages_per_second": 60.0, "median_ms": 30.0}
REDIS_URL = os.environ.get("STOREFRONT_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def page_paths() -> dict[str, str]:
    from backend.commerce.product.models import Product

    slug = Product.objects.filter(channel_listings__is_published=True).order_by("pk").values_list(
        "slug", flat=True).first()
    return {"accueil": "/", "catalogue": "/produits/", "produit": f"/produits/{slug}/"}


def get(conn: http.client.HTTPConnection, path: str) -> int:
    conn.request("GET", path, headers={"Accept-Encoding": "identity"})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise AssertionError(f"HTTP {response.status} on {path}: {body[:300]!r}")
    return len(body)


def sequential(port: int, paths: dict[str, str]) -> dict[str, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    medians = {}
    for name, path in paths.items():
        timings = []
        for _ in range(SEQUENTIAL_RUNS):
            started = time.perf_counter()
            get(conn, path)
            timings.append((time.perf_counter() - started) * 1000)
        medians[name] = statistics.median(timings)
    conn.close()
    return medians


def concurrent(port: int, paths: dict[str, str]) -> dict:
    cycle = list(paths.values())
    timings: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    gate = threading.Barrier(CLIENTS + 1)
    stop_at: list[float] = []

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        local, i = [], offset
        gate.wait()
        try:
            while time.perf_counter() < stop_at[0]:
                started = time.perf_counter()
                get(conn, cycle[i % len(cycle)])
                local.append((time.perf_counter() - started) * 1000)
                i += 1
        except Exception as error:  # reported, never swallowed
            errors.append(repr(error))
        finally:
            conn.close()
            with lock:
                timings.extend(local)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    stop_at.append(time.perf_counter() + HTTP_SECONDS)
    began = time.perf_counter()
    gate.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {"pages": len(timings), "errors": errors, "seconds": elapsed, "pages_per_second": len(timings) / elapsed,
            "median_ms": statistics.median(timings), "p95_ms": percentile(timings, 0.95)}


def served(media, paths: dict[str, str], cache_seconds: int, data_seconds: int) -> dict:
    os.environ["STOREFRONT_PAGE_CACHE_SECONDS"] = str(cache_seconds)
    os.environ["STOREFRONT_DATA_CACHE_SECONDS"] = str(data_seconds)
    os.environ["REDIS_URL"] = REDIS_URL
    port = free_port()
    server = start_gunicorn(port, media, cache_seconds=0)
    try:
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(10):
            for path in paths.values():
                get(warm, path)
        warm.close()
        return {"sequential": sequential(port, paths), "concurrent": concurrent(port, paths)}
    finally:
        stop_group(server)
        os.environ.pop("STOREFRONT_PAGE_CACHE_SECONDS", None)
        os.environ.pop("STOREFRONT_DATA_CACHE_SECONDS", None)


def in_process_queries(paths: dict[str, str]) -> dict[str, int]:
    client = Client()
    counts = {}
    with override_settings(STOREFRONT_PAGE_CACHE_SECONDS=0, STOREFRONT_DATA_CACHE_SECONDS=0):
        for name, path in paths.items():
            client.get(path)  # warm the navigation, communes and labels caches
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            counts[name] = len(queries.captured_queries)
    return counts


def report(demo: dict, paths: dict, queries: dict, plain: dict, shared: dict, cached: dict) -> str:
    rows = []
    for label, result in (("sans cache", plain), (f"données publiques partagées {PAGE_CACHE_SECONDS} s", shared),
                          (f"cache de pages {PAGE_CACHE_SECONDS} s (visiteurs anonymes)", cached)):
        for name in paths:
            median = result["sequential"][name]
            rows.append((f"{label} : {name}, médiane séquentielle", f"{fr(median)} ms",
                         f"< 30 ms : {mark(median < TARGETS['median_ms'])}"))
        c = result["concurrent"]
        rows.append((f"{label} : {CLIENTS} clients simultanés", f"{fr(c['pages_per_second'])} pages/s ({c['pages']} en "
                     f"{fr(c['seconds'])} s, médiane {fr(c['median_ms'])} ms, p95 {fr(c['p95_ms'])} ms, "
                     f"{len(c['errors'])} erreur(s))",
                     f"≥ 60 pages/s : {mark(c['pages_per_second'] >= TARGETS['pages_per_second'])}"))
    table = "\n".join(f"| {name} | {value} | {target} |" for name, value, target in rows)
    load = ", ".join(fr(value, 2) for value in os.getloadavg())
    sql = ", ".join(f"{name} {count}" for name, count in queries.items())
    return f"""
Pages de la vitrine (HTML complet : GraphQL dans le processus, gabarits, navigation) sur le catalogue de
démonstration ({demo['products']} produits) : accueil `/`, catalogue `/produits/` (24 produits), fiche produit
`{paths['produit']}`. Requêtes SQL par page sans cache de pages (navigation, communes et labels déjà en cache) : {sql}.

| mesure | résultat | cible |
|---|---|---|
{table}

Trois configurations : « sans cache » (seuls la navigation, les communes et les choix de filtres sont en cache :
chaque page exécute tous ses documents GraphQL) ; « données publiques partagées » (`STOREFRONT_DATA_CACHE_SECONDS=30`,
ce que reçoivent aussi les résidents connectés : collections, listes et fiches produits, créneaux partagés 30 s) ;
« cache de pages » (les deux caches, 30 s, réglage par défaut, pour les visiteurs sans session).
Serveur : `comptoir serve` (gunicorn, {WORKERS} processus × {THREADS} fils), cache Django sur Redis. Séquentiel : un
client, {SEQUENTIAL_RUNS} pages par type après échauffement. Simultané : {CLIENTS} fils clients, chacun sa connexion
persistante, qui alternent accueil, catalogue et fiche produit pendant {fr(HTTP_SECONDS, 0)} s. Le cache de pages
(`STOREFRONT_PAGE_CACHE_SECONDS`, 30 s par défaut) ne sert que les visiteurs sans session (ni compte, ni panier, ni
message) et remplace le jeton CSRF à chaque page servie. Clients, serveur, Redis et PostgreSQL partagent la machine
(charge moyenne à la fin : {load}) : les débits sont des planchers.
"""


@pytest.mark.django_db
def test_storefront_pages_benchmark(demo_catalogue):  # noqa: F811 - the fixture imported above
    # given the demo catalogue, committed so that gunicorn's workers see it
    paths = page_paths()

    # when the pages are served with no cache, with public data shared, with whole pages cached
    queries = in_process_queries(paths)
    plain = served(demo_catalogue["media"], paths, cache_seconds=0, data_seconds=0)
    shared = served(demo_catalogue["media"], paths, cache_seconds=0, data_seconds=PAGE_CACHE_SECONDS)
    cached = served(demo_catalogue["media"], paths, cache_seconds=PAGE_CACHE_SECONDS, data_seconds=PAGE_CACHE_SECONDS)

    # then every page answered and the figures are recorded
    assert [r["concurrent"]["errors"] for r in (plain, shared, cached)] == [[], [], []]
    assert all(r["concurrent"]["pages"] > 0 for r in (plain, shared, cached))
    write_section("storefront", report(demo_catalogue, paths, queries, plain, shared, cached),
                  "DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_storefront_benchmark.py -o addopts='' -s")

"""Server benchmark (`make bench`, never `make test`): how many gunicorn processes and threads serve the product grid
best on this machine. It chose `comptoir serve`'s default (one process per core, 4 threads each).

Each configuration serves the catalogue benchmark's grid (no cache) to 20 concurrent clients; the configurations take
turns, ROUNDS times, so that all of them see the same drift of a shared machine's speed. A configuration's figure is
the median of its rounds (each round: the median of 3 windows). Writes the "server" section of docs/benchmarks.md.

Run alone: DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_server_benchmark.py -o addopts="" -s
"""

import statistics

import pytest

from backend.core.management.commands.serve import default_workers
from tests.benchmarks.report import write_section
from tests.benchmarks.test_catalogue_benchmark import (  # noqa: F401 - the demo catalogue fixture, by name
    CLIENTS,
    demo_catalogue,
    fr,
    measure_http,
    start_gunicorn,
)
from tests.processes import free_port, stop_group

# (processes, threads): the default on this machine, the former default (3 × 4), and two others of the same
# concurrency or less
CONFIGURATIONS = [(default_workers(), 4), (3, 4), (4, 2), (4, 1)]
ROUNDS = 3
WINDOW_SECONDS = 6.0


def serve_once(media, workers: int, threads: int) -> dict:
    port = free_port()
    server = start_gunicorn(port, media, cache_seconds=0, workers=workers, threads=threads)
    try:
        return measure_http(port, WINDOW_SECONDS)
    finally:
        stop_group(server)


def report(results: dict) -> str:
    rows = []
    for (workers, threads), rounds in results.items():
        rates = [run["requests_per_second"] for run in rounds]
        default = " (défaut)" if (workers, threads) == CONFIGURATIONS[0] else ""
        rows.append(f"| {workers} × {threads}{default} | {fr(statistics.median(rates))} | "
                    f"{' / '.join(fr(rate) for rate in rates)} | "
                    f"{fr(statistics.median(run['median_ms'] for run in rounds))} ms |")
    table = "\n".join(rows)
    rate = {configuration: statistics.median(run["requests_per_second"] for run in rounds)
            for configuration, rounds in results.items()}
    ratio = rate[CONFIGURATIONS[0]] / rate[(3, 4)]
    return f"""
La grille du banc « catalogue » (sans cache), servie par `comptoir serve` à {CLIENTS} clients simultanés, dans
plusieurs réglages de gunicorn (processus × fils). Les réglages passent à tour de rôle, {ROUNDS} tours : tous voient
la même dérive de vitesse de la machine. Par tour : la fenêtre médiane de 3 fenêtres de {fr(WINDOW_SECONDS, 0)} s.

| processus × fils | débit (médiane des tours), requêtes/s | par tour | latence médiane |
|---|---|---|---|
{table}

Débit du réglage par défaut rapporté à l'ancien défaut (3 × 4) : × {fr(ratio, 2)}. Le défaut de `comptoir serve`
est un processus par cœur de 4 fils (`WEB_CONCURRENCY` : un par cœur, de 2 à 8 ; `WEB_THREADS` : 4) : les fils
couvrent l'attente de PostgreSQL, et un processus de plus que de cœurs leur dispute les cœurs, à PostgreSQL et aux
clients. Au même nombre de fils en tout, 4 × 2 sert à peu près autant que 2 × 4 (dans la dérive de la machine), avec
deux processus de plus en mémoire.
"""


@pytest.mark.django_db
def test_server_configurations_benchmark(demo_catalogue):  # noqa: F811 - the fixture imported above
    # given the demo catalogue
    assert demo_catalogue["products"] >= 400

    # when each configuration serves the grid, in turns
    results = {configuration: [] for configuration in CONFIGURATIONS}
    for _ in range(ROUNDS):
        for workers, threads in CONFIGURATIONS:
            results[(workers, threads)].append(serve_once(demo_catalogue["media"], workers, threads))

    # then every request was answered, and the figures are recorded
    assert all(run["errors"] == [] and run["requests"] > 0 for rounds in results.values() for run in rounds)
    body = report(results)
    write_section("server", body, 'make bench PYTEST_ARGS="-k server"  (with DATABASE_URL set)')
    print(body)

"""Server benchmark (`make bench`, never `make test`): how many gunicorn processes and threads serve the product grid
best on this machine, against `comptoir serve`'s default (3 processes of 4 threads).

Each configuration serves the catalogue benchmark's grid (no cache) to 20 concurrent clients; the configurations take
turns, ROUNDS times, so that all of them see the same drift of a shared machine's speed. A configuration's figure is
the median of its rounds (each round: the median of 3 windows). Writes the "server" section of docs/benchmarks.md.

Run alone: DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_server_benchmark.py -o addopts="" -s
"""

import statistics

import pytest

from tests.benchmarks.report import write_section
from tests.benchmarks.test_catalogue_benchmark import (  # noqa: F401 - the demo catalogue fixture, by name
    CLIENTS,
    THREADS,
    WORKERS,
    demo_catalogue,
    fr,
    measure_served,
)

# (processes, threads): the default first; one process per core with as many threads in all, or fewer; more processes
# with fewer threads
CONFIGURATIONS = [(WORKERS, THREADS), (2, 6), (2, 4), (4, 2)]
ROUNDS = 3
WINDOW_SECONDS = 6.0


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
    default = rate[CONFIGURATIONS[0]]
    ratios = ", ".join(f"{workers} × {threads} : × {fr(rate[(workers, threads)] / default, 2)}"
                       for workers, threads in CONFIGURATIONS[1:])
    return f"""
La grille du banc « catalogue » (sans cache), servie par `comptoir serve` à {CLIENTS} clients simultanés, dans
plusieurs réglages de gunicorn (processus × fils). Les réglages passent à tour de rôle, {ROUNDS} tours : tous voient
la même dérive de vitesse de la machine. Par tour : la fenêtre médiane de 3 fenêtres de {fr(WINDOW_SECONDS, 0)} s.

| processus × fils | débit (médiane des tours), requêtes/s | par tour | latence médiane |
|---|---|---|---|
{table}

Débit rapporté à celui du réglage par défaut : {ratios}.

Le défaut reste 3 × 4. Selon les séries, 2 × 4 sert jusqu'à 10 % de grilles de plus, ou rien de plus (la vitesse de
cette machine dérive d'autant) ; mais les 12 fils de 3 × 4 couvrent mieux les attentes d'une validation de panier
(banc « checkout », mesuré à la main le 2026-11-29 en tours alternés : 16,0 et 16,5 paniers validés par seconde en
3 × 4, 13,5 et 14,0 en 2 × 4, 15,8 et 15,9 en 2 × 6). Un autre réglage : `WEB_CONCURRENCY` (processus) et
`WEB_THREADS` (fils).
"""


@pytest.mark.django_db
def test_server_configurations_benchmark(demo_catalogue):  # noqa: F811 - the fixture imported above
    # given the demo catalogue
    assert demo_catalogue["products"] >= 400

    # when each configuration serves the grid, in turns
    results = {configuration: [] for configuration in CONFIGURATIONS}
    for _ in range(ROUNDS):
        for workers, threads in CONFIGURATIONS:
            results[(workers, threads)].append(
                measure_served(demo_catalogue["media"], cache_seconds=0, workers=workers, threads=threads,
                               seconds=WINDOW_SECONDS))

    # then every request was answered, and the figures are recorded
    assert all(run["errors"] == [] and run["requests"] > 0 for rounds in results.values() for run in rounds)
    body = report(results)
    write_section("server", body, 'make bench PYTEST_ARGS="-k server"  (with DATABASE_URL set)')
    print(body)

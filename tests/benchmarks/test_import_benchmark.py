"""Producer CSV import benchmark (`make bench`): 1,000 then 5,000 product rows imported into the test database,
time and memory (tracemalloc peak of the Python heap, and the process RSS sampled every 50 ms). The import must
take under 30 s for 5,000 rows, and memory must stay flat: the peak for 5,000 rows is not five times the peak for
1,000 (rows are streamed and written by chunks). Writes the "producer-import" section of docs/benchmarks.md.

Run alone: DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_import_benchmark.py -o addopts="" -s
"""

import os
import threading
import time
import tracemalloc

import pytest

from backend.commerce.product.models import ProductVariant
from plugins.producers.portal import csv_import
from tests import factories
from tests.backend.commerce.conftest import channel  # noqa: F401 - fixture re-used
from tests.benchmarks.report import write_section
from tests.plugins.producers.conftest import communes, producer_a  # noqa: F401 - fixtures re-used

TARGET_SECONDS = 30.0
SIZES = (1_000, 5_000)
CATEGORIES = ("Fromages", "Boissons", "Épicerie", "Viandes")


def _write_csv(path, rows: int, prefix: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\ufeffsku;nom;catégorie;prix_ttc;stock;poids_kg;tva;publié\n")
        for index in range(rows):
            price = f"{1 + index % 250},{index % 100:02d}"
            handle.write(f"{prefix}-{index:06d};Produit fermier n° {index};{CATEGORIES[index % 4]};{price};"
                         f"{index % 40};0,{250 + index % 500};5,5;{'oui' if index % 3 else 'non'}\n")


def _rss_kib() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


class RssSampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[int] = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            self.samples.append(_rss_kib())
            time.sleep(0.05)


@pytest.mark.django_db
def test_import_5000_rows_under_30_s_with_flat_memory(producer_a, channel, tmp_path):  # noqa: F811
    factories.tax_class("5.5")
    for name in CATEGORIES:
        factories.category(name)
    results = {}
    for size in SIZES:
        timed, traced = tmp_path / f"timed-{size}.csv", tmp_path / f"traced-{size}.csv"
        _write_csv(timed, size, f"T{size}")
        _write_csv(traced, size, f"M{size}")
        sampler = RssSampler()
        rss_before = _rss_kib()
        sampler.start()
        started = time.perf_counter()
        report = csv_import.run(timed, producer_a)
        elapsed = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()
        assert (report.created, report.refused) == (size, 0)
        tracemalloc.start()
        traced_report = csv_import.run(traced, producer_a)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert traced_report.created == size
        results[size] = {"seconds": elapsed, "rows_per_s": size / elapsed, "peak_kib": peak // 1024,
                         "rss_growth_kib": max(sampler.samples + [rss_before]) - rss_before}
    assert ProductVariant.objects.filter(sku__startswith="T5000-").count() == 5_000

    small, large = results[SIZES[0]], results[SIZES[1]]
    lines = ["| Lignes | Durée | Lignes/s | Pic tracemalloc (tas Python) | Hausse du RSS pendant l'import |",
             "|---:|---:|---:|---:|---:|"]
    for size, figures in results.items():
        lines.append(f"| {size:,} | {figures['seconds']:.1f} s | {figures['rows_per_s']:.0f} | "
                     f"{figures['peak_kib']:,} Kio | {figures['rss_growth_kib']:,} Kio |".replace(",", "\u202f")
                     .replace(".", ","))
    ratio = f"{large['peak_kib'] / max(small['peak_kib'], 1):.1f}".replace(".", ",")
    load = " ; ".join(f"{x:.2f}".replace(".", ",") for x in os.getloadavg())
    body = "\n".join(lines) + (
        f"\n\nObjectif : 5 000 lignes en moins de {TARGET_SECONDS:.0f} s, mémoire plate. Le fichier est lu ligne à "
        "ligne et écrit par paquets de 250 lignes (insertions groupées, une transaction par paquet) : le pic "
        f"mémoire pour 5 000 lignes vaut {ratio} fois celui pour 1 000 lignes (il vaudrait 5 si le fichier était "
        f"chargé en entier). Machine partagée avec les autres tests (charge en fin de mesure : {load}).")
    write_section("producer-import", body,
                  "DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_import_benchmark.py -o addopts=\"\" -s")
    print(body)
    assert large["seconds"] < TARGET_SECONDS
    assert large["peak_kib"] < 2 * small["peak_kib"]

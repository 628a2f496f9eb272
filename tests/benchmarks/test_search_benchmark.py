"""Search benchmark (`make bench`): relevance on the fixture catalogue, then search speed with 100,000 generated
products in the test database. Writes the "search" section of docs/benchmarks.md.

Run alone: DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_search_benchmark.py -o addopts="" -s
"""

import itertools
import os
import random
import statistics
import time

import pytest
from django.db import connection

from tests.benchmarks.report import write_section
from tests.search.catalogue import PRODUCERS, PRODUCTS, build_catalogue
from tests.search.relevance import RELEVANCE_QUERIES, evaluate

GENERATED = 100_000
TARGET_P95_MS = 30.0
RUNS_PER_QUERY = 5
PAGE = 24

NOUNS = ["Maroilles", "Fromage", "Tomme", "Bière", "Pâté", "Terrine", "Miel", "Confiture", "Jus", "Cidre", "Pain",
         "Tarte", "Saucisson", "Poulet", "Œufs", "Farine", "Yaourt", "Beurre", "Crème", "Lait", "Pommes", "Poires",
         "Carottes", "Poireaux", "Chicons", "Rillettes", "Gaufres", "Sirop", "Genièvre", "Liqueur", "Boudin",
         "Jambon", "Lentilles", "Haricots", "Courge", "Chou", "Navets", "Betteraves", "Fraises", "Framboises"]
QUALIFIERS = ["fermier", "bio", "artisanal", "de campagne", "ambrée", "blonde", "brune", "aux noix", "au miel", "fumé",
              "affiné", "frais", "demi-sel", "à l'ancienne", "du verger", "de saison", "doux", "corsé", "nature",
              "aux herbes", "au lait cru", "de garde", "maison", "du terroir"]
PLACES = ["de Bavay", "du Quesnoy", "de Landrecies", "de Locquignol", "de Jolimetz", "de la forêt de Mormal",
          "d'Englefontaine", "de Poix-du-Nord", "de Gommegnies", "de Maroilles", "du Pays de Mormal", "de l'Avesnois"]
EXTRA_QUERIES = ["fromage", "biere", "miel", "maroilles", "tarte", "pain", "confiture fraise", "poulet fermier",
                 "fromage bio", "jus de pomme", "bavay", "landrecies", "au lait cru", "terrine campagne", "gaufre",
                 "saucisson fume", "chou", "lentille", "framboise", "mormal"]
RESULTS: dict = {}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _generate_products(count: int) -> float:
    """Bulk-create `count` products with a variant and a stock at one of 150 producers, then index them through the
    service. Returns the indexing throughput (products per second)."""
    from django.utils.text import slugify

    from backend.commerce.product.models import Product, ProductVariant
    from backend.commerce.product.search_index import update_products_search_vector
    from backend.commerce.territory.models import Commune
    from backend.commerce.warehouse.models import Stock
    from tests import factories

    rng = random.Random(2026)
    communes = list(Commune.objects.all())
    warehouses = [factories.warehouse(name=f"Ferme {n} du Pays de Mormal", commune=rng.choice(communes))
                  for n in range(150)]
    categories = [factories.category(name) for name in ("Fromages", "Bières", "Charcuterie", "Épicerie sucrée",
                                                         "Légumes", "Fruits", "Boulangerie", "Produits laitiers")]
    product_type = factories.product_type()
    names = [f"{rng.choice(NOUNS)} {rng.choice(QUALIFIERS)} {rng.choice(PLACES)}" for _ in range(count)]
    products = Product.objects.bulk_create(
        [Product(name=name, slug=f"{slugify(name)}-g{n}", product_type=product_type,
                 category=rng.choice(categories), description_plaintext=f"{name}, produit par un voisin. "
                 f"{rng.choice(QUALIFIERS).capitalize()} et {rng.choice(QUALIFIERS)}.")
         for n, name in enumerate(names)],
        batch_size=5000,
    )
    variants = ProductVariant.objects.bulk_create(
        [ProductVariant(product=product, sku=f"GEN-{product.pk}") for product in products], batch_size=5000
    )
    Stock.objects.bulk_create(
        [Stock(warehouse=rng.choice(warehouses), product_variant=variant, quantity=5) for variant in variants],
        batch_size=5000,
    )
    started = time.perf_counter()
    update_products_search_vector(product_ids=[product.pk for product in products])
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE product_product")
        cursor.execute("ANALYZE search_searchterm")
    return count / elapsed


def _ranked(text: str) -> list[str]:
    from backend.commerce.product.models import Product
    from backend.commerce.search.selectors import search_products

    return list(search_products(Product.objects.all(), text).values_list("name", flat=True)[:5])


@pytest.mark.django_db
def test_search_relevance_and_p95_with_100000_products(settings):
    from backend.commerce.product.models import Product
    from backend.commerce.search.backends import reset_search_backend
    from backend.commerce.search.selectors import search_products
    from backend.commerce.search.services import search_index_dirty_products

    settings.ELASTICSEARCH_URL = ""
    reset_search_backend()
    # given the fixture catalogue, indexed: relevance first, on the catalogue alone
    build_catalogue()
    search_index_dirty_products()
    relevance = evaluate(_ranked)
    # and 100,000 generated products around it
    started = time.perf_counter()
    indexing_rate = _generate_products(GENERATED)
    build_seconds = time.perf_counter() - started
    total_products = Product.objects.count()
    queries = [query for _kind, query, _expected in RELEVANCE_QUERIES] + EXTRA_QUERIES
    # when every query asks for a first page and its count, as the catalogue API does
    page_ms, total_ms = [], []
    for text in queries:  # warm-up
        list(search_products(Product.objects.all(), text)[:PAGE])
    for text, _run in itertools.product(queries, range(RUNS_PER_QUERY)):
        t0 = time.perf_counter()
        page = list(search_products(Product.objects.all(), text)[:PAGE])
        t1 = time.perf_counter()
        search_products(Product.objects.all(), text).count()
        t2 = time.perf_counter()
        page_ms.append((t1 - t0) * 1000)
        total_ms.append((t2 - t0) * 1000)
        assert len(page) <= PAGE
    relevance_at_scale = evaluate(_ranked)
    RESULTS.update(
        products=total_products, build_seconds=build_seconds, indexing_rate=indexing_rate, relevance=relevance,
        relevance_at_scale=relevance_at_scale, queries=len(queries), samples=len(page_ms),
        page_p50=statistics.median(page_ms), page_p95=_percentile(page_ms, 0.95), page_max=max(page_ms),
        total_p50=statistics.median(total_ms), total_p95=_percentile(total_ms, 0.95), total_max=max(total_ms),
    )
    _write_report()
    # then relevance holds and a results page comes back in under 30 ms at the 95th percentile
    assert total_products == GENERATED + len(PRODUCTS)
    assert relevance.hit_rate >= 0.90
    assert RESULTS["page_p95"] < TARGET_P95_MS


def _write_report() -> None:
    r = RESULTS
    rel, scale = r["relevance"], r["relevance_at_scale"]
    hits = f"{rel.hits_at_5}/{rel.queries} ({rel.hit_rate:.1%})"
    hits_at_scale = f"{scale.hits_at_5}/{scale.queries} ({scale.hit_rate:.1%})"
    verdict = "met" if r["page_p95"] < TARGET_P95_MS else "NOT met"
    hard_cases = (
        "The hard cases stay in the mix: with this generator's 40 nouns, 12 places and 8 categories, one-word "
        "queries (a category, a place, a noun) match 10 to 15 % of the products and `mormal` matches all of them "
        "(every generated producer is \"du Pays de Mormal\"); every match is ranked, so their cost grows with "
        "the match count (the max above is `mormal`) while specific queries take a few ms.")
    body = f"""
PostgreSQL backend (full-text `french_unaccent`, weighted vector ranked by `ts_rank` — a third of `ts_rank_cd`'s
cost on big matches, same relevance —, typo lexicon with a trigram index, GIN pending list flushed after a bulk
reindex, vector and short document left out of the ranked rows), selector
`search_products(Product.objects.all(), text)`; one SQL statement per page, one more for the count.

**Relevance** — {rel.queries} queries of `tests/search/relevance.py` (typos, missing accents, plurals, producers,
communes, labels, word order, prefixes) on the fixture catalogue of `tests/search/catalogue.py`
({len(PRODUCERS)} producers):

| measure | catalogue alone | with {GENERATED:,} generated products around it |
|---|---|---|
| queries with an expected product in the top 5 | {hits} | {hits_at_scale} |
| precision@5 (expected in the top 5 / min(5, expected)) | {rel.precision_at_5:.3f} | {scale.precision_at_5:.3f} |
| MRR (first expected product) | {rel.mrr:.3f} | {scale.mrr:.3f} |

(With the generated products, names such as "Maroilles fermier de Bavay" legitimately compete with the catalogue's.)

**Speed** — {r["products"]:,} products (150 producers' warehouses), {r["queries"]} queries × {RUNS_PER_QUERY} runs
= {r["samples"]} samples, after one warm-up pass:

| measure | p50 | p95 | max |
|---|---|---|---|
| first page of {PAGE} results | {r["page_p50"]:.1f} ms | {r["page_p95"]:.1f} ms | {r["page_max"]:.1f} ms |
| first page + total count | {r["total_p50"]:.1f} ms | {r["total_p95"]:.1f} ms | {r["total_max"]:.1f} ms |

Target: p95 of a page under {TARGET_P95_MS:.0f} ms — {verdict}. {hard_cases} Load average when written:
{os.getloadavg()[0]:.1f} (other work shares the machine). Building the catalogue took {r["build_seconds"]:.0f} s; the
index service wrote {r["indexing_rate"]:,.0f} products/s (`update_products_search_vector`, batches of 500).
"""
    write_section("search", body,
                  "DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_search_benchmark.py -o addopts=\"\" -s")

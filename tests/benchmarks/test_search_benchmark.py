"""Search benchmark (`make bench`): relevance on the fixture catalogue, then search speed with 100,000 generated
products in the test database. Writes the "search" section of docs/benchmarks.md.

Run alone: DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_search_benchmark.py -o addopts="" -s

Building the catalogue takes minutes. To iterate on the search code, keep it between runs:
SEARCH_BENCH_KEEP=1 DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_search_benchmark.py -o addopts="" -s \
--reuse-db
The first such run builds and commits the catalogue in the test database with a marker (generator version, relevance
measured on the catalogue alone); later runs reuse it, and reindex everything when the indexing code changed. Run the
search benchmark alone then: the other benchmarks would see the 100,000 kept products.
"""

import dataclasses
import hashlib
import itertools
import json
import os
import random
import statistics
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.benchmarks.report import write_section
from tests.search.catalogue import PRODUCERS, PRODUCTS, build_catalogue
from tests.search.relevance import RELEVANCE_QUERIES, RelevanceReport, evaluate

GENERATED = 100_000
# Bump when the generated catalogue changes (names, counts, seed): a kept catalogue of another version is refused.
GENERATOR_VERSION = "1"
KEEP = os.environ.get("SEARCH_BENCH_KEEP") == "1"
ROOT = Path(__file__).resolve().parents[2]
# The files that decide what the index holds: when one changes, a kept catalogue is reindexed before measuring.
INDEXING_SOURCES = ["backend/commerce/search/backends/postgres.py", "backend/commerce/search/text.py",
                    "backend/commerce/search/postings.py", "backend/commerce/product/search_index.py",
                    "backend/commerce/search/migrations"]
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


def _build_catalogue() -> dict:
    """The fixture catalogue, its relevance alone, then 100,000 generated products around it."""
    from backend.commerce.search.services import search_index_dirty_products

    build_catalogue()
    search_index_dirty_products()
    relevance = evaluate(_ranked)
    started = time.perf_counter()
    indexing_rate = _generate_products(GENERATED)
    return {"relevance": dataclasses.asdict(relevance), "build_seconds": time.perf_counter() - started,
            "indexing_rate": indexing_rate, "built_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "kept": False}


def _indexing_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in INDEXING_SOURCES:
        path = ROOT / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _kept_catalogue() -> dict:
    """Reuse the catalogue committed by an earlier run (SEARCH_BENCH_KEEP=1 with --reuse-db), or build and commit it.

    A marker table in the test database records the generator version, the indexing code's fingerprint and what the
    build measured. The catalogue is reindexed when the indexing code changed since."""
    from backend.commerce.product.models import Product
    from backend.commerce.search.services import search_reindex_all

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS search_benchmark_catalogue "
                       "(generator text NOT NULL, fingerprint text NOT NULL, built jsonb NOT NULL)")
        cursor.execute("SELECT generator, fingerprint, built FROM search_benchmark_catalogue")
        row = cursor.fetchone()
    fingerprint = _indexing_fingerprint()
    if row is None or row[0] != GENERATOR_VERSION:
        if Product.objects.exists():
            pytest.fail("The kept test database holds another catalogue: run once with --create-db.")
        built = _build_catalogue()
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_benchmark_catalogue VALUES (%s, %s, %s)",
                           [GENERATOR_VERSION, fingerprint, json.dumps(built)])
        return built
    built = row[2] if isinstance(row[2], dict) else json.loads(row[2])
    if row[1] != fingerprint:
        started = time.perf_counter()
        search_reindex_all()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("UPDATE search_benchmark_catalogue SET fingerprint = %s", [fingerprint])
        print(f"\nKept catalogue reindexed in {time.perf_counter() - started:.0f} s (indexing code changed).")
    return {**built, "kept": True}


@pytest.fixture(scope="module")
def kept_catalogue(request, django_db_setup, django_db_blocker):
    """None unless SEARCH_BENCH_KEEP=1; then the committed catalogue's build figures (see the module docstring)."""
    if not KEEP:
        yield None
        return
    if not request.config.getoption("reuse_db"):
        pytest.fail("SEARCH_BENCH_KEEP=1 needs --reuse-db (without it the test database is dropped after the run).")
    with django_db_blocker.unblock():
        yield _kept_catalogue()


@pytest.mark.django_db
def test_search_relevance_and_p95_with_100000_products(settings, kept_catalogue):
    from backend.commerce.product.models import Product
    from backend.commerce.search.backends import reset_search_backend

    settings.ELASTICSEARCH_URL = ""
    reset_search_backend()
    # given the fixture catalogue (its relevance measured alone) and 100,000 generated products around it
    built = kept_catalogue or _build_catalogue()
    relevance = RelevanceReport(**{**built["relevance"], "misses": [tuple(m) for m in built["relevance"]["misses"]]})
    total_products = Product.objects.count()
    queries = [query for _kind, query, _expected in RELEVANCE_QUERIES] + EXTRA_QUERIES
    # when every query asks for a first page and its count, as the catalogue API does (one search, its page, its
    # totalCount counted up to 1,000), and, in the same run, as it did before the postings (every match ranked,
    # every match counted)
    for text in queries:  # warm-up
        _timed_search(text)
        _timed_whole_match(text)
    load_before = os.getloadavg()[0]
    now, before = {}, {}
    for text, _run in itertools.product(queries, range(RUNS_PER_QUERY)):
        now.setdefault(text, []).append(_timed_search(text))
        before.setdefault(text, []).append(_timed_whole_match(text))
    load_after = os.getloadavg()[0]
    relevance_at_scale = evaluate(_ranked)
    RESULTS.update(
        products=total_products, build_seconds=built["build_seconds"], indexing_rate=built["indexing_rate"],
        kept=built["kept"], built_at=built["built_at"], relevance=relevance, relevance_at_scale=relevance_at_scale,
        queries=len(queries), samples=sum(len(v) for v in now.values()), load=(load_before, load_after),
        now=_figures(now), before=_figures(before), postings=_postings_size(),
    )
    print("\nslowest first pages (median ms):", RESULTS["now"]["slowest"])
    _write_report()
    # then relevance holds and a results page comes back in under 30 ms at the 95th percentile
    assert total_products == GENERATED + len(PRODUCTS)
    assert relevance.hit_rate >= 0.90
    assert RESULTS["now"]["page_p95"] < TARGET_P95_MS


def _timed_search(text: str) -> tuple[float, float]:
    """(page ms, page + totalCount ms) the way the API serves `products(search:, first: 24) { totalCount }`."""
    from backend.api.core.connection import SEARCH_TOTAL_COUNT_LIMIT
    from backend.commerce.product.models import Product
    from backend.commerce.search.selectors import search_products

    t0 = time.perf_counter()
    results = search_products(Product.objects.all(), text)
    page = list(results[:PAGE])
    t1 = time.perf_counter()
    results.count_at_most(SEARCH_TOTAL_COUNT_LIMIT) if hasattr(results, "count_at_most") else results.count()
    t2 = time.perf_counter()
    assert len(page) <= PAGE
    return (t1 - t0) * 1000, (t2 - t0) * 1000


def _timed_whole_match(text: str) -> tuple[float, float]:
    """The same before the postings: every match ranked with ts_rank, every match counted."""
    from backend.commerce.product.models import Product
    from backend.commerce.search.backends.postgres import filter_and_rank

    t0 = time.perf_counter()
    results = filter_and_rank(Product.objects.all(), text)
    list(results[:PAGE])
    t1 = time.perf_counter()
    results.count()
    t2 = time.perf_counter()
    return (t1 - t0) * 1000, (t2 - t0) * 1000


def _figures(samples: dict[str, list[tuple[float, float]]]) -> dict:
    pages = [page for values in samples.values() for page, _total in values]
    totals = [total for values in samples.values() for _page, total in values]
    slowest = sorted(samples.items(), key=lambda item: -statistics.median(page for page, _ in item[1]))[:5]
    return {
        "page_p50": statistics.median(pages), "page_p95": _percentile(pages, 0.95), "page_max": max(pages),
        "total_p50": statistics.median(totals), "total_p95": _percentile(totals, 0.95), "total_max": max(totals),
        "slowest": ", ".join(f"`{text}` {statistics.median(page for page, _ in values):.0f}"
                             for text, values in slowest),
    }


def _postings_size() -> tuple[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), pg_size_pretty(pg_total_relation_size('search_productposting')) "
                       "FROM search_productposting")
        return cursor.fetchone()


def _write_report() -> None:
    from backend.api.core.connection import SEARCH_TOTAL_COUNT_LIMIT as COUNTED
    from backend.commerce.search.postings import CANDIDATES_PER_QUERY, EXACT_MATCH_LIMIT

    r = RESULTS
    rel, scale, now, before = r["relevance"], r["relevance_at_scale"], r["now"], r["before"]
    hits = f"{rel.hits_at_5}/{rel.queries} ({rel.hit_rate:.1%})"
    hits_at_scale = f"{scale.hits_at_5}/{scale.queries} ({scale.hit_rate:.1%})"
    verdict = "met" if now["page_p95"] < TARGET_P95_MS else "NOT met"
    postings_rows, postings_size = r["postings"]
    kept = (f" (catalogue kept from an earlier run, built {r['built_at']}: the catalogue-alone relevance and the "
            f"build figures are that run's)" if r["kept"] else "")
    body = f"""
PostgreSQL backend: full-text `french_unaccent`, weighted vector ranked by `ts_rank`, typo lexicon with a trigram
index, and the product postings (`search_productposting`: one row per product and lexeme with the rank of that
lexeme alone, under a `(lexeme, score DESC, product_id)` index). `search_products(Product.objects.all(), text)` first
runs the search plan (one SQL query: the tsquery with typos resolved and, for a one-word query whose forms have more
than {EXACT_MATCH_LIMIT} postings, its {CANDIDATES_PER_QUERY} best products from the postings); the first pages of such
a query are ranked on those candidates (the whole match when they cannot fill a page), everything else on the whole
match with the resolved tsquery as a constant. `totalCount` counts up to {COUNTED:,} ({COUNTED + 1:,} means "more than
{COUNTED:,}": the storefront says "Plus de 1 000 produits"). Per request: plan, page, count.

**Relevance** — {rel.queries} queries of `tests/search/relevance.py` (typos, missing accents, plurals, producers,
communes, labels, word order, prefixes) on the fixture catalogue of `tests/search/catalogue.py`
({len(PRODUCERS)} producers){kept}:

| measure | catalogue alone | with {GENERATED:,} generated products around it |
|---|---|---|
| queries with an expected product in the top 5 | {hits} | {hits_at_scale} |
| precision@5 (expected in the top 5 / min(5, expected)) | {rel.precision_at_5:.3f} | {scale.precision_at_5:.3f} |
| MRR (first expected product) | {rel.mrr:.3f} | {scale.mrr:.3f} |

(With the generated products, names such as "Maroilles fermier de Bavay" legitimately compete with the catalogue's.)

**Speed** — {r["products"]:,} products (150 producers' warehouses), {r["queries"]} queries × {RUNS_PER_QUERY} runs
= {r["samples"]} samples per column, after one warm-up pass; both ways measured in the same run, query by query:

| measure | p50 | p95 | max |
|---|---|---|---|
| first page of {PAGE} results | {now["page_p50"]:.1f} ms | {now["page_p95"]:.1f} ms | {now["page_max"]:.1f} ms |
| first page + `totalCount` (up to {COUNTED:,}) | {now["total_p50"]:.1f} ms | {now["total_p95"]:.1f} ms | \
{now["total_max"]:.1f} ms |
| before the postings: first page, every match ranked | {before["page_p50"]:.1f} ms | {before["page_p95"]:.1f} ms | \
{before["page_max"]:.1f} ms |
| before the postings: first page + exact count | {before["total_p50"]:.1f} ms | {before["total_p95"]:.1f} ms | \
{before["total_max"]:.1f} ms |

Target: p95 of a page under {TARGET_P95_MS:.0f} ms — {verdict}. Load average {r["load"][0]:.1f} when the measures
started, {r["load"][1]:.1f} when they ended (2 cores shared with other work: the figures are upper bounds). Slowest
first pages now (median ms): {now["slowest"]}; before: {before["slowest"]}. The hard cases stay in the mix: with this
generator's 40 nouns, 12 places and 8 categories, one-word queries match 10 to 15 % of the products and `mormal` all
of them; they are now ranked on {CANDIDATES_PER_QUERY} candidates. Several-word queries still rank their whole
intersection (`au lait cru`: 11,863 products). The postings hold {postings_rows:,} rows ({postings_size} with their
indexes). Building the catalogue took {r["build_seconds"]:.0f} s; the index service wrote {r["indexing_rate"]:,.0f}
products/s (`update_products_search_vector`: vectors and postings, batches of 500).
"""
    write_section("search", body,
                  "DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_search_benchmark.py -o addopts=\"\" -s")

"""Checkout benchmark (`make bench`, never `make test`): the storefront's full checkout sequence through
POST /graphql/ — checkoutCreate, checkoutLinesAdd (3 lines), checkoutEmailUpdate, checkoutDeliveryMethodUpdate (a
pickup point), checkoutComplete (pay at pickup) — on the demo catalogue.

1. in-process (Django's test client): SQL queries per step (CaptureQueriesContext), median and p95 per step;
2. over HTTP against a real gunicorn (`comptoir serve`) with 20 concurrent buyers: p50/p95 per step, completed
   checkouts per second, and checkoutCreate + checkoutLinesAdd pairs per second (target >= 20 pairs/s).
Writes the "checkout" section of docs/benchmarks.md.

Run alone: DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_checkout_benchmark.py -o addopts="" -s
"""

import http.client
import json
import os
import statistics
import threading
import time
from collections import defaultdict

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from backend.core.ids import to_global_id
from tests.benchmarks.report import write_section
from tests.benchmarks.test_catalogue_benchmark import (
    CHANNEL,
    demo_catalogue,  # noqa: F401 - the module fixture loading the demo catalogue
    fr,
    free_port,
    mark,
    percentile,
    start_gunicorn,
)

CLIENTS = 20
HTTP_SECONDS = 15.0
IN_PROCESS_RUNS = 20
PAIRS_TARGET = 20.0
STEPS = ("checkoutCreate", "checkoutLinesAdd", "checkoutEmailUpdate", "checkoutDeliveryMethodUpdate",
         "checkoutComplete")
DOCUMENTS = {
    "checkoutCreate": """mutation ($channel: String!) { checkoutCreate(input: {channel: $channel}) {
        checkout { id totalPrice { gross { amount } } } errors { field code } } }""",
    "checkoutLinesAdd": """mutation ($id: ID!, $lines: [CheckoutLineInput!]!) { checkoutLinesAdd(id: $id,
        lines: $lines) { checkout { id quantity lines { id quantity variant { id name }
        totalPrice { gross { amount } } } subtotalPrice { gross { amount } tax { amount } }
        totalPrice { gross { amount } } } errors { field code } } }""",
    "checkoutEmailUpdate": """mutation ($id: ID!, $email: String!) { checkoutEmailUpdate(id: $id, email: $email) {
        checkout { id email } errors { field code } } }""",
    "checkoutDeliveryMethodUpdate": """mutation ($id: ID!, $method: ID!) { checkoutDeliveryMethodUpdate(id: $id,
        deliveryMethodId: $method) { checkout { id deliveryMethod { __typename ... on Warehouse { name } }
        totalPrice { gross { amount } } } errors { field code } } }""",
    "checkoutComplete": """mutation ($id: ID!) { checkoutComplete(id: $id) { order { id number status
        metadata { key value } total { gross { amount } } } errors { field code } } }""",
}


@pytest.fixture(scope="module")
def shop(demo_catalogue, django_db_blocker):  # noqa: F811
    """Variants to buy (plenty of stock, three per buyer so buyers do not queue on the same stock rows) and a
    pickup point, committed so that gunicorn's workers see them."""
    from backend.commerce.channel.models import Channel
    from backend.commerce.product.models import ProductVariant
    from backend.commerce.warehouse.models import Stock, Warehouse, WarehouseClickAndCollectOption

    with django_db_blocker.unblock():
        channel = Channel.objects.get(slug=CHANNEL)
        channel.allow_unpaid_orders = True
        channel.save(update_fields=["allow_unpaid_orders"])
        variants = list(ProductVariant.objects.filter(
            channel_listings__channel=channel, channel_listings__price_amount__isnull=False,
            product__channel_listings__channel=channel, product__channel_listings__is_published=True,
            product__channel_listings__available_for_purchase_at__isnull=False, stocks__isnull=False)
            .distinct().order_by("pk").values_list("pk", flat=True)[:3 * (CLIENTS + 1)])
        Stock.objects.filter(product_variant_id__in=variants).update(quantity=1_000_000)
        point = Warehouse.objects.exclude(click_and_collect_option=WarehouseClickAndCollectOption.DISABLED) \
            .order_by("name").first()
        assert point is not None, "the demo has pickup points"
        yield {"variants": variants, "point": to_global_id("Warehouse", point.pk), "point_name": point.name}


def variables_for(step: str, checkout_id: str | None, shop: dict, buyer: int) -> dict:  # noqa: F811
    if step == "checkoutCreate":
        return {"channel": CHANNEL}
    if step == "checkoutLinesAdd":
        mine = shop["variants"][3 * buyer:3 * buyer + 3]
        return {"id": checkout_id, "lines": [{"variantId": to_global_id("ProductVariant", pk), "quantity": 1}
                                             for pk in mine]}
    if step == "checkoutEmailUpdate":
        return {"id": checkout_id, "email": f"acheteur{buyer}@example.fr"}
    if step == "checkoutDeliveryMethodUpdate":
        return {"id": checkout_id, "method": shop["point"]}
    return {"id": checkout_id}


def body_of(step: str, variables: dict) -> bytes:
    return json.dumps({"query": DOCUMENTS[step], "variables": variables}).encode()


def check(step: str, answer: dict) -> str | None:
    assert "errors" not in answer, answer
    payload = answer["data"][step]
    assert payload["errors"] == [], payload["errors"]
    return payload["checkout"]["id"] if "checkout" in payload else None


def measure_in_process(shop: dict) -> dict:  # noqa: F811
    client = Client()
    timings, queries = defaultdict(list), {}
    for run in range(IN_PROCESS_RUNS + 2):  # the first two runs warm up
        checkout_id = None
        for step in STEPS:
            data = body_of(step, variables_for(step, checkout_id, shop, CLIENTS))
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.post("/graphql/", data=data, content_type="application/json")
                elapsed = (time.perf_counter() - started) * 1000
            answer = response.json()
            checkout_id = check(step, answer) or checkout_id
            if run >= 2:
                timings[step].append(elapsed)
                # The test's own transaction turns every atomic block into a savepoint: those are left out.
                sql = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(
                    ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))]
                queries[step] = (len(sql), sum("comptoir_cache" in q for q in sql))
        assert answer["data"]["checkoutComplete"]["order"]["metadata"][0]["key"] == "pickupCode"
    return {"timings": timings, "queries": queries}


def post(conn, step: str, variables: dict, buyer: int = 0) -> dict:
    # Each buyer comes from its own address, as residents do (the server trusts 127.0.0.1 as its proxy here).
    headers = {"Content-Type": "application/json", "X-Forwarded-For": f"10.59.0.{buyer + 1}"}
    conn.request("POST", "/graphql/", body=body_of(step, variables), headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise AssertionError(f"HTTP {response.status}: {data[:300]!r}")
    return json.loads(data)


def run_buyers(port: int, shop: dict, steps: tuple[str, ...]) -> dict:  # noqa: F811
    """CLIENTS threads, each a buyer on its own keep-alive connection, repeating `steps` for HTTP_SECONDS."""
    timings: dict[str, list[float]] = defaultdict(list)
    sequences, errors = [0], []
    lock = threading.Lock()
    gate = threading.Barrier(CLIENTS + 1)
    stop_at: list[float] = []

    def buyer(number: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        local, done = defaultdict(list), 0
        gate.wait()
        try:
            while time.perf_counter() < stop_at[0]:
                checkout_id = None
                for step in steps:
                    started = time.perf_counter()
                    answer = post(conn, step, variables_for(step, checkout_id, shop, number), number)
                    local[step].append((time.perf_counter() - started) * 1000)
                    checkout_id = check(step, answer) or checkout_id
                done += 1
        except Exception as error:  # reported in the results, never swallowed
            errors.append(repr(error))
        finally:
            conn.close()
            with lock:
                for step, values in local.items():
                    timings[step].extend(values)
                sequences[0] += done

    threads = [threading.Thread(target=buyer, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    stop_at.append(time.perf_counter() + HTTP_SECONDS)
    began = time.perf_counter()
    gate.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {"timings": timings, "sequences": sequences[0], "seconds": elapsed, "errors": errors,
            "per_second": sequences[0] / elapsed}


def measure_http(demo: dict, shop: dict) -> tuple[dict, dict]:  # noqa: F811
    port = free_port()
    server = start_gunicorn(port, demo["media"], cache_seconds=0)
    try:
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(10):  # every worker builds its schema before the clock starts
            post(warm, "checkoutCreate", {"channel": CHANNEL})
        warm.close()
        pairs = run_buyers(port, shop, STEPS[:2])
        full = run_buyers(port, shop, STEPS)
        return pairs, full
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def report(local: dict, pairs: dict, full: dict) -> str:
    rows = []
    for step in STEPS:
        values, remote = local["timings"][step], full["timings"][step]
        total, limiter = local["queries"][step]
        sql = f"{total} (dont {limiter} du limiteur de débit)" if limiter else str(total)
        rows.append(f"| `{step}` | {sql} | {fr(statistics.median(values))} ms / "
                    f"{fr(percentile(values, 0.95))} ms | {fr(percentile(remote, 0.5))} ms / "
                    f"{fr(percentile(remote, 0.95))} ms |")
    load = ", ".join(fr(value, 2) for value in os.getloadavg())
    return f"""
Séquence de la vitrine sur le catalogue de démonstration : `checkoutCreate`, `checkoutLinesAdd` (3 articles de
producteurs différents), `checkoutEmailUpdate`, `checkoutDeliveryMethodUpdate` (un point de retrait),
`checkoutComplete` (paiement au retrait : commande non payée, code de retrait). Réservation de stock active (20 min,
réglage par défaut du comptoir).

| étape | requêtes SQL | dans le processus : médiane / p95 | HTTP, {CLIENTS} acheteurs : p50 / p95 |
|---|---|---|---|
{chr(10).join(rows)}

| mesure | résultat | cible |
|---|---|---|
| paires `checkoutCreate` + `checkoutLinesAdd`, {CLIENTS} clients | {fr(pairs['per_second'])} paires/s \
({pairs['sequences']} en {fr(pairs['seconds'])} s, {len(pairs['errors'])} erreur(s)) | \
≥ {fr(PAIRS_TARGET, 0)} paires/s : {mark(pairs['per_second'] >= PAIRS_TARGET)} |
| paniers validés de bout en bout, {CLIENTS} acheteurs | {fr(full['per_second'])} commandes/s \
({full['sequences']} en {fr(full['seconds'])} s, {len(full['errors'])} erreur(s)) | |

Dans le processus : le client de test de Django, {IN_PROCESS_RUNS} séquences après échauffement ; requêtes SQL comptées
par étape avec `CaptureQueriesContext`, sans les points de sauvegarde dus à la transaction du test ; le limiteur de
débit par adresse de `checkoutCreate` lit et écrit sa ligne dans le cache en base (`comptoir_cache`).
HTTP : `comptoir serve` (gunicorn) et {CLIENTS} fils clients, chacun avec sa connexion persistante, sa propre adresse
(derrière un mandataire de confiance) et ses propres articles, pendant {fr(HTTP_SECONDS, 0)} s par mesure.
Clients, serveur et PostgreSQL partagent la machine (charge moyenne à la fin : {load}) : les débits sont des
planchers. Pour comparaison, Saleor 3.23 sur le même genre de machine : 4,6 paires/s, avec 69 et 83 requêtes SQL.
"""


@pytest.mark.django_db
def test_checkout_sequence_benchmark(demo_catalogue, shop, settings, monkeypatch):  # noqa: F811
    # given the demo catalogue, variants with stock and a pickup point; each buyer has its own address (behind a
    # trusted proxy), and the per-address limit on checkoutCreate is lifted (its cache rows are still written)
    unlimited = "1000000/60"
    settings.RATE_LIMITS = {**getattr(settings, "RATE_LIMITS", {}), "checkout_create": unlimited}
    monkeypatch.setenv("RATE_LIMIT_CHECKOUT_CREATE", unlimited)
    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1")
    assert len(shop["variants"]) == 3 * (CLIENTS + 1)
    # when the sequence runs over HTTP with 20 concurrent buyers, then in-process (last: the test's open transaction
    # keeps the rows it writes locked, and gunicorn's workers would wait on them)
    pairs, full = measure_http(demo_catalogue, shop)
    local = measure_in_process(shop)
    # then every call answered without error, and the figures are recorded
    body = report(local, pairs, full)
    write_section("checkout", body, 'make bench PYTEST_ARGS="-k checkout"  (with DATABASE_URL set)')
    print(body)
    assert pairs["errors"] == [] and full["errors"] == []
    assert full["sequences"] > 0

"""Checkout benchmark (`make bench`, never `make test`): the storefront's full checkout sequence through
POST /graphql/ — checkoutCreate, checkoutLinesAdd (3 lines), checkoutEmailUpdate, checkoutDeliveryMethodUpdate (a
pickup point), checkoutComplete (pay at pickup) — on the demo catalogue.

1. in-process (Django's test client): SQL queries per step (CaptureQueriesContext), median and p95 per step, and
   the Python CPU time per step (time.process_time: what the machine's load does not change much);
2. over HTTP against a real gunicorn (`comptoir serve`) with 20 concurrent buyers: p50/p95 per step, completed
   checkouts per second, and checkoutCreate + checkoutLinesAdd pairs per second (target >= 20 pairs/s), with the CPU
   the server's processes (gunicorn workers, PostgreSQL backends, read from /proc) spent per pair.
Both run as production does: Django's cache in Redis (REDIS_URL, as docker/compose.yaml sets it; the database cache
only when Redis is unreachable) and the per-address checkoutCreate limit on at its configured rate. Each sequence
comes from another household's address behind a trusted proxy, as residents do: no address comes near the limit.
Writes the "checkout" section of docs/benchmarks.md.

Run alone: DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_checkout_benchmark.py -o addopts="" -s
"""

import http.client
import itertools
import json
import os
import socket
import statistics
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from backend.core.ids import to_global_id
from tests.benchmarks.report import write_section
from tests.benchmarks.test_catalogue_benchmark import (
    CHANNEL,
    THREADS,
    WORKERS,
    demo_catalogue,  # noqa: F401 - the module fixture loading the demo catalogue
    fr,
    mark,
    percentile,
    start_gunicorn,
)
from tests.processes import free_port, stop_group

CLIENTS = 20
HTTP_SECONDS = 15.0
WARM_UP_SECONDS = 4.0
IN_PROCESS_RUNS = 20
PAIRS_TARGET = 20.0
REDIS_URL = os.environ.get("CHECKOUT_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
DATABASE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "comptoir_cache"}}
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


def redis_reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def production_caches(redis_url: str | None) -> dict:
    if redis_url is None:
        return DATABASE_CACHE
    return {"default": {"BACKEND": "backend.core.cache.ComptoirRedisCache", "LOCATION": redis_url}}


def sql_of(captured) -> list[str]:
    # The test's own transaction turns every atomic block into a savepoint: those are left out.
    return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(
        ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))]


def measure_in_process(shop: dict, redis_url: str | None) -> dict:  # noqa: F811
    client = Client()
    timings, cpu, queries = defaultdict(list), defaultdict(list), {}
    with override_settings(CACHES=production_caches(redis_url)):
        for run in range(IN_PROCESS_RUNS + 2):  # the first two runs warm up
            checkout_id, address = None, resident_address(next(HOUSEHOLDS))
            for step in STEPS:
                data = body_of(step, variables_for(step, checkout_id, shop, CLIENTS))
                with CaptureQueriesContext(connection) as captured:
                    started, started_cpu = time.perf_counter(), time.process_time()
                    response = client.post("/graphql/", data=data, content_type="application/json",
                                           REMOTE_ADDR=address)
                    elapsed, spent = time.perf_counter() - started, time.process_time() - started_cpu
                answer = response.json()
                checkout_id = check(step, answer) or checkout_id
                if run >= 2:
                    timings[step].append(elapsed * 1000)
                    cpu[step].append(spent * 1000)
                    sql = sql_of(captured)
                    queries[step] = (len(sql), sum("comptoir_cache" in q for q in sql))
            assert answer["data"]["checkoutComplete"]["order"]["metadata"][0]["key"] == "pickupCode"
    # The embedded default keeps Django's cache in PostgreSQL: what the limiter costs there, for the record.
    with override_settings(CACHES=DATABASE_CACHE), CaptureQueriesContext(connection) as captured:
        check("checkoutCreate", client.post("/graphql/", data=body_of("checkoutCreate", {"channel": CHANNEL}),
                                            content_type="application/json", REMOTE_ADDR="10.99.0.1").json())
    limiter_in_database = sum("comptoir_cache" in q for q in sql_of(captured))
    return {"timings": timings, "cpu": cpu, "queries": queries, "limiter_in_database": limiter_in_database}


HOUSEHOLDS = itertools.count()  # shared by the client threads (count's next() is atomic)


def resident_address(household: int) -> str:
    """The address of a household: every sequence comes from another one, as on a busy evening (one checkoutCreate
    per address, far under the per-address limit)."""
    return f"10.{60 + household // 62_500 % 190}.{household // 250 % 250}.{household % 250 + 1}"


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU of a process of this machine (/proc/PID/stat), None when it is gone or elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_processes(master: int) -> dict[str, list[int]]:
    """gunicorn's master and workers, and the PostgreSQL backends serving the test database (other than ours)."""
    workers = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == master:
                workers.append(int(entry.name))
    with connection.cursor() as cursor:
        # The test's transaction would otherwise keep reading the activity snapshot of its first look.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                       "AND pid <> pg_backend_pid()")
        backends = [row[0] for row in cursor.fetchall()]
    return {"gunicorn": [master, *workers], "postgresql": backends}


def cpu_snapshot(master: int) -> dict[str, dict[int, float]]:
    return {kind: {pid: value for pid in pids if (value := cpu_seconds(pid)) is not None}
            for kind, pids in server_processes(master).items()}


def cpu_spent(before: dict, after: dict) -> dict[str, float]:
    """CPU seconds per kind of process between two snapshots (a process born in between counts from zero)."""
    return {kind: sum(value - before[kind].get(pid, 0.0) for pid, value in after[kind].items()) for kind in after}


def post(conn, step: str, variables: dict, address: str = "10.59.0.1") -> dict:
    # The server trusts 127.0.0.1 as its reverse proxy here: X-Forwarded-For names the resident's address.
    headers = {"Content-Type": "application/json", "X-Forwarded-For": address}
    conn.request("POST", "/graphql/", body=body_of(step, variables), headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise AssertionError(f"HTTP {response.status}: {data[:300]!r}")
    return json.loads(data)


def run_buyers(port: int, shop: dict, steps: tuple[str, ...], seconds: float = HTTP_SECONDS) -> dict:  # noqa: F811
    """CLIENTS threads, each a buyer on its own keep-alive connection, repeating `steps` for `seconds`."""
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
                checkout_id, address = None, resident_address(next(HOUSEHOLDS))
                for step in steps:
                    started = time.perf_counter()
                    answer = post(conn, step, variables_for(step, checkout_id, shop, number), address)
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
    stop_at.append(time.perf_counter() + seconds)
    began = time.perf_counter()
    gate.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {"timings": timings, "sequences": sequences[0], "seconds": elapsed, "errors": errors,
            "per_second": sequences[0] / elapsed}


def run_measured(master: int, port: int, shop: dict, steps: tuple[str, ...]) -> dict:  # noqa: F811
    """run_buyers, plus the CPU the server's processes spent per completed sequence (ms). A short run first, not
    counted: each of the 20 connections lands on some worker and thread, so every worker builds its schema, every
    thread opens its database connection and every document is parsed before the clock starts (a server in
    production is warm; one keep-alive warm-up connection would warm a single worker)."""
    warm = run_buyers(port, shop, steps, seconds=WARM_UP_SECONDS)
    assert warm["errors"] == [], warm["errors"]
    before = cpu_snapshot(master)
    result = run_buyers(port, shop, steps)
    spent = cpu_spent(before, cpu_snapshot(master))
    done = max(result["sequences"], 1)
    result["cpu_ms"] = {kind: seconds * 1000 / done for kind, seconds in spent.items()}
    return result


def measure_http(demo: dict, shop: dict, redis_url: str | None) -> tuple[dict, dict]:  # noqa: F811
    port = free_port()
    # As in production: the cache in Redis, the per-address checkoutCreate limit at its configured rate.
    server = start_gunicorn(port, demo["media"], cache_seconds=0, extra_env={
        "REDIS_URL": redis_url or "", "TRUSTED_PROXIES": "127.0.0.1",
        "RATE_LIMIT_CHECKOUT_CREATE": settings.RATE_LIMITS["checkout_create"]})
    try:
        pairs = run_measured(server.pid, port, shop, STEPS[:2])
        full = run_measured(server.pid, port, shop, STEPS)
        return pairs, full
    finally:
        stop_group(server)


def server_cpu(result: dict) -> str:
    cpu = result["cpu_ms"]
    return (f"{fr(cpu['gunicorn'] + cpu['postgresql'])} ms (gunicorn {fr(cpu['gunicorn'])} ms, "
            f"PostgreSQL {fr(cpu['postgresql'])} ms)")


def report(local: dict, pairs: dict, full: dict, redis_url: str | None, loads: tuple) -> str:
    rows = []
    for step in STEPS:
        values, remote = local["timings"][step], full["timings"][step]
        total, limiter = local["queries"][step]
        sql = f"{total} (dont {limiter} du limiteur de débit)" if limiter else str(total)
        rows.append(f"| `{step}` | {sql} | {fr(statistics.median(values))} ms / "
                    f"{fr(percentile(values, 0.95))} ms | {fr(statistics.median(local['cpu'][step]))} ms | "
                    f"{fr(percentile(remote, 0.5))} ms / {fr(percentile(remote, 0.95))} ms |")
    cache = ("dans Redis (`REDIS_URL`, comme `docker/compose.yaml`)" if redis_url
             else "en base (`comptoir_cache`) : Redis était injoignable")
    before, after = (", ".join(fr(value, 2) for value in load) for load in loads)
    return f"""
Séquence de la vitrine sur le catalogue de démonstration : `checkoutCreate`, `checkoutLinesAdd` (3 articles de
producteurs différents), `checkoutEmailUpdate`, `checkoutDeliveryMethodUpdate` (un point de retrait),
`checkoutComplete` (paiement au retrait : commande non payée, code de retrait). Réservation de stock active (20 min,
réglage par défaut du comptoir).
Comme en production : cache de Django {cache} ;
limite de `checkoutCreate` par adresse active, à son réglage ({settings.RATE_LIMITS["checkout_create"]},
appels/secondes).

| étape | requêtes SQL | dans le processus : médiane / p95 | CPU Python (médiane) | HTTP, {CLIENTS} acheteurs : \
p50 / p95 |
|---|---|---|---|---|
{chr(10).join(rows)}

| mesure | résultat | cible |
|---|---|---|
| paires `checkoutCreate` + `checkoutLinesAdd`, {CLIENTS} clients | {fr(pairs['per_second'])} paires/s \
({pairs['sequences']} en {fr(pairs['seconds'])} s, {len(pairs['errors'])} erreur(s)) | \
≥ {fr(PAIRS_TARGET, 0)} paires/s : {mark(pairs['per_second'] >= PAIRS_TARGET)} |
| CPU du serveur par paire | {server_cpu(pairs)} | |
| paniers validés de bout en bout, {CLIENTS} acheteurs | {fr(full['per_second'])} commandes/s \
({full['sequences']} en {fr(full['seconds'])} s, {len(full['errors'])} erreur(s)) | |
| CPU du serveur par panier validé | {server_cpu(full)} | |

Dans le processus : le client de test de Django, {IN_PROCESS_RUNS} séquences après échauffement ; requêtes SQL
comptées par étape avec `CaptureQueriesContext`, sans les points de sauvegarde dus à la transaction du test ; CPU :
temps de processeur de Python pendant la requête (`time.process_time`). Avec le cache en base de l'installation
embarquée (sans `REDIS_URL`), le limiteur ajoute {local['limiter_in_database']} requêtes SQL à `checkoutCreate`.
HTTP : `comptoir serve` (gunicorn, {WORKERS} processus × {THREADS} fils) et {CLIENTS} fils clients, chacun avec sa
connexion persistante et ses propres articles ; chaque séquence vient de l'adresse d'un autre foyer (derrière un
mandataire de confiance). Chaque mesure dure {fr(HTTP_SECONDS, 0)} s, après {fr(WARM_UP_SECONDS, 0)} s de mise en route
non comptées (chaque processus construit son schéma, chaque fil ouvre sa connexion). CPU du serveur : temps de
processeur des processus gunicorn et des connexions PostgreSQL de la base de test (`/proc`), divisé par le nombre
de séquences achevées ; il varie bien moins que les débits avec la charge de la machine, que clients, serveur et
PostgreSQL partagent avec d'autres travaux (charge moyenne au début : {before} ;
à la fin : {after}) : les débits sont des planchers.
Pour comparaison, Saleor 3.23 sur le même genre de machine : 4,6 paires/s, avec 69 et 83 requêtes SQL.
"""


@pytest.mark.django_db
def test_checkout_sequence_benchmark(demo_catalogue, shop):  # noqa: F811
    # given the demo catalogue, variants with stock and a pickup point; the cache in Redis as in production (the
    # database cache when Redis is unreachable), the per-address checkoutCreate limit at its configured rate
    assert len(shop["variants"]) == 3 * (CLIENTS + 1)
    assert settings.RATE_LIMITS["checkout_create"], "the benchmark measures checkoutCreate with its limit on"
    redis_url = REDIS_URL if redis_reachable(REDIS_URL) else None
    load_before = os.getloadavg()
    # when the sequence runs over HTTP with 20 concurrent buyers, then in-process (last: the test's open transaction
    # keeps the rows it writes locked, and gunicorn's workers would wait on them)
    pairs, full = measure_http(demo_catalogue, shop, redis_url)
    local = measure_in_process(shop, redis_url)
    # then every call answered without error (none refused by the limiter), and the figures are recorded
    body = report(local, pairs, full, redis_url, (load_before, os.getloadavg()))
    write_section("checkout", body, 'make bench PYTEST_ARGS="-k checkout"  (with DATABASE_URL set)')
    print(body)
    assert pairs["errors"] == [] and full["errors"] == []
    assert full["sequences"] > 0

"""Load benchmark (`make bench`, never `make test`): 200 residents browsing and 20 buying at once, simulated by locust
(tests/benchmarks/locustfile_residents.py), against the production setup on this machine: `comptoir serve` (gunicorn,
3 workers x 4 threads), PostgreSQL, Redis (cache, rate limits, celery broker: db 9) and a real celery worker sending
the order confirmations. Demo catalogue and roadmap loaded. Rate limits stay at their production values: each
simulated person has their own address in X-Forwarded-For and the server trusts 127.0.0.1 as its reverse proxy.

Reports the error rate (must be 0), p50/p95 per page and per API call, orders per minute, the confirmations the worker
sent, and the load average (locust, gunicorn, PostgreSQL and the worker share the machine's cores).
Writes the "load" section of docs/benchmarks.md.

Run alone: DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_load_benchmark.py -o addopts="" -s
(LOAD_SECONDS, LOAD_RESIDENTS, LOAD_BUYERS change the run.)
"""

import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tests.benchmarks.report import write_section
from tests.benchmarks.test_catalogue_benchmark import (  # noqa: F401 - the demo catalogue fixture, by name
    CHANNEL,
    database_url,
    demo_catalogue,
    fr,
)
from tests.processes import free_port, stop_group, wait_for_port

SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
RESIDENTS = int(os.environ.get("LOAD_RESIDENTS", "200"))
BUYERS = int(os.environ.get("LOAD_BUYERS", "20"))
SPAWN_RATE = 20  # people arriving per second: everybody is there after 11 s
WORKERS = 3
REDIS_URL = os.environ.get("LOAD_BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
SEARCHES = ["maroilles", "bière", "miel", "pain", "fromage", "tarte", "cidre", "pommes", "poulet", "savon"]
LOCUSTFILE = Path(__file__).with_name("locustfile_residents.py")


def links(client: Client, path: str, pattern: str) -> list[str]:
    page = client.get(path)
    assert page.status_code == 200, path
    return sorted(set(re.findall(rf'href="({pattern})"', page.content.decode())))


@pytest.fixture(scope="module")
def plan(demo_catalogue, django_db_blocker):  # noqa: F811
    """The roadmap loaded too, stock for the whole run on the products buyers pick, and the paths to visit found by
    following the site's own links; written as JSON for the locustfile."""
    from backend.commerce.product.models import Product
    from backend.commerce.warehouse.models import Stock

    # not under pytest's temporary root: other pytest runs on the machine prune it, even during this run
    folder = Path(tempfile.mkdtemp(prefix="comptoir-load-"))
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_catalogue["media"],
                                                       STOREFRONT_PAGE_CACHE_SECONDS=0):
        call_command("load_roadmap", verbosity=0)
        call_command("update_search_index", "--no-progress", verbosity=0)
        buyable = list(Product.objects.filter(
            channel_listings__is_published=True, channel_listings__available_for_purchase_at__isnull=False,
            variants__channel_listings__price_amount__isnull=False, variants__stocks__isnull=False)
            .distinct().order_by("pk").values_list("slug", flat=True)[:40])
        Stock.objects.filter(product_variant__product__slug__in=buyable).update(quantity=1_000_000)
        client = Client()
        slugs = list(Product.objects.filter(channel_listings__is_published=True).order_by("pk")
                     .values_list("slug", flat=True))
        plan = {
            "channel": CHANNEL,
            "catalogue": ["/produits/", "/produits/?tri=prix", "/produits/?tri=nouveautes", "/produits/?tri=nom"],
            "categories": links(client, "/", r"/categories/[^/\"]+/"),
            "products": [f"/produits/{slug}/" for slug in slugs],
            "slugs": slugs,
            "producers": ["/producteurs/", *links(client, "/producteurs/", r"/producteurs/[^/\"?]+/")[:30]],
            "roadmap": ["/feuille-de-route/", "/feuille-de-route/ateliers/", "/feuille-de-route/lieux/",
                        *links(client, "/feuille-de-route/", r"/feuille-de-route/(?!ateliers/|lieux/)[^/\"]+/"),
                        *links(client, "/feuille-de-route/ateliers/", r"/feuille-de-route/ateliers/\d+/")[:20]],
            "searches": SEARCHES,
            "buyable": buyable,
        }
    for name, paths in plan.items():
        assert paths, f"nothing to visit for {name}"
    assert len(buyable) >= 10 and len(slugs) >= 100
    path = folder / "plan.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    yield {"path": path, "folder": folder, "plan": plan}


def server_environment(folder: Path, media: Path) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(media), "LOG_LEVEL": "WARNING",
           "DEBUG": "0", "WEB_CONCURRENCY": str(WORKERS), "REDIS_URL": REDIS_URL, "CELERY_BROKER_URL": REDIS_URL,
           "TRUSTED_PROXIES": "127.0.0.1", "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
           "EMAIL_FILE_PATH": str(folder / "mail"), "DJANGO_SETTINGS_MODULE": "backend.config.settings"}
    for name in ("EMAIL_HOST", "GRAPHQL_PUBLIC_CACHE_SECONDS", "STOREFRONT_PAGE_CACHE_SECONDS",
                 "STOREFRONT_DATA_CACHE_SECONDS", "STOREFRONT_API_URL"):
        env.pop(name, None)  # the production defaults (the test session turns the micro-cache off)
    for key in [key for key in env if key.startswith("RATE_LIMIT_")]:
        del env[key]  # every rate limit at its production value
    return env


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with log.open("wb") as output:  # a file, not a pipe: a full pipe would stall the process
        return subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)


def warm_up(port: int, plan: dict) -> None:
    """Every gunicorn worker builds its schema and opens its connections before the clock starts."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for path in ["/", "/produits/", plan["products"][0], "/feuille-de-route/"] * (WORKERS * 3):
        conn.request("GET", path, headers={"X-Forwarded-For": "192.0.2.1"})
        response = conn.getresponse()
        response.read()
        assert response.status == 200, (path, response.status)
    conn.close()


class LoadSampler(threading.Thread):
    """The 1-minute load average every 5 s while locust runs."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[float] = []
        self.done = threading.Event()

    def run(self):
        while not self.done.wait(5):
            self.samples.append(os.getloadavg()[0])


def run_locust(port: int, plan_path: Path, folder: Path, env: dict) -> tuple[dict, float]:
    locust = Path(sys.executable).parent / "locust"
    command = [str(locust), "-f", str(LOCUSTFILE), "--headless", "--host", f"http://127.0.0.1:{port}",
               "-u", str(RESIDENTS + BUYERS), "-r", str(SPAWN_RATE), "-t", f"{SECONDS}s",
               "--csv", str(folder / "locust"), "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"]
    env = {**env, "LOAD_PLAN": str(plan_path), "LOAD_BUYERS": str(BUYERS)}
    started = time.perf_counter()
    process = start(command, env, folder / "locust.log")
    try:
        process.wait(timeout=SECONDS + 120)
    finally:
        stop_group(process)
    elapsed = time.perf_counter() - started
    assert process.returncode == 0, (folder / "locust.log").read_text(errors="replace")[-3000:]
    with (folder / "locust_stats.csv").open(encoding="utf-8") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    return rows, elapsed


def confirmations_sent(since) -> tuple[int, int]:
    """(orders placed since, those whose confirmation mail the worker has sent)."""
    from backend.commerce.order.emails import CONFIRMATION
    from backend.commerce.order.models import Order, OrderEvent, OrderEventType

    orders = Order.objects.filter(created_at__gte=since)
    sent = OrderEvent.objects.filter(order__in=orders, type=OrderEventType.EMAIL_SENT,
                                     parameters__contains={"email_type": CONFIRMATION}).values("order").distinct()
    return orders.count(), sent.count()


def report(rows: dict, elapsed: float, orders: int, mails: int, drain_seconds: float, loads: list[float]) -> str:
    table = []
    for name in sorted(name for name in rows if name != "Aggregated"):
        row = rows[name]
        table.append(f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} ms | "
                     f"{row['95%']} ms | {row['99%']} ms |")
    total = rows["Aggregated"]
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    per_minute = orders / (SECONDS / 60)
    confirmed = rows.get("achat : commande validée", {}).get("Request Count", "0")
    cores = os.cpu_count()
    return f"""
{RESIDENTS} habitants qui naviguent et {BUYERS} qui achètent en même temps, simulés par locust (sans tête, dans un
processus à part) pendant {SECONDS} s, arrivée de {SPAWN_RATE} personnes par seconde, contre l'installation de
production sur cette machine : `comptoir serve` (gunicorn, {WORKERS} processus × 4 fils), PostgreSQL, Redis (cache,
limites de débit, file celery) et un worker celery qui envoie les confirmations de commande. Catalogue de
démonstration et feuille de route chargés ; caches aux valeurs de production (pages anonymes 30 s, données 30 s,
micro-cache de l'API 3 s).

- habitant : une page, 2 à 8 s de lecture, une autre page (accueil, catalogue, catégorie, produit, recherche,
  producteurs, feuille de route), et quelques appels directs à l'API GraphQL ;
- acheteur : deux produits au panier depuis leur page, e-mail, point de retrait, paiement au retrait, jusqu'à la page
  de confirmation avec le code de retrait (formulaires de la vitrine, jeton CSRF compris), 1 à 3 s entre les étapes.

Limites de débit : celles de production. Chaque personne simulée a sa propre adresse (plages de documentation
RFC 5737) dans `X-Forwarded-For`, et le serveur tourne avec `TRUSTED_PROXIES=127.0.0.1`, comme derrière le
mandataire inverse de production. La vitrine transmet cette adresse à l'API (voir
tests/hardening/test_storefront_rate_limits.py) : sans cela, tous les paniers créés par la vitrine comptaient pour
127.0.0.1 et la création de panier fermait pour tout le territoire au-delà de 60 par minute.

| page ou appel | requêtes | échecs | p50 | p95 | p99 |
|---|---|---|---|---|---|
{chr(10).join(table)}
| **total** | {requests} | {failures} | {total['50%']} ms | {total['95%']} ms | {total['99%']} ms |

| mesure | résultat |
|---|---|
| taux d'erreur | {fr(100 * failures / max(requests, 1), 2)} % ({failures} sur {requests}) |
| débit | {fr(float(total['Requests/s']))} requêtes/s |
| commandes validées | {orders} en {SECONDS} s, soit {fr(per_minute)} par minute (dont {confirmed} pages de \
confirmation reçues par locust : les autres réponses étaient en route à l'arrêt) |
| confirmations envoyées par le worker celery | {mails} sur {orders}, la dernière {fr(drain_seconds)} s après la fin |
| charge moyenne (1 min) pendant l'essai | moyenne {fr(sum(loads) / max(len(loads), 1), 2)}, \
maximum {fr(max(loads, default=0), 2)} pour {cores} cœurs |

Les temps incluent l'arrivée progressive des {RESIDENTS + BUYERS} personnes \
({fr((RESIDENTS + BUYERS) / SPAWN_RATE, 0)} s). locust, les {WORKERS} processus gunicorn, PostgreSQL, Redis et le
worker partagent les {cores} cœurs de la machine : une charge moyenne au-dessus de {cores} dit que les processus
attendaient le processeur, et les temps mesurés comptent cette attente ; le générateur de charge en prend une part,
et la charge compte aussi tout autre travail de la machine pendant la mesure.
"""


@pytest.mark.django_db
def test_two_hundred_residents_browse_while_twenty_buy(plan, demo_catalogue):  # noqa: F811
    import redis
    from django.utils import timezone

    # given the production setup: gunicorn, Redis (emptied: no counters or cache from an earlier run), a worker
    redis.Redis.from_url(REDIS_URL).flushdb()
    folder = plan["folder"]
    (folder / "mail").mkdir(exist_ok=True)
    env = server_environment(folder, demo_catalogue["media"])
    port = free_port()
    since = timezone.now()
    server = start([sys.executable, "-m", "backend.config.cli", "serve", "--port", str(port), "--workers",
                    str(WORKERS)], env, folder / "gunicorn.log")
    worker = start([str(Path(sys.executable).parent / "celery"), "-A", "backend.config", "worker", "--pool=solo",
                    "-c", "1", "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat",
                    "-n", f"load-bench-{os.getpid()}@%h"], env, folder / "worker.log")
    sampler = LoadSampler()
    try:
        wait_for_port(server, port, folder / "gunicorn.log")
        warm_up(port, plan["plan"])
        # when the residents and buyers come
        sampler.start()
        rows, elapsed = run_locust(port, plan["path"], folder, env)
        sampler.done.set()
        # and the worker sends the confirmations of every order placed
        ended = time.perf_counter()
        orders, mails = confirmations_sent(since)
        while mails < orders and time.perf_counter() - ended < 120:
            time.sleep(1)
            orders, mails = confirmations_sent(since)
        drain_seconds = time.perf_counter() - ended
    finally:
        sampler.done.set()
        stop_group(server)
        stop_group(worker)
    # then
    body = report(rows, elapsed, orders, mails, drain_seconds, sampler.samples)
    write_section("load", body, 'make bench PYTEST_ARGS="-k residents"  (with DATABASE_URL set, Redis on 6379)')
    print(body)
    failures_file = folder / "locust_failures.csv"
    assert int(rows["Aggregated"]["Failure Count"]) == 0, failures_file.read_text(errors="replace")[:3000]
    assert orders > 0 and mails == orders
    assert int(rows["Aggregated"]["Request Count"]) > RESIDENTS

"""Locust scenario of the load benchmark (tests/benchmarks/test_load_benchmark.py starts it as a subprocess: locust
monkey-patches the process with gevent, which must not happen inside pytest).

Residents browse the storefront (home, catalogue, categories, product pages, search, producers, the roadmap) and a few
of them use the GraphQL API directly; buyers fill a cart on the storefront and check out with payment at pickup, from
the product page to the confirmation page with its pickup code. Every simulated person has their own address, sent in
X-Forwarded-For (the server trusts 127.0.0.1 as its reverse proxy, as in production), so the per-address rate limits
apply to each of them as they would to real residents.

The pages and products to visit come from a JSON plan written by the benchmark (LOAD_PLAN): paths found by following
the site's own links, and the products buyers may buy (with stock for the whole run).
"""

import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import FastHttpUser, between, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VARIANT = re.compile(r'name="variant" value="([^"]+)"')
PICKUP_POINT = re.compile(r'name="mode" id="point-\d+" value="([^"]+)"')
residents = itertools.count(1)
buyers = itertools.count(1)

PRODUCTS_QUERY = """query Grid($channel: String!, $search: String) { products(first: 24, channel: $channel,
  search: $search) { totalCount edges { node { id name slug thumbnail(size: 256) { url }
  pricing { priceRange { start { gross { amount currency } } } } } } } }"""
PRODUCT_QUERY = """query Product($channel: String!, $slug: String!) { product(slug: $slug, channel: $channel) {
  id name description isAvailable category { name } pricing { priceRange { start { gross { amount } } } }
  variants { id name quantityAvailable pricing { price { gross { amount currency } } } } } }"""


def _first(pattern: re.Pattern, text: str) -> str | None:
    match = pattern.search(text)
    return match.group(1) if match else None


class Resident(FastHttpUser):
    """Browses like a person: a page, a few seconds reading, another page."""

    weight = 1
    wait_time = between(2, 8)

    def on_start(self):
        # TEST-NET-2 addresses (RFC 5737): data in a header, never a destination
        self.address = f"198.51.100.{next(residents) % 250 + 1}"

    def get(self, path: str, name: str):
        with self.client.get(path, name=name, headers={"X-Forwarded-For": self.address},
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    def api(self, name: str, query: str, variables: dict):
        with self.client.post("/graphql/", name=name, json={"query": query, "variables": variables},
                              headers={"X-Forwarded-For": self.address}, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif response.json().get("errors"):
                response.failure(f"GraphQL: {response.json()['errors'][0].get('message')}")

    @task(4)
    def home(self):
        self.get("/", "page : accueil")

    @task(4)
    def catalogue(self):
        self.get(random.choice(PLAN["catalogue"]), "page : catalogue")

    @task(3)
    def category(self):
        self.get(random.choice(PLAN["categories"]), "page : catégorie")

    @task(6)
    def product(self):
        self.get(random.choice(PLAN["products"]), "page : produit")

    @task(3)
    def search(self):
        self.get(f"/produits/?q={random.choice(PLAN['searches'])}", "page : recherche")

    @task(2)
    def producers(self):
        self.get(random.choice(PLAN["producers"]), "page : producteur")

    @task(2)
    def roadmap(self):
        self.get(random.choice(PLAN["roadmap"]), "page : feuille de route")

    @task(2)
    def api_grid(self):
        self.api("api : products (grille)", PRODUCTS_QUERY, {"channel": PLAN["channel"]})

    @task(1)
    def api_search(self):
        self.api("api : products (recherche)", PRODUCTS_QUERY,
                 {"channel": PLAN["channel"], "search": random.choice(PLAN["searches"])})

    @task(2)
    def api_product(self):
        self.api("api : product", PRODUCT_QUERY, {"channel": PLAN["channel"], "slug": random.choice(PLAN["slugs"])})


class Buyer(FastHttpUser):
    """Buys on the storefront: two products in the cart, e-mail, a pickup point, payment at pickup."""

    fixed_count = int(os.environ.get("LOAD_BUYERS", "20"))
    wait_time = between(1, 3)

    def on_start(self):
        self.address = f"203.0.113.{next(buyers) % 250 + 1}"  # TEST-NET-3 (RFC 5737)

    def call(self, method: str, path: str, name: str, expect: str | None = None, **kwargs) -> str | None:
        """One request (redirects followed); a failure when the status is not 200 or the final page is not the
        expected one. Returns the page's text, or None after a failure."""
        headers = {"X-Forwarded-For": self.address, "Referer": self.host + path}
        with self.client.request(method, path, name=name, headers=headers, catch_response=True,
                                 **kwargs) as response:
            text = response.text or ""
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return None
            if expect and expect not in text:
                response.failure(f"page inattendue ({expect!r} absent) : {text[:200]!r}")
                return None
            return text

    def add_to_cart(self, slug: str) -> bool:
        page = self.call("GET", f"/produits/{slug}/", "achat : page produit")
        if page is None:
            return False
        form = {"csrfmiddlewaretoken": _first(CSRF, page), "variant": _first(VARIANT, page), "quantity": "1",
                "retour": "/panier/"}
        return self.call("POST", "/panier/ajouter/", "achat : ajout au panier", expect="Ajouté au panier",
                         data=form) is not None

    @task
    def buy(self):
        for slug in random.sample(PLAN["buyable"], 2):
            if not self.add_to_cart(slug):
                return
            self.wait()
        contact = self.call("GET", "/commande/", "achat : contact")
        if contact is None:
            return
        delivery = self.call("POST", "/commande/", "achat : contact (envoi)", expect='name="mode"',
                             data={"csrfmiddlewaretoken": _first(CSRF, contact),
                                   "email": f"acheteur.{self.address}@example.fr"})
        if delivery is None:
            return
        self.wait()
        payment = self.call("POST", "/commande/livraison/", "achat : point de retrait (envoi)",
                            expect='value="remise"', data={"csrfmiddlewaretoken": _first(CSRF, delivery),
                                                           "action": "choisir", "mode": _first(PICKUP_POINT, delivery)})
        if payment is None:
            return
        self.wait()
        self.call("POST", "/commande/paiement/", "achat : commande validée", expect="Votre code de retrait",
                  data={"csrfmiddlewaretoken": _first(CSRF, payment), "paiement": "remise"})

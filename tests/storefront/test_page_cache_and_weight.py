"""The anonymous page cache (served without a single SQL query, never to a visitor with a session, with the visitor's
own CSRF token) and the weight of every page type: HTML + local CSS + JS under 100 KB gzip-compressed."""

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db
BUDGET_BYTES = 100 * 1024


def test_anonymous_pages_are_served_from_the_cache_with_a_fresh_csrf_token(settings, bocage):
    settings.STOREFRONT_PAGE_CACHE_SECONDS = 30
    _, product = bocage
    first_visitor, second_visitor = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    url = f"/produits/{product.slug}/"

    first = first_visitor.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = second_visitor.get(url)

    tokens = [re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.content.decode()) for r in (first, second)]
    assert (first.status_code, second.status_code) == (200, 200)
    assert "X-Page-Cache" not in first and second["X-Page-Cache"] == "hit"
    assert len(queries.captured_queries) == 0
    assert len(tokens[1]) == 1 and tokens[1] != tokens[0]
    assert "\x00" not in second.content.decode()
    added = second_visitor.post("/panier/ajouter/", {"variant": re.search(
        r'name="variant" value="([^"]+)"', second.content.decode()).group(1), "quantity": "1", "retour": "/panier/",
        "csrfmiddlewaretoken": tokens[1][0]})
    assert added.status_code == 302  # the swapped token is accepted (CSRF checks enforced)


def test_visitors_with_a_session_always_get_a_fresh_page(settings, client, bocage):
    settings.STOREFRONT_PAGE_CACHE_SECONDS = 30
    client.get("/producteurs/")  # cached for anonymous visitors
    session = client.session
    session["checkout_id"] = "un-panier"
    session.save()

    response = client.get("/producteurs/")
    with_message_cookie = Client()
    with_message_cookie.cookies["messages"] = "un-message"
    message_response = with_message_cookie.get("/producteurs/")
    anonymous = Client().get("/producteurs/")

    assert "X-Page-Cache" not in response
    assert "X-Page-Cache" not in message_response
    assert anonymous["X-Page-Cache"] == "hit"


def _local_assets(html: str) -> list[Path]:
    paths = re.findall(r'<(?:link rel="stylesheet" href|script[^>]* src)="/static/([^"?]+)"', html)
    return [Path(finders.find(path)) for path in paths]


def _weight(html: str) -> int:
    return len(gzip.compress(html.encode())) + sum(len(gzip.compress(p.read_bytes())) for p in _local_assets(html))


def test_every_page_type_weighs_under_100_kb_compressed(client, bocage, brasserie, pickup_point):
    _, product = bocage
    client.get(f"/produits/{product.slug}/")
    client.post("/panier/ajouter/", {"variant": re.search(r'name="variant" value="([^"]+)"', client.get(
        f"/produits/{product.slug}/").content.decode()).group(1), "quantity": "2", "retour": "/panier/"})
    paths = ["/", "/?commune=bavay", "/produits/", "/categories/fromages/", f"/produits/{product.slug}/",
             "/producteurs/", "/producteurs/ferme-du-bocage/", "/panier/", "/compte/connexion/",
             "/compte/inscription/", "/produits/n-existe-pas/"]

    weights = {path: _weight(client.get(path).content.decode()) for path in paths}

    assert len(_local_assets(client.get("/").content.decode())) == 1  # the site's stylesheet, nothing from a CDN
    assert {path: size for path, size in weights.items() if size >= BUDGET_BYTES} == {}
    assert max(weights.values()) < 30 * 1024  # the heaviest page (a map of 52 communes) is far below the budget


def test_public_catalogue_data_is_shared_between_visitors_for_a_few_seconds(settings, bocage):
    settings.STOREFRONT_DATA_CACHE_SECONDS = 30
    _, product = bocage
    url = f"/produits/{product.slug}/"
    Client().get(url)  # the first visitor fills the shared data (product, producer, slots, communes)

    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)

    assert response.status_code == 200
    assert "Maroilles fermier" in response.content.decode()
    assert len(queries.captured_queries) == 0  # nothing asked again: sessions are only written on change

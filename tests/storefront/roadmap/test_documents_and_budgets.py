"""The roadmap's GraphQL documents against our schema, both transports, SQL query counts and page weight."""

import gzip
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from graphql import parse, validate

from storefront import client

ROADMAP_OPERATIONS = ["RoadmapOverview", "RoadmapAxis", "RoadmapWorkshops", "RoadmapWorkshop",
                      "RoadmapRegistrationByToken", "RoadmapPlaces", "RoadmapWorkshopRegister",
                      "RoadmapRegistrationCancel"]


@pytest.mark.django_db
def test_every_roadmap_document_is_valid_against_our_schema():
    from backend.api.schema import schema

    problems = {op: [e.message for e in validate(schema.graphql_schema, parse(client.document(op)))]
                for op in ROADMAP_OPERATIONS}

    assert problems == {op: [] for op in ROADMAP_OPERATIONS}
    assert set(ROADMAP_OPERATIONS) <= set(client.operation_names())


@pytest.mark.django_db(transaction=True)
def test_the_pages_answer_the_same_through_both_transports(transport, make_workshop):
    # given a workshop (the fixture `transport` runs this test in-process, then over HTTP to a live server)
    from django.test import Client

    workshop = make_workshop(title="Atelier des deux transports")
    browser = Client()

    overview = browser.get("/feuille-de-route/")
    detail = browser.get(f"/feuille-de-route/ateliers/{workshop.pk}/")

    assert overview.status_code == 200
    assert overview.content.decode().count('class="axis-card"') == 8
    assert detail.status_code == 200
    assert "<h1>Atelier des deux transports</h1>" in detail.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 15])
def test_the_calendar_page_costs_the_same_sql_whatever_the_number_of_workshops(browser, make_workshop, count):
    for n in range(count):
        make_workshop(title=f"Atelier {n}", starts_at=timezone.now() + timedelta(days=n + 1))
    browser.get("/feuille-de-route/ateliers/")  # navigation cached, session created

    with CaptureQueriesContext(connection) as queries:
        response = browser.get("/feuille-de-route/ateliers/")

    assert response.status_code == 200
    assert response.content.decode().count('class="workshop"') == count
    # workshops page, their count, all communes with counts, the listed workshops' communes (navigation is cached)
    assert len(queries.captured_queries) == 4


def _static_size(path: str) -> int:
    return len(gzip.compress(Path(finders.find(path)).read_bytes()))


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feuille-de-route/", "/feuille-de-route/ateliers/", "/feuille-de-route/lieux/",
                                 "/feuille-de-route/inclusion-numerique/"])
def test_every_roadmap_page_weighs_under_100_kb_compressed_with_its_css_and_js(browser, roadmap, url):
    response = browser.get(url)
    html = response.content.decode()
    assets = ["storefront/css/site.css"]
    if "leaflet/leaflet.js" in html:
        assets += ["leaflet/leaflet.js", "leaflet/leaflet.css", "storefront/js/map.js"]

    total = len(gzip.compress(response.content)) + sum(_static_size(a) for a in assets)

    assert response.status_code == 200
    assert total < 100 * 1024

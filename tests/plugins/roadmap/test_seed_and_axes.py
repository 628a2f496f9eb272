"""The seed (`comptoir load-roadmap`): idempotent, deterministic; and the axes and projects it publishes."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.commerce.attribute.models import AttributeValue
from backend.commerce.page.models import AssignedPageAttributeValue, Page, PageType
from backend.commerce.territory.models import PublicPlace
from plugins.roadmap.models import Registration, Workshop
from plugins.roadmap.seed import load_roadmap

TODAY = date(2026, 11, 30)


def counts():
    return {"pages": Page.objects.count(), "page_types": PageType.objects.count(),
            "assignments": AssignedPageAttributeValue.objects.count(), "values": AttributeValue.objects.count(),
            "workshops": Workshop.objects.count(), "registrations": Registration.objects.count(),
            "tiers_lieux": PublicPlace.objects.filter(kind="tiers_lieu").count()}


@pytest.mark.django_db
def test_the_seed_runs_twice_without_creating_anything_more():
    # when the seed runs twice (the communes are loaded on the way)
    first = load_roadmap(seed=2026, today=TODAY)
    after_first = counts()
    second = load_roadmap(seed=2026, today=TODAY)

    # then the same rows, and the counts the roadmap asks for
    assert first == second
    assert (first.axes, first.projects, first.tiers_lieux, first.workshops_held, first.workshops_upcoming) == (
        8, 18, 3, 35, 18)
    assert counts() == after_first
    assert after_first["pages"] == 26
    assert Workshop.objects.filter(is_demo=True).count() == 53
    assert Workshop.objects.filter(demo_key__startswith="demo-held-").values("commune").distinct().count() == 35


@pytest.mark.django_db
def test_the_management_command_loads_the_roadmap(capsys):
    call_command("load_roadmap")

    out = capsys.readouterr().out
    assert "Feuille de route : 8 axes, 18 projets, 3 tiers-lieux" in out
    assert Page.objects.filter(page_type__slug="projet-feuille-de-route").count() == 18


@pytest.mark.django_db
def test_the_demo_workshops_are_deterministic_for_a_seed():
    load_roadmap(seed=7, today=TODAY)
    first = list(Workshop.objects.order_by("demo_key").values_list("demo_key", "commune_id", "starts_at", "capacity"))
    Workshop.objects.all().delete()

    load_roadmap(seed=7, today=TODAY)
    second = list(Workshop.objects.order_by("demo_key").values_list("demo_key", "commune_id", "starts_at",
                                                                    "capacity"))

    assert first == second


@pytest.mark.django_db
def test_a_status_changed_by_staff_survives_a_new_seed():
    load_roadmap(seed=1, today=TODAY)
    page = Page.objects.get(slug="projet-portail-unique-des-demarches")
    done = AttributeValue.objects.get(attribute__slug="statut-projet", slug="realise")
    AssignedPageAttributeValue.objects.filter(page=page, value__attribute__slug="statut-projet").update(value=done)

    load_roadmap(seed=1, today=TODAY)

    assert list(AssignedPageAttributeValue.objects.filter(page=page, value__attribute__slug="statut-projet")
                .values_list("value__name", flat=True)) == ["Réalisé"]


@pytest.mark.django_db
def test_roadmap_axes_with_projects_and_statuses_in_three_queries(api_client):
    load_roadmap(seed=1, today=TODAY, demo=False)
    query = "{ roadmapAxes { key title projects { slug title status { slug name } communes } } }"

    with CaptureQueriesContext(connection) as queries:
        axes = api_client.query(query)["data"]["roadmapAxes"]

    assert len(queries.captured_queries) == 3
    assert [a["key"] for a in axes] == [
        "accompagnement-des-entreprises", "inclusion-numerique", "tiers-lieux", "e-administration",
        "culture-patrimoine-tourisme", "communication", "transitions", "cybersecurite"]
    tiers_lieux = axes[2]
    assert tiers_lieux["title"] == "Trois tiers-lieux dans les bourgs-centres"
    assert [(p["title"], p["status"]["name"], p["communes"]) for p in tiers_lieux["projects"]] == [
        ("Le tiers-lieu du Quesnoy", "À l'étude", ["Le Quesnoy"]),
        ("Le tiers-lieu de Bavay", "À l'étude", ["Bavay"]),
        ("Le tiers-lieu de Landrecies", "À l'étude", ["Landrecies"]),
    ]
    assert axes[0]["projects"][0] == {"slug": "projet-comptoir-de-mormal",
                                      "title": "Le Comptoir de Mormal, place de marché des producteurs locaux",
                                      "status": {"slug": "en-cours", "name": "En cours"}, "communes": []}


@pytest.mark.django_db
def test_an_unpublished_project_is_not_listed(api_client):
    load_roadmap(seed=1, today=TODAY, demo=False)
    Page.objects.filter(slug="projet-videos").update(is_published=False)

    axis = api_client.query('{ roadmapAxis(key: "communication") { title projects { slug } } }')["data"]["roadmapAxis"]
    missing = api_client.query('{ roadmapAxis(key: "inconnu") { title } }')["data"]["roadmapAxis"]

    assert axis == {"title": "La communication", "projects": [{"slug": "projet-campagnes-de-communication"}]}
    assert missing is None

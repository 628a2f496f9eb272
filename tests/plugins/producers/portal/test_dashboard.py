"""Dashboard (days to prepare, 12-week chart with its table alternative), statements, import job privacy; query
counts pinned."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plugins.producers.models import Statement
from plugins.producers.portal import selectors
from tests.plugins.producers.conftest import owned_variant, place_order
from tests.plugins.producers.portal.conftest import PortalClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(producer_a, producer_b, channel, pickup_point, catalogue):
    cheese = owned_variant(producer_a, "Maroilles AOP", price="12.50", stock=20)
    beer = owned_variant(producer_b, "Bière de Mormal", price="3.90", stock=24, rate="20")
    first = place_order(channel, pickup_point, [(cheese, 2), (beer, 6)])
    second = place_order(channel, pickup_point, [(cheese, 1)], email="marc@example.fr")
    return first, second


def test_dashboard_shows_the_day_to_prepare_and_weekly_sales(member_a, orders, django_assert_num_queries):
    client = PortalClient(member_a)
    client.get("/espace-producteur/connexion/")
    # session, user, membership, the days to prepare, recent orders, weekly sales
    with django_assert_num_queries(6):
        response = client.get("/espace-producteur/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 commandes, 2 lignes" in html
    assert "<td>Maroilles AOP</td><td class=\"num\">3</td>" in html
    assert "Bière de Mormal" not in html
    assert '<svg role="img" aria-labelledby="ventes-titre"' in html
    assert "Ventes des 12 dernières semaines (37,50\u00a0€)" in html


def test_weekly_sales_are_12_weeks_oldest_first_with_this_week_last(producer_a, orders):
    weeks = selectors.weekly_sales(producer=producer_a)
    assert len(weeks) == 12
    assert [week["total"] for week in weeks[:-1]] == [Decimal("0")] * 11
    assert weeks[-1]["total"] == Decimal("37.50")
    chart = selectors.sales_chart(weeks)
    assert chart["bars"][-1]["height"] == 160.0
    assert chart["bars"][0]["height"] == 0.0


def test_product_list_query_count_does_not_grow_with_products(member_a, producer_a, catalogue,
                                                              django_assert_num_queries):
    for index in range(5):
        owned_variant(producer_a, f"Fromage {index}")
    client = PortalClient(member_a)
    client.get("/espace-producteur/connexion/")
    # session, user, membership, scope (membership), channel, products, variants, stocks, variant listings
    with django_assert_num_queries(9):
        response = client.get("/espace-producteur/produits/")
    assert response.content.decode().count('name="quantity"') == 5


def test_statement_list_and_downloads(member_a, producer_a):
    statement = Statement.objects.create(producer=producer_a, month="2026-10-01", commission_rate=Decimal("12.00"),
                                         sales_gross=Decimal("125.00"), net_payable=Decimal("107.00"))
    client = PortalClient(member_a)
    listing = client.get("/espace-producteur/releves/").content.decode()
    assert "octobre 2026" in listing
    csv_response = client.get(f"/espace-producteur/releves/{statement.pk}/csv/")
    assert csv_response["Content-Disposition"] == 'attachment; filename="releve-ferme-du-bocage-2026-10.csv"'
    assert csv_response.content.startswith("\ufeffProducteur;EARL Ferme du Bocage".encode())
    pdf_response = client.get(f"/espace-producteur/releves/{statement.pk}/pdf/")
    assert (pdf_response["Content-Type"], pdf_response.content[:5]) == ("application/pdf", b"%PDF-")


def test_an_import_job_is_invisible_to_another_producer(member_a, member_b, catalogue):
    client_a = PortalClient(member_a)
    upload = client_a.post("/espace-producteur/import/", {
        "file": SimpleUploadedFile("miel.csv", b"sku;nom;prix_ttc\nA-1;Miel;8,50\n")})
    job_url = upload["Location"]
    client_b = PortalClient(member_b)
    assert client_b.get(job_url).status_code == 404
    assert client_b.post(job_url + "lancer/").status_code == 404
    assert client_a.get(job_url).status_code == 200

"""The catalogue pages on real data in PostgreSQL, in-process (the default transport) and over HTTP."""

from html import unescape

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_product_page_shows_ttc_price_vat_and_price_per_kg(client):
    product = factories.product("Maroilles AOP fermier", price="12.50", weight="0.750", rate="5.5")

    response = client.get(f"/produits/{product.slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1 itemprop=\"name\">Maroilles AOP fermier</h1>" in html
    assert "12,50\u00a0€" in html
    assert "dont TVA 0,65\u00a0€" in html  # 12,50 TTC at 5,5 %: 11,85 HT + 0,65 TVA
    assert "soit 16,67\u00a0€/kg" in html
    assert f'<link rel="canonical" href="http://testserver/produits/{product.slug}/">' in html


def test_product_list_counts_and_shows_every_product_of_the_page(client):
    for i in range(3):
        factories.product(f"Bière ambrée {i}", price="3.90", rate="20")

    response = client.get("/produits/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "3 produits" in html
    assert html.count('class="card"') == 3
    assert "3,90\u00a0€" in html


def test_unknown_product_answers_a_french_404(client):
    factories.channel()

    response = client.get("/produits/ce-produit-n-existe-pas/")

    assert response.status_code == 404
    assert "Ce produit n'existe pas ou n'est plus en vente." in unescape(response.content.decode())


def test_a_tampered_pagination_cursor_falls_back_to_the_first_page(client):
    factories.product("Miel de Mormal", price="8.00")

    response = client.get("/produits/?apres=%27%3B--")

    assert response.status_code == 200
    assert "Miel de Mormal" in response.content.decode()


def test_robots_and_sitemap_list_the_catalogue(client):
    product = factories.product("Pain de campagne", price="4.20")

    robots = client.get("/robots.txt").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()

    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert f"<loc>http://testserver/produits/{product.slug}/</loc>" in sitemap


def test_the_site_answers_a_french_503_page_when_the_api_is_unreachable(client, settings):
    settings.STOREFRONT_API_URL = "http://127.0.0.1:9/graphql/"  # discard port: nothing listens
    settings.STOREFRONT_GRAPHQL_TRANSPORT = "storefront.client.http_transport"

    response = client.get("/produits/")

    assert response.status_code == 503
    assert "momentanément indisponible" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_http_transport_serves_the_same_product_page(client, http_transport):
    product = factories.product("Maroilles AOP fermier", price="12.50", weight="0.750", rate="5.5")

    response = client.get(f"/produits/{product.slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "dont TVA 0,65\u00a0€" in html
    assert "soit 16,67\u00a0€/kg" in html

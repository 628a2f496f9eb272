"""Producer pages, the producers near a commune on the home page, the producer's card and structured data on the
product page, and the next distribution days — through the pages, on real data in PostgreSQL."""

import json
import re
from datetime import time, timedelta
from html import unescape

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return unescape(response.content.decode())


def test_producer_list_shows_every_active_producer_and_filters_by_label(client, bocage, brasserie):
    all_response = client.get("/producteurs/")
    hve_response = client.get("/producteurs/?label=hve")

    html = _text(all_response)
    assert all_response.status_code == 200
    assert "2 producteurs" in html
    assert html.count('class="card producer-card"') == 2
    assert html.count("<option value=") == (52 + 1) + (7 + 1)  # the communes, the 7 labels, each with "all"
    hve = _text(hve_response)
    assert "1 producteur<" in hve
    assert "Brasserie de Landrecies" in hve
    assert "Ferme du Bocage" not in hve


def test_home_lists_producers_nearest_first_from_the_chosen_commune(client, bocage, brasserie):
    response = client.get("/?commune=houdain-lez-bavay")

    html = _text(response)
    assert response.status_code == 200
    assert '<option value="houdain-lez-bavay" selected>Houdain-lez-Bavay</option>' in html
    assert "Les 2 producteurs les plus proches de Houdain-lez-Bavay" in html
    assert html.index("Ferme du Bocage") < html.index("Brasserie de Landrecies")  # Bavay is 4 km away, Landrecies 24
    assert re.search(r"Bavay · à 4,\d km", html)
    assert html.count("<circle ") == 52  # the territory map: every commune, the chosen one highlighted
    assert html.count('class="map-here"') == 1


def test_home_with_an_unknown_commune_says_so_in_french(client, bocage):
    response = client.get("/?commune=paris")

    assert response.status_code == 200
    assert "Nous ne connaissons pas cette commune : choisissez-la dans la liste." in _text(response)


def test_home_shows_the_next_distribution_days_with_room(client, territory, pickup_point):
    from logistics.models import PickupPoint, PickupSlot

    point = PickupPoint.objects.create(warehouse=pickup_point)
    friday = timezone.localdate() + timedelta(days=2)
    PickupSlot.objects.create(pickup_point=point, date=friday, start=time(16), end=time(19), capacity=20, booked=5)
    PickupSlot.objects.create(pickup_point=point, date=friday + timedelta(days=7), start=time(16), end=time(19),
                              capacity=10, booked=10)  # full: not offered

    html = _text(client.get("/"))

    assert "<strong>Point retrait Le Quesnoy</strong> : 16:00–19:00 (15 places restantes)" in html
    assert html.count("16:00–19:00") == 1


def test_producer_page_shows_profile_labels_map_and_products(client, bocage):
    producer, product = bocage

    response = client.get("/producteurs/ferme-du-bocage/")

    html = _text(response)
    assert response.status_code == 200
    assert "<h1>Ferme du Bocage</h1>" in html
    assert "1 rue de la Ferme, 59570 Bavay" in html
    assert "<li>AOP Maroilles</li>" in html
    assert f'href="/produits/{product.slug}/"' in html
    assert "Ses produits (1)" in html
    assert html.count("<circle ") == 53  # 52 communes and the farm
    assert '<link rel="canonical" href="http://testserver/producteurs/ferme-du-bocage/">' in html


def test_unknown_producer_is_a_french_404(client, bocage):
    response = client.get("/producteurs/ferme-inconnue/")

    assert response.status_code == 404
    assert "Ce producteur n'existe pas ou ne vend plus sur le Comptoir." in _text(response)


def test_product_page_has_the_producer_card_vat_rate_and_valid_json_ld(client, bocage):
    _, product = bocage

    response = client.get(f"/produits/{product.slug}/")

    html = _text(response)
    assert response.status_code == 200
    assert '<a href="/producteurs/ferme-du-bocage/"><strong>Ferme du Bocage</strong></a>, à Bavay' in html
    assert "TVA 5,5\u00a0% · dont TVA 0,65\u00a0€" in html
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "Product"
    assert data["name"] == "Maroilles fermier"
    assert data["brand"] == {"@type": "Brand", "name": "Ferme du Bocage"}
    assert [(o["price"], o["priceCurrency"], o["availability"]) for o in data["offers"]] == [
        ("12.50", "EUR", "https://schema.org/InStock")]


def test_structured_data_cannot_be_closed_by_a_product_name(client, bocage):
    _, product = bocage
    product.name = 'Maroilles </script><script>alert("x")</script>'
    product.save(update_fields=["name"])

    html = client.get(f"/produits/{product.slug}/").content.decode()

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(block)["name"] == product.name
    assert "<script>alert" not in html


def test_sitemap_lists_the_producer_pages(client, bocage, brasserie):
    body = client.get("/sitemap.xml").content.decode()

    assert body.count("<loc>http://testserver/producteurs/") == 3
    assert "<loc>http://testserver/producteurs/ferme-du-bocage/</loc>" in body
    assert "<loc>http://testserver/producteurs/brasserie-de-landrecies/</loc>" in body


def test_cart_is_grouped_by_producer(client, bocage, brasserie):
    from tests.backend.commerce.conftest import sellable
    from tests.utils import to_global_id

    loose = sellable("Miel sans producteur", price="8.00")
    for product in (brasserie[1], loose.product, bocage[1]):
        variant = product.variants.first()
        client.post("/panier/ajouter/", {"variant": to_global_id("ProductVariant", variant.pk), "quantity": "1",
                                         "retour": "/panier/"})

    html = _text(client.get("/panier/"))

    headers = re.findall(r'<tr class="producer-row"><th scope="colgroup" colspan="5">(.*?)</th></tr>', html)
    assert [re.sub(r"<[^>]+>", "", h) for h in headers] == [
        "Préparé par Brasserie de Landrecies (Landrecies)", "Préparé par Ferme du Bocage (Bavay)",
        "Autres produits du Comptoir"]
    assert html.index("Bière ambrée de Landrecies") < html.index("Maroilles fermier") < html.index("Miel sans")


def test_map_coordinates_are_plain_svg_numbers_not_french_decimals(client, territory, channel):
    html = client.get("/").content.decode()

    coordinates = re.findall(r'<circle cx="([^"]+)" cy="([^"]+)"', html)
    assert len(coordinates) == 52
    assert all(re.fullmatch(r"\d+(\.\d+)?", value) for pair in coordinates for value in pair)
    xs = sorted(float(x) for x, _ in coordinates)
    assert xs[0] >= 18 and xs[-1] <= 600 - 18  # spread over the canvas, inside the margins
    assert xs[-1] - xs[0] > 100


@pytest.mark.django_db(transaction=True)
def test_the_http_transport_serves_the_same_producer_and_home_pages(client, bocage, http_transport):
    producer = _text(client.get("/producteurs/ferme-du-bocage/"))
    home = _text(client.get("/?commune=bavay"))

    assert "<h1>Ferme du Bocage</h1>" in producer
    assert "Ses produits (1)" in producer
    assert "Le producteur le plus proche de Bavay :" in home
    assert "Bavay · à 0 km" in home

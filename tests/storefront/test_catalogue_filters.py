"""The catalogue's filters through the page: commune and producer (our producers' product lists), label (attribute
values), price range, availability, kept across pagination; bad values give French messages, never a 500."""

from html import unescape

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    html = unescape(response.content.decode())
    return sorted(part.split("</h3>")[0] for part in html.split('<h3 class="card-title">')[1:])


def _label(product, name: str, slug: str) -> None:
    from backend.commerce.attribute.models import Attribute, AttributeValue
    from backend.commerce.product.models import AssignedProductAttributeValue

    attribute, _ = Attribute.objects.get_or_create(slug="label", defaults={"name": "Label",
                                                                            "input_type": "multiselect"})
    value, _ = AttributeValue.objects.get_or_create(attribute=attribute, slug=slug, defaults={"name": name})
    AssignedProductAttributeValue.objects.create(product=product, value=value)


def test_commune_and_producer_filters_keep_only_their_products(client, bocage, brasserie):
    factories.product("Miel sans producteur", price="8.00")

    by_commune = client.get("/produits/?commune=landrecies")
    by_producer = client.get("/produits/?producteur=ferme-du-bocage")
    everything = client.get("/produits/")

    assert _names(by_commune) == ["Bière ambrée de Landrecies"]
    assert _names(by_producer) == ["Maroilles fermier"]
    assert _names(everything) == ["Bière ambrée de Landrecies", "Maroilles fermier", "Miel sans producteur"]
    assert '<option value="ferme-du-bocage" selected>Ferme du Bocage</option>' in by_producer.content.decode()


def test_label_filter_uses_the_label_attribute_values(client, channel):
    bio = factories.product("Pommes bio", price="3.20")
    factories.product("Pommes", price="2.50")
    _label(bio, "Agriculture biologique", "agriculture-biologique")

    response = client.get("/produits/?label=agriculture-biologique")

    html = unescape(response.content.decode())
    assert _names(response) == ["Pommes bio"]
    assert '<option value="agriculture-biologique" selected>Agriculture biologique</option>' in html


def test_price_range_accepts_french_decimals_and_availability_hides_sold_out(client, channel):
    from tests.backend.commerce.conftest import sellable

    sellable("Pain", price="4.20")
    sellable("Maroilles", price="12.50")
    sellable("Miel épuisé", price="8.00", stock=0)

    between = client.get("/produits/?prix-min=4,00&prix-max=10")
    available = client.get("/produits/?prix-min=4,00&prix-max=10&disponible=1")

    assert _names(between) == ["Miel épuisé", "Pain"]
    assert _names(available) == ["Pain"]


def test_bad_prices_are_ignored_with_a_french_message(client, channel):
    factories.product("Pain", price="4.20")

    response = client.get("/produits/?prix-min=abc&prix-max=-3")

    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Le prix minimum « abc » n'est pas un nombre : il n'a pas été pris en compte." in html
    assert "Le prix maximum doit être compris entre 0 et 10000 € : il n'a pas été pris en compte." in html
    assert _names(response) == ["Pain"]


def test_pagination_links_keep_the_filters_and_the_sort(client, channel, settings):
    from storefront.views import catalogue

    for i in range(3):
        factories.product(f"Bière {i}", price="3.90")
    settings.DEBUG = False
    catalogue.PAGE_SIZE, saved = 2, catalogue.PAGE_SIZE
    try:
        response = client.get("/produits/?prix-max=5&tri=prix")
    finally:
        catalogue.PAGE_SIZE = saved

    html = response.content.decode()
    assert len(_names(response)) == 2
    assert 'rel="next" href="?prix-max=5.00&amp;tri=prix&amp;apres=' in html


def test_french_search_through_the_page_ignores_accents_and_plurals(client, channel):
    from backend.commerce.search.services import search_index_products

    products = [factories.product(name, price="6.00", category_name=category) for name, category in (
        ("Pâté de campagne", "Charcuterie"), ("Fromage de Maroilles", "Crèmerie"), ("Pain", "Boulangerie"))]
    search_index_products(product_ids=[p.pk for p in products])

    pate = client.get("/produits/?q=pate")
    fromages = client.get("/produits/?q=fromages")

    assert _names(pate) == ["Pâté de campagne"]
    assert _names(fromages) == ["Fromage de Maroilles"]

"""The demo catalogue in the database (built once for the module by the `demo_catalogue` fixture)."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.db.models import Count, Min, Sum
from PIL import Image

from backend.commerce.attribute.models import AttributeValue
from backend.commerce.channel.models import Channel
from backend.commerce.menu.models import Menu
from backend.commerce.page.models import Page
from backend.commerce.product.models import (
    Category,
    Collection,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.commerce.tax.models import TaxClass
from backend.commerce.territory.models import Commune
from backend.commerce.warehouse.models import ChannelWarehouse, Stock, Warehouse
from backend.demo.catalogue import demo_catalogue_load, demo_data_loaded
from backend.demo.plan import CommuneRef, demo_plan
from tests.backend.platform.conftest import DEMO_SEED

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_catalogue")]


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (
        Product, ProductVariant, ProductChannelListing, ProductVariantChannelListing, Stock, Warehouse,
        ProductMedia, Category, Collection, AttributeValue, Page, Menu, TaxClass, Channel, ChannelWarehouse)}


def _snapshot() -> list:
    return list(ProductVariantChannelListing.objects.order_by("variant__sku").values_list(
        "variant__sku", "variant__name", "variant__product__name", "variant__product__slug", "price_amount"))


def test_the_catalogue_has_400_products_from_150_producers(demo_catalogue):
    assert demo_catalogue.products == Product.objects.filter(metadata__demo="true").count()
    assert demo_catalogue.products >= 400
    producers = Warehouse.objects.filter(is_demo=True, is_private=True)
    assert producers.count() == 150
    assert set(producers.values_list("click_and_collect_option", flat=True)) == {"disabled"}
    assert Warehouse.objects.filter(is_demo=True, is_private=False).count() == 8
    assert demo_data_loaded() is True


def test_every_product_is_published_with_a_priced_variant_in_stock_at_its_producer():
    channel = Channel.objects.get(slug="comptoir-de-mormal")
    assert (channel.name, channel.currency_code, channel.default_country) == ("Comptoir de Mormal", "EUR", "FR")
    assert Product.objects.exclude(channel_listings__channel=channel, channel_listings__is_published=True,
                                   channel_listings__visible_in_listings=True).count() == 0
    assert ProductVariant.objects.filter(channel_listings__price_amount__isnull=True).count() == 0
    assert ProductVariant.objects.annotate(n=Count("channel_listings")).filter(n=0).count() == 0
    stocked = ProductVariant.objects.annotate(total=Sum("stocks__quantity"))
    assert stocked.filter(total__isnull=True).count() == 0
    assert stocked.filter(total__lte=0).count() == 0
    # each product's stock sits in one warehouse: the producer's named in its metadata
    for product in Product.objects.prefetch_related("variants__stocks__warehouse")[:50]:
        warehouses = {s.warehouse.external_reference for v in product.variants.all() for s in v.stocks.all()}
        assert warehouses == {product.metadata["producer_warehouse"]}
    # Saleor counts stock only in the channel's warehouses
    assert ChannelWarehouse.objects.filter(channel=channel).count() == 158
    assert Product.objects.filter(default_variant__isnull=True).count() == 0


def test_product_listing_price_is_the_cheapest_variant_price():
    cheapest = dict(ProductVariantChannelListing.objects.values("variant__product_id").annotate(
        low=Min("price_amount")).values_list("variant__product_id", "low"))
    listed = dict(ProductChannelListing.objects.values_list("product_id", "discounted_price_amount"))
    assert listed == cheapest


def test_maroilles_is_priced_ttc_under_the_food_vat_class():
    maroilles = Product.objects.get(external_reference__startswith="demo-product-", name="Maroilles AOP fermier")
    assert maroilles.product_type.name == "Fromage"
    assert (maroilles.tax_class.name, maroilles.tax_class.rate) == ("Alimentation (5,5 %)", Decimal("5.50"))
    assert maroilles.category.parent.slug == "fromages"
    labels = set(maroilles.attributevalues.filter(value__attribute__slug="label").values_list("value__name",
                                                                                                flat=True))
    assert "AOP Maroilles" in labels
    rates = dict(TaxClass.objects.values_list("name", "rate"))
    assert rates == {"Alimentation (5,5 %)": Decimal("5.50"), "Taux intermédiaire (10 %)": Decimal("10.00"),
                     "Taux normal (20 %)": Decimal("20.00")}
    beer = Product.objects.filter(product_type__name="Bière").first()
    assert beer.tax_class.rate == Decimal("20.00")
    assert Product.objects.filter(tax_class__rate=Decimal("10")).exists()


def test_every_warehouse_has_an_address_in_a_real_commune():
    communes = {c.insee: c for c in Commune.objects.all()}
    for warehouse in Warehouse.objects.filter(is_demo=True).select_related("address"):
        commune = communes[warehouse.commune_id]
        assert warehouse.address.commune_insee == commune.insee
        assert warehouse.address.postal_code in commune.postcodes
        assert warehouse.address.city == commune.name.upper()
        assert abs(warehouse.latitude - commune.latitude) <= Decimal("0.012")
        assert abs(warehouse.longitude - commune.longitude) <= Decimal("0.018")


def test_pickup_points_have_their_hours_and_options():
    points = Warehouse.objects.filter(metadata__kind="pickup_point")
    assert sorted(points.filter(click_and_collect_option="all").values_list("commune__name", flat=True)) == [
        "Bavay", "Landrecies", "Le Quesnoy"]
    assert points.filter(click_and_collect_option="local").count() == 5
    assert points.get(commune_id="59481").opening_hours[-1] == {"day": 5, "open": "09:00", "close": "12:30"}


def test_the_database_holds_exactly_the_plan_of_the_seed():
    communes = [CommuneRef(c.insee, c.name, c.main_postcode, c.population, c.latitude, c.longitude)
                for c in Commune.objects.all()]
    plan = demo_plan(seed=DEMO_SEED, communes=communes)
    planned = sorted((v.sku, v.name, p.name, p.slug, v.price) for p in plan.products for v in p.variants)
    assert _snapshot() == planned


def test_loading_again_changes_nothing(settings, platform_media_root):
    # given the catalogue already loaded
    before_counts, before_values = _counts(), _snapshot()

    # when it is loaded again with the same seed
    result = demo_catalogue_load(seed=DEMO_SEED)

    # then no row was added and no picture drawn again
    assert result.images_drawn == 0
    assert _counts() == before_counts
    assert _snapshot() == before_values


def test_loading_another_seed_replaces_the_demo_in_place():
    # when the demo is loaded with another seed, then back with the first
    other = demo_catalogue_load(seed=7)
    assert Product.objects.filter(metadata__demo="true").count() == other.products
    assert Warehouse.objects.filter(is_demo=True).count() == 158
    demo_catalogue_load(seed=DEMO_SEED)

    # then the first catalogue is back, without leftovers
    test_the_database_holds_exactly_the_plan_of_the_seed()
    assert ProductMedia.objects.count() == Product.objects.count()


def test_placeholder_pictures_are_600_pixel_jpegs(settings):
    media = ProductMedia.objects.select_related("product").order_by("pk").first()
    path = Path(settings.MEDIA_ROOT) / media.image.name
    with Image.open(path) as image:
        assert (image.format, image.size) == ("JPEG", (600, 600))
    assert media.alt == media.product.name
    assert media.image.name.startswith("products/demo-product-")


def test_legal_pages_and_menus():
    pages = dict(Page.objects.filter(page_type__slug="page-legale", is_published=True).values_list("slug", "title"))
    assert pages == {"mentions-legales": "Mentions légales", "conditions-generales-de-vente":
                     "Conditions générales de vente", "donnees-personnelles": "Données personnelles"}
    terms = Page.objects.get(slug="conditions-generales-de-vente")
    assert "L221-28" in str(terms.content)
    footer = Menu.objects.get(slug="footer")
    assert list(footer.items.values_list("page__slug", flat=True)) == list(pages)
    navbar = Menu.objects.get(slug="navbar")
    assert navbar.items.filter(parent=None).count() == Category.objects.filter(parent=None).count() == 8
    assert navbar.items.count() == Category.objects.count()
    assert list(Collection.objects.filter(channel_listings__is_published=True).values_list("slug", flat=True)) == [
        "de-saison", "la-selection-de-la-semaine", "nouveautes"]


def test_reloading_runs_a_fixed_number_of_queries(django_assert_num_queries):
    # the loader works in bulk: its query count does not depend on the number of products
    with django_assert_num_queries(QUERIES_OF_A_RELOAD):
        demo_catalogue_load(seed=DEMO_SEED)


QUERIES_OF_A_RELOAD = 299

"""`products` and `product`: values, VAT split, visibility, channels."""

from decimal import Decimal

import pytest
from django.utils import timezone

from backend.commerce.product.models import ProductChannelListing
from backend.core.ids import to_global_id
from tests import factories
from tests.backend.api.catalogue.conftest import gql, gql_errors

pytestmark = pytest.mark.django_db

PRODUCTS_PRICES = """
query Products($channel: String) {
  products(first: 10, channel: $channel) {
    totalCount
    edges { node {
      id name slug isAvailable channel
      pricing { onSale displayGrossPrices
        priceRange { start { gross { amount currency } net { amount } tax { amount } }
                     stop { gross { amount } } } }
      variants { id name sku quantityAvailable pricing { price { gross { amount } net { amount } tax { amount } } } }
    } }
  }
}
"""


def test_products_are_priced_ttc_with_the_vat_split_to_the_cent(api, channel):
    # given a cheese at 5,5 % and a craft item at 20 %, both entered TTC
    cheese = factories.product("Maroilles AOP", price="12.50", rate="5.5", stock=4)
    basket = factories.product("Panier en osier", price="35.00", rate="20", stock=2, category_name="Artisanat")

    # when the public lists the products of the channel
    data = gql(api, PRODUCTS_PRICES, {"channel": "comptoir-de-mormal"})

    # then gross is the stored TTC price and net + tax == gross to the cent
    nodes = {edge["node"]["name"]: edge["node"] for edge in data["products"]["edges"]}
    assert data["products"]["totalCount"] == 2
    cheese_range = nodes["Maroilles AOP"]["pricing"]["priceRange"]["start"]
    assert cheese_range == {"gross": {"amount": 12.5, "currency": "EUR"}, "net": {"amount": 11.85},
                            "tax": {"amount": 0.65}}
    basket_range = nodes["Panier en osier"]["pricing"]["priceRange"]["start"]
    assert basket_range == {"gross": {"amount": 35.0, "currency": "EUR"}, "net": {"amount": 29.17},
                            "tax": {"amount": 5.83}}
    assert nodes["Maroilles AOP"]["id"] == to_global_id("Product", cheese.pk)
    assert nodes["Panier en osier"]["id"] == to_global_id("Product", basket.pk)
    assert nodes["Maroilles AOP"]["pricing"]["onSale"] is False
    assert nodes["Maroilles AOP"]["pricing"]["displayGrossPrices"] is True
    assert nodes["Maroilles AOP"]["channel"] == "comptoir-de-mormal"
    variant = nodes["Maroilles AOP"]["variants"][0]
    assert variant["quantityAvailable"] == 4
    assert variant["pricing"]["price"] == {"gross": {"amount": 12.5}, "net": {"amount": 11.85},
                                           "tax": {"amount": 0.65}}


def test_is_available_needs_publication_purchase_date_and_stock(api, channel):
    # given a product available for purchase with stock, one without stock, one not yet purchasable
    now = timezone.now()
    in_stock = factories.product("Beurre fermier", stock=3)
    sold_out = factories.product("Crème crue", stock=0)
    later = factories.product("Fromage blanc", stock=5)
    ProductChannelListing.objects.filter(product__in=[in_stock, sold_out]).update(available_for_purchase_at=now)
    ProductChannelListing.objects.filter(product=later).update(
        available_for_purchase_at=now + timezone.timedelta(days=3))

    # when
    data = gql(api, "{ products(first: 10) { edges { node { name isAvailable isAvailableForPurchase } } } }")

    # then (the default channel answers when none is given)
    states = {e["node"]["name"]: (e["node"]["isAvailable"], e["node"]["isAvailableForPurchase"])
              for e in data["products"]["edges"]}
    assert states == {"Beurre fermier": (True, True), "Crème crue": (False, True), "Fromage blanc": (False, False)}


def test_anonymous_sees_only_published_listed_products_staff_sees_all(api, staff_api, channel):
    # given a published product, an unpublished one, one hidden from listings, one published in the future
    factories.product("Publié")
    factories.product("Brouillon", published=False)
    hidden = factories.product("Caché des listes")
    ProductChannelListing.objects.filter(product=hidden).update(visible_in_listings=False)
    future = factories.product("Bientôt")
    ProductChannelListing.objects.filter(product=future).update(
        published_at=timezone.now() + timezone.timedelta(days=1))
    query = "{ products(first: 10, sortBy: {field: NAME, direction: ASC}) { totalCount edges { node { name } } } }"

    # when
    public = gql(api, query)["products"]
    staff = gql(staff_api, query)["products"]

    # then
    assert [e["node"]["name"] for e in public["edges"]] == ["Publié"]
    assert public["totalCount"] == 1
    assert [e["node"]["name"] for e in staff["edges"]] == ["Bientôt", "Brouillon", "Caché des listes", "Publié"]
    assert staff["totalCount"] == 4


def test_product_hidden_from_listings_is_still_reachable_by_slug(api, channel):
    hidden = factories.product("Caché des listes")
    ProductChannelListing.objects.filter(product=hidden).update(visible_in_listings=False)

    data = gql(api, "query($slug: String) { product(slug: $slug) { name } }", {"slug": hidden.slug})

    assert data["product"] == {"name": "Caché des listes"}


def test_unpublished_product_is_null_for_customers_and_visible_to_staff(customer_api, staff_api, channel):
    draft = factories.product("Brouillon", published=False)
    query = "query($id: ID) { product(id: $id, channel: \"comptoir-de-mormal\") { name } }"
    variables = {"id": to_global_id("Product", draft.pk)}

    assert gql(customer_api, query, variables) == {"product": None}
    assert gql(staff_api, query, variables) == {"product": {"name": "Brouillon"}}


def test_invalid_channel_is_a_clear_error(api, channel):
    factories.product()

    errors = gql_errors(api, '{ products(first: 5, channel: "nulle-part") { edges { node { id } } } }')

    assert errors == ["Channel with 'nulle-part' slug does not exist."]


def test_unknown_product_is_null_and_wrong_id_type_is_an_error(api, channel):
    category = factories.category("Fromages")

    unknown = gql(api, "{ product(id: \"UHJvZHVjdDo5OTk5OQ==\") { id } }")
    wrong = gql_errors(api, "query($id: ID) { product(id: $id) { id } }", {"id": to_global_id("Category", category.pk)})
    malformed = gql_errors(api, "{ product(id: \"pas-un-id\") { id } }")

    assert unknown == {"product": None}
    assert wrong == [f"Invalid ID: {to_global_id('Category', category.pk)}. Expected: Product, received: Category."]
    assert malformed == ["Invalid ID: pas-un-id. Expected: Product."]


def test_product_requires_exactly_one_identifier(api, channel):
    assert gql_errors(api, "{ product { id } }") == [
        "At least one of arguments is required: 'id', 'slug', 'external_reference'."]
    assert gql_errors(api, '{ product(id: "UHJvZHVjdDox", slug: "x") { id } }') == [
        "Argument 'id' cannot be combined with 'slug'."]


def test_discounted_variant_shows_sale_and_discount(api, channel):
    from backend.commerce.product.models import ProductVariantChannelListing

    product = factories.product("Maroilles promo", price="10.00", rate="5.5")
    ProductVariantChannelListing.objects.filter(variant__product=product).update(
        discounted_price_amount=Decimal("8.00"))

    data = gql(api, "{ products(first: 1) { edges { node { pricing { onSale discount { gross { amount } } "
                    "priceRange { start { gross { amount } } } priceRangeUndiscounted { start { gross { amount } } } "
                    "} } } } }")

    pricing = data["products"]["edges"][0]["node"]["pricing"]
    assert pricing == {"onSale": True, "discount": {"gross": {"amount": 2.0}},
                       "priceRange": {"start": {"gross": {"amount": 8.0}}},
                       "priceRangeUndiscounted": {"start": {"gross": {"amount": 10.0}}}}

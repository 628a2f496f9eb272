"""Staff-side catalogue reads: listings with margins, product types, attributes, stocks."""

from decimal import Decimal

import pytest

from backend.commerce.product.models import ProductVariantChannelListing
from backend.core.ids import to_global_id
from backend.core.permissions import PermissionEnum
from tests import factories
from tests.backend.api.catalogue.conftest import add_attribute, gql, gql_errors

pytestmark = pytest.mark.django_db


def test_channel_listings_show_prices_costs_and_margins(staff_api, channel):
    product = factories.product("Maroilles", price="12.00")
    ProductVariantChannelListing.objects.filter(variant__product=product).update(cost_price_amount=Decimal("9.00"))
    query = """query($id: ID) { product(id: $id) { channelListings { isPublished visibleInListings
      discountedPrice { amount } margin { start stop } purchaseCost { start { amount } stop { amount } }
      pricing { priceRange { start { gross { amount } net { amount } } } } }
      variants { channelListings { price { amount currency } costPrice { amount } margin channel { slug } } } } }"""

    data = gql(staff_api, query, {"id": to_global_id("Product", product.pk)})["product"]

    assert data["channelListings"] == [{
        "isPublished": True, "visibleInListings": True, "discountedPrice": {"amount": 12.0},
        "margin": {"start": 25, "stop": 25}, "purchaseCost": {"start": {"amount": 9.0}, "stop": {"amount": 9.0}},
        "pricing": {"priceRange": {"start": {"gross": {"amount": 12.0}, "net": {"amount": 11.37}}}}}]
    assert data["variants"][0]["channelListings"] == [{
        "price": {"amount": 12.0, "currency": "EUR"}, "costPrice": {"amount": 9.0}, "margin": 25,
        "channel": {"slug": "comptoir-de-mormal"}}]


def test_product_types_with_tax_class_and_attributes(api, staff_api, channel):
    product = factories.product("Maroilles", rate="5.5")
    add_attribute(product, "lait", "Cru")
    add_attribute(product, "poids", "250 g", on_variant=True)
    query = """{ productTypes(first: 5, filter: {search: "fromage"}) { totalCount edges { node { name slug kind
      productAttributes { slug } assignedVariantAttributes { attribute { slug } variantSelection } } } } }"""

    data = gql(api, query)["productTypes"]
    tax = gql(staff_api, "query($id: ID!) { productType(id: $id) { taxClass { name countries { rate "
                         "country { code } } } } }", {"id": to_global_id("ProductType", product.product_type_id)})

    assert data["totalCount"] == 1
    assert data["edges"][0]["node"] == {"name": "Fromage", "slug": "fromage", "kind": "NORMAL",
                                        "productAttributes": [{"slug": "lait"}],
                                        "assignedVariantAttributes": [{"attribute": {"slug": "poids"},
                                                                       "variantSelection": True}]}
    assert tax["productType"]["taxClass"] == {"name": "Alimentation (5,5 %)",
                                              "countries": [{"rate": 5.5, "country": {"code": "FR"}}]}


def test_attributes_where_and_choices(api, channel):
    product = factories.product("Maroilles")
    add_attribute(product, "lait", "Cru")
    add_attribute(factories.product("Boulette"), "lait", "Pasteurisé")
    add_attribute(product, "degre", "6", input_type="numeric")
    query = """{ attributes(first: 5, where: {inputType: {eq: DROPDOWN}}) { edges { node { slug withChoices
      choices(first: 5, sortBy: {field: NAME, direction: DESC}) { edges { node { name slug inputType } } } } } }
      numeric: attribute(slug: "degre") { inputType withChoices choices(first: 5) { totalCount } } }"""

    data = gql(api, query)

    assert data["attributes"]["edges"] == [{"node": {"slug": "lait", "withChoices": True, "choices": {"edges": [
        {"node": {"name": "Pasteurisé", "slug": "pasteurise", "inputType": "DROPDOWN"}},
        {"node": {"name": "Cru", "slug": "cru", "inputType": "DROPDOWN"}}]}}}]
    assert data["numeric"] == {"inputType": "NUMERIC", "withChoices": False, "choices": None}


def test_stocks_query_is_refused_to_customers_and_lists_for_staff(customer_api, staff_api, channel):
    product = factories.product("Maroilles", stock=7, sku="MAR-1")
    query = "{ stocks(first: 5) { totalCount edges { node { quantity quantityAllocated quantityReserved " \
            "productVariant { sku } warehouse { name } } } } }"

    refused = gql_errors(customer_api, query)
    data = gql(staff_api, query)["stocks"]

    assert refused == ["You do not have permission to perform this action"]
    assert data["totalCount"] == 1
    node = data["edges"][0]["node"]
    assert node["quantity"] == 7 and node["quantityAllocated"] == 0 and node["quantityReserved"] == 0
    assert node["productVariant"] == {"sku": "MAR-1"}
    assert node["warehouse"]["name"] == product.variants.get().stocks.get().warehouse.name


def test_channel_settings_for_staff_managing_channels(api, channel):
    from tests.backend.api.catalogue.conftest import UserClient

    manager = UserClient(factories.staff(permissions=[PermissionEnum.MANAGE_CHANNELS]))
    query = """{ channel(slug: "comptoir-de-mormal") { orderSettings { allowUnpaidOrders
      automaticallyConfirmAllNewOrders markAsPaidStrategy deleteExpiredOrdersAfter }
      paymentSettings { defaultTransactionFlowStrategy } stockSettings { allocationStrategy }
      taxConfiguration { chargeTaxes displayGrossPrices pricesEnteredWithTax taxCalculationStrategy } } }"""

    data = gql(manager, query)["channel"]
    refused = api.query(query)

    assert data == {
        "orderSettings": {"allowUnpaidOrders": True, "automaticallyConfirmAllNewOrders": True,
                          "markAsPaidStrategy": "TRANSACTION_FLOW", "deleteExpiredOrdersAfter": 60},
        "paymentSettings": {"defaultTransactionFlowStrategy": "CHARGE"},
        "stockSettings": {"allocationStrategy": "PRIORITIZE_SORTING_ORDER"},
        "taxConfiguration": {"chargeTaxes": True, "displayGrossPrices": True, "pricesEnteredWithTax": True,
                             "taxCalculationStrategy": "FLAT_RATES"}}
    assert refused["data"] == {"channel": None}
    assert {e["message"] for e in refused["errors"]} == {"You do not have permission to perform this action"}

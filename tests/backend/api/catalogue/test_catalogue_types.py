"""Categories, collections, variants, attributes and translations as the storefront reads them."""

import pytest

from backend.commerce.product.models import CategoryTranslation, CollectionChannelListing, ProductTranslation
from backend.core.ids import to_global_id
from tests import factories
from tests.backend.api.catalogue.conftest import add_attribute, add_collection, gql, gql_errors

pytestmark = pytest.mark.django_db


def test_french_translation_is_the_base_text_other_languages_the_stored_row(api, channel):
    product = factories.product("Maroilles AOP")
    ProductTranslation.objects.create(product=product, language_code="en", name="Maroilles cheese",
                                      slug="maroilles-cheese")
    query = """query($slug: String) { product(slug: $slug) {
      fr: translation(languageCode: FR) { name slug language { code language } }
      en: translation(languageCode: EN) { name slug language { code } }
      de: translation(languageCode: DE) { name } } }"""

    data = gql(api, query, {"slug": product.slug})["product"]

    assert data["fr"] == {"name": "Maroilles AOP", "slug": product.slug,
                          "language": {"code": "FR", "language": "français"}}
    assert data["en"] == {"name": "Maroilles cheese", "slug": "maroilles-cheese", "language": {"code": "EN"}}
    assert data["de"] is None


def test_product_by_translated_slug(api, channel):
    product = factories.product("Maroilles AOP")
    ProductTranslation.objects.create(product=product, language_code="en-US", name="Maroilles", slug="maroilles-en")
    query = "query($slug: String, $lang: LanguageCodeEnum) { product(slug: $slug, slugLanguageCode: $lang) { name } }"

    assert gql(api, query, {"slug": "maroilles-en", "lang": "EN_US"}) == {"product": {"name": "Maroilles AOP"}}
    assert gql(api, query, {"slug": "maroilles-en", "lang": "DE"}) == {"product": None}
    assert gql(api, query, {"slug": product.slug, "lang": "FR"}) == {"product": {"name": "Maroilles AOP"}}


def test_category_tree_products_and_translation(api, channel):
    parent = factories.category("Crèmerie")
    factories.category("Fromages", parent=parent)
    factories.product("Maroilles", category_name="Fromages", price="12.50")
    factories.product("Beurre", category_name="Crèmerie", price="3.10")
    CategoryTranslation.objects.create(category=parent, language_code="en", name="Dairy")
    query = """{ category(slug: "cremerie") { name level parent { name }
      children(first: 5) { totalCount edges { node { name level parent { name } ancestors(first: 5) {
        edges { node { name } } } } } }
      products(first: 10, sortBy: {field: NAME, direction: ASC}) { edges { node { name } } }
      translation(languageCode: EN) { name } } }"""

    data = gql(api, query)["category"]

    assert data["name"] == "Crèmerie" and data["level"] == 0 and data["parent"] is None
    child = data["children"]["edges"][0]["node"]
    assert data["children"]["totalCount"] == 1
    assert child == {"name": "Fromages", "level": 1, "parent": {"name": "Crèmerie"},
                     "ancestors": {"edges": [{"node": {"name": "Crèmerie"}}]}}
    assert [e["node"]["name"] for e in data["products"]["edges"]] == ["Beurre", "Maroilles"]
    assert data["translation"] == {"name": "Dairy"}


def test_categories_by_level_and_sorting(api, channel):
    parent = factories.category("Épicerie")
    factories.category("Miel", parent=parent)
    factories.category("Boissons")

    roots = gql(api, "{ categories(first: 10, level: 0, sortBy: {field: NAME, direction: DESC}) { edges { node { "
                     "name } } } }")
    filtered = gql(api, '{ categories(first: 10, filter: {slugs: ["miel"]}) { edges { node { name level } } } }')

    assert [e["node"]["name"] for e in roots["categories"]["edges"]] == ["Épicerie", "Boissons"]
    assert filtered["categories"]["edges"] == [{"node": {"name": "Miel", "level": 1}}]


def test_collection_visibility_follows_its_channel_listing(api, staff_api, channel):
    maroilles = factories.product("Maroilles")
    biere = factories.product("Bière")
    add_collection("De saison", [biere, maroilles])
    draft = add_collection("Noël", [maroilles], published=False)
    query = """{ collections(first: 10) { edges { node { slug channel } } }
      saison: collection(slug: "de-saison") { name products(first: 5, sortBy: {field: COLLECTION, direction: ASC}) {
        edges { node { name } } } }
      noel: collection(slug: "noel") { name } }"""

    public = gql(api, query)
    staff = gql(staff_api, query)

    assert public["collections"]["edges"] == [{"node": {"slug": "de-saison", "channel": "comptoir-de-mormal"}}]
    assert [e["node"]["name"] for e in public["saison"]["products"]["edges"]] == ["Bière", "Maroilles"]
    assert public["noel"] is None
    assert staff["noel"] == {"name": "Noël"}
    assert len(staff["collections"]["edges"]) == 2
    CollectionChannelListing.objects.filter(collection=draft).update(is_published=True)
    assert gql(api, query)["noel"] == {"name": "Noël"}


def test_product_variant_by_id_and_sku(api, channel):
    product = factories.product("Maroilles", price="12.50", sku="MAR-750")
    variant = product.variants.get()
    query = """query($id: ID, $sku: String) { byId: productVariant(id: $id) { sku product { name } }
      bySku: productVariant(sku: $sku) { id quantityAvailable pricing { price { gross { amount } } } } }"""

    data = gql(api, query, {"id": to_global_id("ProductVariant", variant.pk), "sku": "MAR-750"})

    assert data["byId"] == {"sku": "MAR-750", "product": {"name": "Maroilles"}}
    assert data["bySku"] == {"id": to_global_id("ProductVariant", variant.pk), "quantityAvailable": 10,
                             "pricing": {"price": {"gross": {"amount": 12.5}}}}


def test_quantity_available_is_capped_by_the_limit_per_customer(api, channel):
    product = factories.product("Beurre", stock=80)
    product.variants.update(quantity_limit_per_customer=6)
    untracked = factories.product("Bon cadeau", stock=0)
    untracked.variants.update(track_inventory=False)

    data = gql(api, "{ products(first: 5, sortBy: {field: NAME, direction: ASC}) { edges { node { "
                    "variants { quantityAvailable } } } } }")

    quantities = [e["node"]["variants"][0]["quantityAvailable"] for e in data["products"]["edges"]]
    assert quantities == [6, 50]


def test_assigned_attributes_have_their_kind(api, channel):
    product = factories.product("Maroilles")
    add_attribute(product, "lait", "Cru")
    add_attribute(product, "affinage-semaines", "5", input_type="numeric")
    add_attribute(product, "bio", "Oui", input_type="boolean", boolean=True)
    add_attribute(product, "poids", "750 g", on_variant=True)
    query = """query($slug: String) { product(slug: $slug) {
      assignedAttributes { __typename attribute { slug inputType }
        ... on AssignedSingleChoiceAttribute { value { name slug translation(languageCode: FR) } }
        ... on AssignedNumericAttribute { numeric: value }
        ... on AssignedBooleanAttribute { flag: value } }
      lait: assignedAttribute(slug: "lait") { attribute { name } }
      attributes { attribute { slug } values { name } }
      variants { attributes(variantSelection: VARIANT_SELECTION) { attribute { slug } values { name } } } } }"""

    data = gql(api, query, {"slug": product.slug})["product"]

    assert data["assignedAttributes"] == [
        {"__typename": "AssignedNumericAttribute", "attribute": {"slug": "affinage-semaines", "inputType": "NUMERIC"},
         "numeric": 5.0},
        {"__typename": "AssignedBooleanAttribute", "attribute": {"slug": "bio", "inputType": "BOOLEAN"},
         "flag": True},
        {"__typename": "AssignedSingleChoiceAttribute", "attribute": {"slug": "lait", "inputType": "DROPDOWN"},
         "value": {"name": "Cru", "slug": "cru", "translation": "Cru"}},
    ]
    assert data["lait"] == {"attribute": {"name": "Lait"}}
    assert [a["attribute"]["slug"] for a in data["attributes"]] == ["affinage-semaines", "bio", "lait"]
    assert data["variants"][0]["attributes"] == [{"attribute": {"slug": "poids"}, "values": [{"name": "750 g"}]}]


def test_hidden_attributes_are_for_staff_only(api, staff_api, channel):
    from backend.commerce.attribute.models import Attribute

    product = factories.product("Maroilles")
    add_attribute(product, "marge-interne", "Haute")
    Attribute.objects.filter(slug="marge-interne").update(visible_in_storefront=False)
    query = "query($slug: String) { product(slug: $slug) { assignedAttributes { attribute { slug } } } }"

    assert gql(api, query, {"slug": product.slug}) == {"product": {"assignedAttributes": []}}
    assert gql(staff_api, query, {"slug": product.slug}) == {
        "product": {"assignedAttributes": [{"attribute": {"slug": "marge-interne"}}]}}


def test_staff_only_fields_are_refused_to_customers(customer_api, staff_api, channel):
    product = factories.product("Maroilles")
    query = """query($slug: String) { product(slug: $slug) { channelListings { isPublished channel { slug } }
      variants { stocks { quantity quantityAllocated warehouse { name } } } } }"""

    refused = gql_errors(customer_api, query, {"slug": product.slug})
    allowed = gql(staff_api, query, {"slug": product.slug})["product"]

    assert refused == ["You do not have permission to perform this action",
                       "You do not have permission to perform this action"]
    assert allowed["channelListings"] == [{"isPublished": True, "channel": {"slug": "comptoir-de-mormal"}}]
    assert allowed["variants"][0]["stocks"][0]["quantity"] == 10
    assert allowed["variants"][0]["stocks"][0]["quantityAllocated"] == 0


def test_warehouses_are_for_staff(api, staff_api, channel):
    warehouse = factories.warehouse("Ferme du Pont")
    query = "{ warehouses(first: 5) { edges { node { id name slug isPrivate clickAndCollectOption " \
            "address { city postalCode } } } } }"

    refused = gql_errors(api, query)
    data = gql(staff_api, query)

    assert refused == ["You do not have permission to perform this action"]
    assert data["warehouses"]["edges"] == [{"node": {
        "id": to_global_id("Warehouse", warehouse.pk), "name": "Ferme du Pont", "slug": "ferme-du-pont",
        "isPrivate": True, "clickAndCollectOption": "DISABLED",
        "address": {"city": "Le Quesnoy", "postalCode": "59530"}}}]


def test_channel_lookup(api, channel):
    data = gql(api, '{ channel(slug: "comptoir-de-mormal") { slug currencyCode defaultCountry { code country } } '
                    'unknown: channel(slug: "ailleurs") { slug } }')

    assert data == {"channel": {"slug": "comptoir-de-mormal", "currencyCode": "EUR",
                                "defaultCountry": {"code": "FR", "country": "France"}}, "unknown": None}


def test_quantity_available_counts_only_the_channel_warehouses(api, staff_api, channel):
    from backend.commerce.warehouse.models import Stock

    # given a cheese stocked in its farm (in the channel) and in a private cellar not attached to the channel
    product = factories.product("Maroilles", stock=4)
    cellar = factories.warehouse("Cave privée")
    cellar.channels.clear()
    Stock.objects.create(warehouse=cellar, product_variant=product.variants.get(), quantity=30)

    data = gql(api, "{ products(first: 1) { edges { node { isAvailable variants { quantityAvailable } } } } }")
    channel_data = gql(staff_api, '{ channel(slug: "comptoir-de-mormal") { warehouses { name } } }')

    assert data["products"]["edges"][0]["node"]["variants"] == [{"quantityAvailable": 4}]
    assert [w["name"] for w in channel_data["channel"]["warehouses"]] == [
        product.variants.get().stocks.exclude(warehouse=cellar).get().warehouse.name]


def test_reference_attributes_resolve_visible_objects_only(api, staff_api, channel):
    from backend.commerce.attribute.models import Attribute

    product = factories.product("Plateau apéritif")
    published = factories.product("Maroilles")
    draft = factories.product("Fromage en préparation", published=False)
    for target in (published, draft):
        add_attribute(product, "accords", target.name, input_type="reference",
                      value=to_global_id("Product", target.pk))
    Attribute.objects.filter(slug="accords").update(entity_type="product")
    query = """query($slug: String) { product(slug: $slug) { assignedAttributes { __typename
      ... on AssignedMultiProductReferenceAttribute { value { name pricing { priceRange { start { gross {
      amount } } } } } } } } }"""

    public = gql(api, query, {"slug": product.slug})["product"]["assignedAttributes"]
    staff = gql(staff_api, query, {"slug": product.slug})["product"]["assignedAttributes"]

    assert public == [{"__typename": "AssignedMultiProductReferenceAttribute",
                       "value": [{"name": "Maroilles", "pricing": {"priceRange": {"start": {"gross": {
                           "amount": 12.5}}}}}]}]
    assert [item["name"] for item in staff[0]["value"]] == ["Maroilles", "Fromage en préparation"]


def test_warehouses_filter_by_channel_and_search(staff_api, channel):
    from backend.commerce.channel.models import Channel

    other = Channel.objects.create(name="Marché de Bavay", slug="marche-de-bavay")
    factories.warehouse("Ferme du Pont")
    apart = factories.warehouse("Fromagerie de Bavay")
    apart.channels.set([other])
    query = """query($channels: [ID!], $search: String) { warehouses(first: 5, filter: {channels: $channels,
      search: $search}) { edges { node { name } } } }"""

    in_main = gql(staff_api, query, {"channels": [to_global_id("Channel", channel.pk)]})
    searched = gql(staff_api, query, {"search": "bavay"})

    assert [e["node"]["name"] for e in in_main["warehouses"]["edges"]] == ["Ferme du Pont"]
    assert [e["node"]["name"] for e in searched["warehouses"]["edges"]] == ["Fromagerie de Bavay"]

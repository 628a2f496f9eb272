import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.core.ids import to_global_id
from tests import factories
from tests.backend.api.cms.conftest import run_query

MENU_QUERY = """
query Menu($slug: String, $channel: String) {
  menu(slug: $slug, channel: $channel) {
    id name slug
    items {
      id name level url page { slug } category { slug } collection { slug }
      translation(languageCode: EN) { name }
      children { id name level url page { slug title } parent { name } menu { slug } }
    }
  }
}
"""


@pytest.mark.django_db
def test_menu_by_slug_answers_the_tree_with_pages_and_links(footer):
    # given the footer menu: a parent item with three page links, and an external link
    factories.channel()

    # when the storefront asks for it
    body = run_query(MENU_QUERY, {"slug": "footer", "channel": "comptoir-de-mormal"})

    # then top-level items come in order, children under their parent, the draft page is hidden
    assert "errors" not in body
    menu = body["data"]["menu"]
    assert menu["id"] == to_global_id("Menu", footer.pk)
    assert (menu["name"], menu["slug"]) == ("Pied de page", "footer")
    first, second = menu["items"]
    assert (first["name"], first["level"], first["url"], first["page"]) == ("Informations", 0, None, None)
    assert [child["name"] for child in first["children"]] == ["Mentions légales", "CGV", "Brouillon"]
    assert [child["page"] for child in first["children"]] == [
        {"slug": "mentions-legales", "title": "Mentions légales"},
        {"slug": "conditions-generales-de-vente", "title": "Conditions générales de vente"},
        None,
    ]
    assert {child["level"] for child in first["children"]} == {1}
    assert {child["parent"]["name"] for child in first["children"]} == {"Informations"}
    assert {child["menu"]["slug"] for child in first["children"]} == {"footer"}
    assert (second["name"], second["url"], second["children"]) == (
        "Pays de Mormal", "https://www.cc-paysdemormal.fr/", [])


@pytest.mark.django_db
def test_menu_item_links_to_a_draft_page_for_page_editors(footer, page_editor):
    factories.channel()

    body = run_query(MENU_QUERY, {"slug": "footer"}, user=page_editor)

    children = body["data"]["menu"]["items"][0]["children"]
    assert children[2]["page"] == {"slug": "brouillon", "title": "Brouillon"}


@pytest.mark.django_db
def test_menu_item_translation_is_the_stored_english_name_else_null(footer):
    from backend.commerce.menu.models import MenuItemTranslation

    factories.channel()
    item = footer.items.get(name="Informations")
    MenuItemTranslation.objects.create(menu_item=item, language_code="en", name="About")

    body = run_query(MENU_QUERY, {"slug": "footer"})

    items = body["data"]["menu"]["items"]
    assert [entry["translation"] for entry in items] == [{"name": "About"}, None]


@pytest.mark.django_db
def test_menu_query_count_does_not_grow_with_the_number_of_items(footer, pages):
    # given a second menu with 40 items, each with 3 children linking the legal notice
    from backend.commerce.menu.models import Menu, MenuItem

    factories.channel()
    big = Menu.objects.create(name="Grand menu", slug="grand")
    for index in range(40):
        parent = MenuItem.objects.create(menu=big, name=f"Rubrique {index}", sort_order=index, page=pages["cgv"])
        for child in range(3):
            MenuItem.objects.create(menu=big, parent=parent, name=f"Lien {index}.{child}", sort_order=child,
                                    page=pages["mentions"])

    # when both menus are read with the same selection
    with CaptureQueriesContext(connection) as small:
        small_body = run_query(MENU_QUERY, {"slug": "footer"})
    with CaptureQueriesContext(connection) as large:
        large_body = run_query(MENU_QUERY, {"slug": "grand"})

    # then 7 queries either way: default channel, menu, items, pages, translations, one batch for the parents and
    # one for the menus
    assert len(small_body["data"]["menu"]["items"]) == 2
    assert len(large_body["data"]["menu"]["items"]) == 40
    assert sum(len(item["children"]) for item in large_body["data"]["menu"]["items"]) == 120
    assert len(small.captured_queries) == len(large.captured_queries) == 7


@pytest.mark.django_db
def test_menu_needs_exactly_one_of_id_name_slug(footer):
    body = run_query('{ menu(slug: "footer", name: "Pied de page") { id } }')

    assert body["data"]["menu"] is None
    assert body["errors"][0]["message"] == "Exactly one of the arguments 'id', 'name' or 'slug' is required."


@pytest.mark.django_db
def test_menu_by_id_and_by_name_and_unknown(footer):
    by_id = run_query('query($id: ID) { menu(id: $id) { slug } }', {"id": to_global_id("Menu", footer.pk)})
    by_name = run_query('{ menu(name: "Pied de page") { slug } }')
    unknown = run_query('{ menu(slug: "nulle-part") { slug } }')

    assert by_id["data"]["menu"] == {"slug": "footer"}
    assert by_name["data"]["menu"] == {"slug": "footer"}
    assert unknown == {"data": {"menu": None}}


@pytest.mark.django_db
def test_menu_with_an_unknown_channel_is_an_error(footer):
    body = run_query(MENU_QUERY, {"slug": "footer", "channel": "lille"})

    assert body["data"]["menu"] is None
    assert body["errors"][0]["message"] == "Channel with 'lille' slug does not exist."


@pytest.mark.django_db
def test_menus_connection_filters_and_sorts(footer):
    from backend.commerce.menu.models import Menu

    factories.channel()
    Menu.objects.create(name="Barre de navigation", slug="navbar")
    query = """query($filter: MenuFilterInput, $sort: MenuSortingInput) {
      menus(first: 10, filter: $filter, sortBy: $sort) { totalCount edges { node { slug } } } }"""

    by_name = run_query(query, {"sort": {"field": "NAME", "direction": "ASC"}})
    by_items = run_query(query, {"sort": {"field": "ITEMS_COUNT", "direction": "DESC"}})
    filtered = run_query(query, {"filter": {"slugs": ["navbar"]}})

    assert [e["node"]["slug"] for e in by_name["data"]["menus"]["edges"]] == ["navbar", "footer"]
    assert [e["node"]["slug"] for e in by_items["data"]["menus"]["edges"]] == ["footer", "navbar"]
    assert filtered["data"]["menus"] == {"totalCount": 1, "edges": [{"node": {"slug": "navbar"}}]}


@pytest.mark.django_db
def test_menu_item_by_id(footer):
    item = footer.items.get(name="CGV")

    body = run_query('query($id: ID!) { menuItem(id: $id) { name level parent { name } } }',
                     {"id": to_global_id("MenuItem", item.pk)})

    assert body["data"]["menuItem"] == {"name": "CGV", "level": 1, "parent": {"name": "Informations"}}


NAVBAR_QUERY = """
query { menu(slug: "navbar", channel: "comptoir-de-mormal") {
  items { name category { id slug name } collection { id slug name channel } }
} }
"""


def navbar_with_catalogue():
    """A navbar linking a category, a collection published in the channel and one that is not."""
    from backend.commerce.menu.models import Menu, MenuItem
    from backend.commerce.product.models import Collection, CollectionChannelListing

    channel = factories.channel()
    cheeses = factories.category("Fromages")
    season = Collection.objects.create(name="Produits de saison", slug="produits-de-saison")
    CollectionChannelListing.objects.create(collection=season, channel=channel, is_published=True)
    secret = Collection.objects.create(name="Idées cadeaux", slug="idees-cadeaux")
    CollectionChannelListing.objects.create(collection=secret, channel=channel, is_published=False)
    navbar = Menu.objects.create(name="Navigation", slug="navbar")
    MenuItem.objects.create(menu=navbar, name="Fromages", category=cheeses, sort_order=0)
    MenuItem.objects.create(menu=navbar, name="De saison", collection=season, sort_order=1)
    MenuItem.objects.create(menu=navbar, name="Cadeaux", collection=secret, sort_order=2)
    return cheeses, season, secret


@pytest.mark.django_db
def test_menu_items_link_categories_and_collections_published_in_the_channel():
    cheeses, season, _secret = navbar_with_catalogue()

    body = run_query(NAVBAR_QUERY)

    assert "errors" not in body
    items = body["data"]["menu"]["items"]
    assert items[0]["category"] == {"id": to_global_id("Category", cheeses.pk), "slug": "fromages",
                                    "name": "Fromages"}
    assert items[1]["collection"] == {"id": to_global_id("Collection", season.pk), "slug": "produits-de-saison",
                                      "name": "Produits de saison", "channel": "comptoir-de-mormal"}
    assert items[2]["collection"] is None
    assert [item["category"] for item in items[1:]] == [None, None]


@pytest.mark.django_db
def test_product_managers_see_unpublished_collections_in_menus():
    from backend.core.permissions import PermissionEnum

    navbar_with_catalogue()
    manager = factories.staff(permissions=[PermissionEnum.MANAGE_PRODUCTS])

    body = run_query(NAVBAR_QUERY, user=manager)

    assert body["data"]["menu"]["items"][2]["collection"]["slug"] == "idees-cadeaux"


@pytest.mark.django_db
def test_menu_items_connection_searches_and_sorts_by_name(footer):
    query = """query($filter: MenuItemFilterInput, $sort: MenuItemSortingInput) {
      menuItems(first: 10, filter: $filter, sortBy: $sort) { totalCount edges { node { name level } } } }"""

    every = run_query(query, {"sort": {"field": "NAME", "direction": "DESC"}})
    searched = run_query(query, {"filter": {"search": "légales"}})

    assert [e["node"]["name"] for e in every["data"]["menuItems"]["edges"]] == [
        "Pays de Mormal", "Mentions légales", "Informations", "CGV", "Brouillon"]
    assert searched["data"]["menuItems"] == {"totalCount": 1,
                                             "edges": [{"node": {"name": "Mentions légales", "level": 1}}]}

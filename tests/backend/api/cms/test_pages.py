import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.core.ids import to_global_id
from tests import factories
from tests.backend.api.cms.conftest import make_page, run_query

PAGE_QUERY = """
query Page($slug: String, $id: ID, $lang: LanguageCodeEnum, $channel: String) {
  page(slug: $slug, id: $id, slugLanguageCode: $lang, channel: $channel) {
    id title slug content seoTitle seoDescription isPublished publishedAt created
    pageType { id slug name }
  }
}
"""

PAGES_QUERY = """
query Pages($first: Int, $last: Int, $after: String, $where: PageWhereInput, $sortBy: PageSortingInput,
            $search: String, $filter: PageFilterInput) {
  pages(first: $first, last: $last, after: $after, where: $where, sortBy: $sortBy, search: $search,
        filter: $filter, channel: "comptoir-de-mormal") {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { slug title pageType { slug } translation(languageCode: EN) { title } } }
  }
}
"""


def slugs(body):
    return [edge["node"]["slug"] for edge in body["data"]["pages"]["edges"]]


@pytest.mark.django_db
def test_page_by_slug_answers_every_field_of_a_published_page(pages, legal_type):
    # given a published legal page with EditorJS content
    page = pages["mentions"]

    # when the storefront asks for it by slug
    body = run_query(PAGE_QUERY, {"slug": "mentions-legales"})

    # then every field is Saleor's, with the JSON content as a string
    assert "errors" not in body
    data = body["data"]["page"]
    assert data["id"] == to_global_id("Page", page.pk)
    assert data["title"] == "Mentions légales"
    assert data["slug"] == "mentions-legales"
    assert json.loads(data["content"]) == {"time": 1, "version": "2.28.2", "blocks": [
        {"type": "paragraph", "data": {"text": "Éditeur : CC du Pays de Mormal"}}]}
    assert data["seoTitle"] == "SEO mentions-legales"
    assert data["seoDescription"] == "Description mentions-legales"
    assert data["isPublished"] is True
    assert data["publishedAt"] == page.published_at.isoformat()
    assert data["created"] == page.created_at.isoformat()
    assert data["pageType"] == {"id": to_global_id("PageType", legal_type.pk), "slug": "page-legale",
                                "name": "Page légale"}


@pytest.mark.django_db
def test_page_by_id_answers_the_same_page(pages):
    body = run_query(PAGE_QUERY, {"id": to_global_id("Page", pages["cgv"].pk)})

    assert body["data"]["page"]["slug"] == "conditions-generales-de-vente"


@pytest.mark.django_db
def test_draft_and_scheduled_pages_are_hidden_from_the_public_and_customers(pages):
    customer = factories.user()

    for slug in ("brouillon", "programmee"):
        assert run_query(PAGE_QUERY, {"slug": slug})["data"]["page"] is None
        assert run_query(PAGE_QUERY, {"slug": slug}, user=customer)["data"]["page"] is None


@pytest.mark.django_db
def test_staff_with_manage_pages_sees_drafts_and_staff_without_it_does_not(pages, page_editor):
    other_staff = factories.staff(permissions=[])

    editor_view = run_query(PAGE_QUERY, {"slug": "brouillon"}, user=page_editor)
    other_view = run_query(PAGE_QUERY, {"slug": "brouillon"}, user=other_staff)

    assert editor_view["data"]["page"]["isPublished"] is False
    assert other_view["data"]["page"] is None


@pytest.mark.django_db
def test_page_without_id_or_slug_is_a_clear_error(pages):
    body = run_query(PAGE_QUERY, {})

    assert body["data"]["page"] is None
    assert body["errors"][0]["message"] == "At least one of arguments is required: 'id', 'slug'."


@pytest.mark.django_db
def test_page_with_an_unknown_channel_is_an_error(pages):
    body = run_query(PAGE_QUERY, {"slug": "mentions-legales", "channel": "paris"})

    assert body["data"]["page"] is None
    assert body["errors"][0]["message"] == "Channel with 'paris' slug does not exist."


@pytest.mark.django_db
def test_page_with_the_id_of_another_type_is_an_error(pages):
    body = run_query(PAGE_QUERY, {"id": to_global_id("Menu", pages["cgv"].pk)})

    assert body["data"]["page"] is None
    assert body["errors"][0]["message"] == (f"Invalid ID: {to_global_id('Menu', pages['cgv'].pk)}. "
                                            "Expected: Page, received: Menu.")


@pytest.mark.django_db
def test_page_translation_is_the_french_text_for_fr_and_the_stored_row_for_english(pages):
    # given an English translation of the legal notice
    from backend.commerce.page.models import PageTranslation

    page = pages["mentions"]
    row = PageTranslation.objects.create(page=page, language_code="en", title="Legal notice", slug="legal-notice")
    query = """
    query { page(slug: "mentions-legales") {
      fr: translation(languageCode: FR_FR) { id title slug seoTitle language { code language } }
      en: translation(languageCode: EN) { id title slug seoTitle language { code language } }
      de: translation(languageCode: DE) { title }
    } }"""

    # when the three languages are asked
    body = run_query(query)

    # then French is the page's own text, English the stored row, German has none
    data = body["data"]["page"]
    assert data["fr"] == {"id": to_global_id("PageTranslation", f"{page.pk}:FR_FR"), "title": "Mentions légales",
                          "slug": "mentions-legales", "seoTitle": "SEO mentions-legales",
                          "language": {"code": "FR_FR", "language": "Français"}}
    assert data["en"] == {"id": to_global_id("PageTranslation", row.pk), "title": "Legal notice",
                          "slug": "legal-notice", "seoTitle": None,
                          "language": {"code": "EN", "language": "Anglais"}}
    assert data["de"] is None


@pytest.mark.django_db
def test_page_found_by_its_translated_slug_with_slug_language_code(pages):
    from backend.commerce.page.models import PageTranslation

    PageTranslation.objects.create(page=pages["cgv"], language_code="en", title="Terms", slug="terms-of-sale")

    translated = run_query(PAGE_QUERY, {"slug": "terms-of-sale", "lang": "EN"})
    base = run_query(PAGE_QUERY, {"slug": "conditions-generales-de-vente", "lang": "EN"})
    french = run_query(PAGE_QUERY, {"slug": "terms-of-sale", "lang": "FR"})

    assert translated["data"]["page"]["slug"] == "conditions-generales-de-vente"
    assert base["data"]["page"]["slug"] == "conditions-generales-de-vente"
    assert french["data"]["page"] is None


@pytest.mark.django_db
def test_pages_lists_the_published_pages_in_editorial_order_with_count_and_cursors(pages):
    factories.channel()

    body = run_query(PAGES_QUERY, {"first": 1})

    connection_data = body["data"]["pages"]
    assert slugs(body) == ["mentions-legales"]
    assert connection_data["totalCount"] == 2
    assert connection_data["pageInfo"]["hasNextPage"] is True
    assert connection_data["pageInfo"]["hasPreviousPage"] is False
    following = run_query(PAGES_QUERY, {"first": 5, "after": connection_data["pageInfo"]["endCursor"]})
    assert slugs(following) == ["conditions-generales-de-vente"]
    assert following["data"]["pages"]["pageInfo"]["hasNextPage"] is False
    assert following["data"]["pages"]["pageInfo"]["hasPreviousPage"] is True


@pytest.mark.django_db
def test_pages_shows_drafts_to_page_editors(pages, page_editor):
    factories.channel()

    body = run_query(PAGES_QUERY, {"first": 10}, user=page_editor)

    assert slugs(body) == ["mentions-legales", "conditions-generales-de-vente", "brouillon", "programmee"]


@pytest.mark.django_db
def test_pages_where_filters_by_slug_page_type_ids_and_or(pages, legal_type):
    from backend.commerce.page.models import PageType

    factories.channel()
    other_type = PageType.objects.create(name="Feuille de route", slug="feuille-de-route")
    make_page(other_type, "feuille-de-route-2026")
    type_id = to_global_id("PageType", other_type.pk)

    by_slug = run_query(PAGES_QUERY, {"first": 10, "where": {"slug": {"eq": "mentions-legales"}}})
    by_slugs = run_query(PAGES_QUERY, {"first": 10, "where": {"slug": {"oneOf": ["brouillon",
                                                                                 "mentions-legales"]}}})
    by_type = run_query(PAGES_QUERY, {"first": 10, "where": {"pageType": {"eq": type_id}}})
    by_ids = run_query(PAGES_QUERY, {"first": 10, "where": {"ids": [to_global_id("Page", pages["cgv"].pk)]}})
    either = run_query(PAGES_QUERY, {"first": 10, "where": {"OR": [{"pageType": {"eq": type_id}},
                                                                   {"slug": {"eq": "mentions-legales"}}]}})

    assert slugs(by_slug) == ["mentions-legales"]
    assert slugs(by_slugs) == ["mentions-legales"]
    assert slugs(by_type) == ["feuille-de-route-2026"]
    assert slugs(by_ids) == ["conditions-generales-de-vente"]
    assert slugs(either) == ["feuille-de-route-2026", "mentions-legales"]


@pytest.mark.django_db
def test_pages_where_with_a_page_id_in_page_type_is_an_error(pages):
    factories.channel()
    wrong = to_global_id("Page", pages["cgv"].pk)

    body = run_query(PAGES_QUERY, {"first": 10, "where": {"pageType": {"eq": wrong}}})

    assert body["data"]["pages"] is None
    assert body["errors"][0]["message"] == f"Invalid ID: {wrong}. Expected: PageType, received: Page."


@pytest.mark.django_db
def test_pages_sort_by_title_descending_and_search(pages):
    factories.channel()

    sorted_body = run_query(PAGES_QUERY, {"first": 10, "sortBy": {"field": "TITLE", "direction": "DESC"}})
    searched = run_query(PAGES_QUERY, {"first": 10, "search": "générales"})
    legacy = run_query(PAGES_QUERY, {"first": 10, "filter": {"slugs": ["mentions-legales"]}})

    assert slugs(sorted_body) == ["mentions-legales", "conditions-generales-de-vente"]
    assert slugs(searched) == ["conditions-generales-de-vente"]
    assert slugs(legacy) == ["mentions-legales"]


@pytest.mark.django_db
def test_pages_query_count_does_not_grow_with_the_page_size(legal_type):
    # given 120 published pages with an English translation each
    from backend.commerce.page.models import PageTranslation

    factories.channel()
    for index in range(120):
        page = make_page(legal_type, f"page-{index:03d}", sort_order=index)
        PageTranslation.objects.create(page=page, language_code="en", title=f"Page {index}")

    # when 5 then 100 pages are listed with their type and translation
    with CaptureQueriesContext(connection) as small:
        five = run_query(PAGES_QUERY, {"first": 5})
    with CaptureQueriesContext(connection) as large:
        hundred = run_query(PAGES_QUERY, {"first": 100})

    # then: channel check, pages, count, page types, translations - the same 5 queries both times
    assert len(five["data"]["pages"]["edges"]) == 5
    assert len(hundred["data"]["pages"]["edges"]) == 100
    assert hundred["data"]["pages"]["edges"][99]["node"]["translation"] == {"title": "Page 99"}
    assert len(small.captured_queries) == 5
    assert len(large.captured_queries) == 5


@pytest.mark.django_db
def test_page_type_has_pages_requires_manage_pages(pages, legal_type, page_editor):
    query = 'query($id: ID!) { pageType(id: $id) { slug hasPages } }'
    variables = {"id": to_global_id("PageType", legal_type.pk)}

    anonymous = run_query(query, variables)
    editor = run_query(query, variables, user=page_editor)

    assert anonymous["data"]["pageType"] == {"slug": "page-legale", "hasPages": None}
    assert anonymous["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert editor["data"]["pageType"] == {"slug": "page-legale", "hasPages": True}


@pytest.mark.django_db
def test_page_types_connection_filters_by_slug(legal_type):
    from backend.commerce.page.models import PageType

    PageType.objects.create(name="Actualité", slug="actualite")
    query = 'query($filter: PageTypeFilterInput) { pageTypes(first: 10, filter: $filter, ' \
            'sortBy: {field: NAME, direction: ASC}) { totalCount edges { node { slug } } } }'

    every = run_query(query)
    filtered = run_query(query, {"filter": {"slugs": ["page-legale"]}})

    assert [e["node"]["slug"] for e in every["data"]["pageTypes"]["edges"]] == ["actualite", "page-legale"]
    assert filtered["data"]["pageTypes"] == {"totalCount": 1, "edges": [{"node": {"slug": "page-legale"}}]}


def roadmap_page_with_attributes(legal_type):
    """A page type with a dropdown attribute 'Thème' and a boolean 'Terminé'; one page holding both values."""
    from backend.commerce.attribute.models import Attribute, AttributeValue
    from backend.commerce.page.models import AssignedPageAttributeValue

    theme = Attribute.objects.create(slug="theme", name="Thème", type="page-type", input_type="dropdown")
    done = Attribute.objects.create(slug="termine", name="Terminé", type="page-type", input_type="boolean")
    legal_type.attributes.add(theme, done)
    mobility = AttributeValue.objects.create(attribute=theme, name="Mobilité", slug="mobilite")
    AttributeValue.objects.create(attribute=theme, name="Santé", slug="sante")
    finished = AttributeValue.objects.create(attribute=done, name="Oui", slug="termine-oui", boolean=True)
    page = make_page(legal_type, "navette-rurale", title="Navette rurale")
    AssignedPageAttributeValue.objects.create(page=page, value=mobility, sort_order=0)
    AssignedPageAttributeValue.objects.create(page=page, value=finished, sort_order=1)
    return page


@pytest.mark.django_db
def test_page_assigned_attributes_and_deprecated_attributes(legal_type):
    roadmap_page_with_attributes(legal_type)
    query = """{ page(slug: "navette-rurale") {
      assignedAttributes { attribute { slug } ... on AssignedSingleChoiceAttribute { value { name slug } }
                           ... on AssignedBooleanAttribute { flag: value } }
      assignedAttribute(slug: "theme") { attribute { name } }
      attributes { attribute { slug } values { slug } }
      attribute(slug: "termine") { values { name } }
      pageType { attributes { slug } }
    } }"""

    body = run_query(query)

    assert "errors" not in body, body
    page = body["data"]["page"]
    # in the page type's order (attributes sorted by search position, then slug)
    assert page["assignedAttributes"] == [
        {"attribute": {"slug": "termine"}, "flag": True},
        {"attribute": {"slug": "theme"}, "value": {"name": "Mobilité", "slug": "mobilite"}},
    ]
    assert page["assignedAttribute"] == {"attribute": {"name": "Thème"}}
    assert page["attributes"] == [{"attribute": {"slug": "termine"}, "values": [{"slug": "termine-oui"}]},
                                  {"attribute": {"slug": "theme"}, "values": [{"slug": "mobilite"}]}]
    assert page["attribute"] == {"values": [{"name": "Oui"}]}
    assert page["pageType"]["attributes"] == [{"slug": "termine"}, {"slug": "theme"}]


@pytest.mark.django_db
def test_pages_where_filters_by_attribute_value(pages, legal_type):
    factories.channel()
    roadmap_page_with_attributes(legal_type)

    by_value = run_query(PAGES_QUERY, {"first": 10, "where": {"attributes": [
        {"slug": "theme", "value": {"slug": {"eq": "mobilite"}}}]}})
    by_other = run_query(PAGES_QUERY, {"first": 10, "where": {"attributes": [
        {"slug": "theme", "value": {"slug": {"eq": "sante"}}}]}})
    by_boolean = run_query(PAGES_QUERY, {"first": 10, "where": {"attributes": [
        {"slug": "termine", "value": {"boolean": True}}]}})

    assert slugs(by_value) == ["navette-rurale"]
    assert slugs(by_other) == []
    assert slugs(by_boolean) == ["navette-rurale"]


@pytest.mark.django_db
def test_page_type_available_attributes_lists_unassigned_page_attributes_to_page_staff(legal_type, page_editor):
    from backend.commerce.attribute.models import Attribute

    roadmap_page_with_attributes(legal_type)  # assigns "theme" and "termine" to the type
    Attribute.objects.create(slug="commune", name="Commune", type="page-type")
    Attribute.objects.create(slug="couleur", name="Couleur", type="product-type")
    query = """query($id: ID!) { pageType(id: $id) {
      availableAttributes(first: 10) { totalCount edges { node { slug } } } } }"""
    variables = {"id": to_global_id("PageType", legal_type.pk)}

    anonymous = run_query(query, variables)
    editor = run_query(query, variables, user=page_editor)

    assert anonymous["data"]["pageType"] == {"availableAttributes": None}
    assert anonymous["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert editor["data"]["pageType"]["availableAttributes"] == {"totalCount": 1,
                                                                 "edges": [{"node": {"slug": "commune"}}]}

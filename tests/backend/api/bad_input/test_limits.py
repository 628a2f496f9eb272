"""Abusive queries (too large, too deep, too many aliases, too costly) are refused before any SQL runs."""

import pytest

from tests.backend.api.bad_input.conftest import ask, only_error


@pytest.mark.django_db
def test_oversized_query_is_refused_before_parsing(settings, django_assert_num_queries):
    settings.GRAPHQL_MAX_QUERY_BYTES = 2000
    query = "{ shop { name } }" + " " * 2000

    with django_assert_num_queries(0):
        body = ask(query)

    assert body["data"] is None
    assert only_error(body) == f"The query is too large: {len(query)} bytes, the limit is 2000."


@pytest.mark.django_db
def test_query_with_too_many_tokens_is_refused(settings, django_assert_num_queries):
    settings.GRAPHQL_MAX_TOKENS = 50
    query = "{ shop { " + " ".join(["name"] * 60) + " } }"

    with django_assert_num_queries(0):
        body = ask(query)

    assert only_error(body) == "Syntax Error: Document contains more than 50 tokens. Parsing aborted."


@pytest.mark.django_db
def test_too_deep_query_is_refused(settings, django_assert_num_queries):
    depth = settings.GRAPHQL_MAX_DEPTH + 1
    nested = "children { " * (depth - 3) + "name" + " }" * (depth - 3)
    query = '{ menu(slug: "footer") { items { ' + nested + " } } }"

    with django_assert_num_queries(0):
        body = ask(query)

    assert body["data"] is None
    assert only_error(body) == f"The query exceeds the maximum depth of {settings.GRAPHQL_MAX_DEPTH} (it has {depth})."
    assert body["errors"][0]["extensions"]["exception"]["code"] == "QueryTooDeep"


@pytest.mark.django_db
def test_fifty_aliased_token_create_are_refused(django_assert_num_queries):
    mutations = " ".join(f'a{i}: tokenCreate(email: "a@b.fr", password: "x{i}") {{ token }}' for i in range(50))

    with django_assert_num_queries(0):
        body = ask("mutation { " + mutations + " }")

    assert body["data"] is None
    assert only_error(body) == "The query uses 50 aliases; at most 30 are allowed."
    assert body["errors"][0]["extensions"]["exception"]["code"] == "TooManyAliases"


@pytest.mark.django_db
def test_fifty_aliased_page_lists_are_refused(django_assert_num_queries):
    lists = " ".join(f"p{i}: pages(first: 100) {{ edges {{ node {{ slug }} }} }}" for i in range(50))

    with django_assert_num_queries(0):
        body = ask("{ " + lists + " }")

    assert only_error(body) == "The query uses 50 aliases; at most 30 are allowed."


@pytest.mark.django_db
def test_too_costly_query_is_refused(settings, django_assert_num_queries):
    # 100 menus x 100 pages-like fan-out through nested lists: 100 * (1 + 100 * ...) exceeds the budget
    settings.GRAPHQL_QUERY_MAX_COMPLEXITY = 1000
    query = "{ menus(first: 100) { edges { node { items { children { name } } } } } " \
            "pages(first: 100) { edges { node { slug title pageType { slug } } } } }"

    with django_assert_num_queries(0):
        body = ask(query)

    assert body["data"] is None
    message = only_error(body)
    assert message.startswith("The query exceeds the maximum cost of 1000 (it costs ")
    assert body["errors"][0]["extensions"]["exception"]["code"] == "QueryCostError"


@pytest.mark.django_db
def test_the_default_cost_budget_refuses_twenty_five_full_page_lists(django_assert_num_queries):
    # each alias costs 1 + 100 x 21 = 2,101 (edges, node and its 19 fields): 25 of them cost 52,525 > 50,000
    node = "slug title seoTitle seoDescription isPublished publishedAt created content id " \
           "pageType { id slug name } translation(languageCode: EN) { title slug } metadata { key value }"
    query = "{ " + " ".join(f"p{i}: pages(first: 100) {{ edges {{ node {{ {node} }} }} }}" for i in range(25)) + " }"

    with django_assert_num_queries(0):
        body = ask(query)

    assert only_error(body) == "The query exceeds the maximum cost of 50000 (it costs 52525)."


@pytest.mark.django_db
def test_introspection_within_limits_is_answered():
    body = ask("{ __schema { queryType { name } } }")

    assert body == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


@pytest.mark.django_db
def test_fifty_aliased_product_lists_are_refused(django_assert_num_queries):
    lists = " ".join(f'p{i}: products(first: 100, channel: "comptoir-de-mormal") {{ edges {{ node {{ name }} }} }}'
                     for i in range(50))

    with django_assert_num_queries(0):
        body = ask("{ " + lists + " }")

    assert only_error(body) == "The query uses 50 aliases; at most 30 are allowed."


@pytest.mark.django_db
def test_products_of_every_category_at_full_pages_cost_too_much(django_assert_num_queries):
    # 100 categories x 100 products x (variants and their fields): far beyond 50,000
    query = """{ categories(first: 100) { edges { node { name products(first: 100, channel: "comptoir-de-mormal") {
      edges { node { name slug variants { id name sku } } } } } } } }"""

    with django_assert_num_queries(0):
        body = ask(query)

    assert body["data"] is None
    assert only_error(body).startswith("The query exceeds the maximum cost of 50000 (it costs ")


@pytest.mark.django_db
def test_a_document_seen_before_is_still_checked_against_its_new_variables(django_assert_num_queries):
    # given a document answered once with a sound page size (it is now in the valid-documents cache)
    query = "query($n: Int) { pages(first: $n) { edges { node { slug } } } }"
    assert ask(query, {"n": 5}) == {"data": {"pages": {"edges": []}}}

    # when the same text comes back with an abusive page size
    with django_assert_num_queries(0):
        body = ask(query, {"n": 5000})

    # then the limits still apply, before any SQL
    assert only_error(body) == "'first' argument value of '5000' exceeds the limit of 100 records for the pages " \
                               "connection."


@pytest.mark.django_db
def test_an_accepted_query_is_checked_again_when_its_variables_change(settings, django_assert_num_queries):
    # The abuse limits' verdict is remembered per (query, variables): the same query with a page size over the
    # limit, or over the cost limit once the limit is lowered, must still be refused.
    from backend.api.core.execution import within_limits

    query = "query Pages($first: Int) { pages(first: $first) { edges { node { slug } } } }"
    assert ask(query, {"first": 5})["data"] == {"pages": {"edges": []}}
    remembered = len(within_limits.documents)
    assert ask(query, {"first": 5})["data"] == {"pages": {"edges": []}}
    assert len(within_limits.documents) == remembered

    with django_assert_num_queries(0):
        body = ask(query, {"first": 101})
    assert only_error(body) == "'first' argument value of '101' exceeds the limit of 100 records for the pages " \
                               "connection."

    settings.GRAPHQL_QUERY_MAX_COMPLEXITY = 5
    with django_assert_num_queries(0):
        body = ask(query, {"first": 5})
    assert body["errors"][0]["extensions"]["exception"]["code"] == "QueryCostError"

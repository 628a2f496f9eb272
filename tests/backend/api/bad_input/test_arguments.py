"""Bad arguments: IDs (unknown, wrong type, not base64), pagination, channel."""

import pytest

from backend.api.core.connection import encode_cursor
from backend.core.ids import to_global_id
from tests import factories
from tests.backend.api.bad_input.conftest import ask, only_error

PAGE_BY_ID = "query($id: ID) { page(id: $id) { title } }"


@pytest.mark.django_db
def test_unknown_id_answers_null_without_error():
    body = ask(PAGE_BY_ID, {"id": to_global_id("Page", 999999)})

    assert body == {"data": {"page": None}}


@pytest.mark.django_db
def test_unknown_menu_id_answers_null_without_error():
    body = ask("query($id: ID) { menu(id: $id) { name } }", {"id": to_global_id("Menu", 424242)})

    assert body == {"data": {"menu": None}}


@pytest.mark.django_db
def test_id_of_the_wrong_type_is_an_error():
    wrong = to_global_id("Product", 12)

    body = ask(PAGE_BY_ID, {"id": wrong})

    assert body["data"] == {"page": None}
    assert only_error(body) == f"Invalid ID: {wrong}. Expected: Page, received: Product."


@pytest.mark.django_db
def test_id_that_is_not_base64_is_an_error():
    body = ask(PAGE_BY_ID, {"id": "pas-un-identifiant!"})

    assert only_error(body) == "Invalid ID: pas-un-identifiant!. Expected: Page."


@pytest.mark.django_db
def test_base64_id_without_a_type_is_an_error():
    bare = "MTI="  # base64 of "12"

    body = ask(PAGE_BY_ID, {"id": bare})

    assert only_error(body) == "Invalid ID: MTI=. Expected: Page."


@pytest.mark.django_db
def test_id_with_a_non_numeric_key_is_an_error():
    odd = to_global_id("Page", "abc")

    body = ask(PAGE_BY_ID, {"id": odd})

    assert only_error(body) == f"Invalid ID: {odd}. Expected: Page."


@pytest.mark.django_db
def test_negative_first_is_refused_before_any_sql(django_assert_num_queries):
    with django_assert_num_queries(0):
        body = ask("{ pages(first: -1) { edges { node { slug } } } }")

    assert body["data"] is None
    assert only_error(body) == "Argument 'first' must be a non-negative integer."


@pytest.mark.django_db
def test_negative_last_in_a_variable_is_refused_before_any_sql(django_assert_num_queries):
    with django_assert_num_queries(0):
        body = ask("query($n: Int) { menus(last: $n) { edges { node { slug } } } }", {"n": -5})

    assert only_error(body) == "Argument 'last' must be a non-negative integer."


@pytest.mark.django_db
def test_first_above_one_hundred_is_refused_before_any_sql(django_assert_num_queries):
    with django_assert_num_queries(0):
        body = ask("{ pages(first: 1000) { edges { node { slug } } } }")

    assert only_error(body) == "'first' argument value of '1000' exceeds the limit of 100 records for the pages " \
                               "connection."


@pytest.mark.django_db
def test_first_and_last_together_are_refused(django_assert_num_queries):
    with django_assert_num_queries(0):
        body = ask("{ pageTypes(first: 2, last: 2) { edges { node { slug } } } }")

    assert only_error(body) == "Mixing 'first' and 'last' arguments is not supported."


@pytest.mark.django_db
def test_edges_without_first_or_last_are_refused(django_assert_num_queries):
    with django_assert_num_queries(0):
        body = ask("{ pages { edges { node { slug } } } }")

    assert only_error(body) == "You must provide a 'first' or 'last' value to properly paginate the pages " \
                               "connection."


@pytest.mark.django_db
def test_edges_in_a_fragment_without_first_are_refused(django_assert_num_queries):
    query = "fragment E on PageCountableConnection { edges { cursor } } { pages { ...E } }"

    with django_assert_num_queries(0):
        body = ask(query)

    assert only_error(body) == "You must provide a 'first' or 'last' value to properly paginate the pages " \
                               "connection."


@pytest.mark.django_db
def test_total_count_alone_needs_no_first():
    body = ask("{ pages { totalCount } }")

    assert body == {"data": {"pages": {"totalCount": 0}}}


@pytest.mark.django_db
def test_cursor_that_is_not_ours_is_an_error():
    body = ask('{ pages(first: 2, after: "bm9wZQ==") { edges { cursor } } }')

    assert only_error(body) == "Received cursor (bm9wZQ==) is invalid."


@pytest.mark.django_db
def test_cursor_past_any_list_is_an_error_not_a_database_failure():
    # offset 10^20 is past PostgreSQL's bigint: it used to reach the database and come back an internal error
    factories.channel()
    huge = encode_cursor(10**20)
    for query in (f'{{ pages(first: 2, after: "{huge}") {{ edges {{ cursor }} }} }}',
                  f'{{ products(first: 2, channel: "comptoir-de-mormal", after: "{huge}") {{ edges {{ cursor }} }} }}'):
        body = ask(query)

        assert only_error(body) == f"Received cursor ({huge}) is invalid."
    assert ask(f'{{ pages(first: 2, after: "{encode_cursor(10**12)}") {{ edges {{ cursor }} }} }}') == {
        "data": {"pages": {"edges": []}}}


@pytest.mark.django_db
def test_unknown_channel_is_an_error():
    body = ask('{ pages(first: 2, channel: "bruxelles") { totalCount } }')

    assert body["data"] == {"pages": None}
    assert only_error(body) == "Channel with 'bruxelles' slug does not exist."
    assert body["errors"][0]["extensions"]["exception"]["code"] == "NotFound"


@pytest.mark.django_db
def test_unknown_enum_value_is_a_validation_error(django_assert_num_queries):
    with django_assert_num_queries(0):
        body = ask('{ page(slug: "x", slugLanguageCode: KLINGON) { title } }')

    assert only_error(body) == "Value 'KLINGON' does not exist in 'LanguageCodeEnum' enum."


# --- the catalogue queries ---

@pytest.mark.django_db
def test_products_first_one_thousand_is_refused_before_any_sql(channel, django_assert_num_queries):
    query = '{ products(first: 1000, channel: "comptoir-de-mormal") { edges { node { name } } } }'

    with django_assert_num_queries(0):
        body = ask(query)

    assert only_error(body) == "'first' argument value of '1000' exceeds the limit of 100 records for the products " \
                               "connection."


@pytest.mark.django_db
def test_products_negative_first_is_refused_before_any_sql(channel, django_assert_num_queries):
    with django_assert_num_queries(0):
        body = ask('{ products(first: -3, channel: "comptoir-de-mormal") { edges { node { name } } } }')

    assert only_error(body) == "Argument 'first' must be a non-negative integer."


@pytest.mark.django_db
def test_products_without_first_are_refused(channel, django_assert_num_queries):
    with django_assert_num_queries(0):
        body = ask('{ products(channel: "comptoir-de-mormal") { edges { node { name } } } }')

    assert only_error(body) == "You must provide a 'first' or 'last' value to properly paginate the products " \
                               "connection."


@pytest.mark.django_db
def test_products_with_an_unknown_channel_is_an_error(channel):
    body = ask('{ products(first: 5, channel: "marche-de-lille") { edges { node { name } } } }')

    assert body["data"] == {"products": None}
    assert only_error(body) == "Channel with 'marche-de-lille' slug does not exist."


@pytest.mark.django_db
def test_product_with_a_category_id_is_an_error(channel):
    wrong = to_global_id("Category", 3)

    body = ask('query($id: ID) { product(id: $id, channel: "comptoir-de-mormal") { name } }', {"id": wrong})

    assert body["data"] == {"product": None}
    assert only_error(body).startswith(f"Invalid ID: {wrong}. Expected: Product")


@pytest.mark.django_db
def test_product_with_a_malformed_id_is_an_error(channel):
    body = ask('{ product(id: "%%%", channel: "comptoir-de-mormal") { name } }')

    assert body["data"] == {"product": None}
    assert only_error(body).startswith("Invalid ID: %%%.")


@pytest.mark.django_db
def test_unknown_product_id_answers_null(channel):
    body = ask('query($id: ID) { product(id: $id, channel: "comptoir-de-mormal") { name } }',
               {"id": to_global_id("Product", 987654)})

    assert body == {"data": {"product": None}}

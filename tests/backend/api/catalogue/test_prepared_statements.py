"""The API's statements are prepared once per connection (server-side binding): PostgreSQL plans the product page
query, which costs more to plan (1.2 ms) than to run (0.2 ms), once instead of on every request."""

import pytest
from django.db import connection

from tests import factories
from tests.backend.api.catalogue.conftest import many_products

pytestmark = pytest.mark.django_db

GRID = '{ products(first: 5, channel: "comptoir-de-mormal") { totalCount edges { node { name } } } }'
PAGE_STATEMENT = "ORDER BY product.slug, product.id"  # the fixed statement of the public's plain list


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def plans_of(fragment: str) -> list[tuple[int, int, list[str]]]:
    """(generic plans, custom plans, parameter types) of the prepared statements whose SQL holds `fragment`."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT generic_plans, custom_plans, parameter_types::text[] FROM pg_prepared_statements "
                       "WHERE statement LIKE %s", [f"%{fragment}%"])
        return cursor.fetchall()


def test_a_query_repeated_by_requests_is_prepared_after_five_runs(api, channel):
    factories.product("Maroilles fermier")

    for _ in range(6):
        body = api.query(GRID)
        assert body["data"]["products"]["edges"] == [{"node": {"name": "Maroilles fermier"}}]

    page_queries = [sql for sql in prepared_statements() if PAGE_STATEMENT in sql]
    assert len(page_queries) == 1
    # parameters bound by the server: one statement whatever the channel or the time (the page size is written in)
    assert "listing.channel_id = $1" in page_queries[0] and "LIMIT 6 OFFSET 0" in page_queries[0]


def test_the_page_statement_keeps_its_generic_plan(api, channel):
    # The publication date is compared with the database's clock, not a bound timestamp: PostgreSQL then reuses the
    # page statement's generic plan instead of planning it again on every request.
    many_products(120)
    query = GRID.replace("first: 5", "first: 7")

    for _ in range(15):
        assert api.query(query)["data"]["products"]["totalCount"] == 120

    # psycopg prepares it at its 6th run; PostgreSQL plans the first 5 prepared runs for their values, then every
    # later run reuses the generic plan. (With a bound timestamp, the demo catalogue's 436 products gave (0, 10):
    # planned on every run. These 120 test products do not reproduce that estimate; the benchmark shows it.)
    [(generic, custom, parameter_types)] = plans_of(PAGE_STATEMENT)
    assert (generic, custom) == (5, 5)
    # and what made the difference: no moment of the request is a parameter of the statement
    assert "timestamp with time zone" not in parameter_types


def test_a_product_published_earlier_in_the_same_transaction_is_listed(api, channel):
    # statement_timestamp(), not now() (the start of the transaction): the test itself runs in one transaction
    from django.db import transaction

    with transaction.atomic():
        factories.product("Boulette d'Avesnes")
        body = api.query(GRID)

    assert body["data"]["products"]["edges"] == [{"node": {"name": "Boulette d'Avesnes"}}]

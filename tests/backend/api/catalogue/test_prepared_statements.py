"""The API's statements are prepared once per connection (server-side binding): PostgreSQL plans the product page
query, which costs more to plan (1.2 ms) than to run (0.2 ms), once instead of on every request."""

import pytest
from django.db import connection

from tests import factories

pytestmark = pytest.mark.django_db

GRID = '{ products(first: 5, channel: "comptoir-de-mormal") { totalCount edges { node { name } } } }'


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_query_repeated_by_requests_is_prepared_after_five_runs(api, channel):
    factories.product("Maroilles fermier")

    for _ in range(6):
        body = api.query(GRID)
        assert body["data"]["products"]["edges"] == [{"node": {"name": "Maroilles fermier"}}]

    page_queries = [sql for sql in prepared_statements()
                    if sql.startswith('SELECT "product_product"."id"') and "LIMIT 6" in sql]
    assert len(page_queries) == 1
    assert "$1" in page_queries[0]  # parameters bound by the server: one statement whatever the channel or time

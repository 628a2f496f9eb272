"""The public producer list answers in a fixed number of SQL queries, whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.plugins.producers.conftest import VALID_SIRETS, make_producer
from tests.utils import ApiClient

pytestmark = pytest.mark.django_db
LIST = """{ producers(first: 20, near: "le-quesnoy") { totalCount edges { node {
    slug name distanceKm commune { name } labels { name } photos { url } pickupPoints { name city } } } } }"""


def count_queries() -> tuple[int, int]:
    client = ApiClient()
    with CaptureQueriesContext(connection) as queries:
        answer = client.query(LIST)
    return len(queries), len(answer["data"]["producers"]["edges"])


def test_producer_list_query_count_does_not_grow_with_the_page(producer_a, producer_b):
    two = count_queries()
    make_producer("Vergers de Jolimetz", "59325", VALID_SIRETS[2])
    three = count_queries()

    assert two == (5, 2)  # origin commune, producers, communes, photos, pickup points
    assert three == (5, 3)

"""SQL spent by a sign-in (the cache table aside: it is Redis in production)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.plugins.openid_connect.test_code_flow import obtain, sign_in_at_provider
from tests.utils import ApiClient

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def account_queries(context: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in context.captured_queries if "comptoir_cache" not in query["sql"]]


def test_a_returning_user_signs_in_with_a_fixed_number_of_queries(oidc):
    # given: the account exists and is linked to the provider
    client = ApiClient()
    first = sign_in_at_provider(oidc, client)
    assert obtain(client, first["code"], first["state"])["errors"] == []
    again = sign_in_at_provider(oidc, client)

    # when
    with CaptureQueriesContext(connection) as context:
        payload = obtain(client, again["code"], again["state"])

    # then
    assert payload["errors"] == []
    queries = account_queries(context)
    kinds = [sql.split()[0] for sql in queries]
    # the account (locked read, update), then the sign-in's refresh token family: this user's expired ones purged,
    # the new one written (rotation and reuse detection, backend/commerce/account/refresh_families.py)
    assert kinds == ["SAVEPOINT", "SELECT", "UPDATE", "RELEASE", "DELETE", "INSERT"], "\n".join(queries)
    assert "account_refreshtokenfamily" in queries[4] and "account_refreshtokenfamily" in queries[5]
    assert queries[1].endswith("FOR UPDATE")  # two first sign-ins at once wait for each other

"""Fixtures of the account tests: the shop's confirmation rule, customers, staff, tokens and a GraphQL helper."""

import pytest

from tests import factories

PASSWORD = "Maroilles-2026!"
STOREFRONT_URL = "http://localhost:8000/compte/confirmer/"


@pytest.fixture
def site():
    from backend.commerce.site.models import SiteSettings

    return SiteSettings.load()


@pytest.fixture
def confirmation_required(site):
    site.enable_account_confirmation_by_email = True
    site.allow_login_without_confirmation = False
    site.save()
    return site


@pytest.fixture
def confirmation_disabled(site):
    site.enable_account_confirmation_by_email = False
    site.save()
    return site


@pytest.fixture
def customer():
    return factories.user("claire.martin@example.fr", PASSWORD, first_name="Claire", last_name="Martin")


@pytest.fixture
def customer_token(customer):
    from backend.commerce.account.tokens import create_access_token

    return create_access_token(customer)


@pytest.fixture
def gql(api_client):
    """Run a query; returns the `data` of the response and fails on unexpected top-level errors."""

    def run(query, variables=None, *, token=None, allow_errors=False):
        body = api_client.query(query, variables, token=token)
        if not allow_errors:
            assert "errors" not in body, body
        return body if allow_errors else body["data"]

    return run

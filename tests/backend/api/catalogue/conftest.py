"""Fixtures of the catalogue API tests: a channel, products priced TTC at 5,5 % and 20 %, staff and customers."""

import pytest

from backend.core.permissions import PermissionEnum
from tests import factories
from tests.utils import ApiClient


@pytest.fixture
def channel(db):
    return factories.channel()


@pytest.fixture
def api(db):
    return ApiClient()


class UserClient:
    """Runs operations in-process as a given user (as the server-rendered pages do), same answer shape as ApiClient."""

    def __init__(self, user):
        self.user = user

    def query(self, query: str, variables: dict | None = None) -> dict:
        from django.test import RequestFactory

        from backend.api.core.execution import execute_operation, format_error
        from backend.api.schema import schema

        request = RequestFactory().post("/graphql/")
        request.user = self.user
        result = execute_operation(schema, query, variables or {}, None, request)
        body = {"data": result.data}
        if result.errors:
            body["errors"] = [format_error(error) for error in result.errors]
        return body


@pytest.fixture
def staff_user(db):
    return factories.staff(permissions=[PermissionEnum.MANAGE_PRODUCTS])


@pytest.fixture
def staff_api(staff_user):
    return UserClient(staff_user)


@pytest.fixture
def customer_api(db):
    return UserClient(factories.user())


def gql(client: ApiClient, query: str, variables: dict | None = None) -> dict:
    """Run a query and return `data`, failing on any GraphQL error."""
    body = client.query(query, variables)
    assert "errors" not in body, body["errors"]
    return body["data"]


def gql_errors(client: ApiClient, query: str, variables: dict | None = None) -> list[str]:
    body = client.query(query, variables)
    return [error["message"] for error in body.get("errors", [])]

"""Helpers of the bad-input tests: every answer is JSON, never a 500, never a traceback."""

import json

import pytest

from tests.utils import ApiClient


def post_raw(body: bytes | str, content_type: str = "application/json"):
    response = ApiClient().client.post("/graphql/", data=body, content_type=content_type)
    assert response.status_code in (200, 400), response.content
    text = response.content.decode()
    assert "Traceback" not in text and "File \"" not in text
    return response.status_code, json.loads(text)


def ask(query: str, variables: dict | None = None) -> dict:
    """POST one operation; the answer must be HTTP 200 with a JSON body."""
    status, body = post_raw(json.dumps({"query": query, "variables": variables or {}}))
    assert status == 200
    return body


def only_error(body: dict) -> str:
    assert len(body["errors"]) == 1, body["errors"]
    return body["errors"][0]["message"]


@pytest.fixture
def channel():
    from tests import factories

    return factories.channel()

"""Fixtures of the hardening tests."""

import pytest


@pytest.fixture(autouse=True)
def frozen_rate_window(monkeypatch):
    """The limiter counts per fixed window: a test that crossed a window boundary would see its counts reset. The
    clock of the limiter is frozen in the middle of a window of every configured length."""
    import backend.core.ratelimit as limiter

    monkeypatch.setattr(limiter.time, "time", lambda: 1_800_000_000.0 + 30.0)


@pytest.fixture
def graphql_post():
    """POST a JSON body (an operation or a batch) to /graphql/ from a given address, with optional headers."""
    import json

    from django.test import Client

    client = Client()

    def post(body, *, ip="203.0.113.7", **headers):
        response = client.post("/graphql/", data=json.dumps(body), content_type="application/json", REMOTE_ADDR=ip,
                               **headers)
        assert response.status_code == 200, response.content
        return response.json()

    return post

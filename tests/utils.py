"""Helpers for tests: a GraphQL client over Django's test client, query counting."""

import json

from django.test import Client

from backend.core.ids import to_global_id  # noqa: F401 - re-exported for tests


class ApiClient:
    def __init__(self, token: str | None = None):
        self.client = Client()
        self.token = token

    def post(self, query: str, variables: dict | None = None, *, token: str | None = None, raw=None):
        headers = {}
        token = token or self.token
        if token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        body = raw if raw is not None else json.dumps({"query": query, "variables": variables or {}})
        return self.client.post("/graphql/", data=body, content_type="application/json", **headers)

    def query(self, query: str, variables: dict | None = None, **kwargs) -> dict:
        response = self.post(query, variables, **kwargs)
        assert response.status_code == 200, response.content
        return response.json()

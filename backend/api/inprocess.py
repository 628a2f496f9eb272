"""The in-process GraphQL transport: the storefront's default (same deployable, no HTTP hop).

The storefront never imports this module: settings.STOREFRONT_GRAPHQL_TRANSPORT names it by dotted path. It runs the
exact pipeline of POST /graphql/ (limits, validation, dataloaders, error formatting), authenticated by the same Bearer
token rules, so both transports answer the same thing.
"""

from django.contrib.auth.models import AnonymousUser
from django.test.client import RequestFactory

from backend.api.core.execution import execute_operation, format_error

_factory = RequestFactory()


def execute(query: str, variables: dict | None = None, *, token: str | None = None,
            operation_name: str | None = None, forwarded_for: str | None = None) -> dict:
    """`forwarded_for`: the visitor's address chain (their X-Forwarded-For, then the address that connected to the
    storefront). The request built here carries it as the visitor's own request did, so the client address the rate
    limits count is the one POST /graphql/ would have counted for that visitor (not 127.0.0.1 for everyone)."""
    from backend.api.core.auth import user_from_request
    from backend.api.schema import schema

    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
    if hops:
        headers["REMOTE_ADDR"] = hops[-1]
        if hops[:-1]:
            headers["HTTP_X_FORWARDED_FOR"] = ", ".join(hops[:-1])
    request = _factory.post("/graphql/", **headers)
    request.user = user_from_request(request) if token else AnonymousUser()
    result = execute_operation(schema, query, variables or {}, operation_name, request)
    body = {"data": result.data}
    if result.errors:
        body["errors"] = [format_error(e) for e in result.errors]
    return body

"""The storefront's only way to the backend: GraphQL documents from storefront/graphql/*.graphql, sent through a
transport chosen in settings (STOREFRONT_GRAPHQL_TRANSPORT, a dotted path): in-process by default, HTTP when
STOREFRONT_API_URL is set."""

import json
import logging
import urllib.error
import urllib.request
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string
from graphql import FragmentDefinitionNode, FragmentSpreadNode, OperationDefinitionNode, parse, print_ast

logger = logging.getLogger(__name__)
DOCUMENTS_DIR = Path(__file__).parent / "graphql"


class ApiUnavailable(RuntimeError):
    """The backend could not be reached or answered garbage (HTTP transport)."""


class GraphQLErrors(RuntimeError):
    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__("; ".join(e.get("message", "") for e in errors))

    @property
    def rate_limited(self) -> dict | None:
        """The API's refusal for too many attempts (code RATE_LIMITED, a French message saying how long to wait),
        when that is what this is."""
        return next((e for e in self.errors if (e.get("extensions") or {}).get("code") == "RATE_LIMITED"), None)


@cache
def _definitions() -> tuple[dict, dict]:
    """Operation name -> AST, fragment name -> AST, from every .graphql file (parsed once)."""
    operations, fragments = {}, {}
    for path in sorted(DOCUMENTS_DIR.glob("*.graphql")):
        for definition in parse(path.read_text(encoding="utf-8")).definitions:
            if isinstance(definition, OperationDefinitionNode):
                operations[definition.name.value] = definition
            elif isinstance(definition, FragmentDefinitionNode):
                fragments[definition.name.value] = definition
    return operations, fragments


def _spreads(node) -> set[str]:
    names = set()
    for selection in getattr(getattr(node, "selection_set", None), "selections", None) or ():
        if isinstance(selection, FragmentSpreadNode):
            names.add(selection.name.value)
        names |= _spreads(selection)
    return names


@cache
def document(operation: str) -> str:
    """The operation's text with every fragment it uses (transitively) appended."""
    operations, fragments = _definitions()
    needed, queue = [], sorted(_spreads(operations[operation]))
    while queue:
        name = queue.pop()
        if name not in needed:
            needed.append(name)
            queue.extend(sorted(_spreads(fragments[name])))
    nodes = [operations[operation]] + [fragments[name] for name in sorted(needed)]
    return "\n\n".join(print_ast(node) for node in nodes)


def operation_names() -> list[str]:
    return sorted(_definitions()[0])


def http_transport(query: str, variables: dict | None = None, *, token: str | None = None,
                   operation_name: str | None = None, forwarded_for: str | None = None) -> dict:
    """POST to STOREFRONT_API_URL (a backend elsewhere). The visitor's address goes along in X-Forwarded-For, as a
    reverse proxy passes it; the backend believes it when the storefront's host is one of its TRUSTED_PROXIES."""
    body = json.dumps({"query": query, "variables": variables or {}, "operationName": operation_name}).encode()
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    request = urllib.request.Request(settings.STOREFRONT_API_URL, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.STOREFRONT_API_TIMEOUT) as response:  # noqa: S310
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        try:
            return json.loads(error.read().decode("utf-8"))
        except ValueError as exc:
            raise ApiUnavailable(f"HTTP {error.code} from the API") from exc
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        raise ApiUnavailable(str(error)) from error


def _transport():
    return import_string(settings.STOREFRONT_GRAPHQL_TRANSPORT)


def execute(operation: str, variables: dict | None = None, *, token: str | None = None,
            forwarded_for: str | None = None) -> dict:
    """Run a named operation; returns `data`. Raises GraphQLErrors for top-level errors. `forwarded_for`: the
    visitor's address chain (see views.common.forwarded_for), so that the API's rate limits count each resident."""
    extra = {"forwarded_for": forwarded_for} if forwarded_for else {}
    result = _transport()(document(operation), variables or {}, token=token, operation_name=operation, **extra)
    if result.get("errors"):
        raise GraphQLErrors(result["errors"])
    return result.get("data") or {}

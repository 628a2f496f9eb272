"""Executes a GraphQL request: size, parse, validate (with abuse limits), run with batching dataloaders.

A storefront sends the same few documents over and over: a document that parsed and passed the standard validation
is kept (LRU, by its exact text), so the next request only runs the abuse limits, which depend on the variables.

Optionally (GRAPHQL_PUBLIC_CACHE_SECONDS > 0, off by default), the answers to anonymous read-only catalogue queries
are kept that many seconds in the process (a micro-cache, as a reverse proxy would do): every anonymous visitor sees
the same catalogue, so a busy hour costs one execution per distinct query and per period. Anything signed in, any
mutation, any root field outside the public catalogue (checkout, me, order...) is never cached.
"""

import hashlib
import json
import logging
import os
import time
from collections import OrderedDict
from threading import Lock

from django.conf import settings
from graphql import GraphQLError, parse, validate
from graphql.error import GraphQLSyntaxError
from graphql.execution import ExecutionResult, execute
from graphql.pyutils import Path
from graphql_sync_dataloaders import DeferredExecutionContext

from backend.api.core.validation import abuse_limit_rules

logger = logging.getLogger(__name__)


class BatchingExecutionContext(DeferredExecutionContext):
    """graphql-sync-dataloaders calls `handle_field_error(error, type)`, but graphql-core 3.2.14 added a required
    `path` (to drop errors under an already nulled position): without this, any resolver error became a 500."""

    def handle_field_error(self, error: GraphQLError, return_type, path: Path | None = None) -> None:
        if path is None:
            for key in error.path or ():
                path = Path(path, key, None)
        return super().handle_field_error(error, return_type, path)


class ValidDocumentCache:
    """Parsed documents that passed graphql's standard validation, by (schema, token limit, query text)."""

    def __init__(self, size: int = 256):
        self.size = size
        self.documents: OrderedDict = OrderedDict()
        self.lock = Lock()  # gunicorn's threads share it

    def get(self, key):
        with self.lock:
            document = self.documents.get(key)
            if document is not None:
                self.documents.move_to_end(key)
            return document

    def put(self, key, document) -> None:
        with self.lock:
            self.documents[key] = document
            self.documents.move_to_end(key)
            while len(self.documents) > self.size:
                self.documents.popitem(last=False)


valid_documents = ValidDocumentCache()


def parse_and_validate(graphql_schema, query: str):
    """(document, errors): the document when it is valid GraphQL for the schema, else the errors to answer."""
    key = (id(graphql_schema), settings.GRAPHQL_MAX_TOKENS, query)
    document = valid_documents.get(key)
    if document is not None:
        return document, []
    try:
        document = parse(query, max_tokens=settings.GRAPHQL_MAX_TOKENS)
    except GraphQLSyntaxError as error:
        return None, [error]
    errors = validate(graphql_schema, document)
    if errors:
        return None, errors
    valid_documents.put(key, document)
    return document, []


PUBLIC_ROOT_FIELDS = frozenset({
    "shop", "channels", "channel", "products", "product", "productVariant", "productVariants", "categories",
    "category", "collections", "collection", "menu", "menus", "menuItem", "page", "pages", "pageType", "pageTypes",
    "attributes", "attribute", "__typename",
})


def public_cache_seconds() -> int:
    return int(getattr(settings, "GRAPHQL_PUBLIC_CACHE_SECONDS", os.environ.get("GRAPHQL_PUBLIC_CACHE_SECONDS", "0")))


class PublicAnswerCache:
    """Answers of anonymous catalogue queries, each kept `seconds` (per process, LRU-bounded)."""

    def __init__(self, size: int = 512):
        self.size = size
        self.answers: OrderedDict = OrderedDict()
        self.lock = Lock()

    def get(self, key):
        with self.lock:
            entry = self.answers.get(key)
            if entry is None or entry[0] < time.monotonic():
                return None
            return entry[1]

    def put(self, key, result: ExecutionResult, seconds: int) -> None:
        with self.lock:
            self.answers[key] = (time.monotonic() + seconds, result)
            self.answers.move_to_end(key)
            while len(self.answers) > self.size:
                self.answers.popitem(last=False)


public_answers = PublicAnswerCache()


def _is_anonymous(context) -> bool:
    meta = getattr(context, "META", None) or {}
    user = getattr(context, "user", None)
    return not meta.get("HTTP_AUTHORIZATION") and not getattr(user, "is_authenticated", False)


def _public_cache_key(document, query, variables, operation_name) -> str | None:
    operations = [d for d in document.definitions if d.kind == "operation_definition"]
    chosen = [op for op in operations if operation_name is None or (op.name and op.name.value == operation_name)]
    if len(chosen) != 1 or chosen[0].operation.value != "query":
        return None
    for selection in chosen[0].selection_set.selections:
        if selection.kind != "field" or selection.name.value not in PUBLIC_ROOT_FIELDS:
            return None
    text = json.dumps([query, variables or {}, operation_name], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def execute_operation(schema, query, variables, operation_name, context) -> ExecutionResult:
    """Run one operation. Never raises for client mistakes: they come back as errors in the result."""
    if not isinstance(query, str) or not query.strip():
        return ExecutionResult(data=None, errors=[GraphQLError("Must provide a query string.")])
    if len(query.encode()) > settings.GRAPHQL_MAX_QUERY_BYTES:
        return ExecutionResult(data=None, errors=[GraphQLError(
            f"The query is too large: {len(query.encode())} bytes, the limit is {settings.GRAPHQL_MAX_QUERY_BYTES}."
        )])
    if variables is not None and not isinstance(variables, dict):
        return ExecutionResult(data=None, errors=[GraphQLError("Variables must be a JSON object.")])
    if operation_name is not None and not isinstance(operation_name, str):
        return ExecutionResult(data=None, errors=[GraphQLError("operationName must be a string.")])
    graphql_schema = schema.graphql_schema
    document, errors = parse_and_validate(graphql_schema, query)
    if not errors:
        errors = validate(graphql_schema, document, abuse_limit_rules(variables or {}))
    if errors:
        return ExecutionResult(data=None, errors=errors)
    seconds = public_cache_seconds()
    key = _public_cache_key(document, query, variables, operation_name) \
        if seconds > 0 and _is_anonymous(context) else None
    if key is not None:
        cached = public_answers.get(key)
        if cached is not None:
            return cached
    result = execute(
        graphql_schema,
        document,
        context_value=context,
        variable_values=variables,
        operation_name=operation_name,
        execution_context_class=BatchingExecutionContext,
    )
    if key is not None and not result.errors:
        public_answers.put(key, result, seconds)
    return result


def format_error(error: GraphQLError) -> dict:
    """Saleor's error shape; internal errors never leak their text or traceback."""
    original = error.original_error
    if original is not None and not isinstance(original, GraphQLError):
        logger.error("Unhandled error in GraphQL resolver", exc_info=original)
        formatted = {"message": "Internal Server Error", "extensions": {"exception": {"code": "InternalServerError"}}}
    else:
        formatted = {"message": error.message}
        extensions = dict(error.extensions or {})
        extensions.setdefault("exception", {"code": "GraphQLError"})
        formatted["extensions"] = extensions
    if error.locations:
        formatted["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    if error.path:
        formatted["path"] = list(error.path)
    return formatted

"""Executes a GraphQL request: size, parse, validate (with abuse limits), then run (backend/api/core/executor.py).

A storefront sends the same few documents over and over: a document that parsed and passed the standard validation
is kept (LRU, by its exact text), so the next request only runs the abuse limits, which depend on the variables.

With GRAPHQL_PUBLIC_CACHE_SECONDS > 0 (3 by default, 0 turns it off), the answers to anonymous read-only catalogue
queries are kept that many seconds in the process (a micro-cache, as a reverse proxy would do): every anonymous
visitor sees the same catalogue, so a busy hour costs one execution per distinct query and per period. Anything
signed in, any mutation, any root field outside the public catalogue (checkout, me, order...) is never cached.
"""

import gc
import hashlib
import json
import logging
import time
from collections import OrderedDict
from threading import Lock

from django.conf import settings
from graphql import GraphQLError, StringValueNode, Visitor, parse, validate, visit
from graphql.error import GraphQLSyntaxError
from graphql.execution import ExecutionResult, execute

from backend.api.core.dataloaders import release as release_loaders
from backend.api.core.executor import BatchingExecutionContext
from backend.api.core.validation import abuse_limit_rules

logger = logging.getLogger(__name__)


class ValidDocumentCache:
    """A bounded, thread-safe memory of what passed validation: parsed documents by (schema, token limit, query
    text), and (query, variables) pairs within the abuse limits. Validation is a pure function of those keys."""

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
within_limits = ValidDocumentCache(size=1024)
MEMORISED_VARIABLES_BYTES = 4096


def abuse_limit_errors(graphql_schema, document, query: str, variables: dict | None) -> list:
    """Depth, aliases, cost and pagination checked for these variables. Storefronts send the same few (query,
    variables) pairs again and again: an accepted pair is remembered, which spares a walk of the whole document
    (about 1 ms on the product grid). The key holds the query text itself, never an object id that could be reused."""
    try:
        encoded = json.dumps(variables or {}, sort_keys=True)
    except (TypeError, ValueError):
        encoded = None
    key = None
    if encoded is not None and len(encoded) <= MEMORISED_VARIABLES_BYTES:
        key = (id(graphql_schema), settings.GRAPHQL_MAX_DEPTH, settings.GRAPHQL_MAX_ALIASES,
               settings.GRAPHQL_QUERY_MAX_COMPLEXITY, settings.GRAPHQL_PAGINATION_LIMIT, query, encoded)
        if within_limits.get(key) is not None:
            return []
    errors = validate(graphql_schema, document, abuse_limit_rules(variables or {}))
    if not errors and key is not None:
        within_limits.put(key, True)
    return errors


NUL = "\x00"
NUL_STANDIN = "\ufffd"


def without_nul(value):
    """`value` with U+0000 replaced by U+FFFD in every string (JSON variables included). PostgreSQL's text and jsonb
    cannot hold U+0000 and refused the statement: an internal error. With the stand-in, a lookup simply matches
    nothing (an unknown slug, an empty search) and a write keeps a visible mark. Called on every request: the
    variables are copied only when they hold a NUL."""
    if not _holds_nul(value):
        return value
    if isinstance(value, str):
        return value.replace(NUL, NUL_STANDIN) if NUL in value else value
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_nul(item) for item in value]
    return value


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


class _NulInLiterals(Visitor):
    """The same for string literals written in the document (`"a\\u0000b"`)."""

    @staticmethod
    def enter_string_value(node, *_):
        if NUL in node.value:
            return StringValueNode(value=without_nul(node.value), block=node.block, loc=node.loc)
        return None


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
    if NUL in query or "\\u0000" in query:
        document = visit(document, _NulInLiterals())
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
    return settings.GRAPHQL_PUBLIC_CACHE_SECONDS  # read per request: tests change it


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


# A catalogue page allocates tens of thousands of short-lived objects (futures, dicts, Money): with Python's default
# thresholds (700, 10, 10) the collector ran ~30 times per request and, every few requests, walked the whole heap
# (schema, Django, ~230k objects), 12-16 ms per request on average, measured. Once the process is warm, its
# long-lived objects are moved out of the collector's sight (gc.freeze) and young collections are made rarer;
# unreachable cycles are still collected, just in larger batches. Few are left: each operation releases its loaders
# when answered (dataloaders.release), which was most of a request's cyclic garbage.
GC_THRESHOLDS = (20_000, 50, 100)
_gc_tuned = [False]


def _tune_gc_once() -> None:
    if _gc_tuned[0]:
        return
    _gc_tuned[0] = True
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def execute_operation(schema, query, variables, operation_name, context) -> ExecutionResult:
    """Run one operation. Never raises for client mistakes: they come back as errors in the result."""
    _tune_gc_once()
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
    variables = without_nul(variables)
    document, errors = parse_and_validate(graphql_schema, query)
    if not errors:
        errors = abuse_limit_errors(graphql_schema, document, query, variables)
    if errors:
        return ExecutionResult(data=None, errors=errors)
    seconds = public_cache_seconds()
    key = _public_cache_key(document, query, variables, operation_name) \
        if seconds > 0 and _is_anonymous(context) else None
    if key is not None:
        cached = public_answers.get(key)
        if cached is not None:
            return cached
    try:
        result = execute(
            graphql_schema,
            document,
            context_value=context,
            variable_values=variables,
            operation_name=operation_name,
            execution_context_class=BatchingExecutionContext,
        )
    finally:
        release_loaders(context)
    if key is not None and not result.errors:
        public_answers.put(key, result, seconds)
    return result


def format_error(error: GraphQLError) -> dict:
    """Saleor's error shape; internal errors never leak their text or traceback."""
    original = error.original_error
    if original is not None and not isinstance(original, GraphQLError) and error.path is None:
        # A scalar refusing a literal during validation (e.g. JSONString given ""): bad input, not a crash. Only
        # graphql-core's own part of the message is shown ("Expected value of type ..., found ..."), not the
        # scalar's exception text.
        formatted = {"message": error.message.split("; ", 1)[0] + ".",
                     "extensions": {"exception": {"code": "GraphQLError"}}}
    elif original is not None and not isinstance(original, GraphQLError):
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

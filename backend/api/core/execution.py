"""Executes a GraphQL request: size, parse, validate (with abuse limits), run with batching dataloaders.

A storefront sends the same few documents over and over: a document that parsed and passed the standard validation
is kept (LRU, by its exact text), so the next request only runs the abuse limits, which depend on the variables.

Optionally (GRAPHQL_PUBLIC_CACHE_SECONDS > 0, off by default), the answers to anonymous read-only catalogue queries
are kept that many seconds in the process (a micro-cache, as a reverse proxy would do): every anonymous visitor sees
the same catalogue, so a busy hour costs one execution per distinct query and per period. Anything signed in, any
mutation, any root field outside the public catalogue (checkout, me, order...) is never cached.
"""

import gc
import hashlib
import json
import logging
import os
import time
from collections import OrderedDict
from decimal import Decimal
from enum import Enum
from functools import partial
from threading import Lock

from django.conf import settings
from graphene.relay.node import GlobalID
from graphene.types.resolver import dict_or_attr_resolver
from graphql import GraphQLError, StringValueNode, Visitor, located_error, parse, validate, visit
from graphql.error import GraphQLSyntaxError
from graphql.execution import ExecutionResult, execute
from graphql.execution.execute import get_field_def
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined, is_iterable
from graphql.type import is_leaf_type, is_non_null_type, is_object_type
from graphql_sync_dataloaders import DeferredExecutionContext, SyncFuture

from backend.api.core.validation import abuse_limit_rules

logger = logging.getLogger(__name__)


def _when_done(future: SyncFuture, callback) -> None:
    if future.done():
        callback()
    else:
        future.add_done_callback(callback)


def _settle(out: SyncFuture, value) -> None:
    """Give `out` the value, or the outcome of `value` when it is itself a future."""
    if not isinstance(value, SyncFuture):
        out.set_result(value)
        return

    def copy():
        try:
            out.set_result(value.result())
        except Exception as error:
            out.set_exception(error)

    _when_done(value, copy)


def _chain(future: SyncFuture, fn) -> SyncFuture:
    """A future of fn(value); a failure of `future` or of fn travels on."""
    out = SyncFuture()
    out.deferred_callback = future.deferred_callback

    def settle():
        try:
            value = fn(future.result())
        except Exception as error:
            out.set_exception(error)
            return
        _settle(out, value)

    _when_done(future, settle)
    return out


def _recover(future: SyncFuture, on_error) -> SyncFuture:
    """A future of the same value; on failure, of on_error(error) (which may raise again: the failure goes up)."""
    out = SyncFuture()
    out.deferred_callback = future.deferred_callback

    def settle():
        try:
            out.set_result(future.result())
            return
        except Exception as error:
            failure = error
        try:
            out.set_result(on_error(failure))
        except Exception as error:
            out.set_exception(error)

    _when_done(future, settle)
    return out


def _all(container, pending_keys: list, deferred_callback) -> SyncFuture:
    """A future of `container` (dict or list) once its futures at `pending_keys` are replaced by their values;
    the first failure fails it."""
    out = SyncFuture()
    out.deferred_callback = deferred_callback
    remaining = [len(pending_keys)]

    def one_done(key):
        if out.done():
            return
        try:
            container[key] = container[key].result()
        except Exception as error:
            out.set_exception(error)
            return
        remaining[0] -= 1
        if remaining[0] == 0:
            out.set_result(container)

    for key in pending_keys:
        _when_done(container[key], lambda key=key: one_done(key))
    return out


# str, numbers, booleans and enums (graphene gives enum arguments as Enum members or their values)
IMMUTABLE_ARGUMENT_TYPES = (str, int, float, Decimal, Enum)


def info_free(resolver):
    """Marks a resolver that reads only its root (never `info`): the executor may call it without building a resolve
    info (see BatchingExecutionContext._direct_read)."""
    resolver.info_free = True
    return resolver


def _attribute_reader(resolve):
    if isinstance(resolve, partial) and resolve.func is dict_or_attr_resolver:
        attname, default = resolve.args

        def read(source):
            return source.get(attname, default) if isinstance(source, dict) else getattr(source, attname, default)

        return read
    return None


def _direct_reader(resolve, parent_type_name: str):
    """read(source) equivalent to the field's resolver when it needs no info, else None."""
    read = _attribute_reader(resolve)
    if read is not None:
        return read
    if isinstance(resolve, partial) and resolve.func is GlobalID.id_resolver and not resolve.keywords.get(
            "parent_type_name"):
        inner, node = resolve.args
        read_id = _attribute_reader(inner)
        if read_id is not None:
            return lambda source: node.to_global_id(parent_type_name, read_id(source))
        return None
    if getattr(resolve, "info_free", False) or _names_info_unused(resolve):
        return lambda source: resolve(source, None)
    return None


def _names_info_unused(resolve) -> bool:
    """A resolver written `def resolve_x(root, _info)` says, by the underscore, that it never reads its info (the
    project's convention, as for any unused argument). Should one read it anyway, the call with None fails and the
    executor takes the full path: slower, never wrong."""
    code = getattr(resolve, "__code__", None)
    return code is not None and code.co_argcount == 2 and code.co_varnames[1] == "_info"


class _Unusual(Exception):
    """Something a direct read of a subtree does not answer: the full path takes over."""


def _read_tree(tree, source) -> dict:
    """The answer of a subtree of direct reads (see BatchingExecutionContext._leaf_tree). Any null, error, future or
    value a scalar refuses raises _Unusual: nothing is reported from here. The reads are attribute reads and
    resolvers that only read their root, so the full path may read them again."""
    answer = {}
    for name, read, serialize, below in tree:
        try:
            value = read(source)
            if value is None or isinstance(value, (Exception, SyncFuture)):
                raise _Unusual
            value = _read_tree(below, value) if below is not None else serialize(value)
        except _Unusual:
            raise
        except Exception as error:
            raise _Unusual from error
        if value is None or value is Undefined:
            raise _Unusual
        answer[name] = value
    return answer


class BatchingExecutionContext(DeferredExecutionContext):
    """Executes with request-scoped dataloaders (futures resolved after the whole tree has asked for its keys).

    graphql-sync-dataloaders' own context loses errors raised once a future is resolved: an error on a non-null
    field escaped its callbacks and nulled the whole response (and, with graphql-core 3.2.14's new
    `handle_field_error(error, type, path)`, any resolver error became a 500). Here a failed future carries its
    error up to the nearest nullable field, as the spec says and as graphql-core does synchronously.
    """

    def _defer(self, future: SyncFuture) -> None:
        callback = future.deferred_callback
        if callback is not None and callback not in self._deferred_callbacks:
            self._deferred_callbacks.append(callback)

    def execute_fields(self, parent_type, source_value, path, fields):
        results, pending = {}, []
        for response_name, field_nodes, direct in self._fields_plan(parent_type, fields):
            result = Undefined
            if direct is not None:
                # The fast path (see _direct_read), inlined: most fields of a catalogue page end here, and a call
                # and a Path per field were a tenth of the page's time. Anything unusual (null, an error, a
                # future, a value the scalar refuses) takes the full path, which reports it as graphql-core does.
                read, named, kind, return_type = direct
                try:
                    value = read(source_value)
                except Exception:
                    value = None
                if value is not None and not isinstance(value, (Exception, SyncFuture)):
                    if kind == "leaf":
                        try:
                            serialized = named.serialize(value)
                        except Exception:
                            serialized = None
                        if serialized is not None and serialized is not Undefined:
                            results[response_name] = serialized
                            continue
                    else:
                        result = self._complete_object_directly(named, return_type, field_nodes,
                                                                Path(path, response_name, parent_type.name), value)
            if result is Undefined:
                result = self.execute_field(parent_type, source_value, field_nodes,
                                            Path(path, response_name, parent_type.name))
                if result is Undefined:
                    continue
            if isinstance(result, SyncFuture):
                if result.done():
                    result = result.result()  # a non-null failure goes up to the parent
                else:
                    pending.append(response_name)
            results[response_name] = result
        if not pending:
            return results
        return _all(results, pending, results[pending[0]].deferred_callback)

    def _fields_plan(self, parent_type, fields) -> list:
        """[(response name, field nodes, direct read or None)] for a selection set, worked out once per request:
        a list of 24 products runs the same plan 24 times. `fields` is the dict graphql-core collected (it keeps
        it for the whole request), so its identity is a sound key; the entry keeps it too, and checks it."""
        plans = self.__dict__.setdefault("_fields_plans", {})
        entry = plans.get(id(fields))
        if entry is None or entry[0] is not fields or entry[1] is not parent_type:
            plan = [(name, nodes, self._direct_read(parent_type, nodes[0])) for name, nodes in fields.items()]
            entry = plans[id(fields)] = (fields, parent_type, plan)
        return entry[2]

    execute_fields_serially = execute_fields

    def _direct_read(self, parent_type, field_node):
        """How to answer a field without resolve info, or None: (read(source), named type, kind, field type) for a
        field without arguments whose value is an attribute of its parent (graphene's default resolver, a GlobalID
        over one) or comes from a resolver that does not read its info (marked `info_free`, or naming it `_info`),
        and whose type is a scalar, an enum or a concrete object type. That is most of a catalogue page (name, slug,
        id, amount, edges' node, pricing's priceRange...)."""
        field_def = get_field_def(self.schema, parent_type, field_node)
        if field_def is None or field_def.args or self.middleware_manager:
            return None
        named = field_def.type.of_type if is_non_null_type(field_def.type) else field_def.type
        if is_leaf_type(named):
            kind = "leaf"
        elif is_object_type(named) and named.is_type_of is None:
            kind = "object"
        else:
            return None
        read = _direct_reader(field_def.resolve, parent_type.name)
        return None if read is None else (read, named, kind, field_def.type)

    def complete_object_value(self, return_type, field_nodes, info, path, result):
        """graphql-core's completion of an object (sub-fields collected, then executed), with one shortcut: when
        every field below is a direct read (see _leaf_tree), the whole subtree is read in one go. A price
        (`priceRange { start { gross { amount currency } net { amount } } }`) is a dozen fields per product."""
        if return_type.is_type_of is not None:
            return super().complete_object_value(return_type, field_nodes, info, path, result)
        fields = self.collect_subfields(return_type, field_nodes)
        tree = self._leaf_tree(return_type, fields)
        if tree is not None:
            try:
                return _read_tree(tree, result)
            except _Unusual:
                pass  # a null, an error or a refused value below: the full path answers it as graphql-core does
        return self.execute_fields(return_type, result, path, fields)

    def _leaf_tree(self, parent_type, fields):
        """[(response name, read, serialize, subtree)] when every field of `fields`, and of the objects below, is
        read directly (no argument, no info, a scalar or a concrete object type); else None. Once per request."""
        trees = self.__dict__.setdefault("_leaf_trees", {})
        entry = trees.get(id(fields))
        if entry is not None and entry[0] is fields and entry[1] is parent_type:
            return entry[2]
        tree = []
        for name, nodes in fields.items():
            direct = self._direct_read(parent_type, nodes[0])
            if direct is None:
                tree = None
                break
            read, named, kind, _return_type = direct
            if kind == "leaf":
                tree.append((name, read, named.serialize, None))
                continue
            below = self._leaf_tree(named, self.collect_subfields(named, nodes))
            if below is None:
                tree = None
                break
            tree.append((name, read, None, below))
        trees[id(fields)] = (fields, parent_type, tree)
        return tree

    def _complete_object_directly(self, named, return_type, field_nodes, path, value):
        """An object read without resolve info, completed as the full path completes it: a failure below it (a
        non-null child that failed) stops here when this field is nullable, and goes up when it is not."""
        def fail(raw):
            return self.handle_field_error(located_error(raw, field_nodes, path.as_list()), return_type, path)

        try:
            completed = self.complete_object_value(named, field_nodes, None, path, value)
            if isinstance(completed, SyncFuture):
                if not completed.done():
                    self._defer(completed)
                    return _recover(completed, fail)
                completed = completed.result()
            return completed
        except Exception as raw:
            return fail(raw)

    def execute_field(self, parent_type, source, field_nodes, path):
        """The full path of one field, as graphql-core runs it (with our futures); execute_fields tries the
        direct read first."""
        field_def = get_field_def(self.schema, parent_type, field_nodes[0])
        if not field_def:
            return Undefined
        return_type = field_def.type
        resolve_fn = field_def.resolve or self.field_resolver
        if self.middleware_manager:
            resolve_fn = self.middleware_manager.get_field_resolver(resolve_fn)
        info = self.build_resolve_info(field_def, field_nodes, parent_type, path)

        def fail(raw):  # None for a nullable field (the error is collected); raises for a non-null one
            return self.handle_field_error(located_error(raw, field_nodes, path.as_list()), return_type, path)

        def complete(value):
            return self.complete_value(return_type, field_nodes, info, path, value)

        try:
            # most fields take no argument: skip graphql-core's coercion machinery for them
            args = self._argument_values(field_def, field_nodes[0]) if field_def.args else {}
            result = resolve_fn(source, info, **args)
            if isinstance(result, SyncFuture):
                if not result.done():
                    self._defer(result)
                    return _recover(_chain(result, complete), fail)
                result = result.result()
            completed = complete(result)
            if isinstance(completed, SyncFuture):
                if not completed.done():
                    self._defer(completed)
                    return _recover(completed, fail)
                completed = completed.result()
            return completed
        except Exception as raw:
            return fail(raw)

    def _argument_values(self, field_def, field_node) -> dict:
        """The field's coerced arguments. Within a request they depend only on the field and its node (the
        variables are fixed): a list of 24 products asks `pricing` or `thumbnail(size: 256)` 24 times, so arguments
        made only of immutable values are coerced once. Others (input objects, lists) are coerced on every call, so
        that no resolver ever shares a mutable argument with another."""
        memo = self.__dict__.setdefault("_argument_memo", {})
        key = (id(field_def), id(field_node))
        entry = memo.get(key)
        if entry is not None and entry[0] is field_node:
            return entry[1]
        args = get_argument_values(field_def, field_node, self.variable_values)
        if all(value is None or isinstance(value, IMMUTABLE_ARGUMENT_TYPES) for value in args.values()):
            memo[key] = (field_node, args)
        return args

    def complete_list_value(self, return_type, field_nodes, info, path, result):
        if isinstance(result, SyncFuture):
            self._defer(result)
            return _chain(result, lambda value: self.complete_list_value(return_type, field_nodes, info, path, value))
        if not is_iterable(result):
            raise GraphQLError(f"Expected Iterable, but did not find one for field "
                               f"'{info.parent_type.name}.{info.field_name}'.")
        item_type = return_type.of_type
        items, pending = [], []
        for index, item in enumerate(result):
            item_path = path.add_key(index, None)

            def fail(raw, item_path=item_path):
                error = located_error(raw, field_nodes, item_path.as_list())
                return self.handle_field_error(error, item_type, item_path)

            try:
                if isinstance(item, SyncFuture) and item.done():
                    item = item.result()
                if isinstance(item, SyncFuture):
                    self._defer(item)
                    completed = _chain(item, lambda value, p=item_path: self.complete_value(
                        item_type, field_nodes, info, p, value))
                else:
                    completed = self.complete_value(item_type, field_nodes, info, item_path, item)
                if isinstance(completed, SyncFuture) and completed.done():
                    completed = completed.result()
            except Exception as raw:
                completed = fail(raw)  # raises for a non-null item: the list field fails
            if isinstance(completed, SyncFuture):
                self._defer(completed)
                completed = _recover(completed, fail)
                pending.append(index)
            items.append(completed)
        if not pending:
            return items
        return _all(items, pending, items[pending[0]].deferred_callback)


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


# A catalogue page allocates tens of thousands of short-lived objects (futures, dicts, Money): with Python's default
# thresholds (700, 10, 10) the collector ran ~30 times per request and, every few requests, walked the whole heap
# (schema, Django, ~230k objects), 12-16 ms per request on average, measured. Once the process is warm, its
# long-lived objects are moved out of the collector's sight (gc.freeze) and young collections are made rarer;
# unreachable cycles are still collected, just in larger batches.
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

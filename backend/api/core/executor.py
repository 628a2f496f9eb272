"""The executor: runs a validated document with operation-scoped dataloaders (graphql-sync-dataloaders' futures).

Most of a catalogue page is plain reads (an attribute, a GlobalID, a resolver that only reads its root): they are
answered without resolve info, and a subtree made only of them is read in one go. Anything unusual (a null, an
error, a future, a value a scalar refuses) takes the full path, whose answers and errors are graphql-core's
(tests hold them equal to graphql-core's own executor).
"""

from decimal import Decimal
from enum import Enum
from functools import partial

from graphene.relay.node import GlobalID
from graphene.types.resolver import dict_or_attr_resolver
from graphql import GraphQLError, located_error
from graphql.execution.execute import get_field_def
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined, is_iterable
from graphql.type import is_leaf_type, is_non_null_type, is_object_type
from graphql_sync_dataloaders import DeferredExecutionContext, SyncFuture

from backend.api.core.dataloaders import then


def _when_done(future: SyncFuture, callback) -> None:
    if future.done():
        callback()
    else:
        future.add_done_callback(callback)


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


# (object type, field name) -> how to read the field directly, or None. Types belong to a schema built once.
_DIRECT_READS: dict = {}


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
    """Executes with operation-scoped dataloaders (futures resolved after the whole tree has asked for its keys).

    graphql-sync-dataloaders' own context loses errors raised once a future is resolved: an error on a non-null
    field escaped its callbacks and nulled the whole response (and, with graphql-core 3.2.14's new
    `handle_field_error(error, type, path)`, any resolver error became a 500). Here a failed future carries its
    error up to the nearest nullable field, as the spec says and as graphql-core does synchronously.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # what this request works out once: per selection set (see _per_selection) and per field node
        self._fields_plans, self._leaf_trees, self._argument_memo = {}, {}, {}

    def _per_selection(self, memo: dict, parent_type, fields, build):
        """build(parent_type, fields), once per request for a selection set: a list of 24 products runs it 24 times.
        `fields` is the dict graphql-core collected (it keeps it for the whole request), so its identity is a sound
        key; the entry keeps it too, and checks it."""
        entry = memo.get(id(fields))
        if entry is None or entry[0] is not fields or entry[1] is not parent_type:
            entry = memo[id(fields)] = (fields, parent_type, build(parent_type, fields))
        return entry[2]

    def _defer(self, future: SyncFuture) -> None:
        callback = future.deferred_callback
        if callback is not None and callback not in self._deferred_callbacks:
            self._deferred_callbacks.append(callback)

    def execute_fields(self, parent_type, source_value, path, fields):
        results, pending = {}, []
        for response_name, field_nodes, direct in self._per_selection(self._fields_plans, parent_type, fields,
                                                                       self._fields_plan):
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
        """[(response name, field nodes, direct read or None)] for a selection set."""
        return [(name, nodes, self._direct_read(parent_type, nodes[0])) for name, nodes in fields.items()]

    execute_fields_serially = execute_fields

    def _direct_read(self, parent_type, field_node):
        """How to answer a field without resolve info, or None: (read(source), named type, kind, field type) for a
        field without arguments whose value is an attribute of its parent (graphene's default resolver, a GlobalID
        over one) or comes from a resolver that does not read its info (marked `info_free`, or naming it `_info`),
        and whose type is a scalar, an enum or a concrete object type. That is most of a catalogue page (name, slug,
        id, amount, edges' node, pricing's priceRange...). It depends only on the type and the field's name: it is
        worked out once per process."""
        if self.middleware_manager:
            return None
        key = (parent_type, field_node.name.value)
        if key in _DIRECT_READS:
            return _DIRECT_READS[key]
        field_def = get_field_def(self.schema, parent_type, field_node)
        direct = None
        if field_def is not None and not field_def.args:
            named = field_def.type.of_type if is_non_null_type(field_def.type) else field_def.type
            kind = "leaf" if is_leaf_type(named) else "object" if is_object_type(named) else None
            read = _direct_reader(field_def.resolve, parent_type.name)
            if read is not None and (kind == "leaf" or (kind == "object" and named.is_type_of is None)):
                direct = (read, named, kind, field_def.type)
        _DIRECT_READS[key] = direct
        return direct

    def complete_object_value(self, return_type, field_nodes, info, path, result):
        """graphql-core's completion of an object (sub-fields collected, then executed), with one shortcut: when
        every field below is a direct read (see _leaf_tree), the whole subtree is read in one go. A price
        (`priceRange { start { gross { amount currency } net { amount } } }`) is a dozen fields per product."""
        if return_type.is_type_of is not None:
            return super().complete_object_value(return_type, field_nodes, info, path, result)
        fields = self.collect_subfields(return_type, field_nodes)
        tree = self._per_selection(self._leaf_trees, return_type, fields, self._leaf_tree)
        if tree is not None:
            try:
                return _read_tree(tree, result)
            except _Unusual:
                pass  # a null, an error or a refused value below: the full path answers it as graphql-core does
        return self.execute_fields(return_type, result, path, fields)

    def _leaf_tree(self, parent_type, fields):
        """[(response name, read, serialize, subtree)] when every field of `fields`, and of the objects below, is
        read directly (no argument, no info, a scalar or a concrete object type); else None."""
        tree = []
        for name, nodes in fields.items():
            direct = self._direct_read(parent_type, nodes[0])
            if direct is None:
                return None
            read, named, kind, _return_type = direct
            if kind == "leaf":
                tree.append((name, read, named.serialize, None))
                continue
            below = self._per_selection(self._leaf_trees, named, self.collect_subfields(named, nodes),
                                        self._leaf_tree)
            if below is None:
                return None
            tree.append((name, read, None, below))
        return tree

    def _complete_object_directly(self, named, return_type, field_nodes, path, value):
        """An object read without resolve info, completed as the full path completes it: a failure below it (a
        non-null child that failed) stops here when this field is nullable, and goes up when it is not."""
        def fail(raw):
            return self.handle_field_error(located_error(raw, field_nodes, path.as_list()), return_type, path)

        try:
            return self._settled(self.complete_object_value(named, field_nodes, None, path, value), fail)
        except Exception as raw:
            return fail(raw)

    def _settled(self, completed, fail):
        """A completed value; a done future's own value (its failure raised); a pending one, deferred, with its
        failure handled by `fail`."""
        if isinstance(completed, SyncFuture):
            if not completed.done():
                self._defer(completed)
                return _recover(completed, fail)
            completed = completed.result()
        return completed

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
                    return _recover(then(result, complete), fail)
                result = result.result()
            return self._settled(complete(result), fail)
        except Exception as raw:
            return fail(raw)

    def _argument_values(self, field_def, field_node) -> dict:
        """The field's coerced arguments. Within a request they depend only on the field and its node (the
        variables are fixed): a list of 24 products asks `pricing` or `thumbnail(size: 256)` 24 times, so arguments
        made only of immutable values are coerced once. Others (input objects, lists) are coerced on every call, so
        that no resolver ever shares a mutable argument with another."""
        key = (id(field_def), id(field_node))
        entry = self._argument_memo.get(key)
        if entry is not None and entry[0] is field_node:
            return entry[1]
        args = get_argument_values(field_def, field_node, self.variable_values)
        if all(value is None or isinstance(value, IMMUTABLE_ARGUMENT_TYPES) for value in args.values()):
            self._argument_memo[key] = (field_node, args)
        return args

    def complete_list_value(self, return_type, field_nodes, info, path, result):
        if isinstance(result, SyncFuture):
            self._defer(result)
            return then(result, lambda value: self.complete_list_value(return_type, field_nodes, info, path, value))
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
                    completed = then(item, lambda value, p=item_path: self.complete_value(
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

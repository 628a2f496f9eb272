"""Operation-scoped batching for synchronous Django: every related field resolves through a DataLoader.

Built on graphql-sync-dataloaders' SyncFuture and DeferredExecutionContext (graphql-core 3.2 has no sync batching of
its own). What we add: one registry per operation (kept on the request, released when the operation is answered, see
`release`) that dispatches every loader with queued keys until none is left (so that loads made inside a `then`
callback are batched too), `load_many`, and `then` chaining.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from graphql_sync_dataloaders import SyncFuture

from backend.core.rows import rows_by_pk


class LoaderRegistry:
    def __init__(self):
        self.loaders: dict[type, DataLoader] = {}

    def dispatch_all(self) -> None:
        while True:
            pending = [loader for loader in self.loaders.values() if loader.queue]
            if not pending:
                return
            for loader in pending:
                loader.dispatch()


def _registry(context) -> LoaderRegistry:
    registry = getattr(context, "_dataloaders", None)
    if registry is None:
        registry = LoaderRegistry()
        context._dataloaders = registry
    return registry


def release(context) -> None:
    """Let go of the operation's loaders and all they hold (rows, futures) once it is answered. The context and its
    loaders point at each other, and each future at the registry: left as they were, the whole graph of a product
    grid (about 1,300 objects) stayed alive until Python's cycle collector came by, whose passes cost about a
    fifteenth of the grid's CPU. Released here, reference counting frees it at once. The next operation on the same
    context (a batch) starts with fresh loaders, so it reads what an earlier mutation of the batch wrote."""
    registry = getattr(context, "_dataloaders", None)
    if registry is None:
        return
    del context._dataloaders
    for loader in registry.loaders.values():
        loader.cache.clear()
        loader.queue.clear()
    registry.loaders.clear()


def dispatch_now(context) -> None:
    """Run every queued load of the request now (a resolver that loaded ahead for its children calls this)."""
    _registry(context).dispatch_all()


class DataLoader:
    """Subclass and implement `batch_load(keys) -> list` (same order and length as keys)."""

    context_key: str = ""

    def __new__(cls, context):
        registry = _registry(context)
        loader = registry.loaders.get(cls)
        if loader is None:
            loader = super().__new__(cls)
            loader.context = context
            loader.registry = registry
            loader.cache = {}
            loader.queue = []
            registry.loaders[cls] = loader
        return loader

    def __init__(self, context):  # state is set once in __new__; a loader is a per-request singleton
        pass

    def batch_load(self, keys: list) -> list:
        raise NotImplementedError

    def load(self, key) -> SyncFuture:
        future = self.cache.get(key)
        if future is None:
            future = SyncFuture()
            future.deferred_callback = self.registry.dispatch_all
            self.cache[key] = future
            self.queue.append((key, future))
        return future

    def load_many(self, keys: Iterable) -> SyncFuture:
        return gather([self.load(key) for key in keys], self.registry.dispatch_all)

    def prime(self, key, value) -> None:
        if key not in self.cache:
            future = SyncFuture()
            future.set_result(value)
            self.cache[key] = future

    def dispatch(self) -> None:
        queue, self.queue = self.queue, []
        if not queue:
            return
        keys = [key for key, _ in queue]
        try:
            values = self.batch_load(keys)
            if len(values) != len(keys):
                raise ValueError(f"{type(self).__name__}.batch_load returned {len(values)} values for {len(keys)} keys")
        except Exception as error:
            for key, future in queue:
                self.cache.pop(key, None)
                if not future.done():
                    future.set_exception(error)
            return
        for (_, future), value in zip(queue, values, strict=True):
            if isinstance(value, Exception):
                future.set_exception(value)
            else:
                future.set_result(value)


def resolved(value) -> SyncFuture:
    future = SyncFuture()
    future.set_result(value)
    return future


def _settled(value: Any) -> Any:
    """A done future's value (or its error, raised); anything else unchanged."""
    if isinstance(value, SyncFuture) and value.done():
        return value.result()
    return value


def then(future: Any, fn: Callable[[Any], Any]) -> Any:
    """Apply fn to the future's value; fn may return a plain value or another future. Plain inputs are allowed.

    A future that is already resolved (a primed or cached load) is applied at once and gives a plain value: most
    of a catalogue page is primed by the query that listed it, and a chain of callback futures per field cost more
    than the fields themselves.
    """
    if not isinstance(future, SyncFuture):
        return _settled(fn(future))
    if future.done():
        return _settled(fn(future.result()))
    out = SyncFuture()
    out.deferred_callback = future.deferred_callback

    def on_done():
        try:
            value = fn(future.result())
        except Exception as error:
            out.set_exception(error)
            return
        _transfer(value, out)

    if future.done():
        on_done()
    else:
        future.add_done_callback(on_done)
    return out


def _transfer(value, out: SyncFuture) -> None:
    if not isinstance(value, SyncFuture):
        out.set_result(value)
        return

    def copy():
        try:
            out.set_result(value.result())
        except Exception as error:
            out.set_exception(error)

    if value.done():
        copy()
    else:
        if out.deferred_callback is None:
            out.deferred_callback = value.deferred_callback
        value.add_done_callback(copy)


def gather(futures: list, deferred_callback=None) -> Any:
    """A future of the list of values; the list itself when every future is already resolved."""
    if all(not isinstance(f, SyncFuture) or f.done() for f in futures):
        return [f.result() if isinstance(f, SyncFuture) else f for f in futures]
    out = SyncFuture()
    out.deferred_callback = deferred_callback or next(
        (f.deferred_callback for f in futures if isinstance(f, SyncFuture) and f.deferred_callback), None
    )
    remaining = [len(futures)]

    def finish():
        try:
            out.set_result([f.result() if isinstance(f, SyncFuture) else f for f in futures])
        except Exception as error:
            out.set_exception(error)

    def one_done():
        remaining[0] -= 1
        if remaining[0] == 0:
            finish()

    for f in futures:
        if isinstance(f, SyncFuture) and not f.done():
            f.add_done_callback(one_done)
        else:
            one_done()
    return out


def group_by(rows: Iterable, key: Callable) -> dict:
    grouped = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return grouped


class ByIdLoader(DataLoader):
    """Loads model instances by primary key; None for a missing key."""

    model = None

    def batch_load(self, keys):
        objects = {row.pk: row for row in rows_by_pk(self.model, keys)}
        return [objects.get(key) for key in keys]


class ByForeignKeyLoader(DataLoader):
    """Loads lists of `model` rows whose `fk_field` is each key (e.g. variants by product id), in model order."""

    model = None
    fk_field = ""

    def queryset(self):
        return self.model.objects.all()

    def batch_load(self, keys):
        grouped = group_by(self.queryset().filter(**{f"{self.fk_field}__in": keys}),
                           lambda row: getattr(row, f"{self.fk_field}_id"))
        return [grouped.get(key, []) for key in keys]

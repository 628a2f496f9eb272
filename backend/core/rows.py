"""Fixed SQL reads for the dataloaders' hottest lookups (rows by primary key or by a foreign key).

The ORM composes and compiles a statement on every call: for a product grid, composing `in_bulk` and the media
lookup cost more CPU than running them. These helpers send one fixed statement (`= ANY(%s)`), the same text for any
number of keys, which PostgreSQL also plans only once per connection (server-side binding, see settings). Only
names from the models are formatted into the SQL; every value is a bound parameter. They return
ordinary model instances with every column, exactly the rows the equivalent queryset would return (tests hold them
equal).
"""

import json
import re
from functools import cache

import orjson
from django.db import connections
from django.db.models import JSONField, Model
from django.db.models.base import ModelState
from django.db.models.fields.files import FileDescriptor
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init


def _fields(model: type[Model], attnames: tuple[str, ...] | None) -> list:
    """The model's concrete fields in column order, all of them or those named (by attribute name)."""
    fields = model._meta.concrete_fields
    return list(fields) if attnames is None else [field for field in fields if field.attname in attnames]


@cache
def columns(model: type[Model], alias: str = "", attnames: tuple[str, ...] | None = None) -> str:
    """The model's columns (or those of `attnames`), named: never `SELECT *`, whose result would change shape when a
    migration adds a column and break the statements that running processes have already prepared."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{field.column}"' for field in _fields(model, attnames))


@cache
def _reader(model: type[Model], alias: str,
            attnames: tuple[str, ...] | None = None) -> tuple[list[str], list[tuple[int, list, object]]]:
    """The attribute names read, in column order, and (position, converters, column) of the columns that need
    converting (JSON decoding...), as the ORM's compiler finds them: the backend's, then the field's own. Found once
    per model and database, not on every read (the converters take the reading connection as an argument: the
    threads' own connections share them; PostgreSQL's backend adds none)."""
    connection = connections[alias]
    table = model._meta.db_table
    names, converters = [], []
    for position, field in enumerate(_fields(model, attnames)):
        names.append(field.attname)
        column = field.get_col(table)
        chain = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if isinstance(field, JSONField) and field.decoder is None and chain == [field.from_db_value]:
            chain = [_json_value]
        if chain:
            converters.append((position, chain, column))
    return names, converters


_LONG_DIGITS = re.compile(r"[0-9]{19}")


def _json_value(value, _expression, _connection):
    """JSONField.from_db_value for a field without a custom decoder (the column's own text, as Django reads jsonb),
    with the empty object, which most metadata columns hold, made without running the parser, and the rest parsed by
    orjson (a fifth of the standard parser's time). orjson reads an integer beyond 64 bits as a float and refuses a
    number beyond a float's range: a text with a run of 19 digits or more (in a number or, harmlessly, in a string)
    goes to the standard parser, as do the texts orjson refuses, so the values are always the standard parser's."""
    if value is None:
        return None
    if value == "{}":
        return {}
    if not _LONG_DIGITS.search(value):
        try:
            return orjson.loads(value)
        except orjson.JSONDecodeError:
            pass
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value


# Descriptors whose __set__ only stores the value when the instance is new (a foreign key's id clears a cached related
# object, which a new instance has none of; a file keeps the name and, with dimension fields, updates them only when
# replacing an earlier file).
_PLAIN_SETTERS = (DeferredAttribute, FileDescriptor)


@cache
def _plainly_built(model: type[Model]) -> bool:
    """Whether Model.from_db would only store each value in the instance's __dict__: the model keeps Django's
    constructor and from_db, and every concrete field is a plain attribute or one of _PLAIN_SETTERS."""
    if model.__init__ is not Model.__init__ or model.from_db.__func__ is not Model.from_db.__func__:
        return False
    return all(isinstance(getattr(model, field.attname, None), _PLAIN_SETTERS)
               for field in model._meta.concrete_fields)


def _built(model: type[Model], db: str, names: list[str], values: list) -> Model:
    """Model.from_db(db, names, values), in a quarter of its CPU when nothing can tell the difference: Django's
    constructor sets each value through its descriptor and sends pre_init and post_init; for a plainly built model
    (see _plainly_built) and no receiver of those signals at all, that is the same as filling __dict__. A grid reads
    about 150 rows."""
    if pre_init.receivers or post_init.receivers or not _plainly_built(model):
        return model.from_db(db, names, values)
    instance = model.__new__(model)
    state = instance._state = ModelState()
    state.adding, state.db = False, db
    instance.__dict__.update(zip(names, values, strict=True))
    return instance


def instances(model: type[Model], sql: str, params, extra: tuple[str, ...] = (),
              attnames: tuple[str, ...] | None = None) -> list[Model]:
    """Model instances from a statement selecting `columns(model, alias, attnames)` then the `extra` columns (set as
    attributes). Rows become instances the way the ORM builds them (converters, then Model.from_db, see _built: the
    columns left out are deferred, as with `.defer()`), without a RawQuerySet's per-statement setup, which cost more
    than the rows on small reads."""
    connection = connections[model._base_manager.db]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    names, converters = _reader(model, connection.alias, attnames)
    width = len(names)
    built = []
    for row in rows:
        values = list(row[:width])
        for position, chain, column in converters:
            for convert in chain:
                values[position] = convert(values[position], column, connection)
        instance = _built(model, connection.alias, names, values)
        for name, value in zip(extra, row[width:], strict=True):
            setattr(instance, name, value)
        built.append(instance)
    return built


def joined_instance(model: type[Model], source: Model, prefix: str, columns_read: tuple[str, ...],
                    **known) -> Model:
    """The `model` row that `source`'s statement joined and read as `<prefix><column>` attributes (the `known`
    columns given as keywords; together every column). Built as the ORM builds a fetched row (Model.from_db, values
    in column order, see _built), which costs a fraction of the keyword constructor; it comes from `source`'s
    database."""
    values = {**known, **{column: getattr(source, f"{prefix}{column}") for column in columns_read}}
    names = _reader(model, source._state.db)[0]
    return _built(model, source._state.db, names, [values[name] for name in names])


def _prepared_keys(field, keys) -> list:
    return [field.get_prep_value(field.to_python(key)) for key in dict.fromkeys(keys)]


def rows_by_pk(model: type[Model], keys) -> list[Model]:
    """Like `model.objects.in_bulk(keys).values()`, in no particular order."""
    meta = model._meta
    sql = f'SELECT {columns(model)} FROM "{meta.db_table}" WHERE "{meta.pk.column}" = ANY(%s)'  # noqa: S608
    return instances(model, sql, [_prepared_keys(meta.pk, keys)])


def rows_by_fk(model: type[Model], fk_name: str, keys, order_by: tuple[str, ...]) -> list[Model]:
    """Like `model.objects.filter(<fk>__in=keys).order_by(*order_by)` (column names in `order_by`)."""
    meta = model._meta
    field = meta.get_field(fk_name)
    order = ", ".join(f'"{column}"' for column in order_by)
    sql = (f'SELECT {columns(model)} FROM "{meta.db_table}" WHERE "{field.column}" = ANY(%s) '  # noqa: S608
           f"ORDER BY {order}")
    return instances(model, sql, [_prepared_keys(field.target_field, keys)])

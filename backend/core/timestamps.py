"""PostgreSQL timestamps read by psycopg's own (C) loader.

Django 5.2 reads every `timestamptz` with a loader of its own: a Python subclass of psycopg's pure-Python loader,
which parses each value with a regular expression, then sets the connection's time zone on it. A product grid
reads about 124 timestamps: about a millisecond of CPU per page view. When the session's time zone is UTC, which
Django sets with USE_TZ and no database TIME_ZONE, psycopg's own loader (its C version with psycopg[binary]) gives
the same values: aware datetimes whose tzinfo is `datetime.UTC`. On such connections, this module's loader hands
each value to psycopg's. It subclasses the Python loader (the C one cannot be subclassed) and carries Django's
`timezone` attribute, so that Django does not register its own again on every cursor. A test holds the two
loaders' answers equal.
"""

from datetime import UTC

from django.conf import settings
from psycopg import adapters
from psycopg.pq import Format
from psycopg.types.datetime import TimestamptzLoader

TIMESTAMPTZ_OID = adapters.types["timestamptz"].oid
# psycopg's loader for timestamptz: the C class when the binary implementation is installed, else the Python one
_PSYCOPG_LOADER = adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)


class UtcTimestamptzLoader(TimestamptzLoader):
    timezone = UTC  # what Django compares with its connection's time zone

    def __init__(self, oid: int, context=None):
        super().__init__(oid, context)
        self.load = _PSYCOPG_LOADER(oid, context).load  # reads the session's time zone, as Django's does


def use_psycopg_timestamp_loader(sender, connection, **kwargs) -> None:
    """connection_created receiver: on a PostgreSQL connection in UTC, read timestamptz with psycopg's loader."""
    if connection.vendor != "postgresql" or not settings.USE_TZ or connection.timezone is not UTC:
        return
    connection.connection.adapters.register_loader("timestamptz", UtcTimestamptzLoader)

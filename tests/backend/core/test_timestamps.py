"""timestamptz values are read by psycopg's own loader on UTC connections (backend/core/timestamps.py): the values
must be exactly those Django's loader gives, and Django must not put its own back on each cursor."""

import datetime

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import register_tzloader

from backend.core.timestamps import TIMESTAMPTZ_OID, UtcTimestamptzLoader

TEXTS = ["2026-03-01 10:00:00.123+01", "1999-12-31 23:59:59.999999-05:30", "2026-11-29 00:00:00+00",
         "1900-01-01 12:34:56.5+00:09:21", "0044-03-15 12:00:00+02"]
QUERY = "SELECT " + ", ".join(f"'{text}'::timestamptz" for text in TEXTS) + ", NULL::timestamptz"


@pytest.mark.django_db
def test_timestamps_read_by_psycopg_equal_djangos_and_stay_on_every_cursor():
    with connection.cursor() as cursor:
        cursor.execute(QUERY)
        ours = cursor.fetchone()
        assert cursor.cursor.adapters.get_loader(TIMESTAMPTZ_OID, 0) is UtcTimestamptzLoader
    with connection.cursor() as cursor:
        register_tzloader(connection.timezone, cursor.cursor)  # Django's own loader, on this cursor only
        cursor.execute(QUERY)
        djangos = cursor.fetchone()

    assert ours == djangos
    assert [value.tzinfo for value in ours[:-1]] == [datetime.UTC] * len(TEXTS)
    assert ours[0] == datetime.datetime(2026, 3, 1, 9, 0, 0, 123000, tzinfo=datetime.UTC)
    assert ours[-1] is None

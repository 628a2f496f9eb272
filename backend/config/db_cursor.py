"""The cursor of the API's database connections (settings: DATABASES OPTIONS `cursor_factory`).

Parameters are bound by the server so that psycopg can prepare the statements a connection runs again and again
(see DB_SERVER_SIDE_BINDING in settings). PostgreSQL's protocol carries at most 65,535 parameters per statement:
a bulk insert of thousands of rows, or an `__in` of 100,000 ids (a search reindex), would be refused. Such a
statement is sent with its values written into the SQL, as client-side binding does (psycopg's own quoting).
"""

import psycopg
from django.db.backends.postgresql import base

MAX_BOUND_PARAMETERS = 65_535


class ServerBindingCursor(base.ServerBindingCursor):
    def execute(self, query, params=None, **kwargs):
        if params is not None and len(params) > MAX_BOUND_PARAMETERS:
            query, params = psycopg.ClientCursor(self.connection).mogrify(query, params), None
        return super().execute(query, params, **kwargs)

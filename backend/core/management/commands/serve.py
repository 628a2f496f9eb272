"""`comptoir serve [--port N] [--workers N]`: the production-grade server (gunicorn, several workers, static files
served by whitenoise).

The settings module has already started the embedded PostgreSQL (when DATABASE_URL is unset) and written its URL to
the environment before gunicorn forks, so every worker reuses that one server.
"""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# Processes and threads per process when neither the options nor WEB_CONCURRENCY / WEB_THREADS say otherwise (the
# server benchmark, tests/benchmarks/test_server_benchmark.py, compares them with other settings).
DEFAULT_WORKERS, DEFAULT_THREADS = 3, 4


def _positive_int(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError as error:
        raise CommandError(f"{name} doit être un nombre entier, reçu {value!r}.") from error
    if number < 1:
        raise CommandError(f"{name} doit être au moins 1, reçu {number}.")
    return number


def gunicorn_options(*, host: str, port: int, workers: int, threads: int) -> dict:
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",  # threads cover the time a request waits on PostgreSQL
        "threads": threads,
        "timeout": 60,
        "graceful_timeout": 20,
        "keepalive": 5,
        "max_requests": 2000,  # recycle workers now and then: no slow leak lives forever
        "max_requests_jitter": 200,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": os.environ.get("LOG_LEVEL", "info").lower(),
        "proc_name": "comptoir",
    }


class Command(BaseCommand):
    help = "Sert la plateforme avec gunicorn (plusieurs processus, fichiers statiques servis par whitenoise)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default=None, help="port d'écoute (par défaut PORT, sinon 8000)")
        parser.add_argument("--host", default=None, help="adresse d'écoute (par défaut HOST, sinon 127.0.0.1)")
        parser.add_argument("--workers", default=None,
                            help=f"nombre de processus (par défaut WEB_CONCURRENCY, sinon {DEFAULT_WORKERS})")
        parser.add_argument("--threads", default=None,
                            help=f"fils par processus (par défaut WEB_THREADS, sinon {DEFAULT_THREADS})")
        parser.add_argument("--stop-db", action="store_true",
                            help="arrêter le PostgreSQL embarqué quand le serveur s'arrête (utilisé par `make run`)")

    def handle(self, *args, **options):
        from django.db import connections
        from gunicorn.app.base import BaseApplication

        from backend.config.wsgi import application

        port = _positive_int("PORT", str(options["port"] or os.environ.get("PORT") or "8000"))
        host = options["host"] or os.environ.get("HOST") or "127.0.0.1"
        workers = _positive_int("WEB_CONCURRENCY", str(options["workers"] or os.environ.get("WEB_CONCURRENCY")
                                                       or DEFAULT_WORKERS))
        threads = _positive_int("WEB_THREADS", str(options["threads"] or os.environ.get("WEB_THREADS")
                                                   or DEFAULT_THREADS))
        config = gunicorn_options(host=host, port=port, workers=workers, threads=threads)
        # No connection may cross the fork: each worker opens its own.
        connections.close_all()

        class ComptoirServer(BaseApplication):
            def load_config(self):
                for key, value in config.items():
                    self.cfg.set(key, value)

            def load(self):
                return application

        shown_host = f"[{host}]" if ":" in host else host
        self.stdout.write(f"Comptoir de Mormal sur http://{shown_host}:{port}/ — GraphQL /graphql/, administration "
                          f"/admin/ ({workers} processus × {threads} fils). Ctrl+C pour arrêter.")
        if settings.DEBUG:
            self.stdout.write(self.style.WARNING("Attention : DEBUG est actif, à ne jamais faire en production."))
        master_pid = os.getpid()
        try:
            ComptoirServer().run()
        finally:
            # gunicorn's workers leave through SystemExit too: only the master may stop the database.
            if options["stop_db"] and os.getpid() == master_pid:
                self._stop_embedded_database()

    def _stop_embedded_database(self) -> None:
        from django.db import connections

        from backend.config.embedded_db import pgdata_path, stop_embedded

        if f"host={pgdata_path(settings.VAR_DIR)}" not in settings.DATABASE_URL:
            return  # DATABASE_URL points to a server we do not own
        connections.close_all()
        if stop_embedded(settings.VAR_DIR):
            self.stdout.write("Serveur PostgreSQL embarqué arrêté.")

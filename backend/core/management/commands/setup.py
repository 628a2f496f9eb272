"""`comptoir setup [--no-demo]`: everything a fresh database needs, safe to run again at every start.

migrate, the cache table, the reference data of the territory, the channel, VAT classes and legal pages, the demo
catalogue (unless --no-demo, or in production), the staff account, and the static files.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from backend.core.plugins import get_plugin_manager
from backend.demo.essentials import essentials_ensure

STATIC_STAMP = ".comptoir-collected"


def static_sources_fingerprint() -> str:
    """Names, sizes and dates of every static source file: when unchanged, collecting again is wasted time
    (whitenoise compresses every file again, about 15 s of CPU)."""
    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = Path(storage.path(path)).stat()
            digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    digest.update(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    return digest.hexdigest()


class Command(BaseCommand):
    help = "Prépare la plateforme : base de données, données de référence, démonstration, compte admin, statiques."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="ne pas charger le catalogue de démonstration")
        parser.add_argument("--no-static", action="store_true", help="ne pas rassembler les fichiers statiques")

    def handle(self, *args, no_demo=False, no_static=False, **options):
        verbosity = options.get("verbosity", 1)
        quiet = {"verbosity": 0}
        with_demo = not no_demo and settings.COMPTOIR_ENV != "production"
        plugin_steps = get_plugin_manager().filter("setup_steps", [], with_demo=with_demo)
        steps = 6 + len(plugin_steps)
        step = iter(range(1, steps + 1))

        def say(text: str) -> None:
            if verbosity:
                self.stdout.write(self.style.MIGRATE_HEADING(f"[{next(step)}/{steps}] {text}"))

        say("Base de données : migrations")
        call_command("migrate", interactive=False, verbosity=min(verbosity, 1))
        say("Table du cache")
        call_command("createcachetable", **quiet)
        say("Données de référence du territoire")
        call_command("load_reference", verbosity=verbosity, stdout=self.stdout)
        say("Canal de vente, classes de TVA, pages légales" + (" et catalogue de démonstration" if with_demo else ""))
        essentials_ensure()
        if with_demo:
            call_command("load_demo", verbosity=verbosity, stdout=self.stdout)
        elif verbosity:
            self.stdout.write("Catalogue de démonstration non chargé.")
        for label, command, command_options in plugin_steps:
            say(label)
            call_command(command, verbosity=verbosity, stdout=self.stdout, **command_options)
        # Products created above are flagged dirty: give them their search vectors now (issue 7).
        call_command("update_search_index", "--no-progress", stdout=self.stdout)
        # Fresh planner statistics after a bulk load (autovacuum would gather them only later): without them
        # PostgreSQL expected one listed product out of 436 and sorted every wide row of the catalogue to show 24.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        say("Compte d'administration")
        call_command("create_admin", verbosity=verbosity, stdout=self.stdout)
        say("Fichiers statiques")
        self._collect_static(no_static, verbosity)
        if verbosity:
            self.stdout.write(self.style.SUCCESS("La plateforme est prête. Lancez `comptoir serve` (ou `make run`)."))

    def _collect_static(self, no_static: bool, verbosity: int) -> None:
        if no_static:
            self.stdout.write("Ignorés (--no-static).")
            return
        stamp = Path(settings.STATIC_ROOT) / STATIC_STAMP
        fingerprint = static_sources_fingerprint()
        if stamp.exists() and stamp.read_text() == fingerprint:
            if verbosity:
                self.stdout.write("Déjà à jour.")
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.write_text(fingerprint)

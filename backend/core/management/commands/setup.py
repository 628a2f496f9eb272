"""`comptoir setup [--no-demo]`: everything a fresh database needs, safe to run again at every start.

migrate, the cache table, the reference data of the territory, the channel, VAT classes and legal pages, the demo
catalogue (unless --no-demo, or in production), the staff account, and the static files.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from backend.demo.essentials import essentials_ensure


class Command(BaseCommand):
    help = "Prépare la plateforme : base de données, données de référence, démonstration, compte admin, statiques."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="ne pas charger le catalogue de démonstration")
        parser.add_argument("--no-static", action="store_true", help="ne pas rassembler les fichiers statiques")

    def handle(self, *args, no_demo=False, no_static=False, **options):
        verbosity = options.get("verbosity", 1)
        quiet = {"verbosity": 0}
        with_demo = not no_demo and settings.COMPTOIR_ENV != "production"
        steps = 6
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
        say("Compte d'administration")
        call_command("create_admin", verbosity=verbosity, stdout=self.stdout)
        say("Fichiers statiques")
        if no_static:
            self.stdout.write("Ignorés (--no-static).")
        else:
            call_command("collectstatic", interactive=False, **quiet)
        if verbosity:
            self.stdout.write(self.style.SUCCESS("La plateforme est prête. Lancez `comptoir serve` (ou `make run`)."))

"""`comptoir vrptw FILE --time-limit SECONDS --seed N`: solve a Solomon-format VRPTW file, print one JSON object."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from logistics.planning.solomon import solve_solomon


class Command(BaseCommand):
    help = "Résout une instance VRPTW au format Solomon et affiche un objet JSON (distance, véhicules, faisabilité)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier d'instance au format Solomon")
        parser.add_argument("--time-limit", type=float, default=10.0, help="temps de calcul en secondes (10)")
        parser.add_argument("--seed", type=int, default=1, help="graine du générateur aléatoire (1)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        if options["time_limit"] <= 0:
            raise CommandError("--time-limit doit être positif.")
        try:
            result = solve_solomon(path, time_limit=options["time_limit"], seed=options["seed"])
        except ValueError as exc:
            raise CommandError(f"Instance illisible ({path.name}) : {exc}") from exc
        self.stdout.write(json.dumps(result.as_json()))

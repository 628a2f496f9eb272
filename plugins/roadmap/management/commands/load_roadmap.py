from django.core.management.base import BaseCommand

from plugins.roadmap.seed import load_roadmap


class Command(BaseCommand):
    help = ("Charge la feuille de route numérique (axes, projets, tiers-lieux) et les ateliers de démonstration. "
            "Peut être relancée sans créer de doublons.")

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=None, help="Graine des données de démonstration.")
        parser.add_argument("--sans-demo", action="store_true", dest="no_demo",
                            help="Ne pas créer les ateliers de démonstration.")

    def handle(self, *args, seed=None, no_demo=False, **options):
        result = load_roadmap(seed=seed, demo=not no_demo)
        self.stdout.write(self.style.SUCCESS(
            f"Feuille de route : {result.axes} axes, {result.projects} projets, {result.tiers_lieux} tiers-lieux ; "
            f"ateliers de démonstration : {result.workshops_held} passés, {result.workshops_upcoming} à venir."))

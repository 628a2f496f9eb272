"""`comptoir load-demo [--seed N]`: build or update the deterministic demo catalogue (see backend/demo)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from backend.demo.catalogue import demo_catalogue_load


class Command(BaseCommand):
    help = "Crée (ou met à jour) le catalogue de démonstration : producteurs, points de retrait, 400+ produits."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=None,
            help=f"graine du générateur (par défaut COMPTOIR_DEMO_SEED = {settings.COMPTOIR_DEMO_SEED})")

    def handle(self, *args, seed=None, **options):
        if settings.COMPTOIR_ENV == "production":
            raise CommandError("COMPTOIR_ENV=production : les données de démonstration ne sont pas chargées.")
        show_bar = options.get("verbosity", 1) >= 1
        # tqdm writes to stderr: Django's stdout wrapper would add a newline to every refresh of the bar.
        bar = tqdm(desc="Produits de démonstration", unit=" produit", disable=not show_bar)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done)

        try:
            result = demo_catalogue_load(seed=seed, progress=progress)
        finally:
            bar.close()
        if not show_bar:
            return
        seconds = f"{result.seconds:.1f}".replace(".", ",")
        self.stdout.write(
            f"Catalogue de démonstration (graine {result.seed}) : {result.producers} producteurs, "
            f"{result.pickup_points} points de retrait, {result.products} produits, {result.variants} variantes, "
            f"{result.images_drawn} images dessinées, en {seconds} s."
        )

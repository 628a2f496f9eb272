"""`comptoir update-search-index [--all]`: reindex the products flagged dirty (or all of them) with a progress bar."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from backend.commerce.search.services import search_index_dirty_products, search_reindex_all


class Command(BaseCommand):
    help = "Met à jour l'index de recherche des produits modifiés (ou de tous avec --all)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Réindexer tous les produits.")
        parser.add_argument("--no-progress", action="store_true", help="Sans barre de progression (journaux, cron).")

    def handle(self, *args, **options):
        with tqdm(total=0, unit="produit", desc="Indexation", disable=options["no_progress"],
                  file=self.stderr._out) as bar:

            def progress(current: int, total: int) -> None:
                bar.total = total
                bar.n = current
                bar.refresh()

            if options["all"]:
                count = search_reindex_all(progress=progress)
            else:
                count = search_index_dirty_products(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"{count} produit(s) réindexé(s)."))

"""`comptoir search-reindex`: rebuild the whole search index with a progress bar. With Elasticsearch, a new index is
filled then swapped in behind the alias (no downtime); `--async` hands the work to a celery worker instead."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from backend.commerce.search.backends import get_search_backend
from backend.commerce.search.services import search_reindex_all


class Command(BaseCommand):
    help = "Reconstruit tout l'index de recherche (Elasticsearch : nouvel index puis bascule d'alias)."

    def add_arguments(self, parser):
        parser.add_argument("--async", dest="run_async", action="store_true",
                            help="Confier la réindexation à un worker celery et rendre la main.")
        parser.add_argument("--no-progress", action="store_true", help="Sans barre de progression.")

    def handle(self, *args, **options):
        if options["run_async"]:
            from backend.commerce.search.tasks import search_reindex_all_task

            result = search_reindex_all_task.delay()
            self.stdout.write(f"Réindexation confiée au worker (tâche {result.id}).")
            return
        backend = get_search_backend()
        with tqdm(total=0, unit="produit", desc=f"Réindexation ({backend.name})", disable=options["no_progress"],
                  file=self.stderr._out) as bar:

            def progress(current: int, total: int) -> None:
                bar.total = total
                bar.n = current
                bar.refresh()

            count = search_reindex_all(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"{count} produit(s) réindexé(s) ({backend.name})."))

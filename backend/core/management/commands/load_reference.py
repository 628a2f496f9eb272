"""`comptoir load-reference`: load the real territory (52 communes, libraries, France services) from the CSV files."""

from django.core.management.base import BaseCommand

from backend.commerce.territory.services import reference_data_load


class Command(BaseCommand):
    help = "Charge les données de référence du territoire (communes, bibliothèques, France services)."

    def handle(self, *args, **options):
        result = reference_data_load()
        self.stdout.write(f"Données de référence : {result.communes} communes, {result.libraries} bibliothèques, "
                          f"{result.france_services} France services.")

"""`comptoir logistics-demo [--date YYYY-MM-DD]`: hub, pickup points and slots, vehicles and a distribution day for
the demo territory (run after the demo data; running it twice changes nothing)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from logistics.models import PickupPoint, Vehicle
from logistics.services.setup import logistics_demo_setup


class Command(BaseCommand):
    help = "Prépare la logistique de démonstration : hub du Quesnoy, créneaux de retrait, véhicules, journée."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="date de la journée (par défaut : vendredi prochain), AAAA-MM-JJ")

    def handle(self, *args, **options):
        date = None
        if options["date"]:
            try:
                date = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"Date invalide « {options['date']} » : format attendu AAAA-MM-JJ.") from None
        day = logistics_demo_setup(date=date)
        self.stdout.write(f"Journée du {day.date:%d/%m/%Y} au hub « {day.hub} » : "
                          f"{PickupPoint.objects.count()} point(s) de retrait, {Vehicle.objects.count()} véhicule(s).")

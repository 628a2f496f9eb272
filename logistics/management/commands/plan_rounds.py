"""`comptoir plan-rounds --date YYYY-MM-DD [--time-limit S] [--seed N]`: plan a distribution day's rounds, with a
progress bar, and print the rounds (the same service as the staff page and its celery task)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from logistics.models import DistributionDay, Round
from logistics.services.planning import STEPS, plan_rounds


class Command(BaseCommand):
    help = "Planifie les tournées d'une journée de distribution (les arrêts déjà faits sont gardés)."

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help="date de la journée, AAAA-MM-JJ")
        parser.add_argument("--time-limit", type=float, default=None, help="temps de calcul en secondes")
        parser.add_argument("--seed", type=int, default=1, help="graine du solveur (1)")

    def handle(self, *args, **options):
        try:
            date = datetime.date.fromisoformat(options["date"])
        except ValueError:
            raise CommandError(f"Date invalide « {options['date']} » : format attendu AAAA-MM-JJ.") from None
        day = DistributionDay.objects.filter(date=date).first()
        if day is None:
            raise CommandError(f"Aucune journée de distribution le {date:%d/%m/%Y}.")
        if options["time_limit"] is not None and options["time_limit"] <= 0:
            raise CommandError("--time-limit doit être positif.")
        with tqdm(total=len(STEPS), desc="Planification", unit="étape", file=self.stderr._out,
                  bar_format="{desc}: {n}/{total} |{bar}| {postfix}") as bar:
            def progress(current: int, total: int, step: str) -> None:
                bar.n = current
                bar.set_postfix_str(step)
                bar.refresh()

            outcome = plan_rounds(day_id=day.pk, time_limit=options["time_limit"], seed=options["seed"],
                                  progress=progress)
        if not outcome.ok:
            raise CommandError(outcome.message)
        self.stdout.write(outcome.message)
        for round_ in Round.objects.filter(day=day).select_related("vehicle", "courier__user").order_by(
                "departure", "vehicle__name"):
            km = f"{round_.planned_km:.1f}".replace(".", ",")
            self.stdout.write(f"- {round_.vehicle} · {round_.get_kind_display().lower()} n° {round_.number} : "
                              f"{round_.departure:%H:%M} → {round_.return_time:%H:%M}, {km} km")
            for stop in round_.stops.order_by("position"):
                self.stdout.write(f"    {stop.position}. {stop.planned_arrival:%H:%M} {stop.name}")
        for name, reason in outcome.unserved.items():
            self.stdout.write(f"Non servi : {name} — {reason}")

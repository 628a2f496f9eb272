"""`comptoir plan-demo-day [--time-limit S] [--seed N] [--json]`: plan the demo distribution day and show the rounds."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from logistics.planning.demo_day import build_demo_day
from logistics.planning.distances import default_provider
from logistics.planning.plan import Plan, clock
from logistics.planning.solver import solve_problem

COMMUNES = Path(settings.BASE_DIR) / "backend" / "commerce" / "territory" / "data" / "communes-pays-de-mormal.csv"


def _fr(value: float) -> str:
    """12.5 -> "12,5" (French decimal comma)."""
    return f"{value:.1f}".replace(".", ",")


def _plan_json(plan: Plan) -> dict:
    return {
        **plan.summary(),
        "baseline_km": round(plan.baseline.distance_m / 1000, 1) if plan.baseline else None,
        "baseline_co2_kg": round(plan.baseline.co2_g / 1000, 1) if plan.baseline else None,
        "rounds_detail": [
            {"vehicle": day.vehicle, "kind": trip.kind, "leaves": clock(trip.departure),
             "back": clock(trip.return_time), "km": round(trip.distance_m / 1000, 1),
             "fill_rate": trip.fill_rate, "co2_kg": round(trip.co2_g / 1000, 2),
             "stops": [{"stop": v.stop, "arrival": clock(v.arrival), "start": clock(v.start)} for v in trip.visits]}
            for day in plan.vehicles for trip in day.trips
        ],
        "unserved_detail": [{"stop": u.stop, "reason": u.reason} for u in plan.unserved],
        "violations_detail": list(plan.violations),
        "notes": list(plan.notes),
    }


class Command(BaseCommand):
    help = "Planifie la journée de distribution de démonstration (producteurs, points de retrait, domiciles)."

    def add_arguments(self, parser):
        parser.add_argument("--time-limit", type=float, default=7.0, help="temps de calcul en secondes (7)")
        parser.add_argument("--seed", type=int, default=1, help="graine du solveur (1)")
        parser.add_argument("--json", action="store_true", help="sortie JSON au lieu du texte")

    def handle(self, *args, **options):
        if options["time_limit"] <= 0:
            raise CommandError("--time-limit doit être positif.")
        problem = build_demo_day(COMMUNES)
        plan = solve_problem(problem, provider=default_provider(), time_limit=options["time_limit"],
                             seed=options["seed"])
        if options["json"]:
            self.stdout.write(json.dumps(_plan_json(plan), ensure_ascii=False))
            return
        self.stdout.write(f"{len(problem.collections)} producteurs à collecter, {len(problem.deliveries)} livraisons.")
        for day in plan.vehicles:
            for trip in day.trips:
                label = {"collection": "collecte", "delivery": "livraison"}.get(trip.kind, "mixte")
                self.stdout.write(f"\n{day.vehicle} — {label}, départ {clock(trip.departure)}, retour "
                                  f"{clock(trip.return_time)}, {_fr(trip.distance_m / 1000)} km")
                for visit in trip.visits:
                    self.stdout.write(f"  {clock(visit.start)}  {visit.stop}")
        for item in plan.unserved:
            self.stdout.write(f"\nNon servi : {item.stop} — {item.reason}")
        for violation in plan.violations:
            self.stdout.write(f"Contrôle : {violation}")
        total = f"\nTotal : {_fr(plan.distance_m / 1000)} km, {_fr(plan.co2_g / 1000)} kg de CO2"
        if plan.baseline:
            total += (f" (chaque producteur seul : {_fr(plan.baseline.distance_m / 1000)} km, "
                      f"{_fr(plan.baseline.co2_g / 1000)} kg)")
        self.stdout.write(total + ("." if plan.feasible else " — plan NON réalisable, voir ci-dessus."))

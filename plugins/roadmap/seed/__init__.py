"""`load_roadmap()`: everything the roadmap pages need, in one transaction. `comptoir load-roadmap` and
`comptoir setup` call it; running it again creates nothing new."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from backend.commerce.territory.models import Commune


@dataclass(frozen=True)
class RoadmapSeedResult:
    axes: int
    projects: int
    tiers_lieux: int
    workshops_held: int
    workshops_upcoming: int


@transaction.atomic
def load_roadmap(*, seed: int | None = None, today: date | None = None, demo: bool = True) -> RoadmapSeedResult:
    from plugins.roadmap.seed.pages import roadmap_pages_load
    from plugins.roadmap.seed.places import tiers_lieux_load
    from plugins.roadmap.seed.workshops import DemoResult, demo_workshops_load

    if not Commune.objects.exists():  # the workshops and places hang on the communes: load them first
        from backend.commerce.territory.services import reference_data_load

        reference_data_load()
    pages = roadmap_pages_load()
    tiers_lieux = tiers_lieux_load()
    workshops = demo_workshops_load(seed=seed, today=today) if demo else DemoResult(held=0, upcoming=0)
    return RoadmapSeedResult(axes=pages["axes"], projects=pages["projects"], tiers_lieux=tiers_lieux,
                             workshops_held=workshops.held, workshops_upcoming=workshops.upcoming)

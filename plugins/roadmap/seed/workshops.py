"""Demo workshops, deterministic from settings.COMPTOIR_DEMO_SEED and the day the seed runs.

Every row is marked `is_demo` and says so in its description. 35 communes get one workshop already held (the
roadmap reports workshops held in 35 of the communes; which ones is not published, so the demo draws them), and
upcoming workshops fill the coming six weeks. Rows are keyed by `demo_key`: running the seed again updates them.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from backend.commerce.territory.models import Commune, PublicPlace
from plugins.roadmap.models import Registration, Workshop, WorkshopTheme
from plugins.roadmap.seed.content import BOURGS_CENTRES, of_commune

HELD_COMMUNES = 35
UPCOMING_WORKSHOPS = 18
UPCOMING_WEEKS = 6
DEMO_NOTE = "Atelier de démonstration : ce créneau illustre le fonctionnement du calendrier et des inscriptions."


@dataclass(frozen=True)
class ThemeText:
    theme: str
    title: str
    description: str


THEMES = (
    ThemeText(WorkshopTheme.FIRST_STEPS, "Premiers pas avec la tablette et le smartphone",
              "Allumer, naviguer, envoyer un message ou une photo : les gestes de base, à votre rythme, avec du "
              "matériel prêté sur place."),
    ThemeText(WorkshopTheme.ONLINE_PROCEDURES, "Faire ses démarches en ligne en confiance",
              "Créer son compte, trouver le bon site, déposer un document : on fait ensemble une démarche courante, "
              "pas à pas."),
    ThemeText(WorkshopTheme.HEALTH_VR, "Découvrir la réalité virtuelle au service de la santé",
              "Essayer un casque de réalité virtuelle et découvrir des usages du numérique liés à la santé et au "
              "bien-être."),
    ThemeText(WorkshopTheme.CYBERSECURITY, "Reconnaître les arnaques en ligne",
              "Faux messages, faux sites, mots de passe : les bons réflexes pour se protéger au quotidien."),
    ThemeText(WorkshopTheme.BUSINESS, "Vendre en ligne : les bases pour les artisans et producteurs",
              "Présenter ses produits, gérer ses commandes et ses retraits : une introduction pratique à la vente "
              "en ligne."),
    ThemeText(WorkshopTheme.CULTURE, "Les ressources numériques des bibliothèques",
              "Livres numériques, presse en ligne, musique : découvrir ce que les bibliothèques proposent depuis chez "
              "soi."),
    ThemeText(WorkshopTheme.TOWN_HALL, "Les outils numériques de la mairie",
              "Un atelier pour les secrétaires de mairie et les élus : outils en ligne, échanges de pratiques."),
)
SLOTS = ((time(9, 30), time(11, 30)), (time(14, 0), time(16, 0)), (time(18, 0), time(20, 0)))
CAPACITIES = (6, 8, 10, 12)


@dataclass(frozen=True)
class DemoResult:
    held: int
    upcoming: int


def _at(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment), timezone.get_default_timezone())


def _venue(commune: Commune, libraries: dict[str, PublicPlace]) -> tuple[PublicPlace | None, str]:
    library = libraries.get(commune.insee)
    if library is not None:
        return library, ""
    return None, f"Salle communale {of_commune(commune.name)} (lieu de démonstration)"


def _save(key: str, commune: Commune, text: ThemeText, day: date, slot: tuple[time, time], capacity: int,
          libraries: dict[str, PublicPlace]) -> Workshop:
    venue, address = _venue(commune, libraries)
    workshop, _ = Workshop.objects.update_or_create(demo_key=key, defaults={
        "title": text.title, "theme": text.theme, "description": f"{text.description}\n\n{DEMO_NOTE}",
        "commune": commune, "venue": venue, "venue_address": address,
        "starts_at": _at(day, slot[0]), "ends_at": _at(day, slot[1]), "capacity": capacity,
        "is_published": True, "is_cancelled": False, "is_demo": True,
    })
    return workshop


def _fill_demo_workshop(workshop: Workshop) -> None:
    """Book every place of one upcoming demo workshop, so that the site shows what a full workshop looks like."""
    if Registration.objects.filter(workshop=workshop).exists():
        return
    for n in range(workshop.capacity):
        Registration.objects.create(workshop=workshop, name=f"Inscription de démonstration {n + 1}",
                                    email=f"demo{n + 1}@exemple.invalid", seats=1,
                                    confirmation_sent_at=timezone.now())


def demo_workshops_load(*, seed: int | None = None, today: date | None = None) -> DemoResult:
    communes = list(Commune.objects.order_by("insee"))
    if not communes:
        return DemoResult(held=0, upcoming=0)
    rng = random.Random(settings.COMPTOIR_DEMO_SEED if seed is None else seed)
    today = today or timezone.localdate()
    libraries = {}
    places = PublicPlace.objects.filter(kind=PublicPlace.Kind.LIBRARY, location_doubtful=False, latitude__isnull=False)
    for place in places.order_by("pk"):
        libraries.setdefault(place.commune_id, place)
    held = sorted(rng.sample(communes, min(HELD_COMMUNES, len(communes))), key=lambda c: c.insee)
    for i, commune in enumerate(held):
        day = today - timedelta(days=7 * (i + 1) + rng.randrange(0, 5))
        _save(f"demo-held-{commune.insee}", commune, rng.choice(THEMES), day, rng.choice(SLOTS),
              rng.choice(CAPACITIES), libraries)
    # Upcoming: the bourgs-centres first, then communes drawn from the whole territory.
    pool = [c for c in communes if c.insee in BOURGS_CENTRES] + rng.sample(communes, len(communes))
    upcoming = []
    for n in range(UPCOMING_WORKSHOPS):
        day = today + timedelta(days=1 + (n * 7 * UPCOMING_WEEKS) // UPCOMING_WORKSHOPS + rng.randrange(0, 2))
        upcoming.append(_save(f"demo-next-{n + 1:02d}", pool[n], THEMES[n % len(THEMES)], day, rng.choice(SLOTS),
                              rng.choice(CAPACITIES), libraries))
    _fill_demo_workshop(upcoming[3])
    return DemoResult(held=len(held), upcoming=len(upcoming))

"""The three tiers-lieux of the bourgs-centres, as public places.

No open dataset of tiers-lieux covers the territory (data/SOURCES.md, section 6): these rows stand for the roadmap's
projects. They carry no address, sit on the commune's centroid and are flagged as doubtful positions, so the maps say
"position approximative" and nobody is sent to a wrong door.
"""

from backend.commerce.territory.models import Commune, PublicPlace
from plugins.roadmap.seed.content import BOURGS_CENTRES, of_commune

TIERS_LIEU_SOURCE = "Feuille de route numérique du Pays de Mormal (projet ; donnée indicative)"
TIERS_LIEU_NOTE = ("Projet de tiers-lieu inscrit à la feuille de route : l'adresse et les horaires ne sont pas "
                   "encore connus. Le point sur la carte est le centre de la commune, pas le lieu lui-même.")


def tiers_lieux_load() -> int:
    communes = Commune.objects.filter(insee__in=BOURGS_CENTRES).order_by("insee")
    for commune in communes:
        PublicPlace.objects.update_or_create(
            kind=PublicPlace.Kind.TIERS_LIEU,
            source_id=f"feuille-de-route-{commune.insee}",
            defaults={
                "name": f"Tiers-lieu {of_commune(commune.name)} (projet)",
                "commune": commune,
                "address": "",
                "postcode": commune.main_postcode,
                "latitude": commune.latitude,
                "longitude": commune.longitude,
                "location_doubtful": True,
                "source": TIERS_LIEU_SOURCE,
                "note": TIERS_LIEU_NOTE,
            },
        )
    return PublicPlace.objects.filter(kind=PublicPlace.Kind.TIERS_LIEU).count()

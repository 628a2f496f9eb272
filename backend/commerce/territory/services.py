"""Loading of the reference data of the territory (data/*.csv, see data/SOURCES.md) into Commune and PublicPlace.

Idempotent: every row is keyed (INSEE code for communes, (kind, source id) for places) and written with
update_or_create, so running the loader again updates the rows in place and never duplicates them.
"""

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from backend.commerce.territory.models import Commune, PublicPlace

DATA_DIR = Path(__file__).resolve().parent / "data"
COMMUNES_FILE = "communes-pays-de-mormal.csv"
LIBRARIES_FILE = "bibliotheques-pays-de-mormal.csv"
FRANCE_SERVICES_FILE = "france-services-pays-de-mormal.csv"

# The three bourgs-centres of the CC du Pays de Mormal (Petites villes de demain): Le Quesnoy, Bavay, Landrecies.
BOURG_CENTRE_INSEE = frozenset({"59481", "59053", "59331"})

SOURCE_COMMUNES = ("INSEE (COG 2026, populations légales 2023), DGCL, La Poste, IGN ADMIN EXPRESS — "
                   "Licence Ouverte Etalab")
SOURCE_LIBRARIES = ("Ministère de la Culture, « Adresses des bibliothèques publiques » (copie préparée "
                    "SandraRiner/offre_culturelle) — Licence Ouverte")
SOURCE_FRANCE_SERVICES = "ANCT, « Liste des structures France services » (août 2024) — Licence Ouverte 2.0"

# Doubts written down in data/SOURCES.md (section 4 and 5), kept on the rows so that staff see them in the admin.
LIBRARY_DOUBTS: dict[str, tuple[bool, str]] = {
    "LI8634": (True, "Position fausse dans la source : le point tombe à Louvignies-Quesnoy, à 6 km de Ruesnes. "
                     "Ne pas l'utiliser pour une carte ou une tournée."),
    "LI2522": (False, "Point à 2,1 km à l'ouest du centre de la commune : à vérifier."),
    "BD2546": (False, "Service départemental (Médiathèque départementale du Nord), pas une bibliothèque de prêt "
                      "au public ; la source ne donne pas de coordonnées."),
}
FRANCE_SERVICES_DOUBT = ("La source donne le code postal 59530 alors que Landrecies est en 59550 : "
                         "probablement une erreur de la source, valeur gardée telle que publiée.")
# Values the source writes in the website column to mean "none".
NO_WEBSITE = {"", "aucun", "non", "pas de site internet", "bibliothèque de salesches"}


@dataclass(frozen=True)
class ReferenceLoadResult:
    communes: int
    libraries: int
    france_services: int


def _read_csv(name: str, data_dir: Path) -> list[dict[str, str]]:
    with (data_dir / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _decimal_or_none(value: str) -> Decimal | None:
    value = (value or "").strip()
    return Decimal(value) if value else None


def _website(value: str) -> str:
    value = (value or "").strip()
    if value.lower() in NO_WEBSITE:
        return ""
    return value if value.startswith("http") else f"http://{value}"


def communes_load(*, data_dir: Path = DATA_DIR) -> int:
    rows = _read_csv(COMMUNES_FILE, data_dir)
    for row in rows:
        Commune.objects.update_or_create(
            insee=row["insee"],
            defaults={
                "name": row["name"],
                "slug": slugify(row["name"]),
                "postcodes": [code for code in row["postcode"].split("|") if code],
                "population": int(row["population"]),
                "latitude": Decimal(row["lat"]),
                "longitude": Decimal(row["lon"]),
                "is_bourg_centre": row["insee"] in BOURG_CENTRE_INSEE,
            },
        )
    return len(rows)


def libraries_load(*, data_dir: Path = DATA_DIR) -> int:
    rows = _read_csv(LIBRARIES_FILE, data_dir)
    for row in rows:
        doubtful, note = LIBRARY_DOUBTS.get(row["code_bib"], (False, ""))
        PublicPlace.objects.update_or_create(
            kind=PublicPlace.Kind.LIBRARY,
            source_id=row["code_bib"],
            defaults={
                "name": row["name"],
                "commune_id": row["insee"],
                "address": row["address"],
                "postcode": row["postcode_in_source"],
                "latitude": _decimal_or_none(row["lat"]),
                "longitude": _decimal_or_none(row["lon"]),
                "location_doubtful": doubtful,
                "website": _website(row["website_in_source"]),
                "source": SOURCE_LIBRARIES,
                "note": note,
            },
        )
    return len(rows)


def france_services_load(*, data_dir: Path = DATA_DIR) -> int:
    rows = _read_csv(FRANCE_SERVICES_FILE, data_dir)
    for row in rows:
        address = ", ".join(part for part in (row["adresse"], row["complement_adresse"]) if part)
        PublicPlace.objects.update_or_create(
            kind=PublicPlace.Kind.FRANCE_SERVICES,
            source_id=row["id_fs"],
            defaults={
                "name": row["lib_fs"],
                "commune_id": row["insee_com"],
                "address": address,
                "postcode": row["code_postal"],
                "latitude": _decimal_or_none(row["latitude"]),
                "longitude": _decimal_or_none(row["longitude"]),
                "phone": row["telephone"],
                "email": row["mail"],
                "source": SOURCE_FRANCE_SERVICES,
                "note": f"{row['labellisation_fs']}. {FRANCE_SERVICES_DOUBT}",
            },
        )
    return len(rows)


@transaction.atomic
def reference_data_load(*, data_dir: Path = DATA_DIR) -> ReferenceLoadResult:
    """Load the communes first (places point to them), all in one transaction: never half-loaded."""
    communes = communes_load(data_dir=data_dir)
    return ReferenceLoadResult(
        communes=communes,
        libraries=libraries_load(data_dir=data_dir),
        france_services=france_services_load(data_dir=data_dir),
    )

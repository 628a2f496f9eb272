"""Reading a producer's CSV file row by row (streaming: one row in memory at a time) and checking each row.

Columns (header names are matched without accents or case): sku, nom, categorie, prix_ttc, stock, poids_kg, tva,
publie. UTF-8 with or without BOM; `;` or `,` separator, detected from the header line; French decimals "1 234,50".
"""

import csv
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from plugins.producers.portal.decimals import parse_french_decimal

COLUMNS = {
    "sku": "sku", "reference": "sku", "ref": "sku",
    "nom": "name", "produit": "name",
    "categorie": "category", "rayon": "category",
    "prix_ttc": "price", "prix": "price",
    "stock": "stock", "quantite": "stock",
    "poids_kg": "weight", "poids": "weight",
    "tva": "vat", "taux_tva": "vat",
    "publie": "published", "en_ligne": "published",
}
YES = {"oui", "o", "1", "vrai", "x", "yes"}
NO = {"non", "n", "0", "faux", "", "no"}
MAX_PRICE = Decimal("100000")


class CsvFormatError(Exception):
    """The file as a whole cannot be read (encoding, missing header): a French message for the producer."""


@dataclass
class Row:
    line: int
    sku: str = ""
    name: str = ""
    category: str = ""
    price: Decimal | None = None
    stock: int | None = None
    weight: Decimal | None = None
    vat: Decimal | None = None
    published: bool | None = None
    errors: list[str] = field(default_factory=list)


def _key(header: str) -> str:
    text = unicodedata.normalize("NFKD", header.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace(" ", "_").replace("-", "_").replace("(€)", "").strip("_")


def _lines(handle) -> Iterator[str]:
    try:
        yield from handle
    except UnicodeDecodeError:
        raise CsvFormatError("Le fichier n'est pas en UTF-8 : enregistrez-le au format « CSV UTF-8 ».") from None


def read_rows(path) -> Iterator[Row]:
    """Checked rows of the file, one at a time (the file is never loaded whole)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        lines = _lines(handle)
        header_line = next(lines, "")
        if not header_line.strip():
            raise CsvFormatError("Le fichier est vide.")
        delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
        header = [COLUMNS.get(_key(name), "") for name in next(csv.reader([header_line], delimiter=delimiter))]
        for required, label in (("sku", "sku"), ("name", "nom"), ("price", "prix_ttc")):
            if required not in header:
                raise CsvFormatError(f"La colonne « {label} » manque dans la première ligne du fichier.")
        line = 1
        reader = csv.reader(lines, delimiter=delimiter)
        while True:
            try:
                values = next(reader, None)
            except csv.Error:
                raise CsvFormatError(f"Le fichier n'est pas un CSV lisible (ligne {line + 1}).") from None
            if values is None:
                return
            line += 1
            if not any(value.strip() for value in values):
                continue
            yield check_row(line, dict(zip(header, values, strict=False)))


def check_row(line: int, values: dict) -> Row:
    """Everything that can be checked without the database."""
    row = Row(line=line, sku=values.get("sku", "").strip()[:255], name=values.get("name", "").strip()[:250],
              category=values.get("category", "").strip())
    if not row.sku:
        row.errors.append("La référence (sku) est obligatoire.")
    if not row.name:
        row.errors.append("Le nom du produit est obligatoire.")
    raw_price = values.get("price", "").strip()
    if not raw_price:
        row.errors.append("Le prix TTC est obligatoire.")
    else:
        try:
            row.price = parse_french_decimal(raw_price)
        except ValueError:
            row.errors.append(f"Le prix « {raw_price} » n'est pas un nombre (exemple : 1 234,50).")
        else:
            if row.price <= 0 or row.price > MAX_PRICE:
                row.errors.append(f"Le prix doit être compris entre 0,01 et 100 000 € (« {raw_price} »).")
            elif row.price.as_tuple().exponent < -2:
                row.errors.append(f"Le prix se donne au centime près (« {raw_price} »).")
    raw_stock = values.get("stock", "").strip()
    if raw_stock:
        try:
            stock = parse_french_decimal(raw_stock)
        except ValueError:
            stock = None
        if stock is None or stock != stock.to_integral_value():
            row.errors.append(f"Le stock doit être un nombre entier (« {raw_stock} »).")
        elif stock < 0:
            row.errors.append(f"Le stock ne peut pas être négatif ({raw_stock}).")
        else:
            row.stock = int(stock)
    raw_weight = values.get("weight", "").strip()
    if raw_weight:
        try:
            row.weight = parse_french_decimal(raw_weight)
        except ValueError:
            row.errors.append(f"Le poids « {raw_weight} » n'est pas un nombre de kilos (exemple : 0,250).")
        else:
            if row.weight < 0 or row.weight >= 10000:
                row.errors.append(f"Le poids doit être compris entre 0 et 9 999 kg (« {raw_weight} »).")
    raw_vat = values.get("vat", "").strip().removesuffix("%").strip()
    if raw_vat:
        try:
            row.vat = parse_french_decimal(raw_vat)
        except ValueError:
            row.errors.append(f"Le taux de TVA « {raw_vat} » n'est pas un nombre (5,5, 10 ou 20).")
    raw_published = _key(values.get("published", ""))
    if raw_published in YES:
        row.published = True
    elif raw_published in NO:
        row.published = False if values.get("published", "").strip() else None
    else:
        row.errors.append(f"La colonne « publie » attend oui ou non (« {values.get('published', '').strip()} »).")
    return row

"""The catalogue's filters, read from the query string (GET: every filtered page is a plain link) and turned into
Saleor's ProductWhereInput. Bad values are dropped with a French message, never an error page."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

MAX_PRICE = Decimal("10000")
LABEL_ATTRIBUTE = "label"


@dataclass
class CatalogueFilters:
    commune: str = ""
    producer: str = ""
    label: str = ""
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    available: bool = False
    messages: list[str] = field(default_factory=list)

    @property
    def needs_producers(self) -> bool:
        """Commune and producer are our extensions: they go through the producers' product lists."""
        return bool(self.commune or self.producer)

    @property
    def active(self) -> bool:
        return bool(self.needs_producers or self.label or self.price_min is not None or self.price_max is not None
                    or self.available)

    def where(self, product_ids: list[str] | None = None) -> dict:
        where: dict = {}
        if product_ids is not None:
            where["ids"] = product_ids
        if self.label:
            where["attributes"] = [{"slug": LABEL_ATTRIBUTE, "values": [self.label]}]
        if self.price_min is not None or self.price_max is not None:
            bounds = {}
            if self.price_min is not None:
                bounds["gte"] = str(self.price_min)
            if self.price_max is not None:
                bounds["lte"] = str(self.price_max)
            where["minimalPrice"] = {"range": bounds}
        if self.available:
            # "available for the next distribution": on sale now and in stock in a warehouse of the channel.
            where.update(isAvailable=True, stockAvailability="IN_STOCK")
        return where

    def query(self, **extra) -> str:
        """The query string of these filters (for pagination and sorting links)."""
        params = {"commune": self.commune, "producteur": self.producer, "label": self.label,
                  "prix-min": "" if self.price_min is None else str(self.price_min),
                  "prix-max": "" if self.price_max is None else str(self.price_max),
                  "disponible": "1" if self.available else "", **extra}
        return urlencode({k: v for k, v in params.items() if v})


def _price(raw: str, label: str, messages: list[str]) -> Decimal | None:
    raw = (raw or "").strip().replace(",", ".").replace("€", "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        messages.append(f"Le prix {label} « {raw[:20]} » n'est pas un nombre : il n'a pas été pris en compte.")
        return None
    if not value.is_finite() or value < 0 or value > MAX_PRICE:
        messages.append(f"Le prix {label} doit être compris entre 0 et {MAX_PRICE:.0f} € : il n'a pas été pris en "
                        "compte.")
        return None
    return value.quantize(Decimal("0.01"))


def read_filters(params) -> CatalogueFilters:
    messages: list[str] = []
    filters = CatalogueFilters(
        commune=params.get("commune", "").strip()[:80], producer=params.get("producteur", "").strip()[:120],
        label=params.get("label", "").strip()[:120],
        price_min=_price(params.get("prix-min", ""), "minimum", messages),
        price_max=_price(params.get("prix-max", ""), "maximum", messages),
        available=params.get("disponible") in ("1", "on", "oui"), messages=messages)
    if filters.price_min is not None and filters.price_max is not None and filters.price_min > filters.price_max:
        filters.price_min, filters.price_max = filters.price_max, filters.price_min
        messages.append("Le prix minimum dépassait le maximum : nous les avons inversés.")
    return filters


def product_ids_of_producers(data: dict, producer: str) -> list[str]:
    """Product IDs from the ProducerProductIds answer, restricted to one producer when one is chosen."""
    ids = []
    for edge in (data.get("producers") or {}).get("edges") or []:
        node = edge["node"]
        if producer and node["slug"] != producer:
            continue
        ids += [p["node"]["id"] for p in (node.get("products") or {}).get("edges") or []]
    return ids

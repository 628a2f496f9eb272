"""The demo catalogue as plain data, drawn from one random.Random(seed): producers, pickup points, products.

Nothing here touches the database, so "same seed, same data" holds by construction and is cheap to test. The only
input read from the database is the list of communes (reference data), passed in sorted by INSEE code.
"""

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import slugify

from backend.demo import data_catalogue as cat
from backend.demo import data_producers as prod
from backend.demo.editorjs import document, paragraph, plaintext

TARGET_PRODUCTS = 430
DEMO_NOTICE = "Donnée de démonstration : ce produit et son producteur sont fictifs."
BEER_COLOURS = {"blonde": "Blonde", "ambrée": "Ambrée", "brune": "Brune", "blanche": "Blanche", "triple": "Triple",
                "de Noël": "Ambrée", "": "Blonde"}
ROOT_PHRASES = {
    "fromages": ("Fabriqué à la ferme avec le lait de nos vaches qui pâturent dans le bocage de l'Avesnois.",
                 "Moulé à la louche puis affiné en cave humide et retourné à la main.",
                 "Un fromage de caractère, à la croûte lavée à l'eau salée tout au long de l'affinage."),
    "cremerie": ("Le lait du matin, transformé le jour même à la ferme.",
                 "Des produits laitiers simples, sans additif, comme à la maison."),
    "viandes-et-charcuterie": ("Des animaux nés et élevés en plein air autour de la forêt de Mormal.",
                               "Découpe et conditionnement sous vide à la ferme, traçabilité complète."),
    "fruits-et-legumes": ("Cueilli à maturité, la veille du retrait, sans traitement après récolte.",
                          "Des variétés de saison cultivées en pleine terre."),
    "pain-et-viennoiseries": ("Pétri à la main et cuit au four à sole le matin même.",
                              "Des farines du Pays de Mormal et un levain entretenu depuis des années."),
    "bieres-et-cidres": ("Brassé et mis en bouteille sur place, refermenté en bouteille.",
                         "Des pommes et des poires des vergers haute-tige de l'Avesnois."),
    "epicerie": ("Préparé en petites séries, avec des ingrédients du territoire.",
                 "Un produit du garde-manger local, à découvrir au petit-déjeuner comme en cuisine."),
    "artisanat": ("Une pièce faite à la main, chaque exemplaire est unique.",
                  "Des matières naturelles travaillées dans un atelier du Pays de Mormal."),
}


@dataclass(frozen=True)
class CommuneRef:
    insee: str
    name: str
    postcode: str
    population: int
    latitude: Decimal
    longitude: Decimal


@dataclass(frozen=True)
class WarehousePlan:
    external_reference: str
    name: str
    slug: str
    kind: str  # producer kind key, or "pickup_point"
    commune: CommuneRef
    street: str
    latitude: Decimal
    longitude: Decimal
    labels: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    click_and_collect: str = "disabled"
    opening_hours: tuple[dict, ...] = ()

    @property
    def is_pickup_point(self) -> bool:
        return self.kind == "pickup_point"


@dataclass(frozen=True)
class VariantPlan:
    sku: str
    name: str
    weight: Decimal
    price: Decimal
    stock: int


@dataclass(frozen=True)
class ProductPlan:
    external_reference: str
    name: str
    slug: str
    category: str
    product_type: str
    producer: WarehousePlan
    description: dict
    description_plaintext: str
    attributes: tuple[tuple[str, tuple[str, ...]], ...]  # (attribute slug, value names)
    variants: tuple[VariantPlan, ...]


@dataclass(frozen=True)
class DemoPlan:
    producers: tuple[WarehousePlan, ...]
    pickup_points: tuple[WarehousePlan, ...]
    products: tuple[ProductPlan, ...]
    collections: dict[str, tuple[str, ...]]  # collection slug -> product external references


def demo_slugify(text: str) -> str:
    """slugify() drops letters without an ASCII decomposition: spell the French ligatures out first."""
    return slugify(text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("’", "'"))


def unique_slug(text: str, used: set[str]) -> str:
    slug = base = demo_slugify(text)
    counter = 2
    while slug in used:
        slug, counter = f"{base}-{counter}", counter + 1
    used.add(slug)
    return slug


def de_commune(name: str) -> str:
    """French elision before a commune name: du Quesnoy, des ..., d'Englefontaine, de Bavay."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name[0] in "AEIOUÉÈHaeiouéh":
        return "d'" + name
    return "de " + name


def _jitter(rng: random.Random, value: Decimal, spread: float) -> Decimal:
    return (value + Decimal(str(round(rng.uniform(-spread, spread), 6)))).quantize(Decimal("0.000001"))


def _price(base: Decimal, factor: float) -> Decimal:
    step = Decimal("0.10") if base >= 3 else Decimal("0.05")
    raw = base * Decimal(str(factor))
    return max(step, ((raw / step).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * step).quantize(Decimal("0.01")))


def _producer_name(rng: random.Random, kind: prod.ProducerKind, commune: CommuneRef, used: set[str]):
    for _ in range(30):
        pattern, narrowed = rng.choice(kind.patterns)
        name = pattern.format(place=rng.choice(prod.PLACES), surname=rng.choice(prod.SURNAMES),
                              de_firstname=de_commune(rng.choice(prod.FIRSTNAMES)), de_commune=de_commune(commune.name))
        if name not in used:
            return name, narrowed
    return f"{name} ({commune.name})", narrowed


def plan_producers(rng: random.Random, communes: list[CommuneRef]) -> tuple[WarehousePlan, ...]:
    kinds = [kind for kind in prod.PRODUCER_KINDS for _ in range(kind.count)]
    rng.shuffle(kinds)
    weights = [c.population for c in communes]
    used: set[str] = set()
    slugs: set[str] = set()
    producers = []
    for index, kind in enumerate(kinds, start=1):
        commune = rng.choices(communes, weights=weights)[0]
        name, narrowed = _producer_name(rng, kind, commune, used)
        used.add(name)
        labels = ()
        if kind.farm:
            labels = tuple(label for label, chance in ((cat.LABEL_BIO, 0.25), (cat.LABEL_HVE, 0.15),
                                                       (cat.LABEL_FERME, 0.35), (cat.LABEL_PARC, 0.15))
                           if rng.random() < chance)
        producers.append(WarehousePlan(
            external_reference=f"demo-producer-{index:03d}", name=name, slug=unique_slug(name, slugs), kind=kind.key,
            commune=commune, street=f"{rng.randint(1, 180)} {rng.choice(prod.STREETS)}",
            latitude=_jitter(rng, commune.latitude, 0.012), longitude=_jitter(rng, commune.longitude, 0.018),
            labels=labels, categories=narrowed or kind.categories,
        ))
    return tuple(producers)


def plan_pickup_points(rng: random.Random, communes: list[CommuneRef]) -> tuple[WarehousePlan, ...]:
    by_insee = {c.insee: c for c in communes}
    points = []
    for specs, option, hours in ((prod.MAIN_PICKUP_POINTS, "all", prod.MAIN_POINT_HOURS),
                                 (prod.RELAY_PICKUP_POINTS, "local", prod.RELAY_POINT_HOURS)):
        for insee, name, street in specs:
            commune = by_insee[insee]
            points.append(WarehousePlan(
                external_reference=f"demo-pickup-{insee}", name=name, slug=demo_slugify(name), kind="pickup_point",
                commune=commune, street=f"{rng.randint(1, 40)} {street}",
                latitude=_jitter(rng, commune.latitude, 0.003), longitude=_jitter(rng, commune.longitude, 0.004),
                click_and_collect=option, opening_hours=tuple(hours),
            ))
    return tuple(points)


def _root_of(category_slug: str) -> str:
    parents = {c.slug: c.parent for c in cat.CATEGORIES}
    while parents.get(category_slug):
        category_slug = parents[category_slug]
    return category_slug


def _attributes(rng, template, qualifier, producer) -> tuple[tuple[str, tuple[str, ...]], ...]:
    type_attributes = cat.PRODUCT_TYPES[template.product_type][2]
    labels = tuple(dict.fromkeys(template.required_labels + tuple(
        label for label in producer.labels if label in template.labels)))
    values: dict[str, tuple[str, ...]] = {"label": labels, "origine": (producer.commune.name,)}
    for slug, options in template.attributes.items():
        values[slug] = (rng.choice(options),)
    if template.product_type == "biere":
        values["couleur-de-biere"] = (BEER_COLOURS.get(qualifier, "Blonde"),)
    return tuple((slug, values[slug]) for slug in type_attributes if values.get(slug))


def _product(rng, index, template, qualifier, producer, price_factor, used_names, used_slugs) -> ProductPlan:
    base = template.name.format(q=qualifier).strip().replace("  ", " ")
    base = base[0].upper() + base[1:]
    name = base if base not in used_names else f"{base} – {producer.name}"
    used_names.add(name)
    count = rng.randint(1, min(3, len(template.variants)))
    chosen = sorted(rng.sample(range(len(template.variants)), count))
    bio = 1.08 if cat.LABEL_BIO in producer.labels else 1.0
    variants = tuple(
        # "DEMO-" keeps demo SKUs apart from real ones: the loader upserts by SKU and must never take over a real row
        VariantPlan(sku=f"DEMO-{index:04d}-{n}", name=spec.name, weight=spec.weight,
                    price=_price(spec.price, price_factor * bio * rng.uniform(0.96, 1.04)),
                    stock=rng.randint(2, 12) if spec.price >= 20 else rng.randint(4, 48))
        for n, spec in enumerate((template.variants[i] for i in chosen), start=1)
    )
    root = _root_of(template.category)
    doc = document([
        paragraph(f"{rng.choice(ROOT_PHRASES[root])} Produit par {producer.name}, à {producer.commune.name}."),
        paragraph(f"Retrait au point de votre choix ou livraison dans le Pays de Mormal. {DEMO_NOTICE}"),
    ])
    return ProductPlan(
        external_reference=f"demo-product-{index:04d}", name=name, slug=unique_slug(name, used_slugs),
        category=template.category, product_type=template.product_type, producer=producer, description=doc,
        description_plaintext=plaintext(doc), attributes=_attributes(rng, template, qualifier, producer),
        variants=variants,
    )


def plan_products(rng: random.Random, producers: tuple[WarehousePlan, ...]) -> tuple[ProductPlan, ...]:
    offers = [(t, q) for t in cat.TEMPLATES for q in t.qualifiers]
    remaining: dict[str, list] = {}
    for producer in producers:
        candidates = [(t, q) for t, q in offers if t.category in producer.categories]
        rng.shuffle(candidates)
        remaining[producer.external_reference] = candidates
    price_factors = {p.external_reference: rng.uniform(0.92, 1.10) for p in producers}
    picks = []
    for producer in producers:
        for _ in range(rng.randint(2, 4)):
            if remaining[producer.external_reference]:
                picks.append((producer, remaining[producer.external_reference].pop()))
    while len(picks) < TARGET_PRODUCTS:  # top up, producer by producer, until the catalogue is big enough
        for producer in producers:
            if len(picks) < TARGET_PRODUCTS and remaining[producer.external_reference]:
                picks.append((producer, remaining[producer.external_reference].pop()))
    used_names: set[str] = set()
    used_slugs: set[str] = set()
    return tuple(
        _product(rng, index, template, qualifier, producer, price_factors[producer.external_reference], used_names,
                 used_slugs)
        for index, (producer, (template, qualifier)) in enumerate(picks, start=1)
    )


def plan_collections(rng: random.Random, products: tuple[ProductPlan, ...]) -> dict[str, tuple[str, ...]]:
    refs = [p.external_reference for p in products]
    seasonal = [p.external_reference for p in products if p.category in cat.SEASONAL_CATEGORIES]
    return {
        "la-selection-de-la-semaine": tuple(rng.sample(refs, 12)),
        "de-saison": tuple(rng.sample(seasonal, min(24, len(seasonal)))),
        "nouveautes": tuple(refs[-12:]),
    }


def demo_plan(*, seed: int, communes: list[CommuneRef]) -> DemoPlan:
    rng = random.Random(seed)  # never the global random: the same seed must give the same catalogue
    communes = sorted(communes, key=lambda c: c.insee)
    producers = plan_producers(rng, communes)
    pickup_points = plan_pickup_points(rng, communes)
    products = plan_products(rng, producers)
    return DemoPlan(producers=producers, pickup_points=pickup_points, products=products,
                    collections=plan_collections(rng, products))

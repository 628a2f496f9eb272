"""The demo plan is pure data drawn from random.Random(seed): checked without the database."""

import csv
from collections import Counter
from decimal import Decimal

import pytest

from backend.commerce.territory.services import COMMUNES_FILE, DATA_DIR
from backend.demo.plan import CommuneRef, de_commune, demo_plan, demo_slugify


@pytest.fixture(scope="module")
def communes():
    with (DATA_DIR / COMMUNES_FILE).open(encoding="utf-8") as handle:
        return [CommuneRef(row["insee"], row["name"], row["postcode"].split("|")[0], int(row["population"]),
                           Decimal(row["lat"]), Decimal(row["lon"])) for row in csv.DictReader(handle)]


def _fingerprint(plan):
    return [(p.name, p.slug, p.producer.name, [(v.sku, v.name, v.price, v.weight, v.stock) for v in p.variants])
            for p in plan.products]


def test_same_seed_gives_the_same_catalogue(communes):
    # when the plan is drawn twice with the same seed (communes given in another order the second time)
    first = demo_plan(seed=2026, communes=communes)
    second = demo_plan(seed=2026, communes=list(reversed(communes)))

    # then names, prices and SKUs are identical
    assert _fingerprint(first) == _fingerprint(second)
    assert first == second


def test_another_seed_gives_another_catalogue(communes):
    # when
    first, other = demo_plan(seed=2026, communes=communes), demo_plan(seed=7, communes=communes)

    # then
    assert [p.name for p in first.producers] != [p.name for p in other.producers]
    assert _fingerprint(first) != _fingerprint(other)


def test_the_plan_has_the_expected_shape(communes):
    # when
    plan = demo_plan(seed=2026, communes=communes)

    # then ~150 producers, 8 pickup points and 400+ products of 1 to 3 variants
    assert len(plan.producers) == 150
    assert len(plan.pickup_points) == 8
    assert len(plan.products) >= 400
    assert {len(p.variants) for p in plan.products} <= {1, 2, 3}
    assert all(v.price > 0 and v.weight > 0 and v.stock > 0 for p in plan.products for v in p.variants)
    skus = [v.sku for p in plan.products for v in p.variants]
    assert len(skus) == len(set(skus))
    assert len({p.slug for p in plan.products}) == len(plan.products)
    assert len({p.name for p in plan.products}) == len(plan.products)
    assert len({w.slug for w in plan.producers + plan.pickup_points}) == 158
    # every producer sells something, and every category of the tree is stocked
    assert Counter(p.producer.external_reference for p in plan.products).most_common()[-1][1] >= 2
    assert len({p.category for p in plan.products}) == 20


def test_pickup_points_serve_the_bourgs_centres_and_villages(communes):
    # when
    plan = demo_plan(seed=2026, communes=communes)

    # then
    options = Counter((w.commune.name, w.click_and_collect) for w in plan.pickup_points)
    assert {name for (name, option) in options if option == "all"} == {"Le Quesnoy", "Bavay", "Landrecies"}
    assert sum(1 for (_, option) in options if option == "local") == 5
    assert plan.pickup_points[0].opening_hours[0] == {"day": 1, "open": "16:00", "close": "19:00"}


def test_producers_stay_close_to_their_commune(communes):
    # when
    plan = demo_plan(seed=2026, communes=communes)

    # then the jitter keeps them within ~2 km of the commune's point
    for producer in plan.producers:
        assert abs(producer.latitude - producer.commune.latitude) <= Decimal("0.012")
        assert abs(producer.longitude - producer.commune.longitude) <= Decimal("0.018")


def test_french_elision_and_slugs():
    assert de_commune("Le Quesnoy") == "du Quesnoy"
    assert de_commune("Englefontaine") == "d'Englefontaine"
    assert de_commune("Bavay") == "de Bavay"
    assert de_commune("Élodie") == "d'Élodie"
    assert demo_slugify("Colis de bœuf Bleue du Nord") == "colis-de-boeuf-bleue-du-nord"


def test_demo_skus_cannot_collide_with_real_ones(communes):
    plan = demo_plan(seed=2026, communes=communes)

    assert plan.products[0].variants[0].sku == "DEMO-0001-1"
    assert all(v.sku.startswith("DEMO-") for p in plan.products for v in p.variants)

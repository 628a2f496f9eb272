"""The checkout refuses goods whose producer's orders for the cart's distribution day closed at its cut-off
(hook `checkout_line_refusals`, answered by the logistics plugin): when lines are added, in `problems`, and at
checkoutComplete — and a refused call writes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from backend.commerce.checkout import delivery, services
from backend.commerce.checkout.models import Checkout, Reservation
from backend.commerce.order.models import Order
from backend.commerce.warehouse.models import Stock
from logistics.models import DistributionDay, ProducerClosure
from logistics.services.ordering import home_order_pin_day
from logistics.services.slots import pickup_slot_book
from plugins.producers.models import ProducerProduct
from tests.backend.api.checkout.conftest import ERRORS, gid, run
from tests.backend.commerce.conftest import channel, sellable  # noqa: F401 - fixture by name
from tests.logistics.app import builders, cutoff_builders
from tests.utils import ApiClient

FRENCH_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
CODE = "PRODUCT_UNAVAILABLE_FOR_PURCHASE"
ADD = """mutation ($id: ID!, $lines: [CheckoutLineInput!]!) { checkoutLinesAdd(id: $id, lines: $lines) {
  checkout { id } ERRS } }""".replace("ERRS", ERRORS)
CREATE = """mutation ($input: CheckoutCreateInput!) { checkoutCreate(input: $input) { checkout { id } ERRS } }
""".replace("ERRS", ERRORS)
COMPLETE = """mutation ($id: ID!) { checkoutComplete(id: $id) { order { id } ERRS } }""".replace("ERRS", ERRORS)
PROBLEMS = """query ($id: ID!) { checkout(id: $id) { problems { __typename }
  lines { variant { id } problems { __typename } } } }"""


def label(day: datetime.date) -> str:
    return f"{FRENCH_DAYS[day.weekday()]} {day:%d/%m/%Y}"


def owned(producer, name):
    variant = sellable(name, wh=producer.warehouse_links.get().warehouse)
    ProducerProduct.objects.create(product=variant.product, producer=producer)
    return variant


@pytest.fixture
def shop(db, channel):  # noqa: F811
    """An open day in two days (first slot 16:00); the Bocage closes 72 h before (so: since yesterday 16:00), the
    Brasserie when the day opens (still open)."""
    date = timezone.localdate() + datetime.timedelta(days=2)
    day = builders.day(date=date, status=DistributionDay.Status.OPEN)
    slot = builders.pickup_point(date=date)
    bocage = cutoff_builders.producer("Ferme du Bocage", hours=72)
    brewery = cutoff_builders.producer("Brasserie de Landrecies", hours=0, insee="59331")
    maroilles, beer = owned(bocage, "Maroilles du Bocage"), owned(brewery, "Bière blonde")
    closed_since = f"{label(date - datetime.timedelta(days=3))} à 16 h 00"
    message = (f"« Maroilles du Bocage » : les commandes chez Ferme du Bocage pour la distribution du {label(date)} "
               f"sont closes depuis le {closed_since}.")
    return {"day": day, "slot": slot, "bocage": bocage, "brewery": brewery, "maroilles": maroilles, "beer": beer,
            "message": message, "channel": channel}


def _reopen(producer):
    producer.order_cutoff_hours = 0
    producer.save(update_fields=["order_cutoff_hours"])


def _close(producer):
    producer.order_cutoff_hours = 72
    producer.save(update_fields=["order_cutoff_hours"])


def _line(variant, quantity=1):
    return {"variantId": gid("ProductVariant", variant.pk), "quantity": quantity}


def _allocated() -> list[int]:
    return list(Stock.objects.order_by("pk").values_list("quantity_allocated", flat=True))


@pytest.mark.django_db
def test_lines_add_refuses_the_closed_producers_goods_and_adds_nothing(shop):
    cart = services.checkout_create(channel=shop["channel"], email="lea@example.fr")
    answer = run(ApiClient(), ADD, {"id": gid("Checkout", cart.pk), "lines": [
        _line(shop["beer"]), _line(shop["maroilles"], 2)]}, "checkoutLinesAdd")
    assert answer["errors"] == [{"field": "variantId", "code": CODE, "message": shop["message"],
                                 "variants": [gid("ProductVariant", shop["maroilles"].pk)], "lines": None,
                                 "addressType": None}]
    assert cart.lines.count() == 0  # not even the beer: a refused call writes nothing
    assert Reservation.objects.count() == 0
    # the open producer's goods still go in
    answer = run(ApiClient(), ADD, {"id": gid("Checkout", cart.pk), "lines": [_line(shop["beer"])]},
                 "checkoutLinesAdd")
    assert answer["errors"] == []
    assert list(cart.lines.values_list("variant_id", "quantity")) == [(shop["beer"].pk, 1)]


@pytest.mark.django_db
def test_checkout_create_with_closed_goods_creates_no_cart(shop):
    answer = run(ApiClient(), CREATE, {"input": {"channel": shop["channel"].slug, "email": "lea@example.fr",
                                                 "lines": [_line(shop["maroilles"])]}}, "checkoutCreate")
    assert [(e["field"], e["code"], e["message"]) for e in answer["errors"]] == [("lines", CODE, shop["message"])]
    assert answer["checkout"] is None
    assert Checkout.objects.count() == 0


@pytest.mark.django_db
def test_a_closed_line_may_shrink_but_not_grow(shop):
    _reopen(shop["bocage"])
    cart = services.checkout_create(channel=shop["channel"], lines=[services.LineInput(shop["maroilles"].pk, 2)])
    _close(shop["bocage"])
    line = cart.lines.get()
    services.checkout_lines_update(checkout_token=cart.pk, lines=[services.LineUpdateInput(line.pk, 1)])
    assert cart.lines.get().quantity == 1
    with pytest.raises(ValidationError) as refused:
        services.checkout_lines_update(checkout_token=cart.pk, lines=[services.LineUpdateInput(line.pk, 3)])
    assert refused.value.message_dict == {"line_id": [shop["message"]]}
    assert cart.lines.get().quantity == 1


@pytest.mark.django_db
def test_problems_name_the_closed_line_and_complete_is_refused_without_writing(shop):
    # given a cart filled while the Bocage was open, for the pickup point, then the Bocage's cut-off passes
    _reopen(shop["bocage"])
    cart = services.checkout_create(channel=shop["channel"], email="lea@example.fr", lines=[
        services.LineInput(shop["maroilles"].pk, 2), services.LineInput(shop["beer"].pk, 1)])
    delivery.checkout_delivery_method_update(checkout_token=cart.pk,
                                             collection_point_id=shop["slot"].pickup_point.warehouse_id)
    _close(shop["bocage"])
    allocated = _allocated()
    # then its problems say which line can no longer be ordered
    found = run(ApiClient(), PROBLEMS, {"id": gid("Checkout", cart.pk)}, "checkout")
    assert found["problems"] == [{"__typename": "CheckoutLineProblemVariantNotAvailable"}]
    by_variant = {line["variant"]["id"]: line["problems"] for line in found["lines"]}
    assert by_variant == {gid("ProductVariant", shop["maroilles"].pk): [
        {"__typename": "CheckoutLineProblemVariantNotAvailable"}], gid("ProductVariant", shop["beer"].pk): []}
    # and checkoutComplete is refused: no order, no stock allocated, the cart kept as it was
    answer = run(ApiClient(), COMPLETE, {"id": gid("Checkout", cart.pk)}, "checkoutComplete")
    assert answer["order"] is None
    assert [(e["field"], e["code"], e["message"], e["variants"]) for e in answer["errors"]] == [
        ("lines", CODE, shop["message"], [gid("ProductVariant", shop["maroilles"].pk)])]
    assert Order.objects.count() == 0
    assert _allocated() == allocated
    assert cart.lines.count() == 2
    # without the closed line the order goes through
    services.checkout_lines_delete(checkout_token=cart.pk, line_ids=[cart.lines.get(
        variant=shop["maroilles"]).pk])
    answer = run(ApiClient(), COMPLETE, {"id": gid("Checkout", cart.pk)}, "checkoutComplete")
    assert answer["errors"] == []
    assert Order.objects.get().lines.get().product_name == "Bière blonde"


@pytest.mark.django_db
def test_a_slot_booked_on_a_day_no_longer_open_refuses_every_product(shop):
    cart = services.checkout_create(channel=shop["channel"], email="lea@example.fr")
    pickup_slot_book(checkout_token=str(cart.pk), slot_id=shop["slot"].pk)
    DistributionDay.objects.filter(pk=shop["day"].pk).update(status=DistributionDay.Status.CLOSED)
    answer = run(ApiClient(), ADD, {"id": gid("Checkout", cart.pk), "lines": [_line(shop["beer"])]},
                 "checkoutLinesAdd")
    assert [e["message"] for e in answer["errors"]] == [
        f"« Bière blonde » : les commandes pour la distribution du {label(shop['day'].date)} sont closes."]


@pytest.mark.django_db
def test_staff_may_close_a_producer_before_its_cutoff(shop):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)  # always past, whatever the hour the test runs
    early = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(9, 30)))
    ProducerClosure.objects.create(day=shop["day"], producer=shop["brewery"], cutoff_at=early)
    cart = services.checkout_create(channel=shop["channel"])
    with pytest.raises(ValidationError) as refused:
        services.checkout_lines_add(checkout_token=cart.pk, lines=[services.LineInput(shop["beer"].pk, 1)])
    assert refused.value.message_dict == {"variant_id": [
        f"« Bière blonde » : les commandes chez Brasserie de Landrecies pour la distribution du "
        f"{label(shop['day'].date)} sont closes depuis le {label(yesterday)} à 09 h 30."]}


@pytest.mark.django_db
def test_without_a_distribution_day_to_ride_nothing_is_refused(shop):
    DistributionDay.objects.all().delete()
    cart = services.checkout_create(channel=shop["channel"], lines=[services.LineInput(shop["maroilles"].pk, 1)])
    assert cart.lines.count() == 1


@pytest.mark.django_db
def test_a_home_order_is_pinned_to_the_day_it_was_accepted_for(shop):
    home = builders.order(items=[(shop["beer"].product, 1)], home_insee="59325")
    pickup = builders.order(items=[(shop["beer"].product, 1)], slot=shop["slot"])
    assert home_order_pin_day(order=home) == shop["day"].date.isoformat()
    home.refresh_from_db()
    assert home.metadata == {"distributionDay": shop["day"].date.isoformat()}
    assert home_order_pin_day(order=home) is None  # already pinned
    assert home_order_pin_day(order=pickup) is None

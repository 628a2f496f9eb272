"""Permission matrix of the producer portal and the logistics operations, with every row: anonymous, a customer (the
owner of the order), another customer, a member of the producer concerned (A), a member of another producer (B), the
courier of the round, another courier, staff without the permission and staff with it.

A refused call changes nothing (every row the operation could touch) and leaks nothing: not the customer's e-mail,
street or IDs, not producer A's IBAN or commission, not the parcels' codes or the courier's e-mail. The catalogue and
order operations get the same rows in test_permission_matrix.py."""

import json

import pytest

from backend.commerce.account.models import Address, User
from backend.commerce.checkout import delivery, services
from backend.commerce.checkout.complete import checkout_complete
from backend.commerce.order.models import Order, OrderLine
from backend.commerce.warehouse.models import Stock
from backend.core.permissions import PermissionEnum
from logistics.models import CourierAction, Parcel, Round, Stop
from plugins.producers.models import Preparation, PreparationLine, Producer, ProducerMember
from plugins.producers.services.preparations import order_split
from plugins.producers.validators import format_iban
from tests import factories
from tests.backend.api.catalogue.conftest import UserClient
from tests.backend.commerce.conftest import channel, pickup_point  # noqa: F401 - fixtures by name
from tests.logistics.app import builders
from tests.logistics.app.conftest import manager, planned_day, small_day  # noqa: F401 - fixtures by name
from tests.plugins.producers.conftest import (  # noqa: F401 - fixtures by name
    VALID_SIRETS,
    communes,
    make_producer,
    member,
    owned_variant,
    producer_a,
    producer_b,
)
from tests.utils import ApiClient, to_global_id

ACTORS = ("anonymous", "customer", "other_customer", "member_a", "member_b", "courier", "other_courier",
          "plain_staff", "permitted_staff")
OWNER_EMAIL, OWNER_STREET, OWNER_PHONE = "lea@exemple.fr", "12 rue des Sabotiers", "+33612345678"
IBAN_A = "FR1420041010050500013M02606"  # producer B keeps the fixtures' IBAN


def payload_of(body: dict):
    return next(iter((body.get("data") or {}).values()), None)


def refused(body: dict) -> bool:
    """A PermissionDenied (top-level error), a null answer, or typed errors in the payload."""
    payload = payload_of(body)
    return bool(body.get("errors")) or payload is None or bool(isinstance(payload, dict) and payload.get("errors"))


def granted(body: dict) -> bool:
    return not refused(body)


def nothing_private(body: dict) -> bool:
    """A public answer about producer A with every private field null (its members and staff only)."""
    producer = payload_of(body)
    return producer is not None and (producer["payoutIban"], producer["commissionRate"],
                                     producer["preparations"]) == (None, None, None)


def private_shown(body: dict) -> bool:
    producer = payload_of(body)
    return bool(producer and producer["name"] == "Ferme du Bocage" and producer["payoutIban"]
                and producer["commissionRate"] == 12.0 and len(producer["preparations"]) == 1)


def node_of_a(body: dict) -> dict:
    nodes = [edge["node"] for edge in payload_of(body)["edges"]]
    return next(node for node in nodes if node["slug"] == "ferme-du-bocage")


def a_stays_private_in_the_list(body: dict) -> bool:
    node = node_of_a(body)
    return not body.get("errors") and (node["payoutIban"], node["commissionRate"], node["preparations"]) == (
        None, None, None)


def a_shown_in_the_list(body: dict) -> bool:
    node = node_of_a(body)
    return bool(node["payoutIban"]) and len(node["preparations"]) == 1


def not_producer_a(body: dict) -> bool:
    producer = payload_of(body)
    return not body.get("errors") and (producer is None or producer["name"] != "Ferme du Bocage")


def none_of_theirs(body: dict) -> bool:
    """A question about the caller: answered with nothing (or refused) for whoever holds no round."""
    return bool(body.get("errors")) or payload_of(body) in (None, [])


def some_of_theirs(body: dict) -> bool:
    return not body.get("errors") and len(payload_of(body)) == 2


def learned(body: dict, secrets: list[str]) -> list[str]:
    text = json.dumps(body, ensure_ascii=False)
    return [secret for secret in secrets if secret in text]


# --- The producer portal ---------------------------------------------------------------------------------------


@pytest.fixture
def portal(channel, pickup_point, producer_a, producer_b):  # noqa: F811
    """The owner ordered 2 Maroilles from A and 6 beers from B (paid at pickup); the order is split per producer."""
    owner = factories.user(OWNER_EMAIL)
    address = Address.objects.create(first_name="Léa", last_name="Dupont", street_address_1=OWNER_STREET,
                                     city="LE QUESNOY", postal_code="59530", country="FR", phone=OWNER_PHONE)
    owner.addresses.add(address)
    cheese = owned_variant(producer_a, "Maroilles AOP", price="12.50", stock=10)
    beer = owned_variant(producer_b, "Bière de Mormal", price="3.90", stock=24, rate="20")
    checkout = services.checkout_create(channel=channel, user=owner, lines=[
        services.LineInput(cheese.pk, 2), services.LineInput(beer.pk, 6)])
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, collection_point_id=pickup_point.pk)
    order = checkout_complete(checkout_token=checkout.pk).order
    order_split(order_id=order.pk)
    preparation = Preparation.objects.get(producer=producer_a)
    Producer.objects.filter(pk=producer_a.pk).update(iban=IBAN_A)
    clients = {
        "anonymous": ApiClient(),
        "customer": UserClient(owner),
        "other_customer": UserClient(factories.user("paul@exemple.fr")),
        "member_a": UserClient(member(producer_a)),
        "member_b": UserClient(member(producer_b)),
        "courier": UserClient(builders.courier("livreur@exemple.fr").user),
        "other_courier": UserClient(builders.courier("autre.livreur@exemple.fr").user),
        "plain_staff": UserClient(factories.staff()),
        "permitted_staff": UserClient(factories.staff(permissions=[PermissionEnum.MANAGE_PRODUCTS])),
    }
    ids = {"producer": to_global_id("Producer", producer_a.pk), "slug": producer_a.slug,
           "preparation": to_global_id("Preparation", preparation.pk),
           "line": to_global_id("PreparationLine", preparation.lines.get().pk),
           "day": preparation.distribution_date.isoformat()}
    secrets = [OWNER_EMAIL, OWNER_STREET, OWNER_PHONE, to_global_id("User", owner.pk),
               to_global_id("Address", address.pk), IBAN_A, format_iban(IBAN_A), ids["preparation"],
               ids["line"]]
    return {"clients": clients, "ids": ids, "secrets": secrets}


def portal_state() -> dict:
    return {
        "producers": sorted(Producer.objects.values_list("pk", "trade_name", "legal_name", "siret", "phone", "email",
                                                         "iban", "status", "commission_rate", "slug")),
        "members": sorted(ProducerMember.objects.values_list("user_id", "producer_id", "role")),
        "users": User.objects.count(),
        "preparations": sorted(Preparation.objects.values_list("pk", "status", "ready_at", "ready_by_id")),
        "lines": sorted(PreparationLine.objects.values_list("pk", "quantity", "cancelled_at", "refunded_amount")),
        "orders": sorted(Order.objects.values_list("pk", "status", "total_gross_amount", "total_charged_amount")),
        "order_lines": sorted(OrderLine.objects.values_list("pk", "quantity")),
        "stocks": sorted(Stock.objects.values_list("pk", "quantity", "quantity_allocated")),
    }


PRIVATE_FIELDS = """{ name payoutIban commissionRate preparations(distributionDate: $day) {
    orderNumber lines { productName quantity } } }"""
# name -> (document, variables, actors allowed, "refused" as seen by the others, "got through" for the allowed)
PORTAL = {
    "producerUpdate": (
        'mutation($id: ID!) { producerUpdate(id: $id, input: {phone: "0327000000"}) { producer { name payoutIban } '
        "errors { field code } } }", lambda ids: {"id": ids["producer"]}, {"member_a", "permitted_staff"}, refused,
        granted),
    "producerMemberInvite": (
        'mutation($id: ID!) { producerMemberInvite(producerId: $id, email: "nouvelle@exemple.fr", role: OWNER) '
        "{ producer { name payoutIban } errors { field code } } }", lambda ids: {"id": ids["producer"]},
        {"member_a", "permitted_staff"}, refused, granted),
    "preparationMarkReady": (
        "mutation($id: ID!) { preparationMarkReady(id: $id) { preparation { id status orderNumber } "
        "errors { field code } } }", lambda ids: {"id": ids["preparation"]}, {"member_a", "permitted_staff"},
        refused, granted),
    "preparationLineCancel": (
        'mutation($id: ID!) { preparationLineCancel(id: $id, reason: "Grêle sur le verger") { preparation { id '
        "lines { id cancelled } } errors { field code } } }", lambda ids: {"id": ids["line"]},
        {"member_a", "permitted_staff"}, refused, granted),
    "producerCreate": (
        'mutation { producerCreate(input: {legalName: "EARL Les Vergers", tradeName: "Les Vergers de Mormal", '
        f'siret: "{VALID_SIRETS[2]}", email: "vergers@exemple.fr", commune: "59481"}}) '
        "{ producer { name } errors { field code } } }", lambda ids: {}, {"permitted_staff"}, refused, granted),
    "producer(private fields)": (
        f"query($slug: String!, $day: Date!) {{ producer(slug: $slug) {PRIVATE_FIELDS} }}",
        lambda ids: {"slug": ids["slug"], "day": ids["day"]}, {"member_a", "permitted_staff"}, nothing_private,
        private_shown),
    "producers(private fields)": (
        "query($day: Date!) { producers(first: 10) { edges { node { slug payoutIban commissionRate "
        "preparations(distributionDate: $day) { orderNumber } } } } }", lambda ids: {"day": ids["day"]},
        {"member_a", "permitted_staff"}, a_stays_private_in_the_list, a_shown_in_the_list),
    "myProducer": (
        f"query($day: Date!) {{ myProducer {PRIVATE_FIELDS} }}", lambda ids: {"day": ids["day"]}, {"member_a"},
        not_producer_a, private_shown),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(PORTAL))
def test_portal_refused_callers_change_nothing_and_learn_nothing(portal, case):
    document, variables, allowed, is_refusal, _ = PORTAL[case]
    for actor in ACTORS:
        if actor in allowed:
            continue
        # given
        before = portal_state()
        # when
        body = portal["clients"][actor].query(document, variables(portal["ids"]))
        # then
        assert is_refusal(body), (actor, body)
        assert portal_state() == before, actor
        assert learned(body, portal["secrets"]) == [], (actor, body)


@pytest.mark.django_db
@pytest.mark.parametrize("case, actor", [(case, actor) for case in sorted(PORTAL) for actor in sorted(PORTAL[case][2])])
def test_portal_allowed_callers_get_through(portal, case, actor):
    document, variables, _, _, got_through = PORTAL[case]
    before = portal_state()

    body = portal["clients"][actor].query(document, variables(portal["ids"]))

    assert got_through(body), body
    mutation = document.startswith("mutation")
    assert (portal_state() != before) is mutation  # the mutations wrote, the queries did not


# --- Logistics -------------------------------------------------------------------------------------------------


@pytest.fixture
def rounds(planned_day, manager):  # noqa: F811
    """A planned day: the courier has a collection and a delivery round; the owner's order goes to her home."""
    home = planned_day.home_order
    owner = factories.user("jeanne@example.fr")
    Order.objects.filter(pk=home.pk).update(user=owner)
    for insee in ("59053", "59331"):
        builders.commune(insee)
    farm_a = make_producer("Ferme du Bocage", "59053", VALID_SIRETS[0])
    brewery_b = make_producer("Brasserie de Landrecies", "59331", VALID_SIRETS[1])
    courier = planned_day.courier
    stops = Stop.objects.filter(round__courier=courier)
    clients = {
        "anonymous": ApiClient(),
        "customer": UserClient(owner),
        "other_customer": UserClient(factories.user("paul@exemple.fr")),
        "member_a": UserClient(member(farm_a)),
        "member_b": UserClient(member(brewery_b)),
        "courier": UserClient(courier.user),
        "other_courier": UserClient(builders.courier("autre.livreur@exemple.fr").user),
        "plain_staff": UserClient(factories.staff()),
        "permitted_staff": UserClient(manager),
    }
    ids = {"round": to_global_id("Round", courier.rounds.get(kind="delivery").pk),
           "collection": to_global_id("Stop", stops.get(key="collecte:vergers-de-beaudignies").pk),
           "home": to_global_id("Stop", stops.get(key=f"domicile:{home.number}").pk)}
    parcels = [parcel.label_code for parcel in Parcel.objects.all()]
    assert len(parcels) == 3
    secrets = ["jeanne@example.fr", "3 rue Haute", courier.user.email, to_global_id("User", owner.pk),
               planned_day.pickup_order.pickup_code, *parcels]
    return {"clients": clients, "ids": ids, "secrets": secrets}


def logistics_state() -> dict:
    return {
        "rounds": sorted(Round.objects.values_list("pk", "status", "courier_id")),
        "stops": sorted(Stop.objects.values_list("pk", "status", "done_at", "problem", "note", "proof_code")),
        "parcels": sorted(Parcel.objects.values_list("pk", "status", "handed_over_at")),
        "actions": CourierAction.objects.count(),
        "orders": sorted(Order.objects.values_list("pk", "status")),
    }


ROUND_FIELDS = "{ courierEmail stops { name address parcels { code orderNumber } } }"
LOGISTICS = {
    "distributionDays": (f"{{ distributionDays {{ date rounds {ROUND_FIELDS} }} }}", lambda ids: {},
                         {"permitted_staff"}, refused, granted),
    "round": (f"query($id: ID!) {{ round(id: $id) {ROUND_FIELDS} }}", lambda ids: {"id": ids["round"]},
              {"courier", "permitted_staff"}, refused, granted),
    "myRounds": (f'{{ myRounds(date: "2030-05-17") {ROUND_FIELDS} }}', lambda ids: {}, {"courier"}, none_of_theirs,
                 some_of_theirs),
    "stopMarkDone": ('mutation($id: ID!) { stopMarkDone(id: $id, clientActionId: "matrice-1") { stop { status '
                     "address parcels { code } } errors { field code } } }", lambda ids: {"id": ids["collection"]},
                     {"courier", "permitted_staff"}, refused, granted),
    "stopReportProblem": ('mutation($id: ID!) { stopReportProblem(id: $id, problem: ABSENT, note: "Personne") { stop '
                          "{ status address } errors { field code } } }", lambda ids: {"id": ids["home"]},
                          {"courier", "permitted_staff"}, refused, granted),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(LOGISTICS))
def test_logistics_refused_callers_change_nothing_and_learn_nothing(rounds, case):
    document, variables, allowed, is_refusal, _ = LOGISTICS[case]
    for actor in ACTORS:
        if actor in allowed:
            continue
        before = logistics_state()

        body = rounds["clients"][actor].query(document, variables(rounds["ids"]))

        assert is_refusal(body), (actor, body)
        assert logistics_state() == before, actor
        assert learned(body, rounds["secrets"]) == [], (actor, body)


@pytest.mark.django_db
@pytest.mark.parametrize("case, actor", [(case, actor) for case in sorted(LOGISTICS)
                                         for actor in sorted(LOGISTICS[case][2])])
def test_logistics_allowed_callers_get_through(rounds, case, actor):
    document, variables, _, _, got_through = LOGISTICS[case]
    before = logistics_state()

    body = rounds["clients"][actor].query(document, variables(rounds["ids"]))

    assert got_through(body), body
    assert (logistics_state() != before) is document.startswith("mutation")


def test_the_catalogue_and_order_matrix_has_the_same_rows():
    from tests.hardening import test_permission_matrix

    staff_rows = {"plain_staff", "order_staff", "product_staff"}
    assert set(test_permission_matrix.ACTORS) - staff_rows == set(ACTORS) - {"plain_staff", "permitted_staff"}

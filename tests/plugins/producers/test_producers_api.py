"""Public producer queries (filters, distance from a commune, Product.producer) and the producer mutations' rules."""

import pytest
from django.core import mail

from plugins.producers.models import Producer, ProducerMember, ProducerStatus
from tests.plugins.producers.conftest import VALID_SIRETS, make_producer, owned_variant
from tests.utils import ApiClient, to_global_id

pytestmark = pytest.mark.django_db

PRODUCERS = """query($near: String, $sort: ProducerSortingInput, $filter: ProducerFilterInput) {
  producers(first: 10, near: $near, sortBy: $sort, filter: $filter) {
    totalCount edges { node { slug name distanceKm commune { insee name } labels { code name } } } } }"""


@pytest.fixture
def producer_c(communes):
    return make_producer("Vergers de Jolimetz", "59325", VALID_SIRETS[2], labels=["agriculture-biologique"])


def slugs(answer):
    return [edge["node"]["slug"] for edge in answer["data"]["producers"]["edges"]]


def test_producers_sorted_by_distance_from_le_quesnoy(producer_a, producer_b, producer_c):
    answer = ApiClient().query(PRODUCERS, {"near": "le-quesnoy", "sort": {"field": "DISTANCE", "direction": "ASC"}})

    nodes = [edge["node"] for edge in answer["data"]["producers"]["edges"]]
    assert [(n["name"], n["distanceKm"], n["commune"]["name"]) for n in nodes] == [
        ("Vergers de Jolimetz", 4.48, "Jolimetz"),
        ("Ferme du Bocage", 13.56, "Bavay"),
        ("Brasserie de Landrecies", 15.24, "Landrecies"),
    ]
    assert answer["data"]["producers"]["totalCount"] == 3


def test_near_accepts_an_insee_code_and_descending_order(producer_a, producer_b, producer_c):
    answer = ApiClient().query(PRODUCERS, {"near": "59481", "sort": {"field": "DISTANCE", "direction": "DESC"}})

    assert slugs(answer) == ["brasserie-de-landrecies", "ferme-du-bocage", "vergers-de-jolimetz"]


def test_sorting_by_distance_needs_a_commune(producer_a):
    answer = ApiClient().query(PRODUCERS, {"sort": {"field": "DISTANCE", "direction": "ASC"}})

    assert answer["errors"][0]["message"] == "Indiquez une commune (`near`) pour trier par distance."


def test_filters_by_label_commune_and_search(producer_a, producer_b, producer_c):
    by_label = ApiClient().query(PRODUCERS, {"filter": {"labels": ["AOP_MAROILLES"]}})
    by_commune = ApiClient().query(PRODUCERS, {"filter": {"communes": ["59331", "jolimetz"]}})
    by_search = ApiClient().query(PRODUCERS, {"filter": {"search": "brasserie"}})

    assert slugs(by_label) == ["ferme-du-bocage"]
    assert by_label["data"]["producers"]["edges"][0]["node"]["labels"] == [
        {"code": "AOP_MAROILLES", "name": "AOP Maroilles"}]
    assert slugs(by_commune) == ["brasserie-de-landrecies", "vergers-de-jolimetz"]
    assert slugs(by_search) == ["brasserie-de-landrecies"]


def test_filter_by_category(channel, producer_a, producer_b):
    owned_variant(producer_b, "Bière blonde", rate="20")  # category "Fromages" by default in the factories
    answer = ApiClient().query(PRODUCERS, {"filter": {"categories": ["fromages"]}})

    assert slugs(answer) == ["brasserie-de-landrecies"]


def test_suspended_and_invited_producers_are_not_public(producer_a, producer_c):
    Producer.objects.filter(pk=producer_c.pk).update(status=ProducerStatus.SUSPENDED)

    answer = ApiClient().query(PRODUCERS)
    single = ApiClient().query("""{ producer(slug: "vergers-de-jolimetz") { slug } }""")

    assert slugs(answer) == ["ferme-du-bocage"]
    assert single["data"]["producer"] is None


def test_product_producer_field(channel, producer_a):
    cheese = owned_variant(producer_a, "Maroilles AOP")

    answer = ApiClient().query("""query($slug: String!) { product(slug: $slug, channel: "comptoir-de-mormal") {
        name producer { name slug pickupPoints { name } } } }""", {"slug": cheese.product.slug})

    assert answer["data"]["product"] == {"name": "Maroilles AOP", "producer": {
        "name": "Ferme du Bocage", "slug": "ferme-du-bocage", "pickupPoints": [{"name": "Ferme du Bocage"}]}}


PRIVATE = """{ producer(slug: "ferme-du-bocage") { payoutIban commissionRate
    preparations(distributionDate: "2026-11-27") { id } } }"""


@pytest.mark.parametrize("caller, visible", [
    ("anonymous", False), ("customer", False), ("member_b", False), ("staff", False),
    ("member_a", True), ("staff_products", True),
])
def test_payout_details_only_for_own_members_and_catalogue_staff(callers, caller, visible):
    answer = callers[caller].query(PRIVATE)

    expected = ({"payoutIban": "FR76 3000 6000 0112 3456 7890 189", "commissionRate": 12.0, "preparations": []}
                if visible else {"payoutIban": None, "commissionRate": None, "preparations": None})
    assert answer["data"]["producer"] == expected


PRODUCER_UPDATE = """mutation($id: ID!, $input: ProducerUpdateInput!) { producerUpdate(id: $id, input: $input) {
    producer { name } errors { field code message } } }"""


@pytest.mark.parametrize("caller", ["anonymous", "customer", "member_b", "staff"])
def test_producer_update_refused_changes_nothing(callers, producer_a, caller):
    before = list(Producer.objects.values_list("pk", "trade_name", "iban", "commission_rate"))

    answer = callers[caller].query(PRODUCER_UPDATE, {"id": to_global_id("Producer", producer_a.pk),
                                                     "input": {"tradeName": "Pris !"}})

    assert answer["data"]["producerUpdate"] is None
    assert answer["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert list(Producer.objects.values_list("pk", "trade_name", "iban", "commission_rate")) == before


def test_a_member_updates_its_profile_but_not_its_commission(callers, producer_a):
    producer_id = to_global_id("Producer", producer_a.pk)

    renamed = callers["member_a"].query(PRODUCER_UPDATE, {"id": producer_id, "input": {"tradeName": "Ferme B."}})
    commission = callers["member_a"].query(PRODUCER_UPDATE, {"id": producer_id, "input": {"commissionRate": 1}})
    bad_iban = callers["member_a"].query(PRODUCER_UPDATE, {"id": producer_id, "input": {
        "iban": "FR7630006000011234567890188"}})

    assert renamed["data"]["producerUpdate"] == {"producer": {"name": "Ferme B."}, "errors": []}
    assert commission["data"]["producerUpdate"]["errors"] == [
        {"field": "commissionRate", "code": "INVALID", "message": "Ce champ ne peut pas être modifié ici."}]
    assert bad_iban["data"]["producerUpdate"]["errors"] == [
        {"field": "iban", "code": "INVALID_IBAN", "message": "Cet IBAN n'est pas valide : sa clé de contrôle ne "
                                                              "correspond pas."}]
    producer_a.refresh_from_db()
    assert (producer_a.trade_name, str(producer_a.commission_rate), producer_a.iban) == (
        "Ferme B.", "12.00", "FR7630006000011234567890189")


PRODUCER_CREATE = """mutation($input: ProducerCreateInput!) { producerCreate(input: $input) {
    producer { slug status commune { name } } errors { field code message } } }"""


def test_staff_create_a_producer_and_invite_its_owner(callers, communes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = callers["staff_products"].query(PRODUCER_CREATE, {"input": {
            "legalName": "GAEC des Prés", "tradeName": "Les Prés de Locquignol", "siret": "552 100 554 00021",
            "email": "contact@pres-locquignol.fr", "commune": "59353"}})

    assert answer["data"]["producerCreate"] == {"producer": {
        "slug": "les-pres-de-locquignol", "status": "INVITED", "commune": {"name": "Locquignol"}}, "errors": []}
    member = ProducerMember.objects.get(producer__slug="les-pres-de-locquignol")
    assert (member.user.email, member.role, member.user.has_usable_password()) == (
        "contact@pres-locquignol.fr", "owner", False)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Votre invitation au Comptoir de Mormal"
    assert "/producteurs/invitation/" in mail.outbox[0].body


def test_a_wrong_siret_creates_nothing(callers, communes):
    count = Producer.objects.count()

    answer = callers["staff_products"].query(PRODUCER_CREATE, {"input": {
        "legalName": "GAEC des Prés", "tradeName": "Les Prés", "siret": "55210055400022",
        "email": "contact@pres.fr", "commune": "59353"}})

    assert answer["data"]["producerCreate"]["errors"] == [
        {"field": "siret", "code": "INVALID_SIRET",
         "message": "Ce SIRET n'est pas valide : sa clé de contrôle ne correspond pas (55210055400022)."}]
    assert Producer.objects.count() == count


@pytest.mark.parametrize("caller", ["anonymous", "customer", "member_a", "staff"])
def test_only_catalogue_staff_create_producers(callers, caller):
    count = Producer.objects.count()

    answer = callers[caller].query(PRODUCER_CREATE, {"input": {
        "legalName": "X", "tradeName": "X", "siret": "55210055400021", "email": "x@example.fr", "commune": "59353"}})

    assert answer["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert Producer.objects.count() == count

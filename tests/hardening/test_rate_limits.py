"""Rate limits on sign-in, registration, password reset, workshop registration and checkout creation (issue 8)."""

import pytest
from django.contrib.auth import get_user_model

from backend.commerce.checkout.models import Checkout
from tests import factories

TOKEN_CREATE = 'mutation($email: String!, $password: String!) { tokenCreate(email: $email, password: $password) ' \
               '{ token errors { field code message } } }'
DELAYED = "Trop de tentatives de connexion depuis votre adresse : réessayez dans 15 minutes."


def login(email: str, password: str = "devine") -> dict:
    return {"query": TOKEN_CREATE, "variables": {"email": email, "password": password}}


def codes(payloads: list[dict]) -> list[str]:
    return [p["errors"][0]["code"] if p["errors"] else "OK" for p in payloads]


@pytest.mark.django_db
def test_twenty_bad_logins_from_one_address_in_ten_seconds_mostly_refused(graphql_post):
    # given: an attacker trying twenty e-mails (credential stuffing) from one address, one request each
    # when
    payloads = [graphql_post(login(f"voisin{i}@exemple.fr"))["data"]["tokenCreate"] for i in range(20)]
    # then: five attempts reach the password check, fifteen are refused without it
    assert codes(payloads) == ["INVALID_CREDENTIALS"] * 5 + ["LOGIN_ATTEMPT_DELAYED"] * 15
    assert payloads[-1]["errors"] == [{"field": None, "code": "LOGIN_ATTEMPT_DELAYED", "message": DELAYED}]
    assert all(p["token"] is None for p in payloads)


@pytest.mark.django_db
def test_twenty_bad_logins_for_one_email_are_paused_by_the_login_pause(graphql_post):
    payloads = [graphql_post(login("cible@exemple.fr", f"essai{i}"))["data"]["tokenCreate"] for i in range(20)]

    assert codes(payloads) == ["INVALID_CREDENTIALS"] * 5 + ["LOGIN_ATTEMPT_DELAYED"] * 15


@pytest.mark.django_db
def test_brute_force_through_aliases_in_one_request_is_counted_per_alias(graphql_post):
    # given: twenty aliased tokenCreate in one document (under the alias limit of 30)
    fields = " ".join(f'a{i}: tokenCreate(email: "voisin{i}@exemple.fr", password: "x{i}") '
                      f'{{ token errors {{ code }} }}' for i in range(20))
    # when
    data = graphql_post({"query": "mutation { " + fields + " }"})["data"]
    # then
    assert codes([data[f"a{i}"] for i in range(20)]) == ["INVALID_CREDENTIALS"] * 5 + ["LOGIN_ATTEMPT_DELAYED"] * 15


@pytest.mark.django_db
def test_brute_force_through_a_batch_of_ten_operations_is_counted_per_operation(graphql_post):
    # given: a batch of ten operations with two aliased attempts each
    batch = [{"query": f'mutation {{ a: tokenCreate(email: "v{n}a@exemple.fr", password: "x") {{ errors {{ code }} }} '
                       f'b: tokenCreate(email: "v{n}b@exemple.fr", password: "x") {{ errors {{ code }} }} }}'}
             for n in range(10)]
    # when
    answers = graphql_post(batch)
    # then
    payloads = [answer["data"][alias] for answer in answers for alias in ("a", "b")]
    assert codes(payloads) == ["INVALID_CREDENTIALS"] * 5 + ["LOGIN_ATTEMPT_DELAYED"] * 15


@pytest.mark.django_db
def test_a_refused_address_does_not_lock_out_the_owner_elsewhere(graphql_post):
    # given: an address blocked after five failing e-mails, and a customer
    customer = factories.user("marie@exemple.fr")
    for i in range(5):
        graphql_post(login(f"voisin{i}@exemple.fr"))
    # when
    from_attacker = graphql_post(login(customer.email, "mot-de-passe-solide"))["data"]["tokenCreate"]
    from_home = graphql_post(login(customer.email, "mot-de-passe-solide"), ip="198.51.100.4")["data"]["tokenCreate"]
    # then
    assert codes([from_attacker, from_home]) == ["LOGIN_ATTEMPT_DELAYED", "OK"]
    assert from_home["token"] is not None


@pytest.mark.django_db
def test_forged_x_forwarded_for_is_ignored_without_trusted_proxies(graphql_post):
    payloads = [graphql_post(login(f"voisin{i}@exemple.fr"), HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")["data"]["tokenCreate"]
                for i in range(8)]

    assert codes(payloads) == ["INVALID_CREDENTIALS"] * 5 + ["LOGIN_ATTEMPT_DELAYED"] * 3


@pytest.mark.django_db
def test_x_forwarded_for_names_the_client_behind_a_trusted_proxy(graphql_post, settings):
    # given: the reverse proxy 10.0.0.2 is trusted; the client-written left part of the header is not believed
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # when: six clients behind the proxy, then one client five more times with forged left hops
    different = [graphql_post(login(f"v{i}@exemple.fr"), ip="10.0.0.2",
                              HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")["data"]["tokenCreate"] for i in range(6)]
    forged = [graphql_post(login(f"w{i}@exemple.fr"), ip="10.0.0.2",
                           HTTP_X_FORWARDED_FOR=f"1.2.3.{i}, 192.0.2.99")["data"]["tokenCreate"] for i in range(6)]
    # then
    assert codes(different) == ["INVALID_CREDENTIALS"] * 6
    assert codes(forged) == ["INVALID_CREDENTIALS"] * 5 + ["LOGIN_ATTEMPT_DELAYED"]


REGISTER = 'mutation($email: String!) { accountRegister(input: {email: $email, ' \
           'password: "Un-mot-de-passe-solide-42", ' \
           'redirectUrl: "http://127.0.0.1:8000/compte/confirmer/", channel: "comptoir-de-mormal"}) ' \
           '{ errors { code } } }'


@pytest.mark.django_db
def test_registration_limited_per_address_with_a_top_level_rate_limited_error(graphql_post, settings):
    # given
    factories.channel()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "register": "3/3600"}
    # when
    answers = [graphql_post({"query": REGISTER, "variables": {"email": f"habitant{i}@exemple.fr"}}) for i in range(5)]
    # then: three accounts, two refusals that created nothing
    assert [a["data"]["accountRegister"] for a in answers[:3]] == [{"errors": []}] * 3
    for refused in answers[3:]:
        assert refused["data"] == {"accountRegister": None}
        assert refused["errors"][0]["message"] == "Trop de demandes depuis votre connexion : réessayez dans 60 minutes."
        assert refused["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        assert refused["errors"][0]["extensions"]["exception"] == {"code": "RATE_LIMITED"}
    assert get_user_model().objects.count() == 3


@pytest.mark.django_db
def test_password_reset_limited_per_email_from_any_address(graphql_post):
    # given
    factories.channel()
    factories.user("marie@exemple.fr")
    query = 'mutation { requestPasswordReset(email: "marie@exemple.fr", redirectUrl: ' \
            '"http://127.0.0.1:8000/compte/mot-de-passe/", channel: "comptoir-de-mormal") { errors { code } } }'
    # when: seven requests from seven addresses
    answers = [graphql_post({"query": query}, ip=f"198.51.100.{i}") for i in range(7)]
    # then: the e-mail limit (5 an hour) holds whatever the address
    assert ["errors" in a for a in answers] == [False] * 5 + [True] * 2
    assert answers[-1]["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


@pytest.mark.django_db
def test_checkout_create_limited_per_address_and_refusals_create_nothing(graphql_post, settings):
    # given
    factories.channel()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "checkout_create": "3/60"}
    query = 'mutation { checkoutCreate(input: {channel: "comptoir-de-mormal", lines: []}) { checkout { id } } }'
    # when
    answers = [graphql_post({"query": query}) for _ in range(4)]
    other = graphql_post({"query": query}, ip="198.51.100.4")
    # then
    assert ["errors" in a for a in answers] == [False, False, False, True]
    assert answers[3]["errors"][0]["message"] == "Trop de demandes depuis votre connexion : réessayez dans 1 minute."
    assert "errors" not in other
    assert Checkout.objects.count() == 4


@pytest.mark.django_db
def test_workshop_register_limited_per_address(graphql_post, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "workshop_register": "2/3600"}
    query = 'mutation { workshopRegister(input: {workshopId: "V29ya3Nob3A6OTk5", name: "Jean", ' \
            'email: "j%d@exemple.fr"})' \
            ' { errors { code } } }'

    answers = [graphql_post({"query": query % i}) for i in range(3)]

    assert [a["data"]["workshopRegister"] for a in answers[:2]] == [{"errors": [{"code": "NOT_FOUND"}]}] * 2
    assert answers[2]["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


@pytest.mark.django_db
def test_a_cache_outage_lets_calls_through(graphql_post, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache injoignable")

    for method in ("get", "add", "incr"):
        monkeypatch.setattr(cache, method, broken)

    payloads = [graphql_post(login(f"voisin{i}@exemple.fr"))["data"]["tokenCreate"] for i in range(7)]

    assert codes(payloads) == ["INVALID_CREDENTIALS"] * 7


def test_malformed_rate_is_a_configuration_error():
    from backend.core.ratelimit import Rate, parse_rate

    assert parse_rate("5/900") == Rate(5, 900)
    for bad in ("5", "0/60", "cinq/60", "5/-1"):
        with pytest.raises(ValueError):
            parse_rate(bad)


def test_an_empty_rate_switches_a_limit_off(settings):
    from backend.api.core.ratelimit import rate_of
    from backend.core.ratelimit import Rate

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "checkout_create": ""}

    assert rate_of("checkout_create") is None
    assert rate_of("login_failed_emails") == Rate(5, 900)

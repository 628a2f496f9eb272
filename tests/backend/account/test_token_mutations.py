"""tokenCreate, tokenRefresh, tokenVerify and tokensDeactivateAll through POST /graphql/."""

import jwt
import pytest

from backend.commerce.account import tokens
from tests.backend.account.conftest import PASSWORD

TOKEN_CREATE = """
mutation($email: String!, $password: String!, $audience: String) {
  tokenCreate(email: $email, password: $password, audience: $audience) {
    token refreshToken csrfToken
    user { email isConfirmed }
    errors { field message code }
    accountErrors { code }
  }
}"""
TOKEN_REFRESH = """
mutation($refreshToken: String, $csrfToken: String) {
  tokenRefresh(refreshToken: $refreshToken, csrfToken: $csrfToken) {
    token user { email } errors { field message code }
  }
}"""
TOKEN_VERIFY = """
mutation($token: String!) {
  tokenVerify(token: $token) { isValid payload user { email } errors { field message code } }
}"""


def _create(gql, email="claire.martin@example.fr", password=PASSWORD, audience=None):
    return gql(TOKEN_CREATE, {"email": email, "password": password, "audience": audience})["tokenCreate"]


@pytest.mark.django_db
def test_token_create_signs_in_a_confirmed_customer(gql, customer, confirmation_required):
    # when
    result = _create(gql, email="Claire.Martin@Example.fr")
    # then
    assert result["errors"] == []
    assert result["accountErrors"] == []
    assert result["user"] == {"email": "claire.martin@example.fr", "isConfirmed": True}
    access = jwt.decode(result["token"], options={"verify_signature": False})
    refresh = jwt.decode(result["refreshToken"], options={"verify_signature": False})
    assert (access["type"], refresh["type"]) == ("access", "refresh")
    assert refresh["csrfToken"] == result["csrfToken"]
    assert gql("{ me { email } }", token=result["token"]) == {"me": {"email": "claire.martin@example.fr"}}
    customer.refresh_from_db()
    assert customer.last_login is not None


@pytest.mark.django_db
def test_token_create_puts_the_audience_in_the_tokens(gql, customer):
    result = _create(gql, audience="comptoir-app")

    assert jwt.decode(result["token"], options={"verify_signature": False})["aud"] == "custom:comptoir-app"


@pytest.mark.parametrize(("email", "password"), [
    ("claire.martin@example.fr", "mauvais-mot-de-passe"),
    ("inconnu@example.fr", PASSWORD),
    ("", ""),
])
@pytest.mark.django_db
def test_token_create_refuses_wrong_credentials(gql, customer, email, password):
    # when
    result = _create(gql, email=email, password=password)
    # then
    assert result["token"] is None
    assert result["refreshToken"] is None
    assert result["user"] is None
    assert result["errors"] == [{"field": "email", "message": "Veuillez saisir des identifiants valides.",
                                 "code": "INVALID_CREDENTIALS"}]
    customer.refresh_from_db()
    assert customer.last_login is None


@pytest.mark.django_db
def test_token_create_refuses_an_unconfirmed_account_when_the_shop_requires_it(gql, customer, confirmation_required):
    # given
    customer.is_confirmed = False
    customer.save()
    # when
    result = _create(gql)
    # then
    assert result["token"] is None
    assert result["errors"] == [{"field": "email", "message": "Le compte doit d'abord être confirmé par e-mail.",
                                 "code": "ACCOUNT_NOT_CONFIRMED"}]


@pytest.mark.django_db
def test_token_create_lets_an_unconfirmed_account_in_when_the_shop_allows_it(gql, customer, confirmation_required):
    # given
    confirmation_required.allow_login_without_confirmation = True
    confirmation_required.save()
    customer.is_confirmed = False
    customer.save()
    # when
    result = _create(gql)
    # then
    assert result["errors"] == []
    assert result["user"] == {"email": "claire.martin@example.fr", "isConfirmed": False}


@pytest.mark.django_db
def test_token_create_refuses_an_inactive_account(gql, customer):
    # given
    customer.is_active = False
    customer.save()
    # when
    result = _create(gql)
    # then
    assert result["token"] is None
    assert result["errors"] == [{"field": "email", "message": "Ce compte est désactivé.", "code": "INACTIVE"}]


@pytest.mark.django_db
def test_token_refresh_gives_a_new_access_token(gql, customer):
    # given
    refresh = _create(gql)["refreshToken"]
    # when
    result = gql(TOKEN_REFRESH, {"refreshToken": refresh})["tokenRefresh"]
    # then
    assert result["errors"] == []
    assert result["user"] == {"email": "claire.martin@example.fr"}
    assert jwt.decode(result["token"], options={"verify_signature": False})["type"] == "access"
    assert gql("{ me { email } }", token=result["token"]) == {"me": {"email": "claire.martin@example.fr"}}


@pytest.mark.django_db
def test_token_refresh_without_a_token_is_refused(gql, customer):
    result = gql(TOKEN_REFRESH, {})["tokenRefresh"]

    assert result == {"token": None, "user": None, "errors": [
        {"field": "refreshToken", "message": "Le jeton de rafraîchissement est absent.", "code": "JWT_MISSING_TOKEN"}]}


@pytest.mark.django_db
def test_token_refresh_refuses_an_access_token(gql, customer):
    access = _create(gql)["token"]

    result = gql(TOKEN_REFRESH, {"refreshToken": access})["tokenRefresh"]

    assert result["token"] is None
    assert result["errors"] == [{"field": "refreshToken", "message": "Le jeton est invalide.",
                                 "code": "JWT_INVALID_TOKEN"}]


@pytest.mark.django_db
def test_token_refresh_refuses_an_expired_refresh_token(gql, customer, settings):
    settings.JWT_REFRESH_TTL_SECONDS = -5
    refresh = tokens.create_refresh_token(customer, csrf_token="abc")

    result = gql(TOKEN_REFRESH, {"refreshToken": refresh})["tokenRefresh"]

    assert result["errors"] == [{"field": "refreshToken", "message": "Le jeton a expiré.",
                                 "code": "JWT_SIGNATURE_EXPIRED"}]


@pytest.mark.django_db
def test_token_refresh_refuses_a_malformed_token(gql, customer):
    result = gql(TOKEN_REFRESH, {"refreshToken": "pas-un-jeton"})["tokenRefresh"]

    assert result["errors"] == [{"field": "refreshToken", "code": "JWT_DECODE_ERROR",
                                 "message": "Le jeton est illisible ou sa signature est invalide."}]


@pytest.mark.django_db
def test_token_refresh_refuses_a_revoked_refresh_token(gql, customer):
    # given
    refresh = _create(gql)["refreshToken"]
    customer.jwt_token_key = "00000000-0000-0000-0000-000000000000"
    customer.save()
    # when
    result = gql(TOKEN_REFRESH, {"refreshToken": refresh})["tokenRefresh"]
    # then
    assert result["errors"] == [{"field": "refreshToken", "message": "Le jeton est invalide.",
                                 "code": "JWT_INVALID_TOKEN"}]


@pytest.mark.django_db
def test_token_refresh_from_the_cookie_needs_the_csrf_token(api_client, customer):
    # given
    created = api_client.query(TOKEN_CREATE, {"email": customer.email, "password": PASSWORD})["data"]["tokenCreate"]
    api_client.client.cookies["refreshToken"] = created["refreshToken"]
    # when
    missing = api_client.query(TOKEN_REFRESH, {})["data"]["tokenRefresh"]
    wrong = api_client.query(TOKEN_REFRESH, {"csrfToken": "faux"})["data"]["tokenRefresh"]
    right = api_client.query(TOKEN_REFRESH, {"csrfToken": created["csrfToken"]})["data"]["tokenRefresh"]
    # then
    assert missing["errors"] == [{"field": "csrfToken", "message": "Le jeton CSRF est absent.",
                                  "code": "JWT_MISSING_TOKEN"}]
    assert wrong["errors"] == [{"field": "csrfToken", "message": "Le jeton CSRF est invalide.",
                                "code": "JWT_INVALID_CSRF_TOKEN"}]
    assert right["errors"] == []
    assert right["token"] is not None


@pytest.mark.django_db
def test_token_verify_answers_the_payload_of_a_valid_token(gql, customer):
    access = _create(gql)["token"]

    result = gql(TOKEN_VERIFY, {"token": access})["tokenVerify"]

    assert result["isValid"] is True
    assert result["errors"] == []
    assert result["user"] == {"email": "claire.martin@example.fr"}
    assert result["payload"]["email"] == "claire.martin@example.fr"
    assert result["payload"]["type"] == "access"


@pytest.mark.parametrize(("token", "code"), [
    ("pas-un-jeton", "JWT_DECODE_ERROR"),
    ("", "JWT_MISSING_TOKEN"),
])
@pytest.mark.django_db
def test_token_verify_refuses_bad_tokens(gql, token, code):
    result = gql(TOKEN_VERIFY, {"token": token})["tokenVerify"]

    assert result["isValid"] is False
    assert result["payload"] is None
    assert result["user"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("token", code)]


@pytest.mark.django_db
def test_token_verify_refuses_an_expired_token(gql, customer, settings):
    settings.JWT_ACCESS_TTL_SECONDS = -5

    result = gql(TOKEN_VERIFY, {"token": tokens.create_access_token(customer)})["tokenVerify"]

    assert result["isValid"] is False
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("token", "JWT_SIGNATURE_EXPIRED")]


@pytest.mark.django_db
def test_tokens_deactivate_all_logs_out_everywhere(gql, customer):
    # given: two sessions
    first, second = _create(gql), _create(gql)
    # when
    result = gql("mutation { tokensDeactivateAll { errors { code } } }", token=first["token"])
    # then
    assert result == {"tokensDeactivateAll": {"errors": []}}
    assert gql("{ me { email } }", token=second["token"]) == {"me": None}
    refreshed = gql(TOKEN_REFRESH, {"refreshToken": second["refreshToken"]})["tokenRefresh"]
    assert refreshed["errors"][0]["code"] == "JWT_INVALID_TOKEN"


@pytest.mark.django_db
def test_tokens_deactivate_all_needs_a_signed_in_user(gql):
    body = gql("mutation { tokensDeactivateAll { errors { code } } }", allow_errors=True)

    assert body["data"] == {"tokensDeactivateAll": None}
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


@pytest.mark.django_db
def test_token_create_pauses_after_five_wrong_passwords(gql, api_client, customer):
    # given: five wrong passwords from this address
    for _ in range(5):
        assert _create(gql, password="devine")["errors"][0]["code"] == "INVALID_CREDENTIALS"
    # when: the right password from the same address, and from another one
    paused = _create(gql)
    other_address = api_client.client.post(
        "/graphql/", data={"query": TOKEN_CREATE, "variables": {"email": customer.email, "password": PASSWORD}},
        content_type="application/json", REMOTE_ADDR="192.0.2.10").json()["data"]["tokenCreate"]
    # then
    assert paused["token"] is None
    assert paused["errors"] == [{"field": "email", "code": "LOGIN_ATTEMPT_DELAYED",
                                 "message": "Trop de tentatives de connexion : réessayez dans 15 minutes."}]
    assert other_address["errors"] == []
    assert other_address["token"] is not None


@pytest.mark.django_db
def test_a_successful_sign_in_clears_the_failure_count(gql, customer):
    for _ in range(4):
        _create(gql, password="devine")
    assert _create(gql)["errors"] == []

    for _ in range(4):
        _create(gql, password="devine")

    assert _create(gql)["errors"] == []


@pytest.mark.django_db
def test_sign_in_still_works_when_the_cache_is_down(gql, customer, monkeypatch, caplog):
    # given
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache injoignable")

    for method in ("get", "add", "incr", "delete"):
        monkeypatch.setattr(cache, method, broken)
    # when
    wrong = _create(gql, password="devine")
    right = _create(gql)
    # then
    assert wrong["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert right["errors"] == []
    assert right["token"] is not None
    assert "login failure not counted (cache error)" in caplog.text

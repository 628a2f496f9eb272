"""Refresh token rotation (single use once a client takes rotated tokens), reuse detection that closes the sign-in,
and revocation by password change and deactivation. Logout everywhere (tokensDeactivateAll) and expired, unsigned or
foreign tokens are tested in test_token_mutations.py and test_tokens.py."""

import jwt
import pytest

from backend.commerce.account import refresh_families
from backend.commerce.account.models import RefreshTokenFamily
from tests.backend.account.conftest import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN_CREATE = """mutation($email: String!, $password: String!) { tokenCreate(email: $email, password: $password) {
    token refreshToken csrfToken errors { code } } }"""
# A client that takes rotated tokens asks for `refreshToken`; a Saleor client (auth-sdk) does not.
ROTATE = """mutation($refreshToken: String, $csrfToken: String) {
  tokenRefresh(refreshToken: $refreshToken, csrfToken: $csrfToken) {
    token refreshToken user { email } errors { field message code } } }"""
ROTATE_WITH_A_FRAGMENT = """mutation($refreshToken: String) { tokenRefresh(refreshToken: $refreshToken) {
    ...Tokens errors { code } } }
fragment Tokens on RefreshToken { token refreshToken }"""
SALEOR_REFRESH = """mutation($refreshToken: String, $csrfToken: String) {
  tokenRefresh(refreshToken: $refreshToken, csrfToken: $csrfToken) { token user { email } errors { field code } } }"""
VERIFY = "mutation($token: String!) { tokenVerify(token: $token) { isValid errors { code } } }"
ME = "{ me { email } }"
REUSED = [{"field": "refreshToken", "code": "JWT_INVALID_TOKEN", "message": (
    "Ce jeton de rafraîchissement a déjà servi : par sécurité, la session est fermée. Reconnectez-vous.")}]
INVALID = [{"field": "refreshToken", "code": "JWT_INVALID_TOKEN", "message": "Le jeton est invalide."}]


def claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def sign_in(gql, customer) -> dict:
    created = gql(TOKEN_CREATE, {"email": customer.email, "password": PASSWORD})["tokenCreate"]
    assert created["errors"] == []
    return created


def rotate(gql, refresh_token: str) -> dict:
    return gql(ROTATE, {"refreshToken": refresh_token})["tokenRefresh"]


@pytest.fixture
def no_grace(monkeypatch):
    """Every token re-sent after its rotation counts as reused (outside the two-requests-at-once window)."""
    monkeypatch.setattr(refresh_families, "REUSE_GRACE_SECONDS", -1)


def test_asking_for_the_refresh_token_rotates_it_within_the_same_sign_in(gql, customer):
    # given
    first = sign_in(gql, customer)["refreshToken"]
    # when
    result = rotate(gql, first)
    # then: a working access token and the next refresh token of the same family, expiring with the sign-in
    assert (result["errors"], result["user"]) == ([], {"email": "claire.martin@example.fr"})
    assert gql(ME, token=result["token"]) == {"me": {"email": "claire.martin@example.fr"}}
    old, new = claims(first), claims(result["refreshToken"])
    assert (new["type"], new["family"], new["csrfToken"], new["exp"]) == (
        "refresh", old["family"], old["csrfToken"], old["exp"])
    assert new["jti"] != old["jti"]
    family = RefreshTokenFamily.objects.get()
    assert (str(family.pk), family.generation, family.current_jti, family.previous_jti) == (
        old["family"], 1, new["jti"], old["jti"])
    assert rotate(gql, result["refreshToken"])["errors"] == []  # the new one works, once


def test_a_fragment_asking_for_the_refresh_token_rotates_too(gql, customer):
    first = sign_in(gql, customer)["refreshToken"]

    result = gql(ROTATE_WITH_A_FRAGMENT, {"refreshToken": first})["tokenRefresh"]

    assert result["errors"] == []
    assert claims(result["refreshToken"])["jti"] != claims(first)["jti"]


def test_a_spent_refresh_token_sent_again_closes_the_whole_sign_in(gql, customer, no_grace):
    # given: a thief and the owner hold the same token; the thief rotated it first
    stolen = sign_in(gql, customer)["refreshToken"]
    thief = rotate(gql, stolen)
    # when: the owner sends it again
    owner = rotate(gql, stolen)
    # then: refused, and the thief's fresh token dies with the sign-in
    assert (owner["token"], owner["refreshToken"], owner["errors"]) == (None, None, REUSED)
    assert rotate(gql, thief["refreshToken"])["errors"] == INVALID
    assert gql(SALEOR_REFRESH, {"refreshToken": thief["refreshToken"]})["tokenRefresh"]["errors"] == [
        {"field": "refreshToken", "code": "JWT_INVALID_TOKEN"}]
    family = RefreshTokenFamily.objects.get()
    assert family.revoked_at is not None and family.generation == 1


def test_reuse_closes_only_the_sign_in_it_belongs_to(gql, customer, no_grace):
    # given: two sign-ins of the same customer (phone and computer)
    phone, computer = sign_in(gql, customer), sign_in(gql, customer)
    rotate(gql, phone["refreshToken"])
    # when
    assert rotate(gql, phone["refreshToken"])["errors"] == REUSED
    # then
    assert rotate(gql, computer["refreshToken"])["errors"] == []
    assert sorted(family.revoked_at is None for family in RefreshTokenFamily.objects.all()) == [False, True]


def test_a_saleor_client_that_keeps_its_refresh_token_goes_on_refreshing(gql, customer):
    # given: @saleor/auth-sdk sends the token of tokenCreate each time and never reads a new one
    refresh = sign_in(gql, customer)["refreshToken"]
    # when
    answers = [gql(SALEOR_REFRESH, {"refreshToken": refresh})["tokenRefresh"] for _ in range(3)]
    # then
    assert [answer["errors"] for answer in answers] == [[], [], []]
    assert all(gql(ME, token=answer["token"])["me"] for answer in answers)
    assert RefreshTokenFamily.objects.get().generation == 0


def test_once_rotated_every_refresh_token_of_the_sign_in_works_once(gql, customer, no_grace):
    # given: the client took a rotated token
    second = rotate(gql, sign_in(gql, customer)["refreshToken"])["refreshToken"]
    # when: that token is used without asking for the next one
    used = gql(SALEOR_REFRESH, {"refreshToken": second})["tokenRefresh"]
    again = gql(SALEOR_REFRESH, {"refreshToken": second})["tokenRefresh"]
    # then: it worked once, and the second use is a reuse
    assert used["errors"] == [] and used["token"]
    assert again == {"token": None, "user": None, "errors": [{"field": "refreshToken", "code": "JWT_INVALID_TOKEN"}]}
    assert RefreshTokenFamily.objects.get().revoked_at is not None


def test_two_requests_refreshing_at_once_both_get_the_current_token(gql, customer):
    # given: two tabs send the same token within a few seconds
    first = sign_in(gql, customer)["refreshToken"]
    one = rotate(gql, first)
    # when
    other = rotate(gql, first)
    # then: the late one gets the same next token (same jti), nothing is revoked
    assert other["errors"] == []
    assert claims(other["refreshToken"])["jti"] == claims(one["refreshToken"])["jti"]
    family = RefreshTokenFamily.objects.get()
    assert (family.generation, family.revoked_at) == (1, None)
    assert rotate(gql, other["refreshToken"])["errors"] == []


def test_a_refresh_token_from_the_cookie_is_rotated_into_the_cookie(api_client, customer, no_grace):
    # given: the token in Saleor's http-only cookie
    created = api_client.query(TOKEN_CREATE, {"email": customer.email, "password": PASSWORD})["data"]["tokenCreate"]
    api_client.client.cookies["refreshToken"] = created["refreshToken"]
    # when: a Saleor client refreshes with the CSRF token and does not ask for the refresh token
    response = api_client.post(SALEOR_REFRESH, {"csrfToken": created["csrfToken"]})
    # then: the next token is in the cookie
    assert response.json()["data"]["tokenRefresh"]["errors"] == []
    cookie = response.cookies["refreshToken"]
    assert claims(cookie.value)["family"] == claims(created["refreshToken"])["family"]
    assert claims(cookie.value)["jti"] != claims(created["refreshToken"])["jti"]
    assert (cookie["httponly"], cookie["samesite"], cookie["secure"], cookie["max-age"]) == (
        True, "Lax", "", 2592000)
    # and the client, which keeps the cookie, refreshes again; the old token is spent
    assert api_client.query(SALEOR_REFRESH, {"csrfToken": created["csrfToken"]})["data"]["tokenRefresh"]["errors"] == []
    spent = api_client.query(SALEOR_REFRESH, {"refreshToken": created["refreshToken"]})
    assert spent["data"]["tokenRefresh"]["errors"] == [{"field": "refreshToken", "code": "JWT_INVALID_TOKEN"}]


def test_the_rotated_cookie_is_secure_and_cross_site_when_cookies_are_secure(api_client, customer, settings):
    settings.SESSION_COOKIE_SECURE = True
    created = api_client.query(TOKEN_CREATE, {"email": customer.email, "password": PASSWORD})["data"]["tokenCreate"]
    api_client.client.cookies["refreshToken"] = created["refreshToken"]

    response = api_client.post(SALEOR_REFRESH, {"csrfToken": created["csrfToken"]})

    cookie = response.cookies["refreshToken"]
    assert (cookie["httponly"], cookie["samesite"], cookie["secure"]) == (True, "None", True)


def test_a_refresh_token_in_the_arguments_sets_no_cookie(api_client, customer):
    created = api_client.query(TOKEN_CREATE, {"email": customer.email, "password": PASSWORD})["data"]["tokenCreate"]

    response = api_client.post(ROTATE, {"refreshToken": created["refreshToken"]})

    assert response.json()["data"]["tokenRefresh"]["errors"] == []
    assert "refreshToken" not in response.cookies


def test_token_verify_says_a_spent_refresh_token_is_invalid(gql, customer, no_grace):
    first = sign_in(gql, customer)["refreshToken"]
    assert gql(VERIFY, {"token": first})["tokenVerify"] == {"isValid": True, "errors": []}

    second = rotate(gql, first)["refreshToken"]
    rotate(gql, second)

    assert gql(VERIFY, {"token": second})["tokenVerify"] == {"isValid": False, "errors": [
        {"code": "JWT_INVALID_TOKEN"}]}


def test_a_password_change_revokes_the_refresh_tokens_too(gql, customer):
    # given
    created = sign_in(gql, customer)
    change = """mutation($new: String!, $old: String!) { passwordChange(newPassword: $new, oldPassword: $old) {
        errors { code } } }"""
    # when
    assert gql(change, {"new": "Boulette-d-Avesnes-59", "old": PASSWORD}, token=created["token"]) == {
        "passwordChange": {"errors": []}}
    # then
    assert rotate(gql, created["refreshToken"])["errors"] == INVALID
    assert gql(VERIFY, {"token": created["refreshToken"]})["tokenVerify"]["isValid"] is False


def _admin_change(client, user, **changes):
    """Save the user's admin page as a person would, with some fields changed (is_active unchecked = deactivate)."""
    data = {"email": user.email, "first_name": user.first_name, "last_name": user.last_name,
            "language_code": user.language_code, "note": user.note, "default_shipping_address": "",
            "default_billing_address": "", "is_confirmed": "on", "metadata": "{}", "private_metadata": "{}",
            **({"is_active": "on"} if user.is_active else {}), **changes}
    data = {key: value for key, value in data.items() if value is not None}
    return client.post(f"/admin/account/user/{user.pk}/change/", data)


def test_deactivation_revokes_the_tokens_for_good(gql, customer, admin_client):
    # given: a signed-in customer
    created = sign_in(gql, customer)
    # when: the staff deactivates the account in the admin, then reactivates it
    deactivated = _admin_change(admin_client, customer, is_active=None)
    customer.refresh_from_db()
    refused_while_inactive = rotate(gql, created["refreshToken"])
    reactivated = _admin_change(admin_client, customer, is_active="on")
    customer.refresh_from_db()
    # then: the tokens issued before stay dead
    assert (deactivated.status_code, reactivated.status_code, customer.is_active) == (302, 302, True)
    assert refused_while_inactive["errors"] == INVALID
    assert rotate(gql, created["refreshToken"])["errors"] == INVALID
    assert gql(ME, token=created["token"]) == {"me": None}
    assert sign_in(gql, customer)["token"]  # a new sign-in works


def test_an_admin_edit_that_keeps_the_account_active_keeps_its_tokens(gql, customer, admin_client):
    created = sign_in(gql, customer)

    response = _admin_change(admin_client, customer, first_name="Claire-Marie")

    assert response.status_code == 302
    assert gql(ME, token=created["token"]) == {"me": {"email": "claire.martin@example.fr"}}


def test_expired_sign_ins_are_purged_at_the_next_sign_in(gql, customer, settings):
    from django.utils import timezone

    sign_in(gql, customer)
    RefreshTokenFamily.objects.update(expires_at=timezone.now() - timezone.timedelta(seconds=1))

    sign_in(gql, customer)

    assert RefreshTokenFamily.objects.filter(expires_at__lt=timezone.now()).count() == 0
    assert RefreshTokenFamily.objects.count() == 1

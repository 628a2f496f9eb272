"""The whole OpenID Connect code flow against the real provider subprocess: externalAuthenticationUrl, the browser at
the provider, externalObtainAccessTokens, then our token in `me`."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from backend.commerce.account.models import User
from tests.plugins.openid_connect.conftest import CLIENT_ID, PLUGIN_ID, REDIRECT_URI, USERS
from tests.utils import ApiClient

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

AUTH_URL = """mutation($input: JSONString!, $pluginId: String!) {
  externalAuthenticationUrl(input: $input, pluginId: $pluginId) { authenticationData errors { field code message } }
}"""
OBTAIN = """mutation($input: JSONString!, $pluginId: String!) {
  externalObtainAccessTokens(input: $input, pluginId: $pluginId) {
    token refreshToken csrfToken user { email firstName lastName } errors { field code message }
  }
}"""
ME = "{ me { email firstName isConfirmed } }"


def authentication_url(client: ApiClient, redirect_uri: str = REDIRECT_URI, plugin_id: str = PLUGIN_ID) -> dict:
    answer = client.query(AUTH_URL, {"input": json.dumps({"redirectUri": redirect_uri}), "pluginId": plugin_id})
    return answer["data"]["externalAuthenticationUrl"]


def obtain(client: ApiClient, code: str, state: str, plugin_id: str = PLUGIN_ID) -> dict:
    answer = client.query(OBTAIN, {"input": json.dumps({"code": code, "state": state}), "pluginId": plugin_id})
    return answer["data"]["externalObtainAccessTokens"]


def sign_in_at_provider(provider, client: ApiClient, user: str = "marie") -> dict:
    """externalAuthenticationUrl, then the browser signed in at the provider follows the URL: {code, state}."""
    payload = authentication_url(client)
    assert payload["errors"] == []
    authorization_url = json.loads(payload["authenticationData"])["authorizationUrl"]
    return provider.authorize(provider.login(user), authorization_url)


def test_authentication_url_is_the_provider_endpoint_with_pkce_nonce_and_signed_state(oidc):
    # when
    payload = authentication_url(ApiClient())

    # then
    assert payload["errors"] == []
    url = json.loads(payload["authenticationData"])["authorizationUrl"]
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{oidc.issuer}/authorize"
    assert query["client_id"] == CLIENT_ID
    assert query["redirect_uri"] == REDIRECT_URI
    assert query["response_type"] == "code"
    assert query["scope"] == "openid email profile"
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43  # base64url of a SHA-256: the verifier itself never leaves the server
    assert len(query["nonce"]) >= 32
    assert query["state"].count(":") == 2  # Django signing: payload:timestamp:signature
    assert "code_verifier" not in query


def test_code_flow_creates_the_user_and_our_token_answers_me(oidc):
    # given
    client = ApiClient()
    redirect = sign_in_at_provider(oidc, client)

    # when
    payload = obtain(client, redirect["code"], redirect["state"])

    # then
    assert payload["errors"] == []
    assert payload["user"] == {"email": "marie.dupont@example.fr", "firstName": "Marie", "lastName": "Dupont"}
    assert payload["refreshToken"] and payload["csrfToken"]
    me = ApiClient(token=payload["token"]).query(ME)
    assert me == {"data": {"me": {"email": "marie.dupont@example.fr", "firstName": "Marie", "isConfirmed": True}}}
    user = User.objects.get()
    assert list(user.private_metadata) == [f"oidc:{oidc.issuer}"]
    assert user.has_usable_password() is False


def test_second_sign_in_and_an_existing_unconfirmed_account_give_one_user(oidc):
    # given: an account opened by e-mail, never confirmed
    User.objects.create_user(email="Marie.Dupont@example.fr".lower(), password="mot-de-passe-solide",
                             is_confirmed=False)
    client = ApiClient()

    # when: two sign-ins through the provider
    first = sign_in_at_provider(oidc, client)
    first_payload = obtain(client, first["code"], first["state"])
    second = sign_in_at_provider(oidc, client)
    second_payload = obtain(client, second["code"], second["state"])

    # then: the same account, now confirmed (the provider verified the address), password kept
    assert first_payload["errors"] == [] and second_payload["errors"] == []
    assert User.objects.count() == 1
    user = User.objects.get()
    assert user.is_confirmed is True
    assert user.check_password("mot-de-passe-solide") is True


def test_an_email_the_provider_has_not_verified_opens_no_account(oidc):
    # given: an existing account with that address
    User.objects.create_user(email=USERS["unverified"]["email"], password="mot-de-passe-solide")
    client = ApiClient()
    redirect = sign_in_at_provider(oidc, client, user="unverified")

    # when
    payload = obtain(client, redirect["code"], redirect["state"])

    # then
    assert payload["token"] is None and payload["user"] is None
    assert payload["errors"] == [{"field": None, "code": "ACCOUNT_NOT_CONFIRMED",
                                  "message": "Le fournisseur d'identité n'a pas vérifié cette adresse e-mail."}]
    assert User.objects.get().private_metadata == {}


def test_an_inactive_account_is_refused(oidc):
    # given
    User.objects.create_user(email=USERS["marie"]["email"], is_active=False)
    client = ApiClient()
    redirect = sign_in_at_provider(oidc, client)

    # when
    payload = obtain(client, redirect["code"], redirect["state"])

    # then
    assert payload["token"] is None
    assert payload["errors"] == [{"field": None, "code": "INACTIVE", "message": "Ce compte est désactivé."}]
    assert User.objects.get().private_metadata == {}


def test_a_state_is_used_once(oidc):
    # given: a completed sign-in
    client = ApiClient()
    redirect = sign_in_at_provider(oidc, client)
    assert obtain(client, redirect["code"], redirect["state"])["errors"] == []

    # when: the same redirect is replayed
    payload = obtain(client, redirect["code"], redirect["state"])

    # then
    assert payload["token"] is None
    assert payload["errors"] == [{"field": "state", "code": "INVALID", "message": (
        "Cette demande de connexion a déjà été utilisée ou a expiré : recommencez.")}]


def test_a_code_the_provider_refuses_is_reported_on_code(oidc):
    # given: a real state, a made-up code
    client = ApiClient()
    redirect = sign_in_at_provider(oidc, client)

    # when
    payload = obtain(client, "code-inventé", redirect["state"])

    # then
    assert payload["token"] is None
    assert payload["errors"] == [{"field": "code", "code": "INVALID",
                                  "message": "Le code d'autorisation a été refusé par le fournisseur d'identité."}]
    assert User.objects.count() == 0

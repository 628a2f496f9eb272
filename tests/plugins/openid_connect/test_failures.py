"""Every way the sign-in can go wrong answers a typed AccountError (never a 500) and opens no account."""

import json
import socket
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing

from backend.commerce.account.models import User
from plugins.openid_connect.state import STATE_SALT
from tests.plugins.openid_connect.conftest import PLUGIN_ID, REDIRECT_URI, plugin_config
from tests.plugins.openid_connect.test_code_flow import authentication_url, obtain, sign_in_at_provider
from tests.utils import ApiClient

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PROVIDER_DOWN = "Le fournisseur d'identité ne répond pas : réessayez dans quelques minutes."
STATE_INVALID = [{"field": "state", "code": "INVALID", "message": "Le paramètre state est invalide."}]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed when the socket closes: nothing listens there


class SignerFromAnHourAgo(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 3600)


def test_a_tampered_state_is_refused_before_the_provider_is_asked(oidc):
    # given: a real redirect whose state was edited (another redirect URI) and re-assembled with a made-up signature
    client = ApiClient()
    redirect = sign_in_at_provider(oidc, client)
    payload = signing.TimestampSigner(salt=STATE_SALT).unsign_object(redirect["state"])
    forged = signing.TimestampSigner(key="pas-la-bonne-clé", salt=STATE_SALT).sign_object(
        {**payload, "redirectUri": "https://pirate.test/"})

    # when
    answer = obtain(client, redirect["code"], forged)
    one_char_changed = obtain(client, redirect["code"], redirect["state"][:-1] + (
        "A" if redirect["state"][-1] != "A" else "B"))

    # then
    assert answer["token"] is None and answer["errors"] == STATE_INVALID
    assert one_char_changed["token"] is None and one_char_changed["errors"] == STATE_INVALID
    assert User.objects.count() == 0
    # the untouched state still works: the refusals consumed nothing
    assert obtain(client, redirect["code"], redirect["state"])["errors"] == []


def test_an_expired_state_is_refused(oidc):
    # given: the same flow record, but a state signed an hour ago (the limit is 10 minutes)
    client = ApiClient()
    redirect = sign_in_at_provider(oidc, client)
    payload = signing.TimestampSigner(salt=STATE_SALT).unsign_object(redirect["state"])
    old_state = SignerFromAnHourAgo(salt=STATE_SALT).sign_object(payload)

    # when
    answer = obtain(client, redirect["code"], old_state)

    # then
    assert answer["token"] is None
    assert answer["errors"] == [{"field": "state", "code": "INVALID",
                                 "message": "La demande de connexion a expiré : recommencez."}]
    assert User.objects.count() == 0


def test_a_state_of_another_plugin_id_is_refused(oidc, use_plugin):
    # given: a state issued while the plugin answered to another pluginId
    use_plugin(plugin_config(oidc, plugin_id="comptoir.autre-fournisseur"))
    other_url = json.loads(authentication_url(ApiClient(), plugin_id="comptoir.autre-fournisseur")[
        "authenticationData"])["authorizationUrl"]
    state = parse_qs(urlsplit(other_url).query)["state"][0]
    use_plugin(plugin_config(oidc))

    # when
    answer = obtain(ApiClient(), "code", state)

    # then
    assert answer["errors"] == STATE_INVALID


def test_an_unknown_plugin_id_is_not_found(oidc):
    # when
    url_answer = authentication_url(ApiClient(), plugin_id="mirumee.authentication.inconnu")
    tokens_answer = obtain(ApiClient(), "code", "state", plugin_id="mirumee.authentication.inconnu")

    # then
    expected = [{"field": "pluginId", "code": "NOT_FOUND",
                 "message": "Aucune extension de connexion « mirumee.authentication.inconnu » n'est active."}]
    assert url_answer == {"authenticationData": None, "errors": expected}
    assert tokens_answer["token"] is None and tokens_answer["errors"] == expected


def test_the_plugin_not_listed_answers_not_found(settings):
    # given: the default plugins (no OIDC client configured)
    from backend.core.plugins import reset_plugin_manager

    settings.PLUGINS = []
    reset_plugin_manager()

    # when
    answer = authentication_url(ApiClient())

    # then
    assert answer["errors"][0]["code"] == "NOT_FOUND"
    reset_plugin_manager()


def test_a_plugin_without_client_is_misconfigured(use_plugin):
    # given
    use_plugin({"plugin_id": PLUGIN_ID})

    # when
    answer = authentication_url(ApiClient())

    # then
    assert answer == {"authenticationData": None, "errors": [{
        "field": "pluginId", "code": "INVALID",
        "message": "La connexion par fournisseur d'identité n'est pas configurée."}]}


def test_a_provider_that_does_not_answer_is_reported(use_plugin):
    # given: discovery on a closed port
    use_plugin(plugin_config(discovery_url=f"http://127.0.0.1:{closed_port()}/.well-known/openid-configuration"))

    # when
    started = time.monotonic()
    answer = authentication_url(ApiClient())

    # then
    assert answer == {"authenticationData": None, "errors": [{
        "field": None, "code": "INVALID",
        "message": PROVIDER_DOWN}]}
    assert time.monotonic() - started < 5


def test_a_provider_that_goes_down_after_the_redirect_is_reported(oidc, use_plugin):
    # given: the flow started, then the token endpoint became unreachable (explicit endpoints, no discovery)
    client = ApiClient()
    redirect = sign_in_at_provider(oidc, client)
    use_plugin(plugin_config(discovery_url="", issuer=oidc.issuer, authorization_url=f"{oidc.issuer}/authorize",
                             token_url=f"http://127.0.0.1:{closed_port()}/token", jwks_url=f"{oidc.issuer}/jwks"))

    # when
    answer = obtain(client, redirect["code"], redirect["state"])

    # then
    assert answer["token"] is None
    assert answer["errors"] == [{"field": None, "code": "INVALID", "message": PROVIDER_DOWN}]
    assert User.objects.count() == 0


@pytest.mark.parametrize(("redirect_uri", "expected"), [
    ("https://pirate.test/retour", {"field": "redirectUri", "code": "INVALID",
                                    "message": "pirate.test n'est pas une adresse de boutique autorisée."}),
    ("javascript:alert(1)", {"field": "redirectUri", "code": "INVALID",
                             "message": "Saisissez une URL valide (http ou https)."}),
    ("", {"field": "redirectUri", "code": "REQUIRED", "message": "Ce champ est obligatoire."}),
])
def test_a_redirect_uri_outside_our_shops_is_refused(oidc, redirect_uri, expected):
    # when
    answer = authentication_url(ApiClient(), redirect_uri=redirect_uri)

    # then
    assert answer == {"authenticationData": None, "errors": [expected]}


@pytest.mark.parametrize("raw_input", ['["redirectUri"]', '"texte"', "12"])
def test_an_input_that_is_not_an_object_is_refused(oidc, raw_input):
    # when
    answer = ApiClient().query(
        "mutation($i: JSONString!, $p: String!) { externalAuthenticationUrl(input: $i, pluginId: $p) "
        "{ authenticationData errors { field code message } } }", {"i": raw_input, "p": PLUGIN_ID})

    # then
    assert answer["data"]["externalAuthenticationUrl"] == {"authenticationData": None, "errors": [
        {"field": "input", "code": "INVALID", "message": "Un objet JSON est attendu."}]}


def test_missing_code_and_state_are_required(oidc):
    # when
    answer = ApiClient().query(
        "mutation($i: JSONString!, $p: String!) { externalObtainAccessTokens(input: $i, pluginId: $p) "
        "{ token errors { field code message } } }", {"i": json.dumps({"state": "x"}), "p": PLUGIN_ID})

    # then
    assert answer["data"]["externalObtainAccessTokens"] == {"token": None, "errors": [
        {"field": "code", "code": "REQUIRED", "message": "Ce champ est obligatoire."}]}


def test_redirect_uri_in_the_flow_is_the_one_signed_in_the_state(oidc):
    # given: the provider redirected with the code for our registered redirect URI
    client = ApiClient()
    redirect = sign_in_at_provider(oidc, client)

    # then: the state names it (the token request repeats it, as OAuth 2 requires)
    assert signing.TimestampSigner(salt=STATE_SALT).unsign_object(redirect["state"])["redirectUri"] == REDIRECT_URI


def test_an_unexpected_failure_is_a_clear_refusal_not_a_missing_plugin(oidc, monkeypatch):
    # given: the provider's token answer breaks the code in a way nobody planned
    client = ApiClient()
    redirect = sign_in_at_provider(oidc, client)

    def broken(*args, **kwargs):
        raise KeyError("id_token")

    monkeypatch.setattr("plugins.openid_connect.services.provider.exchange_code", broken)

    # when
    answer = obtain(client, redirect["code"], redirect["state"])

    # then
    assert answer["token"] is None
    assert answer["errors"] == [{"field": None, "code": "INVALID",
                                 "message": "La connexion n'a pas pu aboutir : réessayez."}]
    assert User.objects.count() == 0

"""externalRefresh, externalVerify and externalLogout for a user signed in through the provider."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.plugins.openid_connect.conftest import CLIENT_ID, LOGOUT_RETURN, PLUGIN_ID
from tests.plugins.openid_connect.test_code_flow import obtain, sign_in_at_provider
from tests.utils import ApiClient

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

REFRESH = """mutation($input: JSONString!, $pluginId: String!) {
  externalRefresh(input: $input, pluginId: $pluginId) { token user { email } errors { field code message } }
}"""
VERIFY = """mutation($input: JSONString!, $pluginId: String!) {
  externalVerify(input: $input, pluginId: $pluginId) {
    isValid verifyData user { email } errors { field code message }
  }
}"""
LOGOUT = """mutation($input: JSONString!, $pluginId: String!) {
  externalLogout(input: $input, pluginId: $pluginId) { logoutData errors { field code message } }
}"""


@pytest.fixture
def signed_in(oidc):
    client = ApiClient()
    redirect = sign_in_at_provider(oidc, client)
    payload = obtain(client, redirect["code"], redirect["state"])
    assert payload["errors"] == []
    return payload


def run(mutation: str, name: str, data: dict) -> dict:
    return ApiClient().query(mutation, {"input": json.dumps(data), "pluginId": PLUGIN_ID})["data"][name]


def test_refresh_gives_a_new_access_token_for_the_same_user(signed_in):
    # when
    answer = run(REFRESH, "externalRefresh", {"refreshToken": signed_in["refreshToken"]})

    # then
    assert answer["errors"] == [] and answer["user"] == {"email": "marie.dupont@example.fr"}
    me = ApiClient(token=answer["token"]).query("{ me { email } }")
    assert me == {"data": {"me": {"email": "marie.dupont@example.fr"}}}


def test_refresh_with_an_access_token_is_refused(signed_in):
    # when
    answer = run(REFRESH, "externalRefresh", {"refreshToken": signed_in["token"]})

    # then
    assert answer["token"] is None
    assert [(e["field"], e["code"]) for e in answer["errors"]] == [("refreshToken", "JWT_INVALID_TOKEN")]


def test_verify_answers_the_user_and_the_payload(signed_in):
    # when
    answer = run(VERIFY, "externalVerify", {"token": signed_in["token"]})
    garbage = run(VERIFY, "externalVerify", {"token": "pas-un-jeton"})

    # then
    assert answer["isValid"] is True and answer["errors"] == []
    assert answer["user"] == {"email": "marie.dupont@example.fr"}
    assert json.loads(answer["verifyData"])["email"] == "marie.dupont@example.fr"
    assert garbage["isValid"] is False and garbage["user"] is None
    assert [(e["field"], e["code"]) for e in garbage["errors"]] == [("token", "JWT_DECODE_ERROR")]


def test_logout_points_to_the_provider_end_session_with_our_return_address(oidc):
    # when
    answer = run(LOGOUT, "externalLogout", {"returnTo": LOGOUT_RETURN})
    refused = run(LOGOUT, "externalLogout", {"returnTo": "https://pirate.test/"})

    # then
    assert answer["errors"] == []
    url = json.loads(answer["logoutData"])["logoutUrl"]
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{oidc.issuer}/end-session"
    assert parse_qs(parts.query) == {"client_id": [CLIENT_ID], "post_logout_redirect_uri": [LOGOUT_RETURN]}
    assert refused == {"logoutData": None, "errors": [{
        "field": "returnTo", "code": "INVALID", "message": "pirate.test n'est pas une adresse de boutique autorisée."}]}

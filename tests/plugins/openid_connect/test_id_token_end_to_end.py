"""An ID token the real provider issued for another client (or another flow) reaching externalObtainAccessTokens:
a proxy in front of the provider's token endpoint re-signs the ID token, with the provider's own key, after changing
one claim. Whatever the change, no account is opened and no token is given."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from joserfc import jwt

from backend.commerce.account.models import User
from tests.plugins.openid_connect.conftest import OTHER_CLIENT_ID, plugin_config
from tests.plugins.openid_connect.test_code_flow import obtain, sign_in_at_provider
from tests.plugins.openid_connect.test_id_token import provider_key
from tests.utils import ApiClient

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

REFUSED = [{"field": "code", "code": "INVALID", "message": "Le jeton d'identité du fournisseur est invalide."}]


def unverified_claims(token: str) -> dict:
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def token_proxy(oidc, changes: dict) -> ThreadingHTTPServer:
    key = provider_key(oidc)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server API
            body = self.rfile.read(int(self.headers["Content-Length"]))
            answer = requests.post(f"{oidc.issuer}/token", data=body, timeout=10, headers={
                "Authorization": self.headers["Authorization"], "Content-Type": self.headers["Content-Type"]}).json()
            claims = {**unverified_claims(answer["id_token"]), **changes}
            answer["id_token"] = jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps(answer).encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def sign_in_through_proxy(oidc, use_plugin, changes: dict) -> dict:
    proxy = token_proxy(oidc, changes)
    try:
        use_plugin(plugin_config(oidc, token_url=f"http://127.0.0.1:{proxy.server_port}/token"))
        client = ApiClient()
        redirect = sign_in_at_provider(oidc, client)
        return obtain(client, redirect["code"], redirect["state"])
    finally:
        proxy.shutdown()
        proxy.server_close()


def test_the_proxy_itself_changes_nothing_that_matters(oidc, use_plugin):
    # when: re-signed without any change (the control case)
    payload = sign_in_through_proxy(oidc, use_plugin, {})

    # then
    assert payload["errors"] == []
    assert User.objects.get().email == "marie.dupont@example.fr"


@pytest.mark.parametrize("changes", [{"aud": OTHER_CLIENT_ID}, {"nonce": "nonce-d-un-autre-parcours"},
                                     {"iss": "https://faux-fournisseur.test/openid"}])
def test_an_id_token_for_another_client_or_flow_is_refused(oidc, use_plugin, changes):
    # when
    payload = sign_in_through_proxy(oidc, use_plugin, changes)

    # then
    assert payload["token"] is None and payload["user"] is None
    assert payload["errors"] == REFUSED
    assert User.objects.count() == 0

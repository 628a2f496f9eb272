"""Userinfo answered as a signed JWT (`application/jwt`, as FranceConnect v2 does): the claims are taken only when
the provider's key signed them for us. A small proxy in front of the real provider's userinfo endpoint signs its
answer, either with the provider's key or with a key of its own."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from joserfc import jwt
from joserfc.jwk import RSAKey

from backend.commerce.account.models import User
from tests.plugins.openid_connect.conftest import CLIENT_ID, plugin_config
from tests.plugins.openid_connect.test_code_flow import obtain, sign_in_at_provider
from tests.plugins.openid_connect.test_id_token import provider_key
from tests.utils import ApiClient

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def signing_proxy(oidc, key: RSAKey) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            claims = requests.get(f"{oidc.issuer}/userinfo", timeout=10,
                                  headers={"Authorization": self.headers["Authorization"]}).json()
            now = int(time.time())
            body = jwt.encode({"alg": "RS256", "kid": key.kid},
                              {**claims, "iss": oidc.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 60}, key)
            self.send_response(200)
            self.send_header("Content-Type", "application/jwt; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def proxied(oidc, use_plugin):
    servers = []

    def configure(key: RSAKey):
        server = signing_proxy(oidc, key)
        servers.append(server)
        use_plugin(plugin_config(
            discovery_url="", issuer=oidc.issuer, authorization_url=f"{oidc.issuer}/authorize",
            token_url=f"{oidc.issuer}/token", jwks_url=f"{oidc.issuer}/jwks",
            userinfo_url=f"http://127.0.0.1:{server.server_port}/userinfo"))

    yield configure
    for server in servers:
        server.shutdown()
        server.server_close()


def test_signed_userinfo_from_the_provider_key_signs_the_user_in(oidc, proxied):
    # given
    proxied(provider_key(oidc))
    client = ApiClient()
    redirect = sign_in_at_provider(oidc, client)

    # when
    payload = obtain(client, redirect["code"], redirect["state"])

    # then
    assert payload["errors"] == []
    assert payload["user"] == {"email": "marie.dupont@example.fr", "firstName": "Marie", "lastName": "Dupont"}


def test_signed_userinfo_from_another_key_is_refused(oidc, proxied):
    # given
    proxied(RSAKey.generate_key(2048, parameters={"kid": provider_key(oidc).kid}))
    client = ApiClient()
    redirect = sign_in_at_provider(oidc, client)

    # when
    payload = obtain(client, redirect["code"], redirect["state"])

    # then
    assert payload["token"] is None
    assert payload["errors"] == [{"field": None, "code": "INVALID",
                                  "message": "Les informations signées du fournisseur d'identité sont invalides."}]
    assert User.objects.count() == 0

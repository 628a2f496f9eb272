"""ID token checks against the live provider's key set (JWKS): tokens signed with the provider's own key but meant for
another client, another flow (nonce), or past their expiry are refused, as are tokens signed by anybody else."""

import time

import pytest
import requests
from joserfc import jwt
from joserfc.jwk import RSAKey

from plugins.openid_connect.config import OpenIDConnectConfig
from plugins.openid_connect.errors import OIDCError
from plugins.openid_connect.provider import verify_id_token
from tests.plugins.openid_connect.conftest import CLIENT_ID, OTHER_CLIENT_ID, plugin_config

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

NONCE = "nonce-du-parcours"


def provider_key(oidc) -> RSAKey:
    kid = requests.get(f"{oidc.issuer}/jwks", timeout=10).json()["keys"][0]["kid"]
    return RSAKey.import_key(oidc.private_key_pem, parameters={"kid": kid})


def id_token(key: RSAKey, oidc, **overrides) -> str:
    now = int(time.time())
    claims = {"iss": oidc.issuer, "sub": "42", "aud": CLIENT_ID, "iat": now, "exp": now + 300, "nonce": NONCE,
              **overrides}
    claims = {name: value for name, value in claims.items() if value is not None}
    return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)


def config(oidc) -> OpenIDConnectConfig:
    return OpenIDConnectConfig(**plugin_config(oidc))


def test_a_token_signed_by_the_provider_for_us_is_accepted(oidc):
    # when
    claims = verify_id_token(config(oidc), id_token=id_token(provider_key(oidc), oidc), nonce=NONCE)

    # then
    assert (claims["sub"], claims["aud"], claims["nonce"]) == ("42", CLIENT_ID, NONCE)


@pytest.mark.parametrize("overrides", [
    {"aud": OTHER_CLIENT_ID},                                   # another client's token
    {"aud": [OTHER_CLIENT_ID, CLIENT_ID], "azp": OTHER_CLIENT_ID},  # several audiences, authorised party not us
    {"nonce": "nonce-d-un-autre-parcours"},                    # replayed from another flow
    {"nonce": None},
    {"iss": "https://faux-fournisseur.test/openid"},
    {"exp": int(time.time()) - 600},                            # expired (beyond the 60 s leeway)
    {"sub": None},
])
def test_a_token_with_wrong_claims_is_refused(oidc, overrides):
    # given
    token = id_token(provider_key(oidc), oidc, **overrides)

    # when
    with pytest.raises(OIDCError) as refused:
        verify_id_token(config(oidc), id_token=token, nonce=NONCE)

    # then
    assert (refused.value.field, refused.value.code.value, refused.value.message) == (
        "code", "INVALID", "Le jeton d'identité du fournisseur est invalide.")


def test_a_token_signed_by_another_key_or_unsigned_is_refused(oidc):
    # given: a key the provider never published, with the provider's kid; and an "alg: none" token
    impostor = RSAKey.generate_key(2048, parameters={"kid": provider_key(oidc).kid})
    forged = id_token(impostor, oidc)
    unsigned_claims = forged.split(".")[1]
    unsigned = "eyJhbGciOiJub25lIn0." + unsigned_claims + "."

    # then
    for token in (forged, unsigned, "pas-un-jeton"):
        with pytest.raises(OIDCError):
            verify_id_token(config(oidc), id_token=token, nonce=NONCE)

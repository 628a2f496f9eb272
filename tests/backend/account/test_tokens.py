"""JWT rules: what a valid token carries, and every forged, expired or revoked token refused."""

import base64
import hashlib
import hmac
import json

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from backend.commerce.account import tokens
from backend.commerce.account.error_codes import AccountErrorCode
from backend.core.ids import to_global_id
from backend.core.permissions import PermissionEnum
from tests import factories

ME = "{ me { email } }"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


@pytest.mark.django_db
def test_access_token_carries_saleors_claims(customer, settings):
    # given
    settings.PUBLIC_URL = "https://comptoir.example"
    # when
    token = tokens.create_access_token(customer)
    # then
    claims = _claims(token)
    assert jwt.get_unverified_header(token)["alg"] == "RS256"
    assert claims["type"] == "access"
    assert claims["email"] == "claire.martin@example.fr"
    assert claims["user_id"] == to_global_id("User", customer.pk)
    assert claims["token"] == str(customer.jwt_token_key)
    assert claims["is_staff"] is False
    assert claims["owner"] == "saleor"
    assert claims["iss"] == "https://comptoir.example/graphql/"
    assert claims["exp"] - claims["iat"] == 300
    assert "permissions" not in claims


@pytest.mark.django_db
def test_refresh_token_lives_thirty_days_and_carries_the_csrf_token(customer):
    token = tokens.create_refresh_token(customer, csrf_token="abc")

    claims = _claims(token)
    assert claims["type"] == "refresh"
    assert claims["csrfToken"] == "abc"
    assert claims["exp"] - claims["iat"] == 30 * 24 * 3600


@pytest.mark.django_db
def test_staff_access_token_lists_permissions(gql):
    # given
    factories.staff("equipe@comptoir-de-mormal.fr", permissions=[PermissionEnum.MANAGE_ORDERS,
                                                                  PermissionEnum.MANAGE_PRODUCTS])
    # when
    data = gql('mutation { tokenCreate(email: "equipe@comptoir-de-mormal.fr", password: "mot-de-passe-solide") '
               '{ token errors { code } } }')
    # then
    claims = _claims(data["tokenCreate"]["token"])
    assert claims["is_staff"] is True
    assert claims["permissions"] == ["MANAGE_ORDERS", "MANAGE_PRODUCTS"]


@pytest.mark.django_db
def test_a_valid_bearer_token_authenticates(gql, customer_token):
    assert gql(ME, token=customer_token) == {"me": {"email": "claire.martin@example.fr"}}


@pytest.mark.django_db
def test_expired_token_is_refused(gql, customer, settings):
    # given
    settings.JWT_ACCESS_TTL_SECONDS = -10
    token = tokens.create_access_token(customer)
    # when / then
    with pytest.raises(tokens.TokenError) as error:
        tokens.decode_token(token)
    assert error.value.code == AccountErrorCode.JWT_SIGNATURE_EXPIRED
    assert gql(ME, token=token) == {"me": None}


@pytest.mark.django_db
def test_unsigned_token_alg_none_is_refused(gql, customer):
    # given: our own claims, re-sent without a signature
    claims = _claims(tokens.create_access_token(customer))
    forged = f"{_b64(json.dumps({'alg': 'none', 'typ': 'JWT'}).encode())}.{_b64(json.dumps(claims).encode())}."
    # when / then
    with pytest.raises(tokens.TokenError) as error:
        tokens.decode_token(forged)
    assert error.value.code == AccountErrorCode.JWT_INVALID_TOKEN
    assert gql(ME, token=forged) == {"me": None}


@pytest.mark.django_db
def test_token_signed_with_another_key_is_refused(gql, customer):
    # given
    claims = _claims(tokens.create_access_token(customer))
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(claims, other_key, algorithm="RS256")
    # when / then
    with pytest.raises(tokens.TokenError) as error:
        tokens.decode_token(forged)
    assert error.value.code == AccountErrorCode.JWT_DECODE_ERROR
    assert gql(ME, token=forged) == {"me": None}


@pytest.mark.django_db
def test_hs256_token_keyed_with_our_public_key_is_refused(gql, customer):
    # given: the classic algorithm-confusion forgery
    claims = _claims(tokens.create_access_token(customer))
    _, public_key, _ = tokens._keys()
    secret = public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    signing_input = f"{_b64(json.dumps({'alg': 'HS256', 'typ': 'JWT'}).encode())}.{_b64(json.dumps(claims).encode())}"
    signature = _b64(hmac.new(secret, signing_input.encode(), hashlib.sha256).digest())
    forged = f"{signing_input}.{signature}"
    # when / then
    with pytest.raises(tokens.TokenError) as error:
        tokens.decode_token(forged)
    assert error.value.code == AccountErrorCode.JWT_INVALID_TOKEN
    assert gql(ME, token=forged) == {"me": None}


@pytest.mark.django_db
def test_tampered_payload_is_refused(gql, customer):
    # given: a valid token whose payload now claims to be staff
    header, payload, signature = tokens.create_access_token(customer).split(".")
    claims = _claims(f"{header}.{payload}.{signature}")
    claims["is_staff"] = True
    forged = f"{header}.{_b64(json.dumps(claims).encode())}.{signature}"
    # when / then
    with pytest.raises(tokens.TokenError) as error:
        tokens.decode_token(forged)
    assert error.value.code == AccountErrorCode.JWT_DECODE_ERROR
    assert gql(ME, token=forged) == {"me": None}


@pytest.mark.django_db
def test_rotating_the_user_key_revokes_earlier_tokens(gql, customer, customer_token):
    # given
    from backend.commerce.account.services import user_revoke_tokens

    user_revoke_tokens(user=customer)
    # when / then
    assert gql(ME, token=customer_token) == {"me": None}
    assert gql(ME, token=tokens.create_access_token(customer)) == {"me": {"email": "claire.martin@example.fr"}}


@pytest.mark.django_db
def test_deactivated_user_token_is_refused(gql, customer, customer_token):
    customer.is_active = False
    customer.save()

    assert gql(ME, token=customer_token) == {"me": None}


@pytest.mark.django_db
def test_refresh_token_is_not_an_access_token(gql, customer):
    refresh = tokens.create_refresh_token(customer, csrf_token="abc")

    assert gql(ME, token=refresh) == {"me": None}


@pytest.mark.parametrize("garbage", ["abc", "a.b.c", "Bearer", "eyJhbGciOiJSUzI1NiJ9.e30.", "é"])
@pytest.mark.django_db
def test_garbage_tokens_make_the_request_anonymous(gql, garbage):
    assert gql(ME, token=garbage) == {"me": None}


def test_development_key_is_generated_once_into_var(tmp_path, settings):
    # given
    settings.RSA_PRIVATE_KEY = ""
    settings.VAR_DIR = tmp_path
    # when
    first = tokens._private_key_pem()
    second = tokens._private_key_pem()
    # then
    assert first == second
    assert first.startswith("-----BEGIN PRIVATE KEY-----")
    assert (tmp_path / "jwt_private_key.pem").stat().st_mode & 0o777 == 0o600


def test_rsa_private_key_from_the_environment_is_used(settings):
    # given: a PEM on one line with literal \n, as environment variables often carry it
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    settings.RSA_PRIVATE_KEY = pem.replace("\n", "\\n")
    # when
    _, public_key, _ = tokens._keys()
    # then
    assert public_key.public_numbers() == key.public_key().public_numbers()


def test_production_refuses_to_sign_without_a_key(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.RSA_PRIVATE_KEY = ""
    settings.COMPTOIR_ENV = "production"

    with pytest.raises(ImproperlyConfigured):
        tokens._private_key_pem()

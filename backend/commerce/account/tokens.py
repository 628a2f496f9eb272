"""Tokens of the account domain: Saleor's JWTs (RS256) and the one-time tokens sent by e-mail.

JWT claims follow Saleor (`saleor/core/jwt.py`): iat, exp, iss, owner, token (the user's `jwt_token_key`), email,
type ("access" / "refresh"), user_id (global ID), is_staff; access tokens of staff also list their permissions, and
refresh tokens carry the CSRF token that guards a refresh read from a cookie, plus their family and jti (rotation and
reuse detection, see refresh_families.py). Rotating `User.jwt_token_key` revokes every token issued before (logout,
password change, deactivation).

The signing key is RSA_PRIVATE_KEY (PEM). When it is unset, a development key is generated once into var/ (like
SECRET_KEY): it is never committed, and production refuses to run without a real key.
"""

import hashlib
import os
import secrets
import tempfile
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from backend.commerce.account.error_codes import AccountErrorCode
from backend.core.ids import InvalidGlobalId, from_global_id, to_global_id

ALGORITHM = "RS256"
ACCESS = "access"
REFRESH = "refresh"
OWNER = "saleor"  # clients and apps written for Saleor check this claim
DEV_KEY_FILE = "jwt_private_key.pem"


class TokenError(Exception):
    """A token that must be refused; `code` is the AccountErrorCode reported to the client."""

    def __init__(self, message: str, code: AccountErrorCode):
        super().__init__(message)
        self.message = message
        self.code = code


# --- Keys -------------------------------------------------------------------------------------------------------


def _private_key_pem() -> str:
    if settings.RSA_PRIVATE_KEY:
        # Environment variables often carry the PEM on one line with literal "\n".
        return settings.RSA_PRIVATE_KEY.replace("\\n", "\n")
    if getattr(settings, "COMPTOIR_ENV", "development") == "production":
        raise ImproperlyConfigured("RSA_PRIVATE_KEY must be set in production (PEM of an RSA private key).")
    return _development_key_pem(Path(settings.VAR_DIR))


def _development_key_pem(var_dir: Path) -> str:
    """Generate the development key once; concurrent workers race safely (the first link wins)."""
    path = var_dir / DEV_KEY_FILE
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        fd, tmp = tempfile.mkstemp(dir=var_dir, prefix=".jwt-key-")
        try:
            os.write(fd, pem)
            os.close(fd)
            os.chmod(tmp, 0o600)
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
        finally:
            os.unlink(tmp)
    return path.read_text()


@lru_cache(maxsize=4)
def _load_keys(pem: str):
    try:
        private_key = serialization.load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured("RSA_PRIVATE_KEY is not a readable PEM RSA private key.") from exc
    if not isinstance(private_key, rsa.RSAPrivateKey):
        raise ImproperlyConfigured("RSA_PRIVATE_KEY must be an RSA key (tokens are signed RS256).")
    public_key = private_key.public_key()
    public_der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    key_id = hashlib.sha256(public_der).hexdigest()[:16]
    return private_key, public_key, key_id


def _keys():
    return _load_keys(_private_key_pem())


# --- Issuing ----------------------------------------------------------------------------------------------------


def _issuer() -> str:
    return f"{settings.PUBLIC_URL}/graphql/"


def _base_payload(user, token_type: str, ttl_seconds: int) -> dict:
    now = timezone.now()
    return {
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=ttl_seconds)).timestamp()),
        "iss": _issuer(),
        "owner": OWNER,
        "token": str(user.jwt_token_key),
        "email": user.email,
        "type": token_type,
        "user_id": to_global_id("User", user.pk),
        "is_staff": user.is_staff,
    }


def _encode(payload: dict) -> str:
    private_key, _, key_id = _keys()
    return jwt.encode(payload, private_key, algorithm=ALGORITHM, headers={"kid": key_id})


def create_access_token(user, *, permissions: list[str] | None = None, audience: str | None = None) -> str:
    payload = _base_payload(user, ACCESS, settings.JWT_ACCESS_TTL_SECONDS)
    if user.is_staff and permissions is not None:
        payload["permissions"] = permissions
    if audience:
        payload["aud"] = f"custom:{audience}"
    return _encode(payload)


def create_refresh_token(user, *, csrf_token: str, audience: str | None = None) -> str:
    """The refresh token of a new sign-in: it opens a family (rotation and reuse detection, see refresh_families)."""
    from backend.commerce.account.refresh_families import family_start

    family = family_start(user=user, ttl_seconds=settings.JWT_REFRESH_TTL_SECONDS)
    return encode_refresh_token(user, csrf_token=csrf_token, audience=audience, family_id=str(family.pk),
                                jti=family.current_jti, expires_at=family.expires_at)


def encode_refresh_token(user, *, csrf_token: str, audience: str | None, family_id: str, jti: str,
                         expires_at) -> str:
    """A refresh token of an existing family; it expires with the family (rotation never lengthens a session)."""
    payload = _base_payload(user, REFRESH, settings.JWT_REFRESH_TTL_SECONDS)
    payload.update({"exp": int(expires_at.timestamp()), "csrfToken": csrf_token, "family": family_id, "jti": jti})
    if audience:
        payload["aud"] = f"custom:{audience}"
    return _encode(payload)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


# --- Verifying --------------------------------------------------------------------------------------------------


def decode_token(token: str) -> dict:
    """The verified payload of one of our tokens; TokenError for anything expired, unsigned, foreign or malformed.

    Only RS256 with our key is accepted, so "alg": "none" and HS256-with-the-public-key forgeries are refused.
    """
    if not isinstance(token, str) or not token:
        raise TokenError("Le jeton est absent.", AccountErrorCode.JWT_MISSING_TOKEN)
    _, public_key, _ = _keys()
    try:
        payload = jwt.decode(
            token, public_key, algorithms=[ALGORITHM],
            options={"require": ["exp", "iat", "type", "token", "user_id"], "verify_aud": False},
        )
    except jwt.ExpiredSignatureError as exc:
        raise TokenError("Le jeton a expiré.", AccountErrorCode.JWT_SIGNATURE_EXPIRED) from exc
    except jwt.DecodeError as exc:  # malformed, or a signature that is not ours
        raise TokenError("Le jeton est illisible ou sa signature est invalide.",
                         AccountErrorCode.JWT_DECODE_ERROR) from exc
    except jwt.InvalidTokenError as exc:  # wrong algorithm, missing claim, ...
        raise TokenError("Le jeton est invalide.", AccountErrorCode.JWT_INVALID_TOKEN) from exc
    if payload.get("owner", OWNER) != OWNER:
        raise TokenError("Le jeton est invalide.", AccountErrorCode.JWT_INVALID_TOKEN)
    return payload


def user_from_payload(payload: dict, *, expected_type: str):
    """The active user a verified payload belongs to, if the token was not revoked since; else TokenError."""
    from backend.commerce.account.models import User

    invalid = TokenError("Le jeton est invalide.", AccountErrorCode.JWT_INVALID_TOKEN)
    if payload.get("type") != expected_type:
        raise invalid
    try:
        type_name, pk = from_global_id(payload.get("user_id"))
    except InvalidGlobalId as exc:
        raise invalid from exc
    if type_name != "User" or not pk.isdigit():
        raise invalid
    user = User.objects.filter(pk=int(pk), is_active=True).first()
    if user is None or str(user.jwt_token_key) != str(payload.get("token")):
        raise invalid
    return user


def user_from_access_token(token: str):
    """The user of a valid access token, else None (the request then runs as anonymous)."""
    try:
        return user_from_payload(decode_token(token), expected_type=ACCESS)
    except TokenError:
        return None


# --- One-time tokens sent by e-mail -----------------------------------------------------------------------------


class AccountConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """Valid PASSWORD_RESET_TIMEOUT seconds, and used up once the account is confirmed."""

    key_salt = "backend.commerce.account.tokens.AccountConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.email}{user.is_confirmed}{timestamp}"


class PasswordResetGenerator(PasswordResetTokenGenerator):
    """Django's rules (used up by a password change or a login), with a salt of our own."""

    key_salt = "backend.commerce.account.tokens.PasswordResetGenerator"


class AccountDeletionTokenGenerator(PasswordResetTokenGenerator):
    """Proves the request came from the mailbox; a sign-in or a password change in between voids it."""

    key_salt = "backend.commerce.account.tokens.AccountDeletionTokenGenerator"


account_confirmation_token = AccountConfirmationTokenGenerator()
account_deletion_token = AccountDeletionTokenGenerator()
password_reset_token = PasswordResetGenerator()

"""The sign-in flow as Saleor's OpenID Connect plugin runs it, with our own JWTs at the end.

1. `authentication_url_create`: {redirectUri} -> {authorizationUrl} (PKCE, nonce, signed state).
2. `access_tokens_obtain`: {code, state} -> the provider's tokens, the ID token checked, the user matched or
   created by e-mail (only a verified e-mail), and our access/refresh/CSRF tokens.
"""

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.commerce.account import tokens
from backend.commerce.account.error_codes import AccountErrorCode
from backend.commerce.account.models import User
from backend.commerce.account.selectors import user_by_email, user_permission_codes
from backend.commerce.account.services import normalize_email, validate_redirect_url
from plugins.openid_connect import provider
from plugins.openid_connect.config import OpenIDConnectConfig
from plugins.openid_connect.errors import OIDCError
from plugins.openid_connect.state import state_consume, state_create

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExternalTokens:
    user: User
    token: str
    refresh_token: str
    csrf_token: str


def _required_text(data: dict, name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise OIDCError("Ce champ est obligatoire.", code=AccountErrorCode.REQUIRED, field=name)
    return value.strip()


def authentication_url_create(*, config: OpenIDConnectConfig, data: dict) -> dict:
    redirect_uri = _required_text(data, "redirectUri")
    try:
        validate_redirect_url(redirect_uri, field="redirectUri")
    except ValidationError as exc:
        raise OIDCError(exc.message_dict["redirectUri"][0], field="redirectUri") from exc
    state, flow = state_create(plugin_id=config.plugin_id, redirect_uri=redirect_uri,
                               max_age_seconds=config.state_max_age_seconds)
    url = provider.authorization_url(config, redirect_uri=redirect_uri, state=state, nonce=flow.nonce,
                                     code_verifier=flow.code_verifier)
    return {"authorizationUrl": url}


def access_tokens_obtain(*, config: OpenIDConnectConfig, data: dict) -> ExternalTokens:
    code = _required_text(data, "code")
    state = _required_text(data, "state")
    flow = state_consume(state=state, plugin_id=config.plugin_id, max_age_seconds=config.state_max_age_seconds)
    answer = provider.exchange_code(config, code=code, redirect_uri=flow.redirect_uri,
                                    code_verifier=flow.code_verifier)
    claims = provider.verify_id_token(config, id_token=answer["id_token"], nonce=flow.nonce)
    if not claims.get("email") and answer.get("access_token"):
        userinfo = provider.fetch_userinfo(config, access_token=answer["access_token"])
        if userinfo.get("sub") != claims["sub"]:  # OpenID Connect Core 5.3.2: never mix two people's claims
            raise OIDCError("Les informations du fournisseur d'identité ne concernent pas la même personne.")
        claims = {**userinfo, **claims}
    user = user_from_claims(config=config, claims=claims, issuer=str(claims["iss"]))
    return tokens_issue(user=user)


def _email_verified(claims: dict) -> bool:
    value = claims.get("email_verified")
    return value is True or (isinstance(value, str) and value.lower() == "true")  # some providers send a string


def user_from_claims(*, config: OpenIDConnectConfig, claims: dict, issuer: str) -> User:
    """The account of the person the provider vouches for: the one linked to (issuer, sub), else the one with this
    e-mail, else a new one. An e-mail the provider has not verified never opens anybody's account."""
    raw_email = claims.get("email")
    if not raw_email:
        raise OIDCError("Le fournisseur d'identité n'a pas communiqué d'adresse e-mail (scope email ?).")
    try:
        email = normalize_email(str(raw_email))
    except ValidationError as exc:
        raise OIDCError("L'adresse e-mail communiquée par le fournisseur d'identité est invalide.") from exc
    if config.require_email_verified and not _email_verified(claims):
        raise OIDCError("Le fournisseur d'identité n'a pas vérifié cette adresse e-mail.",
                        code=AccountErrorCode.ACCOUNT_NOT_CONFIRMED)
    link_key = f"oidc:{issuer}"
    subject = str(claims["sub"])
    try:
        with transaction.atomic():
            user = _linked_user(link_key, subject) or user_by_email(email, for_update=True)
            if user is None:
                user = User.objects.create_user(email=email, first_name=str(claims.get("given_name") or "")[:256],
                                                last_name=str(claims.get("family_name") or "")[:256])
            if not user.is_active:
                raise OIDCError("Ce compte est désactivé.", code=AccountErrorCode.INACTIVE)
            user.private_metadata = {**(user.private_metadata or {}), link_key: subject}
            user.is_confirmed = True  # the provider verified the address (or is trusted to)
            user.last_login = timezone.now()
            user.save(update_fields=["private_metadata", "is_confirmed", "last_login", "updated_at"])
    except IntegrityError:  # two first sign-ins of one person at once: the other one created the account
        user = user_by_email(email)
        if user is None or not user.is_active:
            raise OIDCError("La connexion n'a pas pu aboutir : réessayez.") from None
    return user


def _linked_user(link_key: str, subject: str) -> User | None:
    # JSON key lookups cannot hold "://" safely in a field path: ask with a containment test instead.
    return User.objects.select_for_update().filter(private_metadata__contains={link_key: subject}).first()


def tokens_issue(*, user: User) -> ExternalTokens:
    csrf_token = tokens.new_csrf_token()
    permissions = user_permission_codes(user) if user.is_staff else None
    return ExternalTokens(user=user, token=tokens.create_access_token(user, permissions=permissions),
                          refresh_token=tokens.create_refresh_token(user, csrf_token=csrf_token),
                          csrf_token=csrf_token)


def logout_data(*, config: OpenIDConnectConfig, data: dict) -> dict:
    """Where to send the browser to end the session at the provider too (RP-initiated logout), if it supports it."""
    url = provider.end_session_url(config)
    if not url:
        return {"logoutUrl": None}
    return_to = data.get("returnTo")
    params = {"client_id": config.client_id}
    if isinstance(return_to, str) and return_to:
        try:
            validate_redirect_url(return_to, field="returnTo")
        except ValidationError as exc:
            raise OIDCError(exc.message_dict["returnTo"][0], field="returnTo") from exc
        params["post_logout_redirect_uri"] = return_to
    separator = "&" if "?" in url else "?"
    return {"logoutUrl": f"{url}{separator}{urlencode(params)}"}

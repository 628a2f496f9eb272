"""The provider side of the code flow, through authlib (OAuth 2 session with PKCE) and joserfc (ID token checks).

Discovery documents and key sets are cached (Django's cache, shared by the workers); an ID token signed with a key
the cache does not know makes one fresh fetch of the key set, so a key rotation at the provider never locks users out.
"""

import logging

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from django.core.cache import cache
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from plugins.openid_connect.config import OpenIDConnectConfig
from plugins.openid_connect.errors import OIDCError, provider_unreachable

logger = logging.getLogger(__name__)

ID_TOKEN_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "PS256"]  # never "none", never HMAC
CLOCK_LEEWAY_SECONDS = 60


def _get_json(url: str, config: OpenIDConnectConfig, **kwargs) -> dict:
    try:
        answer = requests.get(url, timeout=config.timeout_seconds, **kwargs)
        answer.raise_for_status()
        data = answer.json()
    except (requests.RequestException, ValueError) as exc:
        logger.warning("OpenID provider request failed: %s (%s)", url, exc)
        raise provider_unreachable() from exc
    if not isinstance(data, dict):
        raise provider_unreachable()
    return data


def _cached_json(url: str, config: OpenIDConnectConfig, *, refresh: bool = False) -> dict:
    key = f"oidc:document:{url}"
    data = None if refresh else cache.get(key)
    if data is None:
        data = _get_json(url, config)
        cache.set(key, data, config.metadata_cache_seconds)
    return data


def provider_metadata(config: OpenIDConnectConfig) -> dict:
    """Endpoints and issuer: the discovery document, overridden by the endpoints given explicitly."""
    discovered = _cached_json(config.discovery_url, config) if config.discovery_url else {}
    explicit = {
        "issuer": config.issuer,
        "authorization_endpoint": config.authorization_url,
        "token_endpoint": config.token_url,
        "userinfo_endpoint": config.userinfo_url,
        "jwks_uri": config.jwks_url,
        "end_session_endpoint": config.logout_url,
    }
    metadata = {**discovered, **{name: value for name, value in explicit.items() if value}}
    missing = [name for name in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
               if not metadata.get(name)]
    if missing:
        logger.error("OpenID provider metadata lacks %s", missing)
        raise OIDCError("La connexion par fournisseur d'identité est mal configurée.")
    return metadata


def _session(config: OpenIDConnectConfig, *, redirect_uri: str) -> OAuth2Session:
    return OAuth2Session(client_id=config.client_id, client_secret=config.client_secret, scope=config.scope,
                         redirect_uri=redirect_uri, code_challenge_method="S256")


def authorization_url(config: OpenIDConnectConfig, *, redirect_uri: str, state: str, nonce: str,
                      code_verifier: str) -> str:
    metadata = provider_metadata(config)
    extra = {name: value for name, value in (("acr_values", config.acr_values), ("prompt", config.prompt)) if value}
    url, _state = _session(config, redirect_uri=redirect_uri).create_authorization_url(
        metadata["authorization_endpoint"], state=state, nonce=nonce, code_verifier=code_verifier, **extra)
    return url


def exchange_code(config: OpenIDConnectConfig, *, code: str, redirect_uri: str, code_verifier: str) -> dict:
    """The provider's token answer (access_token, id_token...) for an authorization code."""
    metadata = provider_metadata(config)
    session = _session(config, redirect_uri=redirect_uri)
    try:
        token = session.fetch_token(metadata["token_endpoint"], code=code, code_verifier=code_verifier,
                                    timeout=config.timeout_seconds)
    except requests.RequestException as exc:
        logger.warning("OpenID token endpoint unreachable: %s", exc)
        raise provider_unreachable() from exc
    except (OAuthError, ValueError) as exc:  # invalid_grant (used or expired code), invalid_client...
        logger.info("OpenID provider refused the code: %s", exc)
        raise OIDCError("Le code d'autorisation a été refusé par le fournisseur d'identité.", field="code") from exc
    if not token.get("id_token"):
        raise OIDCError("Le fournisseur d'identité n'a pas renvoyé de jeton d'identité (scope openid ?).",
                        field="code")
    return dict(token)


def _key_set(config: OpenIDConnectConfig, jwks_uri: str, *, refresh: bool) -> KeySet:
    try:
        return KeySet.import_key_set(_cached_json(jwks_uri, config, refresh=refresh))
    except (JoseError, ValueError, KeyError, TypeError) as exc:
        logger.error("OpenID provider key set unreadable: %s", exc)
        raise provider_unreachable() from exc


def verify_id_token(config: OpenIDConnectConfig, *, id_token: str, nonce: str) -> dict:
    """The claims of an ID token whose signature, issuer, audience, expiry and nonce are all right; else OIDCError."""
    metadata = provider_metadata(config)
    refused = OIDCError("Le jeton d'identité du fournisseur est invalide.", field="code")
    token = None
    for refresh in (False, True):
        try:
            token = jwt.decode(id_token, _key_set(config, metadata["jwks_uri"], refresh=refresh),
                               algorithms=ID_TOKEN_ALGORITHMS)
            break
        except (JoseError, ValueError) as exc:
            if refresh:
                logger.info("ID token signature refused: %s", exc)
                raise refused from exc
    registry = jwt.JWTClaimsRegistry(
        leeway=CLOCK_LEEWAY_SECONDS,
        iss={"essential": True, "value": metadata["issuer"]},
        aud={"essential": True, "value": config.client_id},
        sub={"essential": True},
        exp={"essential": True},
        nonce={"essential": True, "value": nonce},
    )
    try:
        registry.validate(token.claims)
    except JoseError as exc:
        logger.info("ID token claims refused: %s", exc)
        raise refused from exc
    audience = token.claims["aud"]
    if isinstance(audience, list) and len(audience) > 1 and token.claims.get("azp") != config.client_id:
        raise refused  # OpenID Connect Core 3.1.3.7: several audiences need azp = our client
    return dict(token.claims)


def fetch_userinfo(config: OpenIDConnectConfig, *, access_token: str) -> dict:
    """The userinfo claims: plain JSON, or a signed JWT (`application/jwt`, as FranceConnect v2 answers) whose
    signature, issuer and audience are checked like an ID token's."""
    metadata = provider_metadata(config)
    if not metadata.get("userinfo_endpoint"):
        return {}
    headers = {"Authorization": f"Bearer {access_token}"}
    try:
        answer = requests.get(metadata["userinfo_endpoint"], headers=headers, timeout=config.timeout_seconds)
        answer.raise_for_status()
    except requests.RequestException as exc:
        logger.warning("OpenID userinfo endpoint failed: %s", exc)
        raise provider_unreachable() from exc
    if answer.headers.get("Content-Type", "").split(";")[0].strip() != "application/jwt":
        try:
            data = answer.json()
        except ValueError as exc:
            raise provider_unreachable() from exc
        if not isinstance(data, dict):
            raise provider_unreachable()
        return data
    refused = OIDCError("Les informations signées du fournisseur d'identité sont invalides.")
    try:
        token = jwt.decode(answer.text.strip(), _key_set(config, metadata["jwks_uri"], refresh=False),
                           algorithms=ID_TOKEN_ALGORITHMS)
        jwt.JWTClaimsRegistry(leeway=CLOCK_LEEWAY_SECONDS, iss={"essential": True, "value": metadata["issuer"]},
                              aud={"essential": True, "value": config.client_id}).validate(token.claims)
    except (JoseError, ValueError) as exc:
        logger.info("signed userinfo refused: %s", exc)
        raise refused from exc
    return dict(token.claims)


def end_session_url(config: OpenIDConnectConfig) -> str:
    return provider_metadata(config).get("end_session_endpoint") or ""

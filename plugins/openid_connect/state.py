"""The `state` of the code flow: signed with Django's signing (SECRET_KEY), expiring, usable once.

The signed state carries the redirect URI (so the token exchange uses the one the flow started with) and the id of a
server-side record holding the PKCE verifier and the nonce: those two must never travel through the browser or the
provider's URLs, or PKCE would protect nothing. Taking the record deletes it, so a state cannot be replayed.
"""

import secrets
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache

from plugins.openid_connect.errors import OIDCError

STATE_SALT = "plugins.openid_connect.state"


@dataclass(frozen=True)
class FlowSecrets:
    redirect_uri: str
    nonce: str
    code_verifier: str


def _record_key(flow_id: str) -> str:
    return f"oidc:flow:{flow_id}"


def state_create(*, plugin_id: str, redirect_uri: str, max_age_seconds: int) -> tuple[str, FlowSecrets]:
    flow_id = secrets.token_urlsafe(24)
    flow = FlowSecrets(redirect_uri=redirect_uri, nonce=secrets.token_urlsafe(24),
                       code_verifier=secrets.token_urlsafe(64))
    cache.set(_record_key(flow_id), {"nonce": flow.nonce, "code_verifier": flow.code_verifier}, max_age_seconds)
    state = signing.TimestampSigner(salt=STATE_SALT).sign_object(
        {"id": flow_id, "redirectUri": redirect_uri, "plugin": plugin_id})
    return state, flow


def state_consume(*, state: str, plugin_id: str, max_age_seconds: int) -> FlowSecrets:
    """The flow's secrets, once; OIDCError (field "state") when the state is forged, expired or already used."""
    try:
        payload = signing.TimestampSigner(salt=STATE_SALT).unsign_object(state or "", max_age=max_age_seconds)
    except signing.SignatureExpired as exc:
        raise OIDCError("La demande de connexion a expiré : recommencez.", field="state") from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise OIDCError("Le paramètre state est invalide.", field="state") from exc
    if not isinstance(payload, dict) or payload.get("plugin") != plugin_id or not payload.get("id"):
        raise OIDCError("Le paramètre state est invalide.", field="state")
    key = _record_key(str(payload["id"]))
    record = cache.get(key)
    if not record or not cache.delete(key):  # delete() is true for one caller only: the state is used once
        raise OIDCError("Cette demande de connexion a déjà été utilisée ou a expiré : recommencez.", field="state")
    return FlowSecrets(redirect_uri=str(payload["redirectUri"]), nonce=record["nonce"],
                       code_verifier=record["code_verifier"])

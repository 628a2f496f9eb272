"""The visitor's Saleor tokens, kept server-side in the Django session (HttpOnly cookie holds only the session id).

The access token lives 5 minutes; before it expires we renew it with the refresh token (tokenRefresh). We read the
token's `exp` claim without verifying it: the backend verifies every token it receives, this is only to know when to
renew.
"""

import base64
import json
import time

from storefront import client

RENEW_MARGIN_SECONDS = 30


def _expiry(token: str) -> float:
    try:
        payload = token.split(".")[1]
        payload += "=" * (-len(payload) % 4)
        return float(json.loads(base64.urlsafe_b64decode(payload))["exp"])
    except (IndexError, KeyError, ValueError, TypeError):
        return 0.0


def sign_in(request, access: str, refresh: str | None) -> None:
    request.session.cycle_key()  # new session id at login (session fixation)
    request.session["access_token"] = access
    if refresh:
        request.session["refresh_token"] = refresh


def sign_out(request) -> None:
    request.session.flush()


def current_token(request) -> str | None:
    """A valid access token for this visitor, renewed when close to expiry; None when signed out."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    access = session.get("access_token")
    if not access:
        return None
    if _expiry(access) - RENEW_MARGIN_SECONDS > time.time():
        return access
    refresh = session.get("refresh_token")
    if not refresh:
        sign_out(request)
        return None
    try:
        data = client.execute("RefreshAccess", {"refreshToken": refresh})["tokenRefresh"]
    except (client.GraphQLErrors, client.ApiUnavailable, KeyError, TypeError):
        data = None
    if not data or data.get("errors") or not data.get("token"):
        sign_out(request)
        return None
    session["access_token"] = data["token"]
    return data["token"]

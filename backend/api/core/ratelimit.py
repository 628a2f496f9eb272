"""Rate limits of the public mutations that an attacker would repeat: sign-in, registration, password reset, workshop
registration and checkout creation.

Each call is counted by client address (REMOTE_ADDR; X-Forwarded-For only when the direct peer is one of
settings.TRUSTED_PROXIES, else anybody could pick their address) and, where the input names an e-mail, by e-mail.
Every aliased field and every operation of a batch is its own call, so aliases and batches do not multiply attempts.

Limits come from settings.RATE_LIMITS ("COUNT/SECONDS", each overridable by env RATE_LIMIT_<SCOPE>). A refused call gets
a top-level GraphQL error with code RATE_LIMITED (no Saleor error enum has a code for it), except sign-in, which has
Saleor's own LOGIN_ATTEMPT_DELAYED (see backend/api/account/mutations/auth.py).
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from graphql import GraphQLError

from backend.core.ratelimit import Rate, Verdict, parse_rate, rate_limit_hit, rate_limit_hit_distinct, rate_limit_peek

# Which keys each scope counts by ("email" only where the input has one).
SCOPE_KEYS = {
    "login": ("ip",),
    "register": ("ip", "email"),
    "password_reset": ("ip", "email"),
    "workshop_register": ("ip", "email"),
    "checkout_create": ("ip",),
}


class RateLimited(GraphQLError):
    def __init__(self, retry_after: int):
        minutes = max(1, -(-retry_after // 60))
        wait = f"{minutes} minute{'s' if minutes > 1 else ''}"
        super().__init__(f"Trop de demandes depuis votre connexion : réessayez dans {wait}.",
                         extensions={"code": "RATE_LIMITED", "exception": {"code": "RATE_LIMITED"},
                                     "retryAfter": retry_after})


@lru_cache(maxsize=64)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()))))


def client_ip(request) -> str:
    """The caller's address. Behind trusted proxies, the right-most X-Forwarded-For hop that is not a trusted proxy
    (the left part of the header is written by the client and cannot be believed)."""
    address = request.META.get("REMOTE_ADDR") or "-"
    if not _is_trusted(address):
        return address
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop):
            return hop
    return address


def rate_of(scope: str) -> Rate | None:
    text = settings.RATE_LIMITS.get(scope)
    return parse_rate(text) if text else None


def _email_of(data: dict) -> str:
    raw = data.get("email") or (data.get("input") or {}).get("email") or ""
    return str(raw).strip().lower()


def enforce_rate_limit(scope: str, request, data: dict) -> None:
    """Count this call in `scope`; raise RateLimited when the address or the e-mail is over its rate."""
    refusals: list[Verdict] = []
    for kind in SCOPE_KEYS[scope]:
        key = client_ip(request) if kind == "ip" else _email_of(data)
        rate = rate_of(scope if kind == "ip" else f"{scope}_email")
        if not key or rate is None:
            continue
        verdict = rate_limit_hit(scope=f"{scope}:{kind}", key=key, rate=rate)
        if not verdict.allowed:
            refusals.append(verdict)
    if refusals:
        raise RateLimited(max(v.retry_after for v in refusals))


# --- Sign-in: beyond the per-address count, the distinct e-mails that failed from one address (credential stuffing).
def login_refusal(request) -> Verdict | None:
    """Count one sign-in attempt; the verdict when the address is over its rates, else None."""
    ip = client_ip(request)
    rate = rate_of("login")
    if rate is not None:
        verdict = rate_limit_hit(scope="login:ip", key=ip, rate=rate)
        if not verdict.allowed:
            return verdict
    rate = rate_of("login_failed_emails")
    if rate is not None:
        verdict = rate_limit_peek(scope="login:failed-emails", key=ip, rate=rate)
        if not verdict.allowed:
            return verdict
    return None


def login_failed(request, email: str) -> None:
    rate = rate_of("login_failed_emails")
    if rate is not None:
        rate_limit_hit_distinct(scope="login:failed-emails", key=client_ip(request),
                                member=(email or "").strip().lower(), rate=rate)

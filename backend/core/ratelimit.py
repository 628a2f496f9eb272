"""A fixed-window rate limiter on Django's cache (Redis in production, the database cache in the embedded default).

A limit is written "COUNT/SECONDS" (e.g. "5/900": five per quarter of an hour). Each (scope, key) gets one counter per
window; the counter lives in the cache with the window's length, so nothing needs cleaning up.

A cache that is down must not close the shop: the limiter then lets the call through and logs it (the login pause and
the abuse limits of the GraphQL layer still apply).
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.core.cache import cache

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rate:
    limit: int
    window: int  # seconds


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int
    retry_after: int  # seconds until the current window ends


def parse_rate(text: str) -> Rate:
    """ "5/900" -> Rate(5, 900). A malformed value is a configuration error, raised at once."""
    count, _, seconds = str(text).partition("/")
    rate = Rate(int(count), int(seconds))
    if rate.limit < 1 or rate.window < 1:
        raise ValueError(f"Invalid rate limit {text!r}: expected COUNT/SECONDS, both positive.")
    return rate


def _bucket(scope: str, key: str, rate: Rate, now: float) -> tuple[str, int]:
    window_index = int(now // rate.window)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]  # e-mails and addresses never stored in clear
    retry_after = rate.window - int(now % rate.window)
    return f"ratelimit:{scope}:{digest}:{window_index}", retry_after


def _count_one(name: str, *, timeout: int) -> int:
    """Add one to the window's counter and return it. The first call of a window only creates the counter (one
    cache operation: one Redis command, 3 SQL queries with the database cache, instead of 3 and 7 for add(0) then
    incr), which is the usual case: a resident's address makes a call or two per window."""
    if cache.add(name, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(name)
    except ValueError:  # the counter expired between the two calls: this call opens a new window
        return 1 if cache.add(name, 1, timeout=timeout) else cache.incr(name)


def rate_limit_hit(*, scope: str, key: str, rate: Rate) -> Verdict:
    """Count one call for (scope, key) and say whether it is within the rate."""
    name, retry_after = _bucket(scope, key, rate, time.time())
    try:
        count = _count_one(name, timeout=rate.window + 1)
    except Exception:  # noqa: BLE001 - any cache failure: let the call through, see the module docstring
        logger.warning("Rate limiter: cache unavailable, %s not limited", scope, exc_info=True)
        return Verdict(allowed=True, count=0, retry_after=0)
    return Verdict(allowed=count <= rate.limit, count=count, retry_after=retry_after)


def rate_limit_peek(*, scope: str, key: str, rate: Rate) -> Verdict:
    """The state of (scope, key) without counting a call."""
    name, retry_after = _bucket(scope, key, rate, time.time())
    try:
        count = int(cache.get(name, 0))
    except Exception:  # noqa: BLE001
        logger.warning("Rate limiter: cache unavailable, %s not limited", scope, exc_info=True)
        return Verdict(allowed=True, count=0, retry_after=0)
    return Verdict(allowed=count < rate.limit, count=count, retry_after=retry_after)


def rate_limit_hit_distinct(*, scope: str, key: str, member: str, rate: Rate) -> Verdict:
    """Count `member` once per window for (scope, key): e.g. the distinct e-mails that failed to sign in from one
    address (a person mistyping their own password counts once; credential stuffing counts every e-mail)."""
    name, _ = _bucket(f"{scope}:seen", f"{key}|{member}", rate, time.time())
    try:
        first_time = cache.add(name, 1, timeout=rate.window + 1)
    except Exception:  # noqa: BLE001
        logger.warning("Rate limiter: cache unavailable, %s not limited", scope, exc_info=True)
        return Verdict(allowed=True, count=0, retry_after=0)
    if not first_time:
        return rate_limit_peek(scope=scope, key=key, rate=rate)
    return rate_limit_hit(scope=scope, key=key, rate=rate)

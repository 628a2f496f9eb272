"""The Redis cache backend of production (backend.core.cache) and the rate limiter counting on it, against a real
Redis (TEST_REDIS_URL, else 127.0.0.1:6379/15; skipped when none answers)."""

import os
import socket
import threading
import uuid
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import override_settings

from backend.core.cache import ComptoirRedisCache
from backend.core.ratelimit import Rate, rate_limit_hit

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    parts = urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not _redis_answers(), reason=f"Redis is not reachable at {REDIS_URL}")


@pytest.fixture(autouse=True)
def limiter_clock_mid_window(monkeypatch):
    """The limiter counts per window of time: calls that straddled a window boundary (once in a while on a loaded
    machine) were counted in two buckets. Its clock is held mid-window."""
    from types import SimpleNamespace

    import backend.core.ratelimit as limiter

    monkeypatch.setattr(limiter, "time", SimpleNamespace(time=lambda: 1_800_000_000.0 + 30.0))


@pytest.fixture
def redis_cache():
    """Django's default cache on Redis, under a key prefix of its own (removed afterwards)."""
    prefix = f"test-{uuid.uuid4().hex}"
    caches = {"default": {"BACKEND": "backend.core.cache.ComptoirRedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": prefix}}
    with override_settings(CACHES=caches):
        yield cache
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)


def test_one_redis_client_serves_every_call():
    backend = ComptoirRedisCache(REDIS_URL, {})
    first = backend._cache.get_client(write=True)
    assert backend._cache.get_client(write=True) is first
    assert backend._cache.get_client() is first  # one server: reads and writes share its pool


def test_the_backend_stores_adds_and_counts(redis_cache):
    assert redis_cache.add("compteur", 1, timeout=30) is True
    assert redis_cache.add("compteur", 1, timeout=30) is False
    assert redis_cache.incr("compteur") == 2
    redis_cache.set("panier", {"lignes": 3}, timeout=30)
    assert redis_cache.get("panier") == {"lignes": 3}
    with pytest.raises(ValueError):
        redis_cache.incr("absent")


def test_rate_limiter_counts_each_call_and_refuses_past_the_rate(redis_cache):
    verdicts = [rate_limit_hit(scope="essai", key="10.0.0.1", rate=Rate(2, 60)) for _ in range(3)]
    assert [(v.count, v.allowed) for v in verdicts] == [(1, True), (2, True), (3, False)]
    other = rate_limit_hit(scope="essai", key="10.0.0.2", rate=Rate(2, 60))
    assert (other.count, other.allowed) == (1, True)


def test_rate_limiter_loses_no_call_when_threads_count_at_once(redis_cache):
    # given 8 threads (a gunicorn worker's threads, say) sharing the backend's one client
    rate, counts = Rate(1_000, 60), []
    lock = threading.Lock()

    def hit_25_times():
        mine = [rate_limit_hit(scope="rafale", key="10.0.0.9", rate=rate).count for _ in range(25)]
        with lock:
            counts.extend(mine)

    threads = [threading.Thread(target=hit_25_times) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then the 200 calls got the 200 counts, each once: the first call of the window created the counter at 1
    assert sorted(counts) == list(range(1, 201))

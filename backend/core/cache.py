"""Django's Redis cache backend, keeping one redis-py client per connection pool.

Django's RedisCacheClient builds a new `redis.Redis` object for every cache call; building one fills its table of
~170 response callbacks, which costs more Python time than the Redis round trip itself (profiled: close to half of
the rate limiter's time in checkoutCreate). A redis-py client is thread-safe (each command takes a connection from
the pool), so one per pool serves every thread of a gunicorn worker. Connections stay pooled as before.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class PooledClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:  # two threads may both build one at first: either serves, the pool is the same
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class ComptoirRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledClientRedisCacheClient

"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django's RedisCacheClient builds a new redis.Redis object for every cache operation; with
redis-py 8 that costs more than the round trip itself on a cached page (two or three
operations a request). A redis.Redis object is thread-safe and meant to be reused.
"""

import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

# After a failed call, rate limits and cached pages leave the shared cache alone for a few
# seconds: an unreachable Redis costs one socket timeout per process, not one per request.
PAUSE_SECONDS = 5.0
_paused_until = 0.0


def shared_cache_paused() -> bool:
    return time.monotonic() < _paused_until


def shared_cache_failed() -> None:
    global _paused_until
    _paused_until = time.monotonic() + PAUSE_SECONDS


class _ReusedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient

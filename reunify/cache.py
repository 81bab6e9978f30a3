"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django's RedisCacheClient builds a new redis.Redis object for every cache operation; with
redis-py 8 that costs more than the round trip itself on a cached page (two or three
operations a request). A redis.Redis object is thread-safe and meant to be reused.

Two counters a request uses on every form and every write, in one round trip each: a rate
limit hit, and the page versions a write bumps.
"""

import time

from django.core.cache.backends.locmem import LocMemCache
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


# Each version: one more if it exists, else a fresh value (ARGV[1], the clock) that no older
# page can have been stored under. As a script, every scope of a write in one round trip.
_BUMP_SCRIPT = """
for _, key in ipairs(KEYS) do
  if redis.call('exists', key) == 1 then redis.call('incr', key)
  else redis.call('set', key, ARGV[1]) end
end
"""


class SharedRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient

    def _write_client(self, key: str):
        return self._cache.get_client(key, write=True)

    def hit(self, key: str, *, timeout: int) -> int:
        """Count one event: SET NX with its expiry, then INCR, in one round trip (Django's
        add() then incr() take three). Atomic across processes."""
        key = self.make_and_validate_key(key)
        pipe = self._write_client(key).pipeline(transaction=True)
        pipe.set(key, 0, nx=True, ex=timeout)
        pipe.incr(key)
        return pipe.execute()[1]

    def bump_many(self, keys: list[str], *, fresh: int) -> None:
        """Add one to each counter, or set it to `fresh` where it is missing (no expiry)."""
        keys = [self.make_and_validate_key(key) for key in keys]
        self._write_client(keys[0]).eval(_BUMP_SCRIPT, len(keys), *keys, fresh)


class LocalCache(LocMemCache):
    """This process's memory (the embedded mode, and counters while Redis is away), with the
    same two counters as SharedRedisCache."""

    def hit(self, key: str, *, timeout: int) -> int:
        self.add(key, 0, timeout=timeout)
        try:
            return self.incr(key)
        except ValueError:  # expired between the two calls: this hit opens a new window
            self.add(key, 1, timeout=timeout)
            return 1

    def bump_many(self, keys: list[str], *, fresh: int) -> None:
        for key in keys:
            try:
                self.incr(key)
            except ValueError:
                self.set(key, fresh, timeout=None)

"""Django's Redis cache, reusing one client per connection pool.

Django builds a new `redis.Redis` object for every cache operation, and each one sets
up its table of response callbacks: about half the time of a `cache.get` on a local
Redis. Every page makes several (the session, the header's count, the user's
accounts), so the client is kept. Clients are thread-safe; connections still come
from the pool."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient


def cached_value(key: str, compute, *, timeout: int):
    """`compute()` once per `timeout`, None included (stored wrapped)."""
    from django.core.cache import cache

    found = cache.get(key)
    if found is None:
        found = (compute(),)
        cache.set(key, found, timeout)
    return found[0]


def forget(*keys: str) -> None:
    """Drops cached values now and again after the surrounding transaction commits,
    since a request meanwhile may cache what it could still see."""
    from django.core.cache import cache
    from django.db import transaction

    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))

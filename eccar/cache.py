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


# Large, rarely changing values (a questionnaire's structure: some 100 KB of pickled
# model objects) are kept unpickled in each process as well, next to the token of the
# generation they belong to. The shared cache holds only that token under the key, so
# `forget(key)` still reaches every process: a process uses its copy only while the
# shared token is the one it copied.
_process_copies: dict[str, tuple[str, object]] = {}
PROCESS_COPIES_MAX = 256


def cached_shared_value(key: str, compute, *, timeout: int):
    """Like `cached_value`, for large values read on many pages: one small cache read
    when this process already holds the current generation. Callers share the object
    and must not change it."""
    import uuid

    from django.core.cache import cache

    token = cache.get(key)
    if not isinstance(token, str):  # absent, or a value cached there by an older release
        token = None
    if token is not None:
        held = _process_copies.get(key)
        if held is not None and held[0] == token:
            return held[1]
        found = cache.get(f"{key}:{token}")
    else:
        token, found = uuid.uuid4().hex, None
    if found is None:
        found = (compute(),)
        cache.set(f"{key}:{token}", found, timeout)
        if not cache.add(key, token, timeout) and not isinstance(cache.get(key), str):
            cache.set(key, token, timeout)
    if len(_process_copies) >= PROCESS_COPIES_MAX:
        _process_copies.clear()
    _process_copies[key] = (token, found[0])
    return found[0]


def shared_value_generation(key: str) -> str | None:
    """The generation of `key` this process last read through `cached_shared_value`:
    a key for whatever is derived from that value (rendered fragments)."""
    held = _process_copies.get(key)
    return held[0] if held else None


def forget(*keys: str) -> None:
    """Drops cached values now and again after the surrounding transaction commits,
    since a request meanwhile may cache what it could still see."""
    from django.core.cache import cache
    from django.db import transaction

    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))

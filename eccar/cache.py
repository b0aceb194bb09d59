"""Django's Redis cache, reusing one client per connection pool.

Django builds a new `redis.Redis` object for every cache operation, and each one sets
up its table of response callbacks: about half the time of a `cache.get` on a local
Redis. Every page makes several (the session, the header's count, the user's
accounts), so the client is kept. Clients are thread-safe; connections still come
from the pool."""

import hashlib
import threading
import uuid

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


# Values most pages read about the logged-in user (their accounts, unread count, the
# current cycle...) are fetched together with the user in one round trip, then kept
# for the rest of the request: a round trip to Redis costs more in system time than
# the reading itself. Apps register the keys (their AppConfig.ready); the values are
# dropped at the end of each request and whenever they are forgotten.
USER_PAGE_KEYS: list = []  # functions of the user's id returning a key
_request = threading.local()
_ABSENT = object()


def request_values_reset(**kwargs) -> None:
    _request.values = None


def prefetch_for_user(user_key: str, user_id: int):
    """Reads `user_key` and every registered key of the user in one round trip, for
    the rest of the request; returns what `user_key` holds (None when absent)."""
    _request.values = {}
    prefetch([user_key, *(key_of(user_id) for key_of in USER_PAGE_KEYS)])
    return request_get(user_key)


def prefetch(keys) -> None:
    """Reads these keys in one round trip for the rest of the request (when a user's
    values are kept for it): every read below then answers from them."""
    from django.core.cache import cache

    values = getattr(_request, "values", None)
    if values is None:
        return
    wanted = [key for key in keys if key not in values]
    if wanted:
        found = cache.get_many(wanted)
        values.update({key: found.get(key, _ABSENT) for key in wanted})


def _remember(key: str, value) -> None:
    values = getattr(_request, "values", None)
    if values is not None:
        values[key] = value


def get_many(keys) -> dict:
    """`cache.get_many(keys)`, answered first from the values read for the request."""
    from django.core.cache import cache

    values = getattr(_request, "values", None) or {}
    found = {key: values[key] for key in keys if key in values}
    rest = [key for key in keys if key not in found]
    if rest:
        found.update(cache.get_many(rest))
    return {key: value for key, value in found.items() if value is not _ABSENT}


def request_get(key: str):
    """`cache.get(key)`, answered from the values read for the request when it is one."""
    from django.core.cache import cache

    values = getattr(_request, "values", None)
    found = values.get(key) if values else None
    if found is None:
        return cache.get(key)
    return None if found is _ABSENT else found


def hashed_key(prefix: str, *parts) -> str:
    """A cache key naming everything a rendered fragment depends on."""
    return f"{prefix}:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def generation(key: str, *, timeout: int | None = None) -> str:
    """A token that stays the same until `forget(key)`: a part of the keys of whatever
    is derived from what the key stands for."""
    from django.core.cache import cache

    token = request_get(key)
    if token is None:
        candidate = uuid.uuid4().hex
        cache.add(key, candidate, timeout)
        token = cache.get(key, candidate)
    _remember(key, token)
    return token


def cached_value(key: str, compute, *, timeout: int):
    """`compute()` once per `timeout`, None included (stored wrapped)."""
    from django.core.cache import cache

    found = request_get(key)
    if found is None:
        found = (compute(),)
        cache.set(key, found, timeout)
        _remember(key, found)
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
    (none when read with the user) while this process holds the current generation.
    Callers share the object and must not change it."""
    from django.core.cache import cache

    token = request_get(key)
    if not isinstance(token, str):  # absent, or a value cached there by an older release
        token = None
    found = None
    if token is not None:
        _remember(key, token)
        held = _process_copies.get(key)
        if held is not None and held[0] == token:
            return held[1]
        found = cache.get(f"{key}:{token}")
    else:
        token = uuid.uuid4().hex
    if found is None:
        found = (compute(),)
        cache.set(f"{key}:{token}", found, timeout)
        if not cache.add(key, token, timeout) and not isinstance(cache.get(key), str):
            cache.set(key, token, timeout)
        _remember(key, token)
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

    values = getattr(_request, "values", None)
    for key in keys:
        if values:
            values.pop(key, None)
        _process_copies.pop(key, None)
    cache.delete_many(keys)
    if transaction.get_connection().in_atomic_block:  # otherwise the write is committed
        transaction.on_commit(lambda: cache.delete_many(keys))

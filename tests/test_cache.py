"""The Redis cache backend that keeps its client (eccar.cache)."""

import os

import pytest

from eccar.cache import RedisCache

needs_redis = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (as in CI)")


@pytest.fixture
def redis_cache():
    backend = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "eccar-cache-test"})
    yield backend
    backend.delete_many(["answer", "a", "b", "warm-up"])


@needs_redis
def test_cache_stores_reads_and_forgets(redis_cache):
    redis_cache.set("answer", {"value": "Ζωή, żółw, İzmir"}, 60)
    redis_cache.set_many({"a": 1, "b": 2}, 60)

    stored = redis_cache.get("answer")
    many = redis_cache.get_many(["a", "b", "missing"])
    redis_cache.delete_many(["a", "b"])

    assert stored == {"value": "Ζωή, żółw, İzmir"}
    assert many == {"a": 1, "b": 2}
    assert redis_cache.get("a") is None
    assert redis_cache.add("answer", "other") is False


@needs_redis
def test_cache_reuses_one_client_per_server(redis_cache):
    redis_cache.get("warm-up")

    first = redis_cache._cache.get_client()
    second = redis_cache._cache.get_client(write=True)

    assert first is second


def test_shared_value_is_kept_per_process_until_forgotten(db):
    from eccar.cache import cached_shared_value, forget

    computed = []

    def compute():
        computed.append(1)
        return {"sections": ["profile"]}

    first = cached_shared_value("shared-test", compute, timeout=60)
    again = cached_shared_value("shared-test", compute, timeout=60)
    forget("shared-test")
    renewed = cached_shared_value("shared-test", compute, timeout=60)

    assert again is first  # this process's copy, not a fresh unpickling
    assert renewed is not first
    assert len(computed) == 2


def test_shared_value_ignores_what_an_older_release_cached_under_its_key(db):
    from django.core.cache import cache

    from eccar.cache import cached_shared_value

    cache.set("shared-test", ({"old": "format"},), 60)

    value = cached_shared_value("shared-test", lambda: {"new": "format"}, timeout=60)
    again = cached_shared_value("shared-test", lambda: {"other": "value"}, timeout=60)

    assert value == again == {"new": "format"}


def test_page_reads_the_users_values_with_the_user_in_one_round_trip(login, primary, monkeypatch):
    from django.core.cache import cache
    from django.urls import reverse

    from eccar.notifications import unread_cache_key
    from reporting.rules import city_accounts_cache_key

    client = login(primary)
    client.get(reverse("home"))  # fills the cache
    single_reads, batches = [], []
    original_get, original_get_many = cache.get, cache.get_many

    def get(key, *args, **kwargs):
        if not batches or batches[-1] is not None:  # not a read inside get_many
            single_reads.append(key)
        return original_get(key, *args, **kwargs)

    def get_many(keys, *args, **kwargs):
        batches.append(None)
        found = original_get_many(keys, *args, **kwargs)
        batches[-1] = list(keys)
        return found

    monkeypatch.setattr(cache, "get", get)
    monkeypatch.setattr(cache, "get_many", get_many)

    client.get(reverse("home"))

    user_batch = next(batch for batch in batches if f"auth-user:{primary.pk}" in batch)
    assert {city_accounts_cache_key(primary.pk), unread_cache_key(primary.pk)} <= set(user_batch)
    assert city_accounts_cache_key(primary.pk) not in single_reads
    assert unread_cache_key(primary.pk) not in single_reads


def test_value_forgotten_during_a_request_is_not_served_from_its_prefetch(db, primary):
    from eccar.backends import user_cache_key
    from eccar.cache import cached_value, forget, prefetch_for_user, request_values_reset
    from eccar.notifications import unread_cache_key

    key = unread_cache_key(primary.pk)
    cached_value(key, lambda: 1, timeout=60)
    prefetch_for_user(user_cache_key(primary.pk), primary.pk)
    try:
        forget(key)
        value = cached_value(key, lambda: 2, timeout=60)
    finally:
        request_values_reset()

    assert value == 2

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

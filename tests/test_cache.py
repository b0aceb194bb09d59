"""The Redis cache backend that keeps its client (eccar.cache)."""

import os

import pytest

from eccar.cache import RedisCache

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (as in CI)")


@pytest.fixture
def redis_cache():
    backend = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "eccar-cache-test"})
    yield backend
    backend.delete_many(["answer", "a", "b", "warm-up"])


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


def test_cache_reuses_one_client_per_server(redis_cache):
    redis_cache.get("warm-up")

    first = redis_cache._cache.get_client()
    second = redis_cache._cache.get_client(write=True)

    assert first is second

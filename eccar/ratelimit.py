"""A fixed-window counter in the shared cache (Redis in production), for public forms
that allauth's own login limits do not cover."""

from django.core.cache import cache


def allow(*, scope: str, key: str, limit: int, period: int) -> bool:
    """Counts one hit; False once `limit` hits were counted in the current window."""
    cache_key = f"rl:{scope}:{key}"
    if cache.add(cache_key, 1, timeout=period):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The window expired between add() and incr(): this hit opens a new one.
        cache.set(cache_key, 1, timeout=period)
        return True
    return count <= limit

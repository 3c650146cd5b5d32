"""The caches the app shares between processes, and what it does while one is unreachable.

Rate limits, mail caps, the circuit breaker, the render lock and the rendered schedule and
exports live in Django caches (``conf.py`` names the aliases); with several app servers that is
a shared cache such as Redis. Django's own Redis backend raises when Redis is gone, so every
page that touches the cache would answer 500. ``shared_cache(alias)`` hands out the cache
behind a thin layer instead: when a call fails with a connection error, the call and every
other for ``RETRY_SECONDS`` go to this process's own memory, and the site keeps serving,
degraded: pages and exports are rendered instead of read from the cache, and limits and caps
are counted per process (still counted, never switched off) until the shared cache answers.
"""

import logging
import time

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

#: After a failure, the shared cache is left alone for this many seconds before it is tried again,
#: so that a cache that is down costs one connection attempt per process and period, not one per call.
RETRY_SECONDS = 5

_down_until = {}
_fallbacks = {}


def _connection_errors():
    errors = [OSError]
    try:
        from redis.exceptions import RedisError
    except ImportError:
        pass
    else:
        errors.append(RedisError)
    try:
        from pymemcache.exceptions import MemcacheError
    except ImportError:
        pass
    else:
        errors.append(MemcacheError)
    return tuple(errors)


def _fallback(alias):
    if alias not in _fallbacks:
        _fallbacks[alias] = LocMemCache(f"barcamp_wagtail-fallback-{alias}", {"TIMEOUT": 300})
    return _fallbacks[alias]


class SharedCache:
    """Django's cache ``alias``, or this process's memory while it does not answer."""

    def __init__(self, alias):
        self.alias = alias

    def __getattr__(self, name):
        method = getattr(caches[self.alias], name)
        if not callable(method):
            return method

        def call(*args, **kwargs):
            if time.monotonic() < _down_until.get(self.alias, 0):
                return getattr(_fallback(self.alias), name)(*args, **kwargs)
            try:
                return method(*args, **kwargs)
            except _connection_errors() as error:
                if time.monotonic() >= _down_until.get(self.alias, 0):
                    logger.warning(
                        "The cache %r does not answer (%s): using this process's memory for %d s",
                        self.alias,
                        error,
                        RETRY_SECONDS,
                    )
                _down_until[self.alias] = time.monotonic() + RETRY_SECONDS
                return getattr(_fallback(self.alias), name)(*args, **kwargs)

        return call


def shared_cache(alias):
    """The cache named ``alias`` in ``settings.CACHES``, surviving its outages (see above)."""
    return SharedCache(alias)

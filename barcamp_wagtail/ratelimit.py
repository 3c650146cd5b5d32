"""A small rate limit per client address, kept in Django's cache.

``cache.add`` + ``cache.incr`` are atomic in the local-memory cache, in Memcached and in Redis,
so concurrent requests cannot slip past the limit by reading the same count.
"""

import hashlib

from django.core.cache import caches

from .conf import get_setting


def client_address(request):
    """The client's address: REMOTE_ADDR, or the trusted proxy's header when one is configured."""
    header = get_setting("CLIENT_ADDRESS_HEADER")
    if header:
        forwarded = request.META.get(header, "")
        # A proxy appends the address it saw: the last entry is the one it vouches for.
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")


def hit(scope, request):
    """Count one attempt; True while the client stays within the limit."""
    limit = get_setting("PROPOSAL_RATE_LIMIT")
    if not limit:
        return True
    window = get_setting("PROPOSAL_RATE_WINDOW")
    cache = caches[get_setting("PROPOSAL_RATE_CACHE")]
    # Hashed: the cache need not hold visitors' addresses.
    key = f"barcamp_wagtail:rate:{scope}:{hashlib.sha256(client_address(request).encode()).hexdigest()}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The entry expired between add() and incr(): this is the first attempt of a new window.
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit

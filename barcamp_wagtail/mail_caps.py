"""How many mails one address may get from the app: a cap per hour and per day.

Anyone can type any address into a public form. Without a cap, twenty proposals naming one
address, sent from twenty client addresses, would send twenty mails to it. The count lives in
the cache named by ``MAIL_CAP_CACHE`` (a shared cache such as Redis when several servers send
mail), keyed by a hash of the address, so the cache holds no addresses. ``cache.add`` +
``cache.incr`` are atomic there, as in ``ratelimit.py``.

Only addresses a visitor typed are capped (submitters, sign-ups); the organisers' own
notification addresses are not.
"""

import hashlib

from .conf import get_setting
from .shared_cache import shared_cache

WINDOWS = (("hour", 3600, "MAIL_CAP_PER_HOUR"), ("day", 86400, "MAIL_CAP_PER_DAY"))


def _key(window, address):
    digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()
    return f"barcamp_wagtail:mailcap:{window}:{digest}"


def _count(cache, key, timeout):
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:
        # The entry expired between add() and incr(): the first mail of a new window.
        cache.add(key, 1, timeout=timeout)
        return 1


def allow(address):
    """Count one mail to ``address``; False when it would go over the hourly or daily cap
    (then the mail is not to be sent). A mail held back by the hourly cap does not count
    for the day. A cap of 0 or None is no cap."""
    cache = shared_cache(get_setting("MAIL_CAP_CACHE"))
    for window, seconds, setting in WINDOWS:
        limit = get_setting(setting)
        if limit and _count(cache, _key(window, address), seconds) > limit:
            return False
    return True

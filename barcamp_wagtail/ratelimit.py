"""Rate limits for the public forms, kept in Django's cache.

``cache.add`` + ``cache.incr`` are atomic in the local-memory cache, in Memcached and in Redis,
so concurrent requests cannot slip past the limit by reading the same count. Keys hold hashes,
never addresses.

Normally each client address may send ``PROPOSAL_RATE_LIMIT`` forms per window. At a venue,
forty people share one public address, so a proposal sent with the venue's code (shown on the
projector) or from one of the venue's networks (both set on the proposal page) is counted per
browser instead, by a signed cookie the form sets; a flood from that one address is still
stopped by the much higher ``PROPOSAL_VENUE_RATE_LIMIT`` for the address as a whole.
"""

import hashlib
import ipaddress
import secrets

from django.core import signing
from django.utils.crypto import constant_time_compare

from .conf import get_setting
from .shared_cache import shared_cache

BROWSER_COOKIE = "barcamp_wagtail_browser"
BROWSER_COOKIE_SALT = "barcamp_wagtail.ratelimit.browser"
BROWSER_COOKIE_AGE = 24 * 3600


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


def _digest(value):
    return hashlib.sha256(value.encode()).hexdigest()


def _count(key, limit):
    """Count one attempt under ``key``; True while at most ``limit`` were made in the window."""
    if not limit:
        return True
    window = get_setting("PROPOSAL_RATE_WINDOW")
    cache = shared_cache(get_setting("PROPOSAL_RATE_CACHE"))
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The entry expired between add() and incr(): this is the first attempt of a new window.
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


def browser_id(request):
    """The id the browser got from ``remember_browser``, or None (no cookie, or a forged one)."""
    try:
        return signing.loads(request.COOKIES.get(BROWSER_COOKIE, ""), salt=BROWSER_COOKIE_SALT)
    except signing.BadSignature:
        return None


def remember_browser(request, response):
    """Give the browser an id to be counted by at the venue (a signed random value, no tracking:
    it is read only when the venue's code or network applies)."""
    if browser_id(request) is None:
        value = signing.dumps(secrets.token_urlsafe(16), salt=BROWSER_COOKIE_SALT)
        response.set_cookie(
            BROWSER_COOKIE,
            value,
            max_age=BROWSER_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def at_venue(request, page):
    """Whether the request comes from the venue of ``page`` (a ProposalPage): its code was sent
    with the form, or the client address is in one of its networks."""
    code = (page.venue_code or "").strip()
    sent = (request.POST.get("venue_code") or "").strip()
    if code and sent and constant_time_compare(sent.casefold(), code.casefold()):
        return True
    networks = page.venue_network_list()
    if networks:
        try:
            address = ipaddress.ip_address(client_address(request))
        except ValueError:
            return False
        return any(address in network for network in networks)
    return False


def hit(scope, request, venue=False):
    """Count one attempt; True while the client stays within the limit.

    ``venue``: the request comes from the event's venue (see ``at_venue``): the browser is
    limited like an address would be, and the address as a whole by the venue's limit.
    """
    limit = get_setting("PROPOSAL_RATE_LIMIT")
    address = _digest(client_address(request))
    browser = browser_id(request) if venue else None
    if browser is None:
        return _count(f"barcamp_wagtail:rate:{scope}:{address}", limit)
    within_venue = _count(f"barcamp_wagtail:rate:{scope}:venue:{address}", get_setting("PROPOSAL_VENUE_RATE_LIMIT"))
    return _count(f"barcamp_wagtail:rate:{scope}:browser:{_digest(browser)}", limit) and within_venue

"""The spam check without Google: a proof of work the visitor's browser solves.

For visitors whose browser cannot or may not load Google's reCAPTCHA (a blocker, the venue's
network, no consent given), the form offers a check the site serves itself: the ALTCHA widget
(``static/barcamp_wagtail/vendor/altcha/``, copied from the npm package by ``make vendor``) finds a
number that makes a key derivation start with a given prefix, which takes a browser a second or
two and makes sending many forms expensive. No request leaves the site: the challenge is part of
the page, and its answer comes back with the form.

The challenge is signed with an HMAC key (``PROPOSAL_CHALLENGE_KEY``, by default derived from
``SECRET_KEY``), expires with the form's time trap, and each solved challenge is accepted once:
its signature is remembered in the rate-limit cache until it expires.
"""

import datetime
import hashlib
import json

import altcha
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .conf import get_setting
from .shared_cache import shared_cache

ALGORITHM = "PBKDF2/SHA-256"


def enabled():
    """Whether forms offer the check: ``PROPOSAL_CHALLENGE``, where None follows reCAPTCHA (the
    check is the way through for visitors without Google)."""
    setting = get_setting("PROPOSAL_CHALLENGE")
    return bool(get_setting("PROPOSAL_RECAPTCHA") if setting is None else setting)


def _secret():
    return (
        get_setting("PROPOSAL_CHALLENGE_KEY")
        or salted_hmac("barcamp_wagtail.challenge", "hmac", algorithm="sha256").hexdigest()
    )


def new_challenge():
    """A fresh, signed challenge as JSON for the widget."""
    expires = timezone.now() + datetime.timedelta(seconds=get_setting("PROPOSAL_MAX_SECONDS"))
    challenge = altcha.create_challenge(
        algorithm=ALGORITHM,
        cost=get_setting("PROPOSAL_CHALLENGE_COST"),
        key_prefix="00",
        expires_at=expires,
        hmac_secret=_secret(),
    )
    return json.dumps(challenge.to_dict(), separators=(",", ":"))


def verify(payload):
    """Whether ``payload`` (the widget's answer, base64 JSON) solves a challenge of ours that has
    not expired and was not used before."""
    if not payload or len(payload) > 4000:
        return False
    try:
        result = altcha.verify_solution(payload, _secret())
        signature = altcha.Payload.from_base64(payload).challenge.signature if result.verified else None
    except (ValueError, TypeError, KeyError, AttributeError):
        return False
    if not signature:
        return False
    # Accepted once: a solved challenge cannot carry a second form, however its answer is encoded.
    used = hashlib.sha256(signature.encode()).hexdigest()
    cache = shared_cache(get_setting("PROPOSAL_RATE_CACHE"))
    return cache.add(f"barcamp_wagtail:challenge:{used}", 1, timeout=get_setting("PROPOSAL_MAX_SECONDS") + 60)

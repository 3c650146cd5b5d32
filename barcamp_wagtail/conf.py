"""The app's settings: one dict ``BARCAMP_WAGTAIL`` in the host's settings.

Every key is optional; ``DEFAULTS`` documents what applies when it is missing.
Values are read when needed, never at import, so ``override_settings`` works.
"""

from django.conf import settings

DEFAULTS = {
    # Languages a session can be held in, as (code, name) pairs.
    # None: the site's content languages as Wagtail reads them: WAGTAIL_CONTENT_LANGUAGES, else
    # the one language of LANGUAGE_CODE (never Django's list of every language it knows).
    "SESSION_LANGUAGES": None,
    # Session proposals. reCAPTCHA on the proposal form: False leaves it out (honeypot, time trap
    # and rate limit still apply). Keys and the verify timeout are django-recaptcha's settings
    # RECAPTCHA_PUBLIC_KEY, RECAPTCHA_PRIVATE_KEY and RECAPTCHA_VERIFY_REQUEST_TIMEOUT.
    "PROPOSAL_RECAPTCHA": True,
    # 2: the "I am not a robot" checkbox; 3: invisible, scored by Google.
    "PROPOSAL_RECAPTCHA_VERSION": 2,
    # reCAPTCHA v3 only: the lowest score (0.0-1.0) accepted as human.
    "PROPOSAL_RECAPTCHA_SCORE": 0.5,
    # The check without Google (a proof of work solved in the browser, served by the site itself):
    # None offers it wherever reCAPTCHA is on, as the way through for visitors who cannot or will
    # not load Google's script; True offers it also with reCAPTCHA off (then it is the only check);
    # False never (visitors without Google cannot send the form).
    "PROPOSAL_CHALLENGE": None,
    # Its difficulty: PBKDF2 iterations per attempt (about 256 attempts are needed on average).
    "PROPOSAL_CHALLENGE_COST": 5000,
    # The key that signs the challenges. None: derived from SECRET_KEY.
    "PROPOSAL_CHALLENGE_KEY": None,
    # Google's verification behind a circuit breaker: after this many failures in a row (counted in
    # CIRCUIT_CACHE, shared by every process), forms stop asking Google for CIRCUIT_OPEN_SECONDS and
    # offer the check without Google; then one request at a time probes Google again, for at most
    # CIRCUIT_PROBE_SECONDS.
    "CIRCUIT_FAILURES": 3,
    "CIRCUIT_OPEN_SECONDS": 60,
    "CIRCUIT_PROBE_SECONDS": 15,
    "CIRCUIT_CACHE": "default",
    # Time trap: a form sent back sooner than this many seconds after it was shown is refused ...
    "PROPOSAL_MIN_SECONDS": 3,
    # ... and so is a form older than this many seconds (the visitor reloads it).
    "PROPOSAL_MAX_SECONDS": 4 * 3600,
    # Rate limit: at most this many proposal form submissions per client address ...
    "PROPOSAL_RATE_LIMIT": 10,
    # ... within this many seconds. Counted in the cache named by PROPOSAL_RATE_CACHE.
    "PROPOSAL_RATE_WINDOW": 3600,
    # At the venue (the proposal page's venue code or networks), PROPOSAL_RATE_LIMIT counts per
    # browser, and the venue's address as a whole may send this many in the window.
    "PROPOSAL_VENUE_RATE_LIMIT": 200,
    "PROPOSAL_RATE_CACHE": "default",
    # The request.META key holding the client address when the site runs behind a trusted
    # proxy, e.g. "HTTP_X_FORWARDED_FOR" (its last entry is used). None: REMOTE_ADDR.
    "CLIENT_ADDRESS_HEADER": None,
    # The site's privacy policy (a URL or a path): linked from every proposal form, and enough for
    # a proposal page without its own privacy notice or link to be published. None: each proposal
    # page needs its own notice or link.
    "PRIVACY_URL": None,
    # Proposals are deleted by `barcamp_privacy purge` this many days after their event ended.
    "PROPOSAL_RETENTION_DAYS": 180,
    # Online interest votes: wrong voter codes accepted from one client address within
    # PROPOSAL_RATE_WINDOW seconds (counted in PROPOSAL_RATE_CACHE); then it must wait. 0: no limit.
    "VOTE_CODE_FAILURES": 20,
    # Seconds between two looks of the plenary board (the projector) at the moderator's choice.
    "PLENARY_POLL_SECONDS": 3,
    # Cache (an alias of settings.CACHES) holding the schedule page's rendered grid.
    "SCHEDULE_CACHE": "default",
    # Seconds a rendered grid is kept. Keys carry the schedule version, so a change shows
    # at once whatever the timeout; 0 turns the cache off.
    "SCHEDULE_CACHE_TIMEOUT": 3600,
    # The schedule page as an installable web app that works offline (docs/schedule.md): a web
    # app manifest and a service worker below the page's URL. False: neither is offered.
    "SCHEDULE_OFFLINE": True,
    # Seconds the service worker waits for the network before it shows the copy it keeps.
    "SCHEDULE_OFFLINE_NETWORK_TIMEOUT": 4,
    # Exports (docs/exports.md). Cache alias that keeps rendered exports (PDF, iCal, frab, c3voc).
    "EXPORT_CACHE": "default",
    # Seconds a rendered export stays cached; a new schedule version gets a new entry anyway.
    "EXPORT_CACHE_TIMEOUT": 60 * 60 * 24,
    # Seconds a request waits for an export that another request or worker is rendering.
    "EXPORT_RENDER_WAIT": 60,
    # Render the cached exports when a session or event is published (or a name erased), through
    # the task backend below, instead of on the first request after the change.
    "EXPORT_RENDER_ON_PUBLISH": False,
    # Alias in TASKS that runs the rendering task ("default" runs inline unless configured).
    "EXPORT_TASK_BACKEND": "default",
    # Mails (docs/proposals.md). Alias in TASKS whose backend sends them ("default": inline after
    # the commit unless configured; a database worker in production).
    "MAIL_TASK_BACKEND": "default",
    # At most this many mails to one address a visitor typed into a form, per hour and per day
    # (counted in MAIL_CAP_CACHE); what is over the cap is not sent and the inbox says so.
    # 0 or None: no cap.
    "MAIL_CAP_PER_HOUR": 6,
    "MAIL_CAP_PER_DAY": 20,
    "MAIL_CAP_CACHE": "default",
    # Next-edition sign-ups use the proposal form's spam settings above (reCAPTCHA, time trap,
    # rate limit, counted separately). A confirmation link is valid for this many days;
    # `barcamp_privacy purge` deletes sign-ups left unconfirmed for longer.
    "INTEREST_CONFIRM_DAYS": 7,
    # Signing up again re-sends the confirmation mail, at most once in this many minutes.
    "INTEREST_RESEND_MINUTES": 10,
    # Participants (docs/participants.md). Registration uses the proposal form's spam settings
    # (reCAPTCHA, time trap, rate limit counted separately). An unconfirmed registration can be
    # confirmed for this many days; `barcamp_privacy purge` deletes it afterwards.
    "PARTICIPANT_CONFIRM_DAYS": 7,
    # Hours a participant has to take a seat offered from the waiting list before it passes on
    # (never later than the day's start while that is at least an hour away).
    "PARTICIPANT_OFFER_HOURS": 48,
    # `barcamp_privacy purge` deletes registrations, check-ins, profiles and contact requests this
    # many days after their event ended.
    "PARTICIPANT_RETENTION_DAYS": 90,
    # The networking directory stays open this many days after the event ends.
    "DIRECTORY_OPEN_DAYS": 30,
    # Contact requests one participant may send within CONTACT_RATE_WINDOW seconds.
    "CONTACT_RATE_LIMIT": 10,
    "CONTACT_RATE_WINDOW": 24 * 3600,
    # Messages organisers may send to an event's participants within BULK_MAIL_WINDOW seconds.
    "BULK_MAIL_LIMIT": 5,
    "BULK_MAIL_WINDOW": 24 * 3600,
    # Seconds between two looks of the door phone at the count of people in the building.
    "CHECKIN_POLL_SECONDS": 10,
}


def get_setting(name):
    """Return the host's value for ``name`` or the documented default."""
    return getattr(settings, "BARCAMP_WAGTAIL", {}).get(name, DEFAULTS[name])


def session_languages():
    """The (code, name) pairs an editor can choose from for a session's language."""
    languages = get_setting("SESSION_LANGUAGES")
    if languages is None:
        from wagtail.coreutils import get_content_languages

        return list(get_content_languages().items())
    return list(languages)

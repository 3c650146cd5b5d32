"""The app's settings: one dict ``BARCAMP_WAGTAIL`` in the host's settings.

Every key is optional; ``DEFAULTS`` documents what applies when it is missing.
Values are read when needed, never at import, so ``override_settings`` works.
"""

from django.conf import settings

DEFAULTS = {
    # Languages a session can be held in, as (code, name) pairs.
    # None: the site's WAGTAIL_CONTENT_LANGUAGES, else its LANGUAGES.
    "SESSION_LANGUAGES": None,
    # Cache (an alias of settings.CACHES) holding the schedule page's rendered grid.
    "SCHEDULE_CACHE": "default",
    # Seconds a rendered grid is kept. Keys carry the schedule version, so a change shows
    # at once whatever the timeout; 0 turns the cache off.
    "SCHEDULE_CACHE_TIMEOUT": 3600,
}


def get_setting(name):
    """Return the host's value for ``name`` or the documented default."""
    return getattr(settings, "BARCAMP_WAGTAIL", {}).get(name, DEFAULTS[name])


def session_languages():
    languages = get_setting("SESSION_LANGUAGES")
    if languages is None:
        languages = getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or settings.LANGUAGES
    return list(languages)

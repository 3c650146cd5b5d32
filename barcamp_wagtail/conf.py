"""The app's settings: one dict ``BARCAMP_WAGTAIL`` in the host's settings.

Every key is optional; ``DEFAULTS`` documents what applies when it is missing.
Values are read when needed, never at import, so ``override_settings`` works.
"""

from django.conf import settings

DEFAULTS = {
    # Languages a session can be held in, as (code, name) pairs.
    # None: the site's WAGTAIL_CONTENT_LANGUAGES, else its LANGUAGES.
    "SESSION_LANGUAGES": None,
    # Exports (docs/exports.md). Cache alias that keeps rendered PDFs.
    "EXPORT_CACHE": "default",
    # Seconds a rendered PDF stays cached; a new schedule version gets a new entry anyway.
    "EXPORT_CACHE_TIMEOUT": 60 * 60 * 24,
    # Seconds a request waits for a PDF that another request or worker is rendering.
    "EXPORT_RENDER_WAIT": 60,
    # Render the cached exports (PDF) when a session or event is published, through
    # the task backend below, instead of on the first request after the change.
    "EXPORT_RENDER_ON_PUBLISH": False,
    # Alias in TASKS that runs the rendering task ("default" runs inline unless configured).
    "EXPORT_TASK_BACKEND": "default",
}


def get_setting(name):
    """Return the host's value for ``name`` or the documented default."""
    return getattr(settings, "BARCAMP_WAGTAIL", {}).get(name, DEFAULTS[name])


def session_languages():
    languages = get_setting("SESSION_LANGUAGES")
    if languages is None:
        languages = getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or settings.LANGUAGES
    return list(languages)

"""The offline schedule: the web app manifest and the service worker of a schedule page.

Both are served below the schedule page's URL (``SchedulePage`` routes them), so that the
worker's scope covers the page and nothing else of the site; ``Service-Worker-Allowed``
names that scope, because the worker's own URL lies one level deeper. The worker's logic is
the template ``barcamp_wagtail/offline/service_worker.js``; the page's side (registering it,
the "as of" note) is ``static/barcamp_wagtail/js/offline.js``. What the worker keeps is the
public page and our own static files: responses marked private are never stored, and the
schedule page marks its responses to signed-in users so.
"""

import hashlib
import json
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from .. import __version__
from ..conf import get_setting

#: Our own files the schedule page uses; the worker keeps them from its installation on.
#: Anything else the page loads from this site (the host's stylesheets, fonts) is kept when
#: the page asks for it.
PAGE_ASSETS = (
    "barcamp_wagtail/css/barcamp.css",
    "barcamp_wagtail/css/schedule.css",
    "barcamp_wagtail/js/schedule.js",
    "barcamp_wagtail/js/offline.js",
    "barcamp_wagtail/img/schedule-icon.svg",
    "barcamp_wagtail/img/schedule-icon-192.png",
    "barcamp_wagtail/img/schedule-icon-512.png",
)
THEME_COLOUR = "#0b5394"


def offline_enabled():
    return bool(get_setting("SCHEDULE_OFFLINE"))


def scope_of(page, request):
    """The path of the schedule page: the start URL and the scope of its web app."""
    return urlsplit(page.get_url(request) or "/").path


def mark_private_for_signed_in(request, response):
    """Mark the page ``private`` for a signed-in user: the host's layout may greet them by name,
    and the service worker keeps no response so marked. Without a session cookie nobody is
    signed in, and the session is not read."""
    if request.COOKIES.get(settings.SESSION_COOKIE_NAME) and getattr(request, "user", None):
        if request.user.is_authenticated:
            patch_cache_control(response, private=True)
    return response


def manifest(request, page):
    """The web app manifest: the schedule page, installable, opening on itself."""
    if not offline_enabled():
        raise Http404(_("This programme is not offered as an app."))
    event = page.event
    scope = scope_of(page, request)
    data = {
        "id": scope,
        "name": f"{page.title} – {event.title}",
        "short_name": event.title,
        "description": _("The programme of %(event)s, also without a connection.") % {"event": event.title},
        "lang": get_language(),
        "dir": "rtl" if get_language_bidi() else "ltr",
        "start_url": scope,
        "scope": scope,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": static("barcamp_wagtail/img/schedule-icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("barcamp_wagtail/img/schedule-icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("barcamp_wagtail/img/schedule-icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-cache"
    return response


def service_worker(request, page):
    """The service worker of one schedule page, its settings written into the script.

    Its bytes change with the app's version and its static files' URLs (hashed by a manifest
    storage), so browsers install the new worker, which drops the old worker's copies.
    """
    if not offline_enabled():
        raise Http404(_("This programme is not offered as an app."))
    scope = scope_of(page, request)
    assets = [static(name) for name in PAGE_ASSETS]
    version = hashlib.sha256("\n".join([__version__, scope, *assets]).encode()).hexdigest()[:12]
    config = {
        "cache": f"barcamp-wagtail-offline-{page.pk}",
        "version": version,
        "scope": scope,
        "assets": assets,
        "networkTimeout": int(float(get_setting("SCHEDULE_OFFLINE_NETWORK_TIMEOUT")) * 1000),
    }
    # JSON is valid JavaScript; "<" is escaped anyway so that no reader mistakes it for markup.
    config_js = json.dumps(config).replace("<", "\\u003c")
    script = render_to_string("barcamp_wagtail/offline/service_worker.js", {"config": config_js})
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = scope
    # Browsers look for a new worker at least daily; no-cache makes every look reach us.
    response["Cache-Control"] = "no-cache"
    return response

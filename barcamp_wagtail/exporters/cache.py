"""Rendered exports kept in Django's cache, rendered once even under concurrent requests.

The key holds the event, its ``schedule_version()``, its URL (which moves with the page or its
site), the exporter and the language, so a published change makes a new entry and stale bytes
are never served. While one process renders, it holds a lock made with ``cache.add()``
(atomic in every shared cache backend); the others poll until the bytes appear or
``EXPORT_RENDER_WAIT`` seconds pass.
"""

import hashlib
import time
import uuid

from django.core.cache import caches
from django.utils import translation

from ..conf import get_setting
from ..grid import schedule_version
from ..invalidation import remember_key

POLL_INTERVAL = 0.05


class ExportBusy(Exception):
    """Another process is still rendering this export; try again shortly."""


def get_cache():
    return caches[get_setting("EXPORT_CACHE")]


def cache_key(exporter, event, version=None, language=None):
    version = schedule_version(event) if version is None else version
    language = language or translation.get_language() or ""
    digest = hashlib.sha256(f"{version}|{event.full_url or ''}|{language}".encode()).hexdigest()[:32]
    return f"barcamp_wagtail:export:{exporter.identifier}:{event.pk}:{digest}"


def cached_render(exporter, event):
    """Return the cached bytes of ``exporter`` for ``event``, rendering them at most once."""
    cache = get_cache()
    key = cache_key(exporter, event)
    output = cache.get(key)
    if output is not None:
        return output
    lock_key = f"{key}:lock"
    token = uuid.uuid4().hex
    wait = get_setting("EXPORT_RENDER_WAIT")
    deadline = time.monotonic() + wait
    while True:
        # The lock expires on its own, so a crashed renderer cannot block the export for long.
        if cache.add(lock_key, token, timeout=max(wait, 1) * 2):
            try:
                output = cache.get(key)
                if output is None:
                    output = exporter.render(event)
                    timeout = get_setting("EXPORT_CACHE_TIMEOUT")
                    cache.set(key, output, timeout=timeout)
                    remember_key(cache, event.pk, key, timeout)
                return output
            finally:
                if cache.get(lock_key) == token:
                    cache.delete(lock_key)
        time.sleep(POLL_INTERVAL)
        output = cache.get(key)
        if output is not None:
            return output
        if time.monotonic() > deadline:
            raise ExportBusy(key)

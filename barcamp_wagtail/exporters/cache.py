"""Rendered exports kept in Django's cache, rendered once even under concurrent requests.

The key holds the event, its ``schedule_version()``, its URL (which moves with the page or its
site), the exporter and the language, so a published change makes a new entry and stale bytes
are never served. While one process renders, it holds a lock made with ``cache.add()``
(atomic in every shared cache backend); the others poll until the bytes appear or
``EXPORT_RENDER_WAIT`` seconds pass.

The lock lives for ``LOCK_SECONDS`` only and the renderer renews it while it works, so a
renderer that dies halfway (a worker killed by gunicorn's timeout or the OOM killer) holds up
the others for at most that long: then the next request renders. Each render is logged at INFO
(``barcamp_wagtail.exporters``), with its duration, so an operator sees how often it happens.
"""

import hashlib
import logging
import threading
import time
import uuid

from django.utils import translation

from ..conf import get_setting
from ..grid import schedule_version
from ..invalidation import remember_key
from ..shared_cache import shared_cache

logger = logging.getLogger("barcamp_wagtail.exporters")

POLL_INTERVAL = 0.05
#: How long the render lock outlives its renderer's last sign of life.
LOCK_SECONDS = 10


class ExportBusy(Exception):
    """Another process is still rendering this export; try again shortly."""


def get_cache():
    return shared_cache(get_setting("EXPORT_CACHE"))


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
    deadline = time.monotonic() + get_setting("EXPORT_RENDER_WAIT")
    while True:
        if cache.add(lock_key, token, timeout=LOCK_SECONDS):
            try:
                output = cache.get(key)
                if output is None:
                    output = _render_holding_lock(cache, lock_key, token, exporter, event)
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


def _render_holding_lock(cache, lock_key, token, exporter, event):
    """``exporter.render(event)``, renewing the lock every third of its lifetime meanwhile."""
    done = threading.Event()

    def renew():
        while not done.wait(LOCK_SECONDS / 3):
            if cache.get(lock_key) != token:
                return
            cache.touch(lock_key, LOCK_SECONDS)

    renewer = threading.Thread(target=renew, daemon=True)
    renewer.start()
    logger.info("Rendering the %s export of event %s", exporter.identifier, event.pk)
    started = time.monotonic()
    try:
        output = exporter.render(event)
    finally:
        done.set()
    logger.info(
        "Rendered the %s export of event %s in %.1f s (%d bytes)",
        exporter.identifier,
        event.pk,
        time.monotonic() - started,
        len(output),
    )
    return output

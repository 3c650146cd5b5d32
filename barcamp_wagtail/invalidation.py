"""Replacing everything derived from a programme that changed without being published.

Publishing, unpublishing, moving or deleting a session and editing rooms or slots change
``schedule_version()`` by themselves, and every cached rendering is keyed by it. A change
written in place, such as the erasure of a name for privacy, changes nothing the version
reads; ``programme_changed()`` then

- moves the events' ``ScheduleStamp``, so every process sees a new version at once and
  nothing cached under the old one is served again;
- deletes what was cached for these events (schedule page fragments and exports), so a name
  does not stay in the cache until it expires;
- renders the exports again in the background when ``EXPORT_RENDER_ON_PUBLISH`` is on;
- purges the pages and export URLs from Wagtail's front-end cache when it is installed.

The renderings remember their keys per event (``remember_key()``) so they can be deleted.
"""

from django.apps import apps
from django.db import transaction
from django.db.models import F

from .conf import get_setting
from .shared_cache import shared_cache

#: Keys remembered per event and cache; older ones expire by themselves.
REMEMBERED_KEYS = 1000


def _index_key(event_pk):
    return f"barcamp_wagtail:keys:{event_pk}"


def remember_key(cache, event_pk, key, timeout):
    """Note that ``key`` in ``cache`` holds a rendering of the event's programme."""
    index = _index_key(event_pk)
    keys = cache.get(index) or []
    if key not in keys:
        keys = [*keys, key][-REMEMBERED_KEYS:]
        longest = max(timeout or 0, get_setting("SCHEDULE_CACHE_TIMEOUT"), get_setting("EXPORT_CACHE_TIMEOUT"))
        cache.set(index, keys, timeout=longest or None)


def forget_renderings(event_pks):
    """Delete every cached rendering remembered for these events."""
    aliases = {get_setting("SCHEDULE_CACHE"), get_setting("EXPORT_CACHE")}
    for alias in aliases:
        cache = shared_cache(alias)
        for event_pk in event_pks:
            index = _index_key(event_pk)
            cache.delete_many([*(cache.get(index) or []), index])


def sessions_changed(sessions):
    """These session pages were changed in place: replace what was derived from their events."""
    from wagtail.models import Page

    paths = {session.path[: -session.steplen] for session in sessions}
    programme_changed(Page.objects.filter(path__in=paths).values_list("pk", flat=True))


def programme_changed(event_pks):
    """The published programme of these events changed in place: replace what was derived."""
    from .models import ScheduleStamp

    event_pks = sorted(set(event_pks))
    if not event_pks:
        return
    for event_pk in event_pks:
        ScheduleStamp.objects.get_or_create(event_id=event_pk)
    ScheduleStamp.objects.filter(event_id__in=event_pks).update(counter=F("counter") + 1)
    transaction.on_commit(lambda: _after_commit(event_pks))


def _after_commit(event_pks):
    forget_renderings(event_pks)
    if get_setting("EXPORT_RENDER_ON_PUBLISH"):
        from .tasks import render_cached_exports

        for event_pk in event_pks:
            render_cached_exports.using(backend=get_setting("EXPORT_TASK_BACKEND")).enqueue(event_pk)
    if apps.is_installed("wagtail.contrib.frontend_cache"):
        _purge_front_end_cache(event_pks)


def _purge_front_end_cache(event_pks):
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache, purge_urls_from_cache
    from wagtail.models import Page

    from .exporters import get_exporters
    from .models import EventPage

    events = list(EventPage.objects.filter(pk__in=event_pks))
    pages = list(events)
    for event in events:
        pages += list(Page.objects.live().child_of(event).specific())
    purge_pages_from_cache(pages)
    urls = [
        event.get_full_url() + event.reverse_subpage("export", kwargs={"identifier": identifier})
        for event in events
        if event.get_full_url()
        for identifier in get_exporters()
    ]
    if urls:
        purge_urls_from_cache(urls)

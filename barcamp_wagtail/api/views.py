"""The pages endpoint of Wagtail's API v2, with the queries the app's pages need made once per
listing rather than once per page. A site registers it in place of Wagtail's (docs/api.md)::

    api_router.register_endpoint("pages", BarcampPagesAPIViewSet)

Importing this module needs ``wagtail.api.v2`` (and so ``rest_framework``) in ``INSTALLED_APPS``.
"""

from django.db.models import Prefetch
from wagtail.api.v2.views import PagesAPIViewSet

from ..models import EventPage, SessionPage, SessionTopic


class BarcampPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's ``PagesAPIViewSet`` for sites with barcamps.

    Listing sessions costs the same number of queries for 10 sessions as for 500: rooms, slots
    and locales are joined, topics prefetched, and the events the sessions belong to read in
    one query (``api_event``). Events get their rooms, slots and organisers prefetched.
    Any other page type is served exactly as Wagtail serves it.
    """

    def get_base_queryset(self):
        """Wagtail's live, visible pages of the site, worked out once per request: Wagtail asks
        for them up to four times a request, reading every view restriction each time."""
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset

    def get_queryset(self):
        return with_api_relations(super().get_queryset())

    def paginate_queryset(self, queryset):
        pages = super().paginate_queryset(queryset)
        if pages is not None and issubclass(queryset.model, SessionPage):
            pages = list(pages)
            attach_events(pages)
        return pages


def with_api_relations(queryset):
    """``queryset`` with what the API fields of its page type read joined or prefetched."""
    if issubclass(queryset.model, SessionPage):
        return queryset.select_related("room", "time_slot", "locale").prefetch_related(
            Prefetch("tagged_items", queryset=SessionTopic.objects.select_related("tag").order_by("pk"))
        )
    if issubclass(queryset.model, EventPage):
        return queryset.select_related("locale").prefetch_related("rooms", "time_slots", "organisers")
    return queryset


def attach_events(sessions):
    """Give each session its parent event as ``api_event``, in one query for all of them."""
    steplen = SessionPage.steplen
    parent_paths = {session.path[:-steplen] for session in sessions}
    events = {event.path: event for event in EventPage.objects.filter(path__in=parent_paths)}
    for session in sessions:
        session.api_event = events.get(session.path[:-steplen])

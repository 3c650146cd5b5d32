"""The URLs under an event that serve its schedule exports.

Wagtail's page URLs allow no dots, so every export lives at ``exports/<identifier>/``
(``exports/pdf-grid-a4/``, ``exports/ical/``, ``exports/frab-xml/``, ``exports/c3voc-json/``,
and any exporter a site registers); one session's calendar at ``exports/sessions/<id>/ical/``.
The file name with its extension comes with the Content-Disposition header.
"""

from functools import cache

from django.urls.resolvers import RoutePattern
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from ..routing import ShortRouteMixin


class ScheduleExportsMixin(ShortRouteMixin, RoutablePageMixin):
    """Serves an event's schedule exports below its URL (see docs/exports.md)."""

    @classmethod
    def routes_to_children(cls, segment):
        """A request below the event goes to a child page unless one of the event's own URLs
        can match it: every request for a page below the event (its sessions, its schedule)
        passes here, and resolving the routes first, only to fail, cost a tenth of serving a
        cached schedule."""
        return segment not in _route_prefixes(cls)

    @path("exports/sessions/<int:session_id>/ical/", name="session_ical")
    def session_ical(self, request, session_id):
        from ..views.exports import serve_session_calendar

        return serve_session_calendar(request, self, session_id)

    @path("exports/<slug:identifier>/", name="export")
    def export(self, request, identifier):
        from ..exporters import get_exporter
        from ..views.exports import serve_export

        return serve_export(request, self, get_exporter(identifier))

    def export_url(self, identifier):
        return (self.url or "") + self.reverse_subpage("export", kwargs={"identifier": identifier})

    def session_calendar_url(self, session):
        return (self.url or "") + self.reverse_subpage("session_ical", kwargs={"session_id": session.pk})

    def export_links(self):
        """(label, url) of every registered export, for ``includes/schedule_exports.html``."""
        from ..exporters import get_exporters

        return [(exporter.label, self.export_url(identifier)) for identifier, exporter in get_exporters().items()]


@cache
def _route_prefixes(page_class):
    """The first path segments the routes of ``page_class`` can match; every segment when a
    route starts with a parameter or a regular expression. The empty route matches the page
    itself only."""
    prefixes = set()
    for pattern in page_class.get_subpage_urls():
        route = pattern.pattern._route if isinstance(pattern.pattern, RoutePattern) else "<"
        if route == "":
            continue
        first = route.split("/", 1)[0]
        if not first or "<" in first:
            return _AnySegment()
        prefixes.add(first)
    return frozenset(prefixes)


class _AnySegment:
    def __contains__(self, segment):
        return True

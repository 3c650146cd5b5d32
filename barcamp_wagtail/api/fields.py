"""Serializers for Wagtail's API v2 (``api_fields``): an event, its sessions and its schedule grid
as data for headless front ends (docs/api.md).

Only what the public pages show leaves through them: host names as the session page shows them
(a proposal fills them in only when its submitter agreed, see ``SessionProposal.public_name``),
with anything that looks like an e-mail address removed; never the event's contact address,
proposals, participants or sign-ups. Times are ISO 8601 with the UTC offset of the site's time
zone; URLs are absolute.

Importing this module needs Django REST framework, which Wagtail installs: the app's models
import it on any site, with or without ``rest_framework`` and ``wagtail.api.v2`` in
``INSTALLED_APPS``.
"""

from django.utils import timezone
from rest_framework import serializers

from ..exporters.programme import host_names, times_of, without_emails


class ReadOnlyField(serializers.Field):
    """A field that only shows; ``whole_page`` gives ``to_representation()`` the page itself."""

    whole_page = False

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        if self.whole_page:
            kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    @property
    def request(self):
        return self.context.get("request")


def absolute(request, url):
    """``url`` made absolute as Wagtail's API makes its own links: against ``WAGTAILAPI_BASE_URL``,
    else the root URL of the request's site."""
    from wagtail.api.v2.utils import get_full_url

    return get_full_url(request, url) if url else ""


def page_url(page, request):
    """The page's absolute URL: Wagtail's full URL (from its site's hostname and port), made
    absolute like the API's own links when that is only a path."""
    return absolute(request, page.get_full_url(request) or "")


def public_html(html):
    """Editor rich text as the page shows it (links expanded), without e-mail addresses."""
    from wagtail.rich_text import expand_db_html

    return without_emails(expand_db_html(html)) if html else ""


def session_event(session):
    """The session's event: the one ``BarcampPagesAPIViewSet`` attached, else from the tree."""
    event = getattr(session, "api_event", None)
    return event if event is not None else session.event


def local_moment(moment):
    """``moment`` in ISO 8601 with the UTC offset of the site's time zone."""
    return timezone.localtime(moment, timezone.get_default_timezone()).isoformat()


class LocalDateTimeField(ReadOnlyField):
    """A moment in ISO 8601 with the UTC offset of the site's time zone."""

    def to_representation(self, value):
        return local_moment(value)


# The event


class VenueField(ReadOnlyField):
    whole_page = True

    def to_representation(self, event):
        return {"name": event.venue_name, "address": event.venue_address, "map_url": event.venue_map_url}


def room_data(room):
    return {"id": room.pk, "name": room.name, "capacity": room.capacity}


class RoomsField(ReadOnlyField):
    """The rooms in their order, with their capacity (seats; null when not set)."""

    def to_representation(self, rooms):
        return [{**room_data(room), "description": room.description} for room in rooms.all()]


def slot_data(slot):
    times = times_of(slot)
    return {
        "id": slot.pk,
        "day": slot.day.isoformat(),
        "start": local_moment(times.start),
        "end": local_moment(times.end),
        "kind": slot.kind,
        "label": slot.label,
    }


class TimeSlotsField(ReadOnlyField):
    """The rows of the grid: sessions, breaks and plenaries, in time order."""

    def to_representation(self, slots):
        return [slot_data(slot) for slot in sorted(slots.all(), key=lambda slot: (slot.day, slot.start, slot.pk))]


class OrganisersField(ReadOnlyField):
    def to_representation(self, organisers):
        return [{"name": item.name, "role": item.role, "url": item.url} for item in organisers.all()]


class EventTopicsField(ReadOnlyField):
    """The topics of the event's published sessions, sorted by name (one query)."""

    whole_page = True

    def to_representation(self, event):
        from taggit.models import Tag

        from ..grid import children_path_range

        tags = Tag.objects.filter(
            barcamp_wagtail_sessiontopic_items__content_object__live=True,
            barcamp_wagtail_sessiontopic_items__content_object__depth=event.depth + 1,
            barcamp_wagtail_sessiontopic_items__content_object__path__range=children_path_range(event.path),
        ).distinct()
        topics = sorted({(tag.name, tag.slug) for tag in tags}, key=lambda item: (item[0].casefold(), item[1]))
        return [{"name": name, "slug": slug} for name, slug in topics]


class SponsorsField(ReadOnlyField):
    """The sponsors shown on the event page, by tier in page order (``sponsor_tiers()``)."""

    whole_page = True

    def to_representation(self, event):
        from wagtail.images import get_image_model

        from ..models.sponsor import sponsor_tiers

        tiers = sponsor_tiers(event)
        logo_ids = {sponsor.logo_id for _name, sponsors in tiers for sponsor in sponsors if sponsor.logo_id}
        logos = get_image_model().objects.in_bulk(logo_ids) if logo_ids else {}
        return [
            {"tier": name, "sponsors": [self.sponsor_data(sponsor, logos.get(sponsor.logo_id)) for sponsor in sponsors]}
            for name, sponsors in tiers
        ]

    def sponsor_data(self, sponsor, logo):
        return {
            "name": sponsor.name,
            "url": sponsor.url,
            "description": sponsor.description,
            "logo": None
            if logo is None
            else {
                "id": logo.pk,
                "url": absolute(self.request, logo.file.url),
                "width": logo.width,
                "height": logo.height,
            },
        }


class ExportLinksField(ReadOnlyField):
    """Every registered export of the schedule (iCal, PDF, frab, c3voc, …) with its absolute URL."""

    whole_page = True

    def to_representation(self, event):
        from ..exporters import get_exporters

        base = page_url(event, self.request)
        return [
            {
                "identifier": identifier,
                "label": str(exporter.label),
                "content_type": exporter.content_type,
                "url": base + event.reverse_subpage("export", kwargs={"identifier": identifier}),
            }
            for identifier, exporter in get_exporters().items()
        ]


# A session


class SessionRoomField(ReadOnlyField):
    def to_representation(self, room):
        return room_data(room)


class SessionSlotField(ReadOnlyField):
    def to_representation(self, slot):
        return {"id": slot.pk, "day": slot.day.isoformat(), "kind": slot.kind, "label": slot.label}


class SessionTimeField(ReadOnlyField):
    """The start (or ``end=True``: the end) of the session's time slot; null while unscheduled."""

    def __init__(self, end=False, **kwargs):
        self.end = end
        kwargs.setdefault("source", "time_slot")
        super().__init__(**kwargs)

    def to_representation(self, slot):
        times = times_of(slot)
        return local_moment(times.end if self.end else times.start)


class HostsField(ReadOnlyField):
    """The host names the session page shows: only names their holders agreed to show."""

    whole_page = True

    def to_representation(self, session):
        return host_names(session)


class SessionTopicsField(ReadOnlyField):
    """The session's topics as names and slugs (the slug filters the schedule page)."""

    whole_page = True

    def to_representation(self, session):
        items = sorted(session.tagged_items.all(), key=lambda item: item.pk)
        return [{"name": item.tag.name, "slug": item.tag.slug} for item in items]


class FormatField(ReadOnlyField):
    whole_page = True

    def to_representation(self, session):
        return {"value": session.format, "label": str(session.get_format_display())}


class PublicRichTextField(ReadOnlyField):
    def to_representation(self, html):
        return public_html(html)


class PageUrlField(ReadOnlyField):
    """The page's absolute URL."""

    whole_page = True

    def to_representation(self, page):
        return page_url(page, self.request)


class SessionCalendarUrlField(ReadOnlyField):
    """The absolute URL of the session's iCal file (served by its event)."""

    whole_page = True

    def to_representation(self, session):
        event = session_event(session)
        return page_url(event, self.request) + event.reverse_subpage("session_ical", kwargs={"session_id": session.pk})


class SessionEventField(ReadOnlyField):
    whole_page = True

    def to_representation(self, session):
        event = session_event(session)
        return {"id": event.pk, "title": event.title, "url": page_url(event, self.request)}


class DocumentationField(ReadOnlyField):
    """What the session left behind: notes (rich text) and links to slides and the shared pad."""

    whole_page = True

    def to_representation(self, session):
        return {"notes": public_html(session.notes), "slides_url": session.slides_url, "pad_url": session.pad_url}


# The schedule


class ScheduleGridField(ReadOnlyField):
    """A ``ScheduleGrid`` as rooms, days, slots and cells (see ``grid.grid_data``), with
    absolute session URLs."""

    def to_representation(self, value):
        from ..grid import grid_data, set_session_urls

        request = self.request
        set_session_urls(value, page_url(value.event, request))
        return grid_data(value, request=request)

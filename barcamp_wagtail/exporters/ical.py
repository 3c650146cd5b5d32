"""iCalendar exports (RFC 5545).

UIDs are ``session-<page id>@<site hostname>``, so calendar apps update a session they
already know instead of adding it twice; SEQUENCE grows with every published revision.

The calendar's head and its VTIMEZONE come from the ``icalendar`` library; the events are
written here, line by line, the way ``icalendar`` writes them (its property order, its text
escaping, its folding at 75 octets): building hundreds of its component objects cost ten
times more than the rest of the export. ``tests/test_exports_reference.py`` compares the two.
"""

import datetime
from functools import lru_cache

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import __version__
from ..grid import published_grid, set_session_urls
from .base import BaseExporter
from .programme import absolute_url, host_names, plain_text, site_hostname, without_emails

PRODID = f"-//barcamp-wagtail//barcamp-wagtail {__version__}//EN"
LINE_LIMIT = 75  # octets, the line break excluded (RFC 5545, 3.1)


def _calendar(name):
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    return calendar


def address_lines(address):
    """The lines of an address as typed in the admin (which sends CR LF), without blank ones: LOCATION
    is one line, so they are joined with commas rather than carried over as line breaks."""
    return [line.strip() for line in (address or "").splitlines() if line.strip()]


@lru_cache(maxsize=16)
def _time_zone_parts(tz_name):
    """How ``icalendar`` writes a local time in the zone ``tz_name``: the DTSTART/DTEND
    parameters, whether times end in "Z", and the VTIMEZONE (a pure function of the zone)."""
    from icalendar import Calendar, Event, vDDDTypes

    sample = datetime.datetime(2000, 1, 1, tzinfo=timezone.get_current_timezone())
    value = vDDDTypes(sample)
    parameters = value.params.to_ical(sorted=True).decode()
    utc = value.to_ical().endswith(b"Z")
    calendar = Calendar()
    placeholder = Event()
    placeholder.add("dtstart", sample)
    calendar.add_component(placeholder)
    calendar.add_missing_timezones()
    calendar.subcomponents.remove(placeholder)
    zones = b"".join(component.to_ical() for component in calendar.subcomponents).decode()
    return (f";{parameters}" if parameters else ""), utc, zones


def fold(line):
    """``line`` folded as ``icalendar`` folds it: at most 74 octets before each break, and
    never right after a backslash or caret (clients mistake it for an escape)."""
    if line.isascii():
        if len(line) < LINE_LIMIT:
            return line
        parts = []
        start = 0
        end = len(line)
        while end - start >= LINE_LIMIT:
            cut = start + LINE_LIMIT - 1
            if cut - start > 1 and line[cut - 1] in "\\^":
                cut -= 1
            parts.append(line[start:cut])
            start = cut
        parts.append(line[start:])
        return "\r\n ".join(parts)
    parts, current, size = [], [], 0
    for character in line:
        length = len(character.encode())
        if current and size + length >= LINE_LIMIT:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                parts.append("".join(current))
                current, size = [carried], len(carried.encode())
            else:
                parts.append("".join(current))
                current, size = [], 0
        current.append(character)
        size += length
    if current:
        parts.append("".join(current))
    return "\r\n ".join(parts)


def _text(value):
    """A TEXT value escaped as ``icalendar`` escapes it (RFC 5545, 3.3.11)."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _stamp(moment):
    """A UTC DATE-TIME, as icalendar writes DTSTAMP and LAST-MODIFIED."""
    moment = moment.astimezone(datetime.UTC)
    return f"{moment:%Y%m%dT%H%M%S}Z"


class _EventWriter:
    """Writes the VEVENT of scheduled sessions; set up once per calendar."""

    def __init__(self, event, hostname):
        self.event, self.hostname = event, hostname
        self.tz = timezone.get_current_timezone()
        self.parameters, self.utc, self.zones = _time_zone_parts(timezone.get_current_timezone_name())
        self.dtstamp = _stamp(timezone.now())
        self.venue = [part for part in (event.venue_name, *address_lines(event.venue_address)) if part]
        self.hosted_by = str(_("Hosted by"))
        self.slot_lines = {}

    def local(self, moment):
        moment = moment.astimezone(self.tz)
        return f"{moment:%Y%m%dT%H%M%S}{'Z' if self.utc else ''}"

    def times(self, slot):
        """DTSTART and DTEND of a slot, written once per slot."""
        if slot.pk not in self.slot_lines:
            self.slot_lines[slot.pk] = (
                f"DTSTART{self.parameters}:{self.local(slot.start_datetime)}",
                f"DTEND{self.parameters}:{self.local(slot.end_datetime)}",
            )
        return self.slot_lines[slot.pk]

    def lines(self, session, url, topics):
        """The content lines of one session, in icalendar's order: its canonical properties,
        then the rest by name."""
        slot = session.time_slot
        description = [without_emails(session.abstract)]
        hosts = host_names(session)
        if hosts:
            description.append(self.hosted_by + ": " + ", ".join(hosts))
        details = plain_text(session.description)
        if details:
            description.append(details)
        location = ([session.room.name] if session.room else []) + self.venue
        lines = [
            "BEGIN:VEVENT",
            "SUMMARY:" + _text(session.title),
            *self.times(slot),
            "DTSTAMP:" + self.dtstamp,
            "UID:" + _text(f"session-{session.pk}@{self.hostname}"),
            f"SEQUENCE:{session.live_revision_id or 0}",
        ]
        if topics:
            lines.append("CATEGORIES:" + ",".join(_text(name) for name in topics))
        lines.append("DESCRIPTION:" + _text("\n\n".join(part for part in description if part)))
        if session.last_published_at:
            lines.append("LAST-MODIFIED:" + _stamp(session.last_published_at))
        if location:
            lines.append("LOCATION:" + _text(", ".join(location)))
        if url:
            lines.append("URL:" + url)
        lines.append("END:VEVENT")
        return lines


def write_calendar(name, event, hostname, entries):
    """A whole calendar: ``entries`` are (session, url, topic names) of scheduled sessions."""
    calendar = _calendar(name).to_ical().decode()
    head, _end, _rest = calendar.rpartition("END:VCALENDAR\r\n")
    writer = _EventWriter(event, hostname)
    parts = [head]
    if entries and writer.parameters:
        parts.append(writer.zones)
    for session, url, topics in entries:
        parts.append("\r\n".join(fold(line) for line in writer.lines(session, url, topics)) + "\r\n")
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts).encode()


def session_calendar(session):
    """A calendar holding one scheduled session (a page)."""
    event = session.event
    # In the order they were added, as in the event's calendar.
    topics = list(session.tagged_items.order_by("pk").values_list("tag__name", flat=True))
    return write_calendar(
        f"{session.title} – {event.title}", event, site_hostname(event), [(session, absolute_url(session), topics)]
    )


class ICalExporter(BaseExporter):
    identifier = "ical"
    verbose_name = _("calendar (iCal)")
    extension = "ics"
    content_type = "text/calendar; charset=utf-8"
    cache_output = True

    def render(self, event):
        grid = published_grid(event)
        set_session_urls(grid, absolute_url(event))
        entries = [
            (session, session.url, [topic.name for topic in session.topic_tags])
            for session in grid.scheduled_sessions()
        ]
        return write_calendar(event.title, event, site_hostname(event), entries)

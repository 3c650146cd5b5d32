"""iCalendar exports (RFC 5545) built with the ``icalendar`` library.

UIDs are ``session-<page id>@<site hostname>``, so calendar apps update a session they
already know instead of adding it twice; SEQUENCE grows with every published revision.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import __version__
from ..grid import schedule_grid
from .base import BaseExporter
from .programme import absolute_url, host_names, plain_text, site_hostname, without_emails

PRODID = f"-//barcamp-wagtail//barcamp-wagtail {__version__}//EN"


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


def session_event(session, hostname, event):
    """The VEVENT of one scheduled session."""
    from icalendar import Event

    slot = session.time_slot
    tz = timezone.get_current_timezone()
    item = Event()
    item.add("uid", f"session-{session.pk}@{hostname}")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", slot.start_datetime.astimezone(tz))
    item.add("dtend", slot.end_datetime.astimezone(tz))
    item.add("summary", session.title)
    item.add("sequence", session.live_revision_id or 0)
    if session.last_published_at:
        item.add("last-modified", session.last_published_at)
    description = [without_emails(session.abstract)]
    hosts = host_names(session)
    if hosts:
        description.append(str(_("Hosted by")) + ": " + ", ".join(hosts))
    details = plain_text(session.description)
    if details:
        description.append(details)
    item.add("description", "\n\n".join(part for part in description if part))
    location = [session.room.name] if session.room else []
    location += [part for part in (event.venue_name, *address_lines(event.venue_address)) if part]
    if location:
        item.add("location", ", ".join(location))
    url = absolute_url(session)
    if url:
        item.add("url", url)
    topics = [topic.name for topic in session.topics.all()]
    if topics:
        item.add("categories", topics)
    return item


def _finish(calendar):
    calendar.add_missing_timezones()
    return calendar.to_ical()


def session_calendar(session):
    """A calendar holding one scheduled session."""
    event = session.event
    calendar = _calendar(f"{session.title} – {event.title}")
    calendar.add_component(session_event(session, site_hostname(event), event))
    return _finish(calendar)


class ICalExporter(BaseExporter):
    identifier = "ical"
    verbose_name = _("calendar (iCal)")
    extension = "ics"
    content_type = "text/calendar; charset=utf-8"

    def render(self, event):
        hostname = site_hostname(event)
        calendar = _calendar(event.title)
        for session in schedule_grid(event).scheduled_sessions():
            calendar.add_component(session_event(session, hostname, event))
        return _finish(calendar)

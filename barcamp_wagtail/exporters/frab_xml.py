"""The frab / pentabarf ``schedule.xml`` read by Giggity, ConfClerk and EventFahrplan."""

import hashlib
from xml.etree import ElementTree as ET  # noqa: S405  (writing only, never parsing)

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import __version__
from ..grid import published_grid, schedule_version, session_topics, set_session_urls
from .base import BaseExporter
from .programme import (
    absolute_url,
    acronym,
    guid,
    host_names,
    local_iso,
    plain_text,
    programme_days,
    session_slug,
    site_hostname,
    slot_times,
    slot_times_of,
    timeslot_duration,
    without_emails,
)

XML_DECLARATION = b"<?xml version='1.0' encoding='utf-8'?>\n"


def _text(parent, tag, text, **attributes):
    element = ET.SubElement(parent, tag, {key: str(value) for key, value in attributes.items()})
    element.text = "" if text is None else str(text)
    return element


def version_label(event):
    return hashlib.sha256(schedule_version(event).encode()).hexdigest()[:12]


def session_track(session):
    topics = session_topics(session)
    return topics[0].name if topics else session.get_format_display()


class FrabXmlExporter(BaseExporter):
    identifier = "frab-xml"
    verbose_name = _("schedule for conference apps (frab XML)")
    extension = "xml"
    content_type = "application/xml; charset=utf-8"
    cache_output = True

    def render(self, event):
        grid = published_grid(event)
        hostname = site_hostname(event)
        event_acronym = acronym(event)
        event_url = absolute_url(event)
        set_session_urls(grid, event_url)
        days = programme_days(event, grid)
        times = slot_times(grid)

        schedule = ET.Element("schedule")
        ET.SubElement(schedule, "generator", {"name": "barcamp-wagtail", "version": __version__})
        if event_url:
            _text(schedule, "url", event_url + event.reverse_subpage("export", kwargs={"identifier": self.identifier}))
        _text(schedule, "version", version_label(event))
        conference = ET.SubElement(schedule, "conference")
        _text(conference, "title", event.title)
        _text(conference, "acronym", event_acronym)
        _text(conference, "start", local_iso(event.start))
        _text(conference, "end", local_iso(event.end))
        _text(conference, "days", len(days))
        _text(conference, "timeslot_duration", timeslot_duration(grid))
        if event_url:
            _text(conference, "base_url", event_url)
            _text(conference, "url", event_url)
        _text(conference, "time_zone_name", timezone.get_current_timezone_name())

        for day in days:
            day_attributes = {"index": day.index, "date": day.date.isoformat()}
            day_attributes.update(start=local_iso(day.start), end=local_iso(day.end))
            day_element = ET.SubElement(schedule, "day", {key: str(value) for key, value in day_attributes.items()})
            for room, sessions in day.rooms:
                room_guid = guid(hostname, "room", room.pk)
                room_element = ET.SubElement(day_element, "room", {"name": room.name, "guid": room_guid})
                for session in sessions:
                    self.session_element(room_element, session, room, hostname, event_acronym, times)
        ET.indent(schedule)
        # As ET.tostring(encoding="utf-8", xml_declaration=True) writes it, without its
        # encoding of every small write.
        return XML_DECLARATION + ET.tostring(schedule, encoding="unicode").encode()

    def session_element(self, parent, session, room, hostname, event_acronym, times=None):
        slot = (times or slot_times_of(session))[session.time_slot_id]
        element = ET.SubElement(parent, "event", {"id": str(session.pk), "guid": guid(hostname, "session", session.pk)})
        _text(element, "date", slot.start_iso)
        _text(element, "start", slot.start_hm)
        _text(element, "duration", slot.duration)
        _text(element, "room", room.name)
        _text(element, "slug", session_slug(event_acronym, session))
        if session.url:
            _text(element, "url", session.url)
        _text(element, "title", session.title)
        _text(element, "subtitle", "")
        _text(element, "track", session_track(session))
        _text(element, "type", session.format)
        _text(element, "language", session.language)
        _text(element, "abstract", without_emails(session.abstract))
        _text(element, "description", plain_text(session.description))
        persons = ET.SubElement(element, "persons")
        for name in host_names(session):
            _text(persons, "person", name, guid=guid(hostname, "person", name))
        links = ET.SubElement(element, "links")
        if session.slides_url:
            _text(links, "link", _("Slides"), href=session.slides_url, type="slides")
        if session.pad_url:
            _text(links, "link", _("Shared notes"), href=session.pad_url, type="web")
        return element

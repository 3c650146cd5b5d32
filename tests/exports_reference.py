"""The exports as version 0.1.0 rendered them, kept to check the faster renderers against.

They read the programme as pages (``schedule_grid()``), resolve every page URL, strip tags with
Django's HTML parser and build the calendar with ``icalendar``'s objects. The renderers in
``barcamp_wagtail.exporters`` must give the same bytes (``tests/test_exports_reference.py``).
"""

import json
from xml.etree import ElementTree as ET  # noqa: S405  (writing only, never parsing)

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from barcamp_wagtail import __version__
from barcamp_wagtail.exporters.c3voc_json import SCHEMA_URL, TIME_ZONE_NAME
from barcamp_wagtail.exporters.frab_xml import version_label
from barcamp_wagtail.exporters.programme import (
    absolute_url,
    acronym,
    duration,
    guid,
    host_names,
    local_iso,
    programme_days,
    session_slug,
    site_hostname,
    timeslot_duration,
    without_emails,
)
from barcamp_wagtail.grid import schedule_grid


def plain_text(html):
    return without_emails(strip_tags(html or "").strip())


def session_track(session):
    topics = list(session.topics.all())
    return topics[0].name if topics else session.get_format_display()


# frab XML


def _text(parent, tag, text, **attributes):
    element = ET.SubElement(parent, tag, {key: str(value) for key, value in attributes.items()})
    element.text = "" if text is None else str(text)
    return element


def frab_xml(event, identifier="frab-xml"):
    grid = schedule_grid(event)
    hostname = site_hostname(event)
    event_acronym = acronym(event)
    event_url = absolute_url(event)
    days = programme_days(event, grid)

    schedule = ET.Element("schedule")
    ET.SubElement(schedule, "generator", {"name": "barcamp-wagtail", "version": __version__})
    if event_url:
        _text(schedule, "url", event_url + event.reverse_subpage("export", kwargs={"identifier": identifier}))
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
            room_element = ET.SubElement(
                day_element, "room", {"name": room.name, "guid": guid(hostname, "room", room.pk)}
            )
            for session in sessions:
                _frab_session(room_element, session, room, hostname, event_acronym)
    ET.indent(schedule)
    return ET.tostring(schedule, encoding="utf-8", xml_declaration=True)


def _frab_session(parent, session, room, hostname, event_acronym):
    slot = session.time_slot
    element = ET.SubElement(parent, "event", {"id": str(session.pk), "guid": guid(hostname, "session", session.pk)})
    _text(element, "date", local_iso(slot.start_datetime))
    _text(element, "start", slot.start.strftime("%H:%M"))
    _text(element, "duration", duration(slot.start_datetime, slot.end_datetime))
    _text(element, "room", room.name)
    _text(element, "slug", session_slug(event_acronym, session))
    url = absolute_url(session)
    if url:
        _text(element, "url", url)
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


# c3voc JSON


def c3voc_json(event):
    grid = schedule_grid(event)
    hostname = site_hostname(event)
    event_acronym = acronym(event)
    event_url = absolute_url(event)
    days = programme_days(event, grid)
    conference = {
        "acronym": event_acronym,
        "title": event.title,
        "start": local_iso(event.start),
        "end": local_iso(event.end),
        "daysCount": len(days),
        "timeslot_duration": timeslot_duration(grid),
        "rooms": [_c3voc_room(room, hostname) for room in grid.rooms],
        "days": [
            {
                "index": day.index,
                "date": day.date.isoformat(),
                "day_start": local_iso(day.start),
                "day_end": local_iso(day.end),
                "rooms": {
                    room.name: [_c3voc_session(session, room, hostname, event_acronym) for session in sessions]
                    for room, sessions in day.rooms
                },
            }
            for day in days
        ],
    }
    if event.teaser:
        conference["description"] = without_emails(event.teaser)
    if event_url:
        conference["url"] = event_url
    time_zone_name = timezone.get_current_timezone_name()
    if TIME_ZONE_NAME.search(time_zone_name):
        conference["time_zone_name"] = time_zone_name
    schedule = {"version": version_label(event), "conference": conference}
    if event_url:
        schedule["base_url"] = event_url
    document = {
        "$schema": SCHEMA_URL,
        "generator": {"name": "barcamp-wagtail", "version": __version__},
        "schedule": schedule,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def _c3voc_room(room, hostname):
    data = {"name": room.name, "guid": guid(hostname, "room", room.pk)}
    if room.capacity:
        data["capacity"] = room.capacity
    if room.description:
        data["description"] = without_emails(room.description)
    return data


def _c3voc_session(session, room, hostname, event_acronym):
    slot = session.time_slot
    links = []
    if session.slides_url:
        links.append({"type": "slides", "url": session.slides_url, "title": str(_("Slides"))})
    if session.pad_url:
        links.append({"type": "web", "url": session.pad_url, "title": str(_("Shared notes"))})
    return {
        "guid": guid(hostname, "session", session.pk),
        "id": session.pk,
        "date": local_iso(slot.start_datetime),
        "start": slot.start.strftime("%H:%M"),
        "end": local_iso(slot.end_datetime),
        "duration": duration(slot.start_datetime, slot.end_datetime),
        "room": room.name,
        "slug": session_slug(event_acronym, session),
        "url": absolute_url(session),
        "title": session.title,
        "subtitle": None,
        "track": session_track(session),
        "type": session.format,
        "language": session.language or None,
        "abstract": without_emails(session.abstract),
        "description": plain_text(session.description),
        "persons": [
            {"name": name, "public_name": name, "guid": guid(hostname, "person", name)} for name in host_names(session)
        ],
        "links": links,
    }


# iCal


def _calendar(name):
    from icalendar import Calendar

    from barcamp_wagtail.exporters.ical import PRODID

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    return calendar


def _session_event(session, hostname, event):
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
    location += [part for part in (event.venue_name, event.venue_address.replace("\n", ", ")) if part]
    if location:
        item.add("location", ", ".join(location))
    url = absolute_url(session)
    if url:
        item.add("url", url)
    # In the order they were added (0.1.0 left the order to the database).
    topics = [tagged.tag.name for tagged in session.tagged_items.select_related("tag").order_by("pk")]
    if topics:
        item.add("categories", topics)
    return item


def _finish(calendar):
    calendar.add_missing_timezones()
    return calendar.to_ical()


def ical(event):
    hostname = site_hostname(event)
    calendar = _calendar(event.title)
    for session in schedule_grid(event).scheduled_sessions():
        calendar.add_component(_session_event(session, hostname, event))
    return _finish(calendar)


def session_ical(session):
    event = session.event
    calendar = _calendar(f"{session.title} – {event.title}")
    calendar.add_component(_session_event(session, site_hostname(event), event))
    return _finish(calendar)


RENDERERS = {"frab-xml": frab_xml, "c3voc-json": c3voc_json, "ical": ical}

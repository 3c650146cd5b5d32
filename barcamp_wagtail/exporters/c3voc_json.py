"""The c3voc ``schedule.json``, the JSON sibling of frab's schedule.xml."""

import json
import re

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import __version__
from ..grid import published_grid, set_session_urls
from .base import BaseExporter
from .frab_xml import session_track, version_label
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

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
TIME_ZONE_NAME = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")


class C3vocJsonExporter(BaseExporter):
    identifier = "c3voc-json"
    verbose_name = _("schedule for conference apps (c3voc JSON)")
    extension = "json"
    content_type = "application/json"
    cache_output = True

    def render(self, event):
        grid = published_grid(event)
        hostname = site_hostname(event)
        event_acronym = acronym(event)
        event_url = absolute_url(event)
        set_session_urls(grid, event_url)
        days = programme_days(event, grid)
        times = slot_times(grid)
        conference = {
            "acronym": event_acronym,
            "title": event.title,
            "start": local_iso(event.start),
            "end": local_iso(event.end),
            "daysCount": len(days),
            "timeslot_duration": timeslot_duration(grid),
            "rooms": [self.room(room, hostname) for room in grid.rooms],
            "days": [
                {
                    "index": day.index,
                    "date": day.date.isoformat(),
                    "day_start": local_iso(day.start),
                    "day_end": local_iso(day.end),
                    "rooms": {
                        room.name: [self.session(session, room, hostname, event_acronym, times) for session in sessions]
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

    def room(self, room, hostname):
        data = {"name": room.name, "guid": guid(hostname, "room", room.pk)}
        if room.capacity:
            data["capacity"] = room.capacity
        if room.description:
            data["description"] = without_emails(room.description)
        return data

    def session(self, session, room, hostname, event_acronym, times=None):
        slot = (times or slot_times_of(session))[session.time_slot_id]
        links = []
        if session.slides_url:
            links.append({"type": "slides", "url": session.slides_url, "title": str(_("Slides"))})
        if session.pad_url:
            links.append({"type": "web", "url": session.pad_url, "title": str(_("Shared notes"))})
        return {
            "guid": guid(hostname, "session", session.pk),
            "id": session.pk,
            "date": slot.start_iso,
            "start": slot.start_hm,
            "end": slot.end_iso,
            "duration": slot.duration,
            "room": room.name,
            "slug": session_slug(event_acronym, session),
            "url": session.url,
            "title": session.title,
            "subtitle": None,
            "track": session_track(session),
            "type": session.format,
            "language": session.language or None,
            "abstract": without_emails(session.abstract),
            "description": plain_text(session.description),
            "persons": [
                {"name": name, "public_name": name, "guid": guid(hostname, "person", name)}
                for name in host_names(session)
            ],
            "links": links,
        }

"""What the app knows about an event that a press release reports: read here once, so that the
draft, its tests and any other report are built from the same numbers."""

import re
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

# A postal code before the town ("58636 Iserlohn", "D-58636 Iserlohn", "1010 Wien").
POSTAL_CODE = re.compile(r"^(?:[A-Z]{1,2}-)?\d{4,5}\s+")


def venue_city(event):
    """The town of the venue for the dateline: the last line (or comma-separated part) of the
    address without its postal code; the venue's name when there is no address."""
    lines = [line.strip() for line in (event.venue_address or "").splitlines() if line.strip()]
    if not lines:
        return event.venue_name or ""
    last = lines[-1].split(",")[-1].strip() if len(lines) == 1 else lines[-1]
    return POSTAL_CODE.sub("", last).strip()


def last_day(event):
    return timezone.localtime(event.end).date()


def sessions_held(event):
    """The event's published sessions that had a place in the grid (a room and a time slot)."""
    return [session for session in event.sessions() if session.time_slot_id and session.room_id]


def topic_counts(sessions):
    """``[(topic name, number of sessions), …]``, most frequent first, then alphabetically."""
    counts = Counter(tag.name for session in sessions for tag in session.topics.all())
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))


def registration_used(event):
    from ..participants.models import Participant

    return event.registration_enabled or Participant.objects.filter(event=event).exists()


def participant_counts(event):
    """(registered, checked in) from the app's registration: confirmed participants holding a seat,
    and people checked in at the door on any day."""
    from ..participants.models import CheckIn, Participant

    registered = Participant.objects.filter(event=event).seated().count()
    checked_in = CheckIn.objects.filter(event=event).values("participant").distinct().count()
    return registered, checked_in


def next_edition_of(event):
    """The next edition of the event's series (``series.next_edition``): None outside a series."""
    from ..series import next_edition

    return next_edition(event)


@dataclass
class DocumentedSession:
    session: object
    has_notes: bool
    slides_url: str
    pad_url: str


def documented_sessions(sessions):
    """The sessions with notes, slides or a pad, in programme order."""
    found = []
    for session in sessions:
        has_notes = bool((session.notes or "").strip())
        if has_notes or session.slides_url or session.pad_url:
            found.append(DocumentedSession(session, has_notes, session.slides_url, session.pad_url))
    return found


@dataclass
class EventFacts:
    """The facts of one event a press release is drafted from. ``participants`` is the number the
    editor typed when the app's registration was not used."""

    event: object
    city: str
    last_day: object
    registration_used: bool
    registered: int | None
    checked_in: int | None
    participants: int | None
    sessions: list
    rooms: list
    topics: list
    organisers: list
    sponsor_tiers: list
    documented: list
    next_edition: object
    contact_email: str

    @property
    def first_day(self):
        return timezone.localtime(self.event.start).date()

    @property
    def next_edition_city(self):
        return venue_city(self.next_edition)

    @property
    def next_edition_first_day(self):
        return timezone.localtime(self.next_edition.start).date()

    @property
    def next_edition_last_day(self):
        return last_day(self.next_edition)

    @property
    def session_count(self):
        return len(self.sessions)

    @property
    def room_count(self):
        return len(self.rooms)

    @property
    def participant_count(self):
        """The headline number: checked in if anyone was, else registered, else the typed number."""
        if self.registration_used:
            return self.checked_in or self.registered
        return self.participants


def event_facts(event, participants=None):
    """Gather the facts of ``event``; ``participants`` is used when the registration was not."""
    from ..models import sponsor_tiers

    sessions = sessions_held(event)
    used = registration_used(event)
    registered, checked_in = participant_counts(event) if used else (None, None)
    rooms = []
    for session in sessions:
        if session.room not in rooms:
            rooms.append(session.room)
    return EventFacts(
        event=event,
        city=venue_city(event),
        last_day=last_day(event),
        registration_used=used,
        registered=registered,
        checked_in=checked_in,
        participants=None if used else participants,
        sessions=sessions,
        rooms=sorted(rooms, key=lambda room: (room.sort_order or 0, room.name)),
        topics=topic_counts(sessions),
        organisers=list(event.organisers.all()),
        sponsor_tiers=sponsor_tiers(event),
        documented=documented_sessions(sessions),
        next_edition=next_edition_of(event),
        contact_email=event.contact_email,
    )

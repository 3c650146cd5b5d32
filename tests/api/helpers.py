"""Reading Wagtail's API v2 of the example site as a headless front end does: HTTP GET, JSON back."""

from dataclasses import dataclass

from barcamp_wagtail.models import EventOrganiser, EventPage, Room, SessionPage, TimeSlot
from tests.factories import make_event, make_room, make_session, make_slot

SESSION_TYPE = f"{SessionPage._meta.app_label}.{SessionPage.__name__}"
EVENT_TYPE = f"{EventPage._meta.app_label}.{EventPage.__name__}"


def api_get(client, path, params=None):
    response = client.get(path, params or {}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def list_sessions(client, event=None, **params):
    params = {"type": SESSION_TYPE, "fields": "*", "limit": 100, **params}
    if event is not None:
        params["child_of"] = event.pk
    return api_get(client, "/api/v2/pages/", params)


def event_detail(client, event):
    return api_get(client, f"/api/v2/pages/{event.pk}/")


@dataclass(frozen=True)
class Barcamp:
    event: EventPage
    plenum: Room
    werkstatt: Room
    welcome: TimeSlot
    first_round: TimeSlot
    session: SessionPage


def make_barcamp(sponsors=(), werkstatt_capacity=16, event_fields=None, **session_fields):
    """The barcamp of the API examples: an event with an organiser, a sponsor tier "Gold",
    two rooms, a plenary and a session slot, and one scheduled session, "Kreislaufwirtschaft"."""
    event = make_event(
        title="Barcamp Iserlohn",
        slug="barcamp-iserlohn",
        teaser="Ein Tag, an dem alle das Programm machen.",
        venue_name="WELTENRAUM",
        venue_address="Iserlohn",
        venue_map_url="https://maps.example.org/weltenraum",
        body=[("sponsor_wall", {"heading": "", "tiers": [{"name": "Gold", "sponsors": list(sponsors)}]})],
        **(event_fields or {}),
    )
    EventOrganiser.objects.create(
        event=event, name="visibleRuhr eG", role="Veranstalterin", url="https://visibleruhr.example.org/"
    )
    plenum = make_room(event, "Plenum", 40, sort_order=0)
    werkstatt = make_room(event, "Werkstatt", werkstatt_capacity, sort_order=1)
    welcome = make_slot(event, "09:30", "10:00", kind=TimeSlot.Kind.PLENARY, label="Begrüßung")
    first_round = make_slot(event, "11:00", "11:40", label="Runde 1")
    session_fields = {
        "slug": "kreislaufwirtschaft",
        "topics": ["Nachhaltigkeit"],
        "hosts": "Marie Ting",
        "format": "workshop",
        "language": "de",
        "abstract": "Was bleibt, wenn nichts weggeworfen wird?",
        "notes": "<p>Drei Betriebe, drei Wege.</p>",
        "slides_url": "https://slides.example.org/kreislauf",
        **session_fields,
    }
    session = make_session(event, "Kreislaufwirtschaft", room=werkstatt, time_slot=first_round, **session_fields)
    return Barcamp(event, plenum, werkstatt, welcome, first_round, session)

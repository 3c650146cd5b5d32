"""What a headless front end reads of an event and its sessions through Wagtail's API v2."""

import datetime

import pytest

from barcamp_wagtail.models import SessionProposal
from tests.factories import make_room, make_session, make_slot
from tests.press_factories import make_image, make_sponsor

from .helpers import SESSION_TYPE, api_get, event_detail, list_sessions, make_barcamp

pytestmark = pytest.mark.django_db


@pytest.fixture
def barcamp():
    return make_barcamp(
        sponsors=[make_sponsor("Gold Inc", logo=make_image("Gold")), make_sponsor("Friend eV", url="")],
        werkstatt_capacity=None,
        event_fields={
            "contact_email": "orga-private@example.org",
            "registration_info": "<p>Fragen an orga-private@example.org</p>",
        },
        topics=["Nachhaltigkeit", "Wirtschaft"],
        hosts="Marie Ting, kontakt@marie.example",
        notes='<p>Ergebnisse, Fragen an <a href="mailto:notes@example.org">notes@example.org</a></p>',
        pad_url="https://pad.example.org/kreislauf",
    )


@pytest.fixture
def event(barcamp):
    return barcamp.event


@pytest.fixture
def programme(barcamp):
    return barcamp.plenum, barcamp.werkstatt, barcamp.welcome, barcamp.first_round, barcamp.session


def test_the_event_gives_dates_venue_and_its_absolute_url(client, programme, event):
    data = event_detail(client, event)

    assert data["title"] == "Barcamp Iserlohn"
    assert data["teaser"] == "Ein Tag, an dem alle das Programm machen."
    assert data["start"] == "2026-10-16T09:00:00+02:00"
    assert data["end"] == "2026-10-16T17:00:00+02:00"
    assert data["venue"] == {
        "name": "WELTENRAUM",
        "address": "Iserlohn",
        "map_url": "https://maps.example.org/weltenraum",
    }
    assert data["url"] == data["meta"]["html_url"] == "http://localhost/barcamp-iserlohn/"


def test_the_event_gives_rooms_with_capacity_and_slots_in_order(client, programme, event):
    plenum, werkstatt, welcome, first, _session = programme

    data = event_detail(client, event)

    assert data["rooms"] == [
        {"id": plenum.pk, "name": "Plenum", "capacity": 40, "description": ""},
        {"id": werkstatt.pk, "name": "Werkstatt", "capacity": None, "description": ""},
    ]
    assert data["time_slots"] == [
        {
            "id": welcome.pk,
            "day": "2026-10-16",
            "start": "2026-10-16T09:30:00+02:00",
            "end": "2026-10-16T10:00:00+02:00",
            "kind": "plenary",
            "label": "Begrüßung",
        },
        {
            "id": first.pk,
            "day": "2026-10-16",
            "start": "2026-10-16T11:00:00+02:00",
            "end": "2026-10-16T11:40:00+02:00",
            "kind": "session",
            "label": "Runde 1",
        },
    ]


def test_the_event_gives_topics_organisers_and_sponsors_by_tier(client, programme, event):
    make_session(event, "Entwurf", topics=["Geheimthema"], publish=False)

    data = event_detail(client, event)

    assert data["topics"] == [
        {"name": "Nachhaltigkeit", "slug": "nachhaltigkeit"},
        {"name": "Wirtschaft", "slug": "wirtschaft"},
    ]
    assert data["organisers"] == [
        {"name": "visibleRuhr eG", "role": "Veranstalterin", "url": "https://visibleruhr.example.org/"}
    ]
    [tier] = data["sponsors"]
    assert tier["tier"] == "Gold"
    gold, friend = tier["sponsors"]
    assert (gold["name"], gold["url"]) == ("Gold Inc", "https://sponsor.example/")
    assert gold["logo"]["url"].startswith("http://localhost/media/") and gold["logo"]["url"].endswith(".png")
    assert (gold["logo"]["width"], gold["logo"]["height"]) == (640, 480)
    assert friend == {"name": "Friend eV", "url": "", "description": "", "logo": None}


def test_the_event_links_every_export_absolutely_and_each_link_serves_it(client, programme, event):
    exports = {export["identifier"]: export for export in event_detail(client, event)["exports"]}

    assert {"ical", "pdf-grid-a4", "frab-xml", "c3voc-json"} <= set(exports)
    assert exports["ical"]["url"] == "http://localhost/barcamp-iserlohn/exports/ical/"
    assert exports["ical"]["content_type"].startswith("text/calendar")
    for identifier in ("ical", "frab-xml", "c3voc-json"):
        response = client.get(exports[identifier]["url"].removeprefix("http://localhost"))
        assert response.status_code == 200, identifier
        assert response["Content-Type"].split(";")[0] == exports[identifier]["content_type"].split(";")[0]


def test_the_event_keeps_its_contact_address_and_registration_text_to_its_page(client, programme, event):
    data = event_detail(client, event)

    assert "contact_email" not in data and "registration_info" not in data
    assert "orga-private" not in str(data)


def test_a_session_gives_room_slot_and_local_times_with_offset(client, programme, event):
    _plenum, werkstatt, _welcome, first, session = programme

    [item] = list_sessions(client, event)["items"]

    assert item["id"] == session.pk
    assert item["room"] == {"id": werkstatt.pk, "name": "Werkstatt", "capacity": None}
    assert item["slot"] == {"id": first.pk, "day": "2026-10-16", "kind": "session", "label": "Runde 1"}
    assert item["start"] == "2026-10-16T11:00:00+02:00"
    assert item["end"] == "2026-10-16T11:40:00+02:00"
    assert datetime.datetime.fromisoformat(item["start"]).utcoffset() == datetime.timedelta(hours=2)


def test_a_winter_session_has_the_winter_offset_and_an_unscheduled_one_no_times(client, event):
    room = make_room(event, "Studio")
    winter = make_slot(event, "23:30", "00:15", day=datetime.date(2026, 12, 4))
    make_session(event, "Nachtschicht", room=room, time_slot=winter)
    make_session(event, "Noch ohne Platz")

    items = {item["title"]: item for item in list_sessions(client, event)["items"]}

    assert items["Nachtschicht"]["start"] == "2026-12-04T23:30:00+01:00"
    assert items["Nachtschicht"]["end"] == "2026-12-05T00:15:00+01:00"
    unplaced = items["Noch ohne Platz"]
    assert (unplaced["room"], unplaced["slot"], unplaced["start"], unplaced["end"]) == (None, None, None, None)


def test_a_session_gives_topics_format_hosts_and_documentation(client, programme, event):
    [item] = list_sessions(client, event)["items"]

    assert item["topics"] == [
        {"name": "Nachhaltigkeit", "slug": "nachhaltigkeit"},
        {"name": "Wirtschaft", "slug": "wirtschaft"},
    ]
    assert item["format"] == {"value": "workshop", "label": "workshop"}
    assert item["language"] == "de"
    assert item["abstract"] == "Was bleibt, wenn nichts weggeworfen wird?"
    assert item["hosts"] == ["Marie Ting"]
    documentation = item["documentation"]
    assert documentation["slides_url"] == "https://slides.example.org/kreislauf"
    assert documentation["pad_url"] == "https://pad.example.org/kreislauf"
    assert "Ergebnisse" in documentation["notes"] and "@" not in documentation["notes"]


def test_a_session_gives_its_absolute_urls_and_its_event(client, programme, event):
    session = programme[-1]

    [item] = list_sessions(client, event)["items"]

    assert item["url"] == item["meta"]["html_url"] == "http://localhost/barcamp-iserlohn/kreislaufwirtschaft/"
    assert item["calendar_url"] == f"http://localhost/barcamp-iserlohn/exports/sessions/{session.pk}/ical/"
    assert item["event"] == {"id": event.pk, "title": "Barcamp Iserlohn", "url": "http://localhost/barcamp-iserlohn/"}
    calendar = client.get(item["calendar_url"].removeprefix("http://localhost"))
    assert calendar.status_code == 200 and b"Kreislaufwirtschaft" in calendar.content


def test_a_session_detail_gives_the_same_fields_as_the_listing(client, programme, event):
    session = programme[-1]
    [listed] = list_sessions(client, event)["items"]

    detail = api_get(client, f"/api/v2/pages/{session.pk}/")

    assert {key: value for key, value in detail.items() if key != "meta"} == {
        key: value for key, value in listed.items() if key != "meta"
    }


def test_a_label_follows_the_language_the_front_end_asks_for(client, programme, event):
    response = client.get(
        "/api/v2/pages/", {"type": SESSION_TYPE, "fields": "format"}, HTTP_ACCEPT_LANGUAGE="de", HTTP_ACCEPT="*/*"
    )

    assert response.json()["items"][0]["format"] == {"value": "workshop", "label": "Workshop"}


@pytest.mark.parametrize("show_name", [True, False], ids=["consented", "not-consented"])
def test_an_accepted_proposal_shows_its_submitter_as_host_only_with_consent(client, event, show_name):
    proposal = SessionProposal.objects.create(
        event=event,
        title="Wärmepumpen im Altbau",
        abstract="Erfahrungen aus drei Sanierungen.",
        name="Jana Beispiel",
        email="jana@example.org",
        show_name=show_name,
        privacy_consent=True,
        nonce="api-consent",
    )
    proposal.accept()

    items = {item["title"]: item for item in list_sessions(client, event)["items"]}

    item = items["Wärmepumpen im Altbau"]
    assert item["hosts"] == (["Jana Beispiel"] if show_name else [])
    assert "jana@example.org" not in str(item)


def test_drafts_stay_out_of_the_session_listing(client, programme, event):
    make_session(event, "Entwurf", publish=False)

    titles = [item["title"] for item in list_sessions(client, event)["items"]]

    assert titles == ["Kreislaufwirtschaft"]

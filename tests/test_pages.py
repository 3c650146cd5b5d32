import datetime

import pytest

from barcamp_wagtail.models import TimeSlot

from .factories import make_event, make_room, make_session, make_slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    event = make_event(
        title="Barcamp Südwestfalen + Ruhrgebiet",
        venue_name="WELTENRAUM",
        venue_address="Iserlohn",
        contact_email="team@example.org",
    )
    room = make_room(event, "Werkstatt", capacity=16)
    slot = make_slot(event, "11:00", "11:40", label="Runde 1")
    session = make_session(
        event,
        "Kreislaufwirtschaft",
        room=room,
        time_slot=slot,
        hosts="Marie Ting",
        abstract="Materials in a loop.",
        topics=["Nachhaltigkeit"],
        format="discussion",
        language="de",
    )
    return event, room, slot, session


def test_event_page_shows_facts_and_its_published_sessions(client, programme):
    event, room, slot, session = programme
    make_session(event, "Draft idea", publish=False)

    html = client.get(event.url).content.decode()

    assert "WELTENRAUM" in html
    assert "Kreislaufwirtschaft" in html
    assert "Werkstatt" in html
    assert "Marie Ting" in html
    assert "Oct. 16, 2026" in html
    assert "Draft idea" not in html


def test_session_page_shows_when_where_and_who(client, programme):
    event, room, slot, session = programme

    html = client.get(session.url).content.decode()

    assert "Kreislaufwirtschaft" in html
    assert "Werkstatt" in html
    assert "11 a.m." in html and "11:40 a.m." in html
    assert "Nachhaltigkeit" in html
    assert "Marie Ting" in html
    assert event.title in html


def test_an_unscheduled_session_says_so(client):
    event = make_event()
    session = make_session(event, "Later")

    html = client.get(session.url).content.decode()

    assert "Not scheduled yet" in html


def test_pages_are_german_when_the_visitor_reads_german(client, programme):
    event, room, slot, session = programme

    event_html = client.get(event.url, headers={"accept-language": "de"}).content.decode()
    session_html = client.get(session.url, headers={"accept-language": "de"}).content.decode()

    assert "Veranstaltet von" not in event_html  # no organisers given
    assert "Wann" in event_html and "Wo" in event_html
    assert "16. Oktober 2026" in event_html
    assert "Moderiert von" in session_html
    assert "Diskussion" in session_html


def test_user_text_is_escaped(client):
    event = make_event(teaser='<script>alert("x")</script>')
    make_session(event, "<b>bold</b>", hosts="<img src=x onerror=alert(1)>")

    html = client.get(event.url).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "<img src=x" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_a_multi_day_event_shows_both_dates(client):
    event = make_event(days=2)

    html = client.get(event.url).content.decode()

    assert "Oct. 16, 2026" in html and "Oct. 17, 2026" in html


def test_a_slot_across_midnight_ends_the_next_day():
    event = make_event()
    slot = make_slot(event, "23:30", "00:30", kind=TimeSlot.Kind.SESSION)

    assert slot.end_datetime - slot.start_datetime == datetime.timedelta(hours=1)

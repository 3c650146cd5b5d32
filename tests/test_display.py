import datetime
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine

from barcamp_wagtail.models import TimeSlot

from .factories import EVENT_DAY, make_event, make_room, make_session, make_slot

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def at(hour, minute=0):
    return datetime.datetime.combine(EVENT_DAY, datetime.time(hour, minute), tzinfo=BERLIN)


@pytest.fixture
def venue():
    event = make_event()
    plenum, studio = make_room(event, "Plenum", sort_order=0), make_room(event, "Studio", sort_order=1)
    round1 = make_slot(event, "10:00", "10:45")
    lunch = make_slot(event, "12:00", "13:00", kind=TimeSlot.Kind.BREAK, label="Mittagspause")
    round2 = make_slot(event, "13:00", "13:45")
    make_session(event, "Open Data", room=plenum, time_slot=round1, hosts="Marie Ting")
    make_session(event, "Green Coding", room=studio, time_slot=round1)
    make_session(event, "Kreislaufwirtschaft", room=plenum, time_slot=round2)
    return event, plenum, studio, lunch


def screen(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_screen_shows_the_running_and_the_following_session(client, venue):
    event, plenum, studio, lunch = venue

    with time_machine.travel(at(10, 15), tick=False):
        html = screen(client, event.url + "now/")

    now_cells = html.split("<tbody>")[1]
    assert now_cells.index("Open Data") < now_cells.index("Kreislaufwirtschaft")
    assert "Marie Ting" in html
    assert "Green Coding" in html


def test_before_a_round_the_screen_shows_what_comes_next(client, venue):
    event, *_ = venue

    with time_machine.travel(at(9, 0), tick=False):
        html = screen(client, event.url + "now/")

    body = html.split("<tbody>")[1].split("</tbody>")[0]
    assert "Open Data" in body and "Nothing scheduled" in body
    assert "Kreislaufwirtschaft" not in body  # only the next session per room, not the one after


def test_a_room_screen_shows_only_its_room(client, venue):
    event, plenum, studio, lunch = venue

    with time_machine.travel(at(10, 15), tick=False):
        html = screen(client, f"{event.url}now/{studio.pk}/")

    assert "Green Coding" in html
    assert "Open Data" not in html.split('id="barcamp-display-data"')[0]
    assert "<h1>Studio</h1>" in html


def test_during_a_break_the_screen_says_until_when(client, venue):
    event, *_ = venue

    with time_machine.travel(at(12, 20), tick=False):
        html = screen(client, event.url + "now/")

    assert "Mittagspause" in html and "until 1 p.m." in html


def test_after_the_event_the_screen_says_thank_you(client, venue):
    event, *_ = venue

    with time_machine.travel(at(18, 0), tick=False):
        html = screen(client, event.url + "now/")

    assert "The barcamp is over." in html


def test_the_screen_carries_the_timetable_for_offline_use_and_a_qr_code(client, venue):
    event, plenum, *_ = venue

    with time_machine.travel(at(10, 15), tick=False):
        html = screen(client, event.url + "now/")
        data = client.get(event.url + "now/data/").json()

    embedded = json.loads(html.split('id="barcamp-display-data" type="application/json">')[1].split("</script>")[0])
    assert embedded == data
    assert data["slots"][0]["sessions"][str(plenum.pk)] == {"title": "Open Data", "hosts": "Marie Ting"}
    assert "<svg" in html and "QR code" in html
    assert "http://localhost/" in html


def test_the_venue_screen_links_each_room_screen(client, venue):
    event, plenum, studio, lunch = venue

    html = screen(client, event.url + "now/")

    assert f'href="{event.url}now/{studio.pk}/"' in html


def test_a_room_of_another_event_is_not_found(client, venue):
    event, *_ = venue
    other_room = make_room(make_event(title="Other"), "Elsewhere")

    assert client.get(f"{event.url}now/{other_room.pk}/").status_code == 404


def test_titles_on_the_screen_are_escaped(client):
    event = make_event()
    room, slot = make_room(event), make_slot(event, "10:00", "11:00")
    make_session(event, "</script><script>alert(1)</script>", room=room, time_slot=slot)

    with time_machine.travel(at(10, 30), tick=False):
        html = screen(client, event.url + "now/")

    assert "<script>alert(1)" not in html


def test_the_screen_is_german_for_german_readers(client, venue):
    event, *_ = venue

    with time_machine.travel(at(10, 15), tick=False):
        html = client.get(event.url + "now/", headers={"accept-language": "de"}).content.decode()

    assert "Jetzt" in html and "Danach" in html and "10:15" in html


@pytest.mark.parametrize("sessions", [2, 40])
def test_screen_queries_do_not_grow_with_sessions(client, django_assert_max_num_queries, sessions):
    event = make_event()
    rooms = [make_room(event, f"R{n}", sort_order=n) for n in range(4)]
    slots = [make_slot(event, f"{10 + n}:00", f"{10 + n}:45") for n in range(5)]
    for number in range(sessions):
        make_session(event, f"S{number}", room=rooms[number % 4], time_slot=slots[(number // 4) % 5])

    with time_machine.travel(at(10, 15), tick=False), django_assert_max_num_queries(12):
        client.get(event.url + "now/")

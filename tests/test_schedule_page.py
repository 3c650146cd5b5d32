import datetime
import re

import pytest
from django.core.cache import caches
from django.utils import timezone

from barcamp_wagtail.models import SchedulePage, TimeSlot

from .factories import EVENT_DAY, make_event, make_room, make_session, make_slot
from .schedule_helpers import make_many_sessions, make_schedule_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def programme():
    event = make_event(title="Barcamp Südwestfalen + Ruhrgebiet", days=2)
    plenum = make_room(event, "Plenum", capacity=40, sort_order=0)
    werkstatt = make_room(event, "Werkstatt", capacity=16, sort_order=1)
    round_one = make_slot(event, "11:00", "11:40", label="Runde 1")
    make_slot(event, "12:30", "13:30", kind=TimeSlot.Kind.BREAK, label="Mittagspause")
    second_day = make_slot(event, "10:00", "10:45", day=EVENT_DAY + datetime.timedelta(days=1))
    circular = make_session(
        event,
        "Kreislaufwirtschaft",
        room=werkstatt,
        time_slot=round_one,
        hosts="Marie Ting",
        topics=["Nachhaltigkeit"],
    )
    open_data = make_session(
        event, "Open Data für Kommunen", room=plenum, time_slot=round_one, topics=["Digitalisierung"]
    )
    tomorrow = make_session(event, "Resilienz im Team", room=plenum, time_slot=second_day, topics=["Arbeitswelt"])
    make_session(event, "Draft idea", room=plenum, time_slot=second_day, publish=False)
    page = make_schedule_page(event)
    return {"event": event, "page": page, "sessions": (circular, open_data, tomorrow), "round_one": round_one}


def table_of(html, day):
    match = re.search(
        rf'<section class="barcamp-schedule__day" aria-labelledby="barcamp-day-{day}">(.*?)</section>', html, re.S
    )
    return match.group(1)


def test_schedule_page_shows_a_table_with_room_and_time_headers(client, programme):
    html = client.get(programme["page"].url).content.decode()
    day = table_of(html, "2026-10-16")

    assert '<th scope="col">Plenum</th>' in day and '<th scope="col">Werkstatt</th>' in day
    assert re.search(r'<th scope="row">.*11 a\.m\..*11:40 a\.m\..*Runde 1', day, re.S)
    row = re.search(r'<tr class="barcamp-slot barcamp-slot--session".*?</tr>', day, re.S).group(0)
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)
    assert "Open Data für Kommunen" in cells[0] and "Kreislaufwirtschaft" in cells[1]
    assert "Marie Ting" in cells[1] and "Nachhaltigkeit" in cells[1]
    assert f'href="{programme["sessions"][0].url}"' in cells[1]
    assert f'<a href="{programme["event"].url}">Barcamp Südwestfalen + Ruhrgebiet</a>' in html
    assert "Draft idea" not in html


def test_break_slots_span_all_rooms_and_say_what_they_are(client, programme):
    html = client.get(programme["page"].url).content.decode()

    assert re.search(r'<td colspan="2" class="barcamp-slot__all-rooms">Mittagspause</td>', html)
    assert "(break)" in html


def test_phone_list_names_the_room_of_each_session_by_time_slot(client, programme):
    html = client.get(programme["page"].url).content.decode()
    listing = re.search(r'<ol class="barcamp-schedule__list">(.*?)</ol>', table_of(html, "2026-10-16"), re.S).group(1)

    assert "<h3>" in listing
    assert "Room: Werkstatt" in listing and "Room: Plenum" in listing
    assert listing.index("11 a.m.") < listing.index("Kreislaufwirtschaft")


def test_event_page_links_to_its_schedule(client, programme):
    html = client.get(programme["event"].url).content.decode()

    assert f'href="{programme["page"].url}"' in html


def test_day_filter_shows_only_that_day(client, programme):
    html = client.get(programme["page"].url, {"day": "2026-10-17"}).content.decode()

    assert "Resilienz im Team" in html
    assert "Kreislaufwirtschaft" not in html


def test_topic_filter_keeps_only_sessions_on_that_topic(client, programme):
    html = client.get(programme["page"].url, {"topic": "nachhaltigkeit"}).content.decode()

    assert "Kreislaufwirtschaft" in html
    assert "Open Data für Kommunen" not in html
    assert "Showing sessions on the topic “Nachhaltigkeit”." in html
    assert '<option value="nachhaltigkeit" selected>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"day": "2026-13-45"}, "There is no such day in this programme"),
        ({"day": "<script>alert(1)</script>"}, "There is no such day in this programme"),
        ({"topic": "no-such-topic"}, "No session has this topic"),
        ({"topic": "x" * 5000, "day": ["2026-10-16", "nonsense"]}, "No session has this topic"),
    ],
)
def test_unknown_filter_values_are_ignored_with_a_message(client, programme, query, message):
    response = client.get(programme["page"].url, query)
    html = response.content.decode()

    assert response.status_code == 200
    assert message in html
    assert "Kreislaufwirtschaft" in html and "Resilienz im Team" in html
    assert "<script>alert(1)</script>" not in html


def test_a_published_change_shows_at_once_despite_the_cache(client, programme):
    url = programme["page"].url
    client.get(url)
    circular = programme["sessions"][0]
    circular.title = "Kreislaufwirtschaft in der Industrie"
    circular.save_revision().publish()

    html = client.get(url).content.decode()

    assert "Kreislaufwirtschaft in der Industrie" in html


def test_now_is_marked_while_the_slot_runs(client, programme, monkeypatch):
    running = programme["round_one"].start_datetime + datetime.timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: running)

    html = client.get(programme["page"].url).content.decode()

    now_rows = re.findall(r'<tr class="barcamp-slot barcamp-slot--session is-now".*?</tr>', html, re.S)
    assert len(now_rows) == 1 and "Runde 1" in now_rows[0]
    assert '<strong class="barcamp-now" data-now-marker>Now</strong>' in now_rows[0]
    assert html.count("data-now-marker>Now") == 2  # the row and the list entry


def test_now_is_not_marked_outside_the_event(client, programme):
    html = client.get(programme["page"].url).content.decode()

    assert "is-now" not in html
    assert "data-now-marker>Now" not in html


def test_visitor_text_is_escaped_in_the_schedule(client):
    event = make_event()
    room, slot = make_room(event), make_slot(event)
    make_session(event, "<b>Bold</b>", room=room, time_slot=slot, hosts="<img src=x onerror=alert(1)>")
    page = make_schedule_page(event)

    html = client.get(page.url).content.decode()

    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt;" in html
    assert "<img src=x" not in html


def test_schedule_page_loads_the_favourites_script(client, programme):
    html = client.get(programme["page"].url).content.decode()

    assert "barcamp_wagtail/js/schedule.js" in html
    assert html.count('data-session="') >= 3


def test_schedule_page_is_german_for_german_readers(client, programme):
    html = client.get(programme["page"].url, headers={"accept-language": "de"}).content.decode()

    assert "Freitag, 16. Oktober 2026" in html
    assert "Raum: Werkstatt" in html
    assert '<th scope="col">Zeit</th>' in html
    assert "(Pause)" in html
    assert "Programm filtern" in html


def test_german_and_english_are_cached_apart(client, programme):
    url = programme["page"].url
    english = client.get(url).content.decode()
    german = client.get(url, headers={"accept-language": "de"}).content.decode()

    assert '<th scope="col">Time</th>' in english
    assert '<th scope="col">Zeit</th>' in german


def test_a_schedule_page_belongs_under_an_event_once():
    event = make_event()
    home = event.get_parent().specific
    allowed_before = SchedulePage.can_create_at(event)
    make_schedule_page(event)

    assert allowed_before
    assert not SchedulePage.can_create_at(event)
    assert not SchedulePage.can_create_at(home)


@pytest.mark.parametrize("count", [10, 100, 400])
def test_schedule_page_queries_do_not_grow_with_sessions(client, django_assert_num_queries, count):
    event = make_event()
    rooms = [make_room(event, f"Room {n}", sort_order=n) for n in range(8)]
    slots = [make_slot(event, f"{hour:02d}:00", f"{hour:02d}:45") for hour in range(8, 20)]
    make_many_sessions(event, count, rooms, slots)
    page = make_schedule_page(event)
    client.get(page.url)  # Wagtail's own caches (the site's root paths) as a running site has them
    caches["default"].clear()
    client.get(event.url)

    # Routing and serving a page two levels below the site's root take five queries: the site,
    # the home page, the pages on the path and above it, the page as itself, its view
    # restrictions (barcamp_wagtail.routing and view_restrictions; the example site's navigation
    # comes from the cache, filled by the request before); a warm schedule adds one (the
    # version), a cold one three (and the rooms with the slots, the sessions with their
    # topics), never one per session.
    caches["default"].delete_many([key for key in caches["default"]._cache if "schedule" in key])
    with django_assert_num_queries(8):
        cold = client.get(page.url)
    with django_assert_num_queries(6):
        warm = client.get(page.url)
    with django_assert_num_queries(8):
        filtered = client.get(page.url, {"topic": "digitalisierung"})

    assert cold.status_code == warm.status_code == filtered.status_code == 200
    assert cold.content.decode().count('class="barcamp-schedule-session"') == 2 * count

    def programme_html(response):
        html = response.content.decode()
        return html[html.index('<div class="barcamp-schedule__days">') :]

    assert programme_html(warm) == programme_html(cold)


def test_a_session_moved_to_another_event_leaves_the_schedule_at_once(client, programme):
    other = make_event(title="Other camp")
    circular = programme["sessions"][0]
    assert "Kreislaufwirtschaft" in client.get(programme["page"].url).content.decode()

    circular.move(other, pos="last-child")

    assert "Kreislaufwirtschaft" not in client.get(programme["page"].url).content.decode()


def test_a_moved_event_links_its_sessions_at_the_new_address_at_once(client, programme):
    event, page = programme["event"], programme["page"]
    client.get(page.url)
    new_parent = make_event(title="Series")

    event.move(new_parent, pos="last-child")

    page.refresh_from_db()
    circular = programme["sessions"][0]
    circular.refresh_from_db()
    html = client.get(page.url).content.decode()
    assert f'href="{circular.url}"' in html and circular.url.startswith(new_parent.url)


def test_the_events_own_urls_are_not_tried_for_its_child_pages():
    from barcamp_wagtail.models import EventPage
    from barcamp_wagtail.models.exports import _route_prefixes

    assert _route_prefixes(EventPage) == {"now", "exports", "next-edition", "register", "participants"}


def test_the_events_own_urls_and_its_child_pages_still_answer(client, programme):
    event = programme["event"]

    assert client.get(event.url + "now/").status_code == 200
    assert client.get(event.export_url("ical")).status_code == 200
    assert client.get(programme["sessions"][0].url).status_code == 200
    assert client.get(event.url + "no-such-page/").status_code == 404

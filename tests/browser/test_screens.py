"""The screens in the venue in Chromium: the "now and next" screen fits a kiosk's window with
eight rooms, a room's screen announces the lunch break before the next session, and the plenary
board's list says no pitch number."""

import datetime

import pytest
from django.utils import timezone

from barcamp_wagtail.models import PlenaryState, SessionProposal, TimeSlot

from ..factories import EVENT_DAY, make_event, make_room, make_session, make_slot
from .conftest import DESKTOP, assert_accessible
from .test_flows import PASSWORD, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOMS = ["Plenum", "Werkstatt", "Lounge", "Studio", "Terrasse", "Bibliothek", "Küche", "Dachboden"]


def at(hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(EVENT_DAY, datetime.time(hour, minute)))


@pytest.fixture
def venue():
    """Eight rooms, long titles and hosts in every cell; lunch from 12:30 to 13:30."""
    event = make_event(title="Barcamp Südwestfalen + Ruhrgebiet: das große Treffen")
    rooms = [make_room(event, name, sort_order=n) for n, name in enumerate(ROOMS)]
    rounds = [make_slot(event, "11:00", "11:40"), make_slot(event, "11:50", "12:30")]
    lunch = make_slot(event, "12:30", "13:30", kind=TimeSlot.Kind.BREAK, label="Mittagspause")
    rounds.append(make_slot(event, "13:30", "14:10"))
    for slot_number, slot in enumerate(rounds):
        for room in rooms:
            make_session(
                event,
                f"Runde {slot_number + 1} in {room.name}: Wie Genossenschaften die digitale Transformation "
                "in der Region gemeinsam gestalten",
                room=room,
                time_slot=slot,
                hosts="Katja Kohlstedt, Christoph Neumann und Marie Ting",
            )
    return {"event": event, "rooms": rooms, "lunch": lunch}


FITS = """() => {
    const inside = (node) => { const box = node.getBoundingClientRect();
        return box.width > 0 && box.top >= 0 && box.bottom <= innerHeight && box.right <= innerWidth; };
    return {
        scrollHeight: document.scrollingElement.scrollHeight, height: innerHeight,
        scrollWidth: document.scrollingElement.scrollWidth, width: innerWidth,
        qr: inside(document.querySelector('.barcamp-display__qr svg')),
        links: [...document.querySelectorAll('.barcamp-display__rooms a')].map(inside),
        rows: document.querySelectorAll('[data-display-body] tbody tr').length,
        clipped: [...document.querySelectorAll('[data-display-body] td')].filter(
            (td) => td.scrollWidth > td.clientWidth + 1 || td.getBoundingClientRect().right > innerWidth).length,
    };
}"""


@pytest.mark.parametrize("viewport", [{"width": 1920, "height": 1080}, {"width": 1280, "height": 720}])
def test_the_venue_screen_fits_a_kiosk_with_eight_rooms(live_server, venue, new_page, shots, viewport):
    page = new_page(viewport=viewport, locale="de-DE")
    page.clock.install(time=at(11, 10))
    page.goto(f"{live_server.url}{venue['event'].url}now/")
    for moment in ("first", "redrawn"):
        fit = page.evaluate(FITS)
        shots(page, f"venue-{viewport['width']}-{moment}")
        assert fit["rows"] == 8, fit
        assert fit["scrollHeight"] <= fit["height"] and fit["scrollWidth"] <= fit["width"], fit
        assert fit["qr"] and all(fit["links"]) and len(fit["links"]) == 8, fit
        assert not fit["clipped"], fit
        page.clock.run_for("00:16")  # display.js redraws the table from its timetable
    assert_accessible(page)


def test_a_room_screen_announces_the_lunch_break_before_the_next_session(live_server, venue, new_page, shots):
    event, plenum = venue["event"], venue["rooms"][0]
    page = new_page(viewport={"width": 1280, "height": 720}, locale="de-DE")
    page.clock.install(time=at(12, 0))
    page.goto(f"{live_server.url}{event.url}now/{plenum.pk}/")

    for moment in ("first", "redrawn"):
        following = page.locator("[data-display-body] tbody td").nth(1).inner_text()
        shots(page, f"room-{moment}")
        assert "12:30 Mittagspause bis 13:30" in following
        assert following.index("Mittagspause") < following.index("13:30 Runde 3 in Plenum")
        fit = page.evaluate(FITS)
        assert fit["scrollHeight"] <= fit["height"] and fit["qr"] and not fit["clipped"], fit
        page.clock.run_for("00:16")

    page.clock.run_for("40:00")  # lunch: the break is now, the session after it is next
    assert "Mittagspause · bis 13:30" in page.locator("[data-display-body]").inner_text()
    assert "13:30 Runde 3 in Plenum" in page.locator("[data-display-body] tbody td").nth(1).inner_text()


def test_the_plenary_boards_list_says_no_pitch_number(live_server, new_page, django_user_model, shots):
    event = make_event(title="Barcamp Plenum")
    pitches = [
        SessionProposal.objects.create(event=event, title=title, abstract="…", nonce=f"screens-{title}")
        for title in ("Open Data", "Green Coding")
    ]
    state = PlenaryState.objects.create(event=event, current=pitches[1])
    moderator = django_user_model.objects.create_superuser("moderator", "moderator@example.org", PASSWORD)
    page = new_page(viewport=DESKTOP)
    log_in(page, live_server.url, moderator)
    page.goto(f"{live_server.url}/admin/barcamp/plenary/{event.pk}/board/")
    assert page.locator("[data-board-position]").inner_text() == "Pitch 2 of 2"

    state.show_list = True
    state.save()
    page.wait_for_function("() => !document.querySelector('[data-board-list-section]').hidden", timeout=15000)
    shots(page, "list")
    assert page.locator("[data-board-position]").inner_text() == ""
    assert page.locator("[data-board-list] li").count() == 2

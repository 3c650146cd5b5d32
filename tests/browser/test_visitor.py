import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from barcamp_wagtail.models import SessionPage

from ..demo_helpers import past_edition
from ..factories import EVENT_DAY, make_event, make_room, make_session, make_slot
from .conftest import PHONE, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo(live_server):
    call_command("load_demo", "--no-admin", verbosity=0)
    return past_edition()


@pytest.mark.parametrize("locale", ["de-DE", "en-GB"])
def test_event_and_session_pages_are_accessible_on_a_phone(live_server, demo, new_page, shots, locale):
    page = new_page(viewport=PHONE, locale=locale)

    page.goto(live_server.url + demo.url)
    shots(page, "event")
    assert_accessible(page)
    session = SessionPage.objects.live().child_of(demo).first()
    page.get_by_role("link", name=session.title).click()
    page.wait_for_url(f"**{session.url}")
    shots(page, "session")

    assert page.get_by_role("heading", level=1).inner_text() == session.title
    assert_accessible(page)


def test_the_now_and_next_screen_moves_on_by_itself(live_server, new_page, shots):
    berlin = ZoneInfo("Europe/Berlin")
    event = make_event()
    room = make_room(event, "Plenum")
    first, second = make_slot(event, "10:00", "10:45"), make_slot(event, "11:00", "11:45")
    make_session(event, "Open Data", room=room, time_slot=first)
    make_session(event, "Green Coding", room=room, time_slot=second)
    page = new_page()
    page.clock.install(time=datetime.datetime.combine(EVENT_DAY, datetime.time(10, 30), tzinfo=berlin))

    page.goto(f"{live_server.url}{event.url}now/{room.pk}/")
    page.clock.run_for("00:16")  # the screen recomputes every 15 seconds
    page.wait_for_function("document.querySelector('[data-display-body]').innerText.includes('Open Data')")
    shots(page, "first-round")
    page.clock.run_for("30:00")

    body = page.locator("[data-display-body]")
    assert "Green Coding" in body.locator("td").first.inner_text()
    assert "Open Data" not in body.inner_text()
    assert_accessible(page)

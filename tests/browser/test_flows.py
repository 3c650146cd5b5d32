"""A session's way through the app, in the browser: proposed on a phone, accepted by a moderator,
placed by an editor in the planner, seen by visitors on the schedule, in the PDF and on the room's screen.
The planner's own ways (drag and drop, keyboard, …) are in test_planner.py."""

import datetime
import io
from urllib.parse import urljoin

import pytest
from django.utils import timezone
from pypdf import PdfReader

from barcamp_wagtail.models import SessionPage, SessionProposal

from ..factories import EVENT_DAY, make_event, make_proposal_page, make_room, make_session, make_slot
from ..schedule_helpers import make_schedule_page
from .conftest import DESKTOP, PASSWORD, PHONE, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DAY = timezone.localdate() + datetime.timedelta(days=30)
TITLE = "Offene Daten für kleine Gemeinden"


@pytest.fixture
def barcamp(live_server, settings):
    """An open call for sessions with two rooms and two slots; reCAPTCHA off, no time trap."""
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA": False, "PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 1000}
    event = make_event(title="Barcamp Browser", day=DAY)
    rooms = [make_room(event, "Plenum", sort_order=0), make_room(event, "Werkstatt", capacity=12, sort_order=1)]
    slots = [make_slot(event, "10:00", "10:45", day=DAY), make_slot(event, "11:00", "11:45", day=DAY)]
    return {
        "event": event,
        "rooms": rooms,
        "slots": slots,
        "proposal_page": make_proposal_page(event),
        "schedule": make_schedule_page(event),
    }


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("planner", "planner@example.org", PASSWORD)


def log_in(page, base_url, user):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{base_url}/admin/")


def propose(page, base_url, proposal_page, title=TITLE):
    page.goto(base_url + proposal_page.url)
    page.get_by_label("Title of your session").fill(title)
    page.get_by_label("What is it about?").fill("Welche Daten es gibt und was Ehrenamtliche daraus machen.")
    page.get_by_label("Format").select_option("talk")
    page.get_by_label("Topic").fill("Open Data")
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Your e-mail address").fill("ada@example.org")
    page.get_by_label("My name may be shown publicly with the session.").check()
    page.get_by_label("I agree that my proposal").check()
    # The short URL of barcamp_wagtail.urls (direct_post.py), which the example site includes.
    assert page.locator("form.barcamp-form").get_attribute("action") == f"/barcamp/post/{proposal_page.pk}/propose/"
    page.get_by_role("button", name="Send proposal").click()
    page.get_by_role("heading", name="Thank you for your proposal!").wait_for()


def accept(page, base_url, title=TITLE):
    page.goto(f"{base_url}/admin/barcamp/proposals/decide/")
    page.get_by_label(title).check()
    page.get_by_role("button", name="Accept and publish").click()
    page.wait_for_load_state()


def planner_url(base_url, event):
    return f"{base_url}/admin/barcamp/planner/{event.pk}/"


def test_a_proposal_from_a_phone_reaches_the_schedule_the_pdf_and_the_room_screen(
    live_server, barcamp, moderator, editor, new_page, shots
):
    base, event = live_server.url, barcamp["event"]
    plenum, first_slot = barcamp["rooms"][0], barcamp["slots"][0]

    visitor = new_page(viewport=PHONE)
    propose(visitor, base, barcamp["proposal_page"])
    shots(visitor, "thanks")
    assert SessionProposal.objects.get().status == "submitted"

    moderation = new_page()
    log_in(moderation, base, moderator)
    accept(moderation, base)
    shots(moderation, "accepted")
    session = SessionPage.objects.live().get(title=TITLE)
    assert session.room is None

    planning = new_page()
    log_in(planning, base, editor)
    planning.goto(planner_url(base, event))
    planning.locator(f".barcamp-planner__unscheduled [data-session='{session.pk}'] button").click()
    cell = planning.locator(f"td[data-cell='{first_slot.pk}:{plenum.pk}']")
    with planning.expect_navigation():
        cell.get_by_role("button", name="Place here").click()
    shots(planning, "placed")
    assert TITLE in planning.locator(f"td[data-cell='{first_slot.pk}:{plenum.pk}']").inner_text()
    session.refresh_from_db()
    assert (session.room, session.time_slot) == (plenum, first_slot)

    desktop = new_page(viewport=DESKTOP)
    desktop.goto(base + barcamp["schedule"].url)
    grid = desktop.locator(".barcamp-schedule__grid")
    assert grid.is_visible()
    row = grid.locator("tbody tr").first
    assert TITLE in row.locator("td").first.inner_text()
    assert "Ada Lovelace" in row.inner_text()
    shots(desktop, "schedule-grid")

    visitor.goto(base + barcamp["schedule"].url)
    assert not visitor.locator(".barcamp-schedule__grid").is_visible()
    listing = visitor.locator(".barcamp-schedule__list")
    assert listing.is_visible()
    assert TITLE in listing.inner_text()
    shots(visitor, "schedule-list")
    assert_accessible(visitor)

    desktop.goto(base + event.url)
    # The PDF opens inline (Chromium shows it in its viewer): fetch the link as the browser does,
    # with its cookies and language.
    href = desktop.get_by_role("link", name="Wall grid (PDF, A4)").get_attribute("href")
    response = desktop.context.request.get(urljoin(desktop.url, href))
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert TITLE in " ".join(text.split())

    screen = new_page(viewport=DESKTOP)
    screen.clock.install(time=timezone.make_aware(datetime.datetime.combine(DAY, datetime.time(10, 10))))
    screen.goto(f"{base}{event.url}now/{plenum.pk}/")
    body = screen.locator("[data-display-body]")
    screen.wait_for_function(
        "title => document.querySelector('[data-display-body]').innerText.includes(title)", arg=TITLE
    )
    assert TITLE in body.inner_text()
    shots(screen, "room-screen")


def test_the_venue_screen_shows_the_rooms_even_when_the_server_had_already_called_the_day_over(
    live_server, new_page, shots
):
    # The page arrives without a table (the server's clock is past the event); the screen's
    # own clock is in the first round, so it must build the table itself.
    event = make_event(title="Barcamp Gestern")
    room = make_room(event, "Plenum")
    make_session(event, "Open Data", room=room, time_slot=make_slot(event, "10:00", "10:45"))
    page = new_page()
    page.clock.install(time=timezone.make_aware(datetime.datetime.combine(EVENT_DAY, datetime.time(10, 10))))

    page.goto(f"{live_server.url}{event.url}now/")
    page.clock.run_for("00:16")  # the screen recomputes every 15 seconds
    page.wait_for_function("document.querySelector('[data-display-body] table') !== null")
    shots(page, "venue")

    body = page.locator("[data-display-body]")
    assert body.locator("th").first.text_content() == "Room"
    assert "Open Data" in body.locator("tbody tr").first.inner_text()

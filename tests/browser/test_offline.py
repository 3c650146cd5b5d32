"""The schedule page as a visitor uses it on poor venue Wi-Fi: favourites, the "only my
favourites" view, the favourites as a calendar file, and the page with the network cut."""

import datetime
import os

import pytest
from django.utils import timezone, translation
from django.utils.formats import time_format
from icalendar import Calendar

from barcamp_wagtail.models import SchedulePage, SessionPage

from ..demo_helpers import load_demo, past_edition
from .conftest import DESKTOP, PHONE, ROOT, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# A title that needs every escape of iCalendar TEXT and, with its umlauts, folding by octets.
AWKWARD_TITLE = "Reparieren, teilen; weitergeben \\ Kreislaufwirtschaft für Kommunen – Überblick über Förderprogramme"

KEPT_FOR_OFFLINE = """async () => {
    if (!document.querySelector("[data-offline-ready]")) return false;
    const files = [location.href, document.querySelector('link[href*="schedule.css"]').href,
                   document.querySelector('script[src*="favourites.js"]').src];
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        const kept = await Promise.all(files.map((url) => cache.match(url, {ignoreVary: true})));
        if (kept.every(Boolean)) return true;
    }
    return false;
}"""


@pytest.fixture
def demo(live_server):
    load_demo()
    return past_edition()


def scheduled_sessions(event):
    return list(
        SessionPage.objects.live()
        .child_of(event)
        .filter(time_slot__isnull=False, room__isnull=False)
        .select_related("time_slot", "room")
        .order_by("time_slot__day", "time_slot__start", "room__sort_order")
    )


def open_twice(page, url):
    """The visitor's first and second visit: the first installs the worker, which keeps the page
    and its files; the second is served through it (right after the first, Chromium may not yet
    route a navigation to a worker it has just stored), and it is the page the worker controls."""
    page.goto(url)
    page.wait_for_function(KEPT_FOR_OFFLINE)
    # Under load the worker may still be activating when the second visit starts: that visit then
    # comes from the network, and only a later one is served (and, offline, answered) by the worker.
    for _visit in range(3):
        page.reload()
        page.wait_for_function(KEPT_FOR_OFFLINE)
        if page.evaluate("() => navigator.serviceWorker.controller !== null"):
            return
    raise AssertionError("the service worker did not take over the schedule page")


def star(page, session):
    page.locator(f'.barcamp-schedule__list [data-session="{session.pk}"] .barcamp-favourite').click()


def star_in_table(page, session):
    page.locator(f'.barcamp-schedule-table [data-session="{session.pk}"] .barcamp-favourite').click()


def listed_titles(page):
    cards = page.locator(".barcamp-schedule__list [data-session]:visible .barcamp-schedule-session__title")
    return sorted(cards.all_inner_texts())


def test_the_schedule_and_favourites_stay_available_with_the_network_cut(live_server, demo, new_page, shots):
    schedule = SchedulePage.objects.child_of(demo).get()
    first, second = [scheduled_sessions(demo)[index] for index in (0, 3)]
    first.title = AWKWARD_TITLE
    first.save_revision().publish()
    page = new_page(viewport=DESKTOP, locale="en-GB")
    open_twice(page, live_server.url + schedule.url)
    star_in_table(page, first)
    star_in_table(page, second)
    shots(page, "online")

    page.context.set_offline(True)
    page.reload()
    shots(page, "offline")

    note = page.locator("[data-offline-note]")
    note.wait_for(state="visible")
    # The time the kept copy was made, in the site's time zone and the page's language.
    made = timezone.localtime(datetime.datetime.fromisoformat(note.get_attribute("data-generated")))
    with translation.override("en-gb"):
        assert note.inner_text() == f"No connection: this is the programme as of {time_format(made, 'TIME_FORMAT')}."
    assert page.get_by_role("heading", level=1).inner_text() == schedule.title
    # The stylesheet came from the kept copy: on a large screen it shows the table, not the list.
    assert page.locator(".barcamp-schedule-table").first.is_visible()
    assert not page.locator(".barcamp-schedule__list").first.is_visible()
    pressed = page.locator('.barcamp-schedule-table .barcamp-favourite[aria-pressed="true"]')
    assert sorted(pressed.locator("xpath=..").evaluate_all("cards => cards.map(c => c.dataset.session)")) == sorted(
        [str(first.pk), str(second.pk)]
    )

    page.get_by_role("button", name="Only my favourites").click()
    shots(page, "offline-favourites")
    assert listed_titles(page) == sorted([first.title, second.title])
    assert not page.locator(".barcamp-schedule-table").first.is_visible()
    assert page.url.endswith("#favourites")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="My favourites as a calendar file (iCal)").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-favourites.ics")
    data = download.path().read_bytes()

    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), [line for line in lines if len(line) > 75]
    assert any(line.startswith(b" ") for line in lines), "the long title is folded"
    events = Calendar.from_ical(data).walk("VEVENT")
    by_uid = {str(event["UID"]): event for event in events}
    assert sorted(by_uid) == sorted(f"session-{session.pk}@localhost" for session in (first, second))
    for session in (first, second):
        event = by_uid[f"session-{session.pk}@localhost"]
        assert str(event["SUMMARY"]) == session.title
        assert event.decoded("DTSTART") == session.time_slot.start_datetime.astimezone(datetime.UTC)
        assert event.decoded("DTEND") == session.time_slot.end_datetime.astimezone(datetime.UTC)
        assert str(event["LOCATION"]) == session.room.name
        assert str(event["URL"]) == live_server.url + session.url
    assert b"SUMMARY:Reparieren\\, teilen\\; weitergeben \\\\ Kreislauf" in data


def test_the_schedule_comes_back_from_the_network_when_the_connection_returns(live_server, demo, new_page):
    schedule = SchedulePage.objects.child_of(demo).get()
    page = new_page(viewport=DESKTOP, locale="en-GB")
    open_twice(page, live_server.url + schedule.url)
    page.context.set_offline(True)
    page.reload()
    page.locator("[data-offline-note]").wait_for(state="visible")

    session = scheduled_sessions(demo)[1]
    session.title = "Renamed while the visitor was offline"
    session.save_revision().publish()
    with page.expect_navigation():
        page.context.set_offline(False)

    page.locator(".barcamp-schedule-table a").get_by_text("Renamed while the visitor was offline").wait_for()
    assert page.locator("[data-offline-note]").is_hidden()


@pytest.mark.parametrize("locale", ["en-GB", "de-DE"])
def test_only_my_favourites_on_a_phone_with_the_star_hint_once(live_server, demo, new_page, shots, locale):
    schedule = SchedulePage.objects.child_of(demo).get()
    sessions = scheduled_sessions(demo)
    page = new_page(viewport=PHONE, locale=locale)
    page.goto(live_server.url + schedule.url)

    hint = page.locator("[data-favourites-hint]")
    assert hint.count() == 1 and hint.is_visible()
    star_word = "Stern" if locale == "de-DE" else "star"
    assert page.locator(".barcamp-schedule").inner_text().count(star_word) == 1

    only = page.locator("[data-favourites-only]")
    only.click()
    assert page.locator("[data-favourites-empty]").is_visible()
    assert listed_titles(page) == []
    only.click()
    for session in (sessions[0], sessions[2], sessions[5]):
        star(page, session)
    only.click()
    assert only.get_attribute("aria-pressed") == "true"
    assert listed_titles(page) == sorted(session.title for session in (sessions[0], sessions[2], sessions[5]))
    assert page.locator("[data-favourites-empty]").is_hidden()
    page.locator("[data-favourites-tools]").scroll_into_view_if_needed()
    path = shots(page, "favourites-view")
    if os.environ.get("BARCAMP_DOC_SCREENSHOTS") == "1":
        folder = ROOT / "docs" / "images" / ("" if locale == "en-GB" else locale[:2])
        page.screenshot(path=folder / "schedule-favourites-phone.png")
    assert path.exists()
    assert_accessible(page)

    # The view is part of the address: reopened, the page shows the favourites alone.
    page.reload()
    assert only.get_attribute("aria-pressed") == "true"
    assert len(listed_titles(page)) == 3

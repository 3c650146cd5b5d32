"""The schedule planner in Chromium: by mouse (drag and drop), by click (card, then cell) and by
keyboard alone; place, move, swap, type in, propose a grid and undo; the whole grid on a laptop
and a projector, slot by slot on a phone; accessible in German and English; usable without
JavaScript; reachable from the event's header and from the admin menu."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from barcamp_wagtail.models import ScheduleChange, SessionPage, TimeSlot

from ..demo_helpers import next_edition
from ..factories import make_event, make_room, make_session, make_slot
from .conftest import DESKTOP, PHONE, axe_violations
from .test_flows import PASSWORD, log_in, planner_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DAY = timezone.localdate() + datetime.timedelta(days=30)
LAPTOP = {"width": 1366, "height": 768}
PROJECTOR = {"width": 1920, "height": 1080}
ROOM_NAMES = ["Plenum", "Werkstatt", "Lounge", "Studio", "Terrasse", "Bibliothek", "Küche", "Dachboden"]


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("planner", "planner@example.org", PASSWORD)


def open_planner(new_page, live_server, editor, event, **options):
    page = new_page(**options)
    log_in(page, live_server.url, editor)
    page.goto(planner_url(live_server.url, event))
    return page


def where(session):
    session = SessionPage.objects.get(pk=session.pk)
    return session.room, session.time_slot


def cell(page, slot, room):
    return page.locator(f"td[data-cell='{slot.pk}:{room.pk}']")


def card(page, session):
    return page.locator(f"[data-session='{session.pk}']")


def drag(page, source, target):
    """Drag ``source`` onto ``target`` with the mouse, moving over the target twice as a hand
    does: Chromium may send no ``dragover`` on the move that starts the drag (Playwright's
    "dragging manually")."""
    source.hover()
    page.mouse.down()
    target.hover()
    target.hover()
    page.mouse.up()


@pytest.fixture
def barcamp(live_server):
    """Two rooms and three slots (one a lunch break); two sessions placed, two waiting."""
    event = make_event(title="Barcamp Browser", day=DAY)
    plenum, workshop = (
        make_room(event, "Plenum", sort_order=0),
        make_room(event, "Werkstatt", capacity=12, sort_order=1),
    )
    first = make_slot(event, "10:00", "10:45", day=DAY)
    lunch = make_slot(event, "12:00", "13:00", day=DAY, kind=TimeSlot.Kind.BREAK, label="Mittagspause")
    second = make_slot(event, "13:00", "13:45", day=DAY)
    return {
        "event": event,
        "plenum": plenum,
        "workshop": workshop,
        "first": first,
        "lunch": lunch,
        "second": second,
        "open_data": make_session(event, "Open Data", room=plenum, time_slot=first, hosts="Marie Ting"),
        "green_it": make_session(event, "Green IT", room=workshop, time_slot=second, hosts="Ole Schraube"),
        "sketchnotes": make_session(event, "Sketchnotes für alle", hosts="Mira Mikro"),
        "repair": make_session(event, "Repair-Café gründen", hosts="Marie Ting"),
    }


@pytest.fixture
def big_barcamp():
    """8 rooms × 12 slots (one a plenary, one a lunch break), 63 sessions placed, 12 waiting."""
    event = make_event(title="Barcamp Groß", day=DAY)
    rooms = [make_room(event, name, capacity=40 - 4 * n, sort_order=n) for n, name in enumerate(ROOM_NAMES)]
    slots = []
    for n in range(12):
        start = datetime.datetime.combine(DAY, datetime.time(9, 0)) + datetime.timedelta(minutes=45 * n)
        end = start + datetime.timedelta(minutes=40)
        kind = {0: TimeSlot.Kind.PLENARY, 5: TimeSlot.Kind.BREAK}.get(n, TimeSlot.Kind.SESSION)
        label = {0: "Sessionplanung", 5: "Mittagspause"}.get(n, f"Runde {n}")
        slots.append(make_slot(event, f"{start:%H:%M}", f"{end:%H:%M}", day=DAY, kind=kind, label=label))
    number = 0
    for slot in [slot for slot in slots if slot.kind == TimeSlot.Kind.SESSION][:8]:
        for room in rooms[: 7 if number == 0 else 8]:
            title = f"Session {number}: Ein längerer Titel über Digitalisierung"
            make_session(event, title, room=room, time_slot=slot, hosts=f"Host {number}", topics=["Digitalisierung"])
            number += 1
    for waiting in range(12):
        topic = "Nachhaltigkeit" if waiting % 2 else "Arbeitswelt"
        make_session(event, f"Warten {waiting}: Nachhaltigkeit im Alltag", hosts=f"Gast {waiting}", topics=[topic])
    return event


GRID_FITS = """() => {
    const grid = document.querySelector('.barcamp-planner__grid');
    const last = grid.querySelector('thead th:last-child').getBoundingClientRect();
    let node = grid, scrolled = [];
    while (node) {
        if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== 'visible') {
            scrolled.push(node.tagName + '.' + node.className);
        }
        node = node.parentElement;
    }
    return {right: last.right, width: innerWidth, bottom: grid.getBoundingClientRect().bottom, height: innerHeight,
            pageWidth: document.scrollingElement.scrollWidth, scrolled: scrolled};
}"""


def test_the_whole_grid_of_eight_rooms_fits_a_laptop_and_a_projector_and_a_phone_plans_slot_by_slot(
    live_server, big_barcamp, editor, new_page, shots
):
    for viewport in (LAPTOP, PROJECTOR):
        page = open_planner(new_page, live_server, editor, big_barcamp, viewport=viewport)
        fit = page.evaluate(GRID_FITS)
        shots(page, f"planner-{viewport['width']}")
        assert fit["right"] <= fit["width"], fit
        assert fit["pageWidth"] <= fit["width"], fit
        assert not fit["scrolled"], fit
        if viewport is PROJECTOR:
            assert fit["bottom"] <= fit["height"], fit  # all twelve slots in view
        page.context.close()

    phone = open_planner(new_page, live_server, editor, big_barcamp, viewport=PHONE)
    shots(phone, "planner-phone")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    first_cell = phone.locator("td[data-cell]").first
    assert first_cell.evaluate("td => getComputedStyle(td).display") == "grid"
    assert first_cell.evaluate("td => getComputedStyle(td, '::before').content") == '"Plenum"'
    # One block per slot: the rooms of a slot are listed one below the other.
    second_cell = phone.locator("td[data-cell]").nth(1)
    assert second_cell.bounding_box()["y"] > first_cell.bounding_box()["y"]


def test_an_editor_drags_sessions_into_the_grid_on_to_another_room_onto_another_and_back(
    live_server, barcamp, editor, new_page, shots
):
    event = barcamp["event"]
    sketchnotes, open_data = barcamp["sketchnotes"], barcamp["open_data"]
    page = open_planner(new_page, live_server, editor, event)

    with page.expect_navigation():
        drag(page, card(page, sketchnotes), cell(page, barcamp["first"], barcamp["workshop"]))
    shots(page, "placed")
    assert where(sketchnotes) == (barcamp["workshop"], barcamp["first"])

    with page.expect_navigation():
        drag(page, card(page, sketchnotes), cell(page, barcamp["second"], barcamp["plenum"]))
    assert where(sketchnotes) == (barcamp["plenum"], barcamp["second"])

    with page.expect_navigation():  # onto a placed session: the two swap
        drag(page, card(page, sketchnotes), cell(page, barcamp["first"], barcamp["plenum"]))
    assert where(sketchnotes) == (barcamp["plenum"], barcamp["first"])
    assert where(open_data) == (barcamp["plenum"], barcamp["second"])

    with page.expect_navigation():  # back to the waiting list
        drag(page, card(page, sketchnotes), page.locator(".barcamp-planner__unscheduled"))
    shots(page, "back")
    assert where(sketchnotes) == (None, None)
    history = page.locator(".barcamp-planner__history").inner_text()
    assert "Swapped: Sketchnotes für alle" in history and "Removed: Sketchnotes für alle" in history


def test_a_drop_lands_when_the_servers_targets_arrive_under_the_pointer_mid_drag(
    live_server, barcamp, editor, new_page
):
    """The targets the server sends for a dragged card go into the cells. One that appears under
    the pointer just before the release must not take the drop from its cell: Chromium then
    fires only ``dragenter`` on it, and an uncancelled one refused the drop (a CI run of the
    drag test failed so when the answer came late)."""
    event, sketchnotes = barcamp["event"], barcamp["sketchnotes"]
    page = open_planner(new_page, live_server, editor, event)
    held = []
    page.route("**/targets/?session=*", lambda route: held.append(route))
    goal = cell(page, barcamp["first"], barcamp["workshop"])

    card(page, sketchnotes).hover()
    page.mouse.down()
    goal.hover()
    goal.hover()
    page.wait_for_function("() => document.querySelector('td.is-drop-target') !== null")
    for _ in range(250):  # the held request may still be on its way: wait at most 5 s
        if held:
            break
        page.wait_for_timeout(20)
    held[0].continue_()
    goal.locator(".barcamp-planner__target button").wait_for(state="attached")
    with page.expect_navigation():
        page.mouse.up()  # no move first: the release alone finds the button under the pointer
    assert where(sketchnotes) == (barcamp["workshop"], barcamp["first"])


def test_an_editor_picks_a_card_then_a_cell_and_sees_conflicts_before_saving(
    live_server, barcamp, editor, new_page, shots
):
    event = barcamp["event"]
    repair, open_data = barcamp["repair"], barcamp["open_data"]
    page = open_planner(new_page, live_server, editor, event)

    # Breaks offer no place; the lunch is one cell across the rooms.
    assert page.locator(".barcamp-planner__closed").inner_text().startswith("Mittagspause")
    card(page, repair).locator("button").click()
    assert card(page, repair).locator("button").get_attribute("aria-pressed") == "true"
    target = cell(page, barcamp["first"], barcamp["workshop"]).locator(".barcamp-planner__target")
    target.wait_for()
    # Marie Ting hosts "Open Data" at the same time: said on the target, before anything is saved.
    assert "Marie Ting also hosts “Open Data” in Plenum" in target.inner_text()
    assert page.locator(".barcamp-planner__target").count() == 4  # every cell of a session slot
    swap = cell(page, barcamp["first"], barcamp["plenum"]).locator(".barcamp-planner__target button")
    assert swap.inner_text() == "Swap"
    assert swap.get_attribute("aria-label").startswith("Swap with “Open Data”")
    shots(page, "picked")

    cell(page, barcamp["first"], barcamp["workshop"]).click(position={"x": 5, "y": 5})
    page.get_by_role("heading", name="Please check before saving").wait_for()
    assert where(repair) == (None, None)
    shots(page, "confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="Save anyway").click()
    assert where(repair) == (barcamp["workshop"], barcamp["first"])
    assert "also hosts" in card(page, repair).inner_text()  # the conflict stays on the card

    # Click a placed card, then an occupied cell: the two swap.
    card(page, open_data).locator("button").click()
    cell(page, barcamp["second"], barcamp["workshop"]).locator(".barcamp-planner__target").wait_for()
    with page.expect_navigation():
        cell(page, barcamp["second"], barcamp["workshop"]).get_by_role("button", name="Swap with “Green IT”").click()
    assert where(open_data) == (barcamp["workshop"], barcamp["second"])
    assert where(barcamp["green_it"]) == (barcamp["plenum"], barcamp["first"])


def focus_by_tab(page, selector, limit=200):
    """Press Tab until ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} was never focused")


def test_an_editor_plans_with_the_keyboard_alone(live_server, barcamp, editor, new_page, shots):
    event = barcamp["event"]
    sketchnotes = barcamp["sketchnotes"]
    page = open_planner(new_page, live_server, editor, event)

    pick = f"[data-session='{sketchnotes.pk}'] button"
    focus_by_tab(page, pick)
    page.keyboard.press("Enter")
    # The focus goes to the first cell that takes the session; the status says what to do.
    page.wait_for_function("() => document.activeElement.name === 'target'")
    assert "“Sketchnotes für alle” picked" in page.locator("[data-planner-status]").inner_text()
    assert page.evaluate("document.activeElement.value") == f"place:{barcamp['first'].pk}:{barcamp['workshop'].pk}"
    page.keyboard.press("ArrowDown")  # over the lunch break, to the next slot: Green IT is there
    assert page.evaluate("document.activeElement.value") == f"swap:{barcamp['green_it'].pk}"
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.value") == f"place:{barcamp['second'].pk}:{barcamp['plenum'].pk}"
    page.keyboard.press("Escape")  # puts it back: nothing picked, the focus on the card again
    assert page.locator(".barcamp-planner__target").count() == 0
    assert page.evaluate("selector => document.activeElement.matches(selector)", pick)

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.name === 'target'")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowLeft")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    shots(page, "placed")
    assert where(sketchnotes) == (barcamp["plenum"], barcamp["second"])
    # Back on the page, the keyboard carries on from the session just placed.
    page.wait_for_function("selector => document.activeElement.matches(selector)", arg=pick)

    focus_by_tab(page, "button[name='target'][value^='undo:']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert where(sketchnotes) == (None, None)
    assert ScheduleChange.objects.filter(action="undo").count() == 1


def test_a_late_session_is_typed_in_a_grid_proposed_and_the_proposal_undone(
    live_server, barcamp, editor, new_page, shots
):
    event = barcamp["event"]
    page = open_planner(new_page, live_server, editor, event)

    page.get_by_text("Type in a late session").click()
    page.get_by_label("Title").fill("Spontan: Lastenräder teilen")
    page.get_by_label("Hosts").fill("Timo Weg")
    page.get_by_label("Where").select_option(label="1 p.m. · Plenum")
    with page.expect_navigation():
        page.get_by_role("button", name="Create and publish").click()
    late = SessionPage.objects.get(title="Spontan: Lastenräder teilen")
    assert where(late) == (barcamp["plenum"], barcamp["second"])
    assert "Spontan: Lastenräder teilen" in cell(page, barcamp["second"], barcamp["plenum"]).inner_text()

    page.get_by_role("link", name="Propose a grid").click()
    page.get_by_role("heading", name="Placements").wait_for()
    shots(page, "proposal")
    # One free cell is left, at 10:00, when Marie Ting already hosts "Open Data": Repair-Café waits.
    assert "Repair-Café gründen" in page.locator("#proposal-notes").locator("..").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Apply and publish").click()
    assert where(barcamp["sketchnotes"]) == (barcamp["workshop"], barcamp["first"])
    assert where(barcamp["repair"]) == (None, None)
    shots(page, "applied")

    undo = page.locator("button[name='target'][value^='undo:']").first
    with page.expect_navigation():
        undo.click()
    assert where(barcamp["sketchnotes"]) == (None, None)
    assert where(late) == (barcamp["plenum"], barcamp["second"])


def test_the_planner_works_without_javascript(live_server, barcamp, editor, browser, shots):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, live_server.url, editor)
        page.goto(planner_url(live_server.url, barcamp["event"]))
        with page.expect_navigation():
            card(page, barcamp["sketchnotes"]).locator("button").click()
        assert "pick=" in page.url
        shots(page, "picked-without-javascript")
        with page.expect_navigation():
            cell(page, barcamp["second"], barcamp["plenum"]).get_by_role("button", name="Place here").click()
        assert where(barcamp["sketchnotes"]) == (barcamp["plenum"], barcamp["second"])
    finally:
        context.close()


@pytest.fixture
def demo(live_server, settings):
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA": False}
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    call_command("load_demo", "--no-admin", verbosity=0)
    event = next_edition()  # its call for sessions has proposals waiting
    for proposal in event.proposals.all():
        proposal.accept()
    return event


@pytest.mark.parametrize("locale", ["de-DE", "en-GB"])
def test_the_planner_is_accessible_in_german_and_english(live_server, demo, editor, new_page, shots, locale):
    page = open_planner(new_page, live_server, editor, demo, viewport=DESKTOP, locale=locale)
    assert page.locator("html").get_attribute("lang") == locale[:2]
    violations = {"planner": axe_violations(page)}
    page.locator(".barcamp-planner__waiting [data-session] button").first.click()
    page.locator("td .barcamp-planner__target").first.wait_for()
    shots(page, "picked")
    violations["planner, a session picked"] = axe_violations(page)
    phone = open_planner(new_page, live_server, editor, demo, viewport=PHONE, locale=locale)
    violations["planner on a phone"] = axe_violations(phone)

    assert not any(violations.values()), json.dumps(violations, indent=2, ensure_ascii=False)


def test_the_planner_is_one_click_away_from_the_event_and_in_the_admin_menu(
    live_server, barcamp, editor, new_page, shots
):
    base, event = live_server.url, barcamp["event"]
    page = new_page()
    log_in(page, base, editor)
    page.goto(f"{base}/admin/pages/{event.pk}/edit/")
    button = page.locator("#w-slim-header-buttons > a.barcamp-header-button")
    assert button.is_visible()
    shots(page, "event-header")
    with page.expect_navigation():
        button.click()
    assert page.url == planner_url(base, event)

    page.goto(f"{base}/admin/")
    page.get_by_role("button", name="Schedule planner").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Barcamp Browser").click()
    assert page.url == planner_url(base, event)

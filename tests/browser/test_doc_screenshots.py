"""The screenshots in the documentation, taken from the example site.

    BARCAMP_DOC_SCREENSHOTS=1 .venv/bin/pytest tests/browser/test_doc_screenshots.py

writes them into docs/images/ (English) and docs/images/de/ (German). Without the variable the
test still runs every step and writes the images under test-artifacts/doc-images/.
"""

import datetime
import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from barcamp_wagtail.models import ProposalPage, SchedulePage, SessionPage, SessionProposal, TimeSlot

from ..demo_helpers import past_edition
from .conftest import DESKTOP, PHONE, ROOT

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LAPTOP = {"width": 1366, "height": 768}
PROJECTOR = {"width": 1920, "height": 1080}
PASSWORD = "screenshots"  # noqa: S105  (a test account)


def image_folder(locale):
    base = (
        ROOT / "docs" / "images"
        if os.environ.get("BARCAMP_DOC_SCREENSHOTS") == "1"
        else ROOT / "test-artifacts" / "doc-images"
    )
    folder = base if locale == "en-GB" else base / locale[:2]
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def demo(live_server, settings, django_user_model):
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA": False}
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no broken avatar when offline
    call_command("load_demo", "--no-admin", verbosity=0)
    django_user_model.objects.create_superuser("orga", "orga@example.org", PASSWORD)
    return past_edition()


def log_in(page, base):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "orga")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/admin/")


@pytest.mark.parametrize("locale", ["en-GB", "de-DE"])
def test_the_documentation_screenshots_show_the_example_site(live_server, demo, new_page, locale):
    folder = image_folder(locale)
    base = live_server.url
    taken = []

    def save(page, name):
        path = folder / f"{name}.png"
        page.screenshot(path=path)
        taken.append(path)

    visitor = new_page(viewport=DESKTOP, locale=locale)
    visitor.goto(base + demo.url)
    save(visitor, "event-page")
    visitor.goto(base + SchedulePage.objects.child_of(demo).get().url)
    save(visitor, "schedule-grid")

    phone = new_page(viewport=PHONE, locale=locale)
    phone.goto(base + SchedulePage.objects.child_of(demo).get().url)
    phone.locator(".barcamp-schedule__list").first.scroll_into_view_if_needed()
    save(phone, "schedule-phone")
    phone.goto(base + ProposalPage.objects.get().url)
    save(phone, "proposal-form")

    first_session = SessionPage.objects.live().child_of(demo).select_related("time_slot").first()
    during = datetime.datetime.combine(first_session.time_slot.day, first_session.time_slot.start)
    screen = new_page(viewport=DESKTOP, locale=locale)
    screen.clock.install(time=timezone.make_aware(during) + datetime.timedelta(minutes=10))
    screen.goto(f"{base}{demo.url}now/")
    screen.clock.run_for("00:16")  # the screen recomputes every 15 seconds
    screen.wait_for_function(
        "title => document.querySelector('[data-display-body]').innerText.includes(title)", arg=first_session.title
    )
    save(screen, "now-and-next")

    admin = new_page(viewport=DESKTOP, locale=locale)
    log_in(admin, base)
    admin.goto(f"{base}/admin/barcamp_wagtail/sessionproposal/")
    save(admin, "inbox")
    admin.goto(f"{base}/admin/barcamp/proposals/decide/")
    waiting = SessionProposal.objects.filter(status="submitted").order_by("pk").first()
    admin.locator(f"#proposal-{waiting.pk}").check()
    save(admin, "decide")
    admin.locator("button[name=action][value=accept]").click()
    admin.wait_for_load_state()

    # The planner on the morning of the barcamp: the plenary's proposals accepted, the last two
    # rounds still open.
    for proposal in SessionProposal.objects.filter(event=demo, status="submitted"):
        proposal.accept()
    open_rounds = TimeSlot.objects.filter(event=demo, kind="session").order_by("-start")[:2]
    SessionPage.objects.filter(time_slot__in=list(open_rounds)).update(room=None, time_slot=None)
    planner = f"{base}/admin/barcamp/planner/{demo.pk}/"
    for viewport, name in ((LAPTOP, "planner"), (PROJECTOR, "planner-projector"), (PHONE, "planner-phone")):
        page = new_page(viewport=viewport, locale=locale)
        log_in(page, base)
        page.goto(planner)
        save(page, name)
        if name == "planner":
            page.locator(".barcamp-planner__waiting [data-session] button").first.click()
            page.locator("td .barcamp-planner__target").first.wait_for()
            save(page, "planner-picked")

    assert TimeSlot.objects.filter(event=demo).exists()
    assert all(path.stat().st_size > 10_000 for path in taken), taken
    assert len(taken) == 11

"""axe-core finds no WCAG 2.2 AA violation on any public page of the example site (and on the
plenary board the moderator projects), in German and English."""

import json

import pytest
from django.core.management import call_command

from barcamp_wagtail.models import (
    PressIndexPage,
    PressReleasePage,
    ProposalPage,
    SchedulePage,
    SessionPage,
)

from ..demo_helpers import next_edition, past_edition
from .conftest import DESKTOP, PHONE, axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LOCALES = ["de-DE", "en-GB"]
PASSWORD = "accessible"  # noqa: S105  (a test account)


@pytest.fixture
def demo(live_server, settings, django_user_model):
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA": False, "PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 1000}
    call_command("load_demo", "--no-admin", verbosity=0)
    event = past_edition()  # the programme, press release and screens of the edition that took place
    upcoming = next_edition()  # the call for sessions, votes and plenary of the one to come
    django_user_model.objects.create_superuser("orga", "orga@example.org", PASSWORD)
    return {
        "event": event.url,
        "next-event": upcoming.url,
        "home": "/",
        "session": SessionPage.objects.live().child_of(event).first().url,
        "schedule": SchedulePage.objects.child_of(event).get().url,
        "proposal": ProposalPage.objects.get().url,
        "vote": ProposalPage.objects.get().url + "vote/",
        "press-index": PressIndexPage.objects.get().url,
        "press-release": PressReleasePage.objects.live().first().url,
        "display": f"{event.url}now/",
        "plenary-board": f"/admin/barcamp/plenary/{upcoming.pk}/board/",
    }


PAGES = [
    ("home", PHONE),
    ("event", PHONE),
    ("next-event", PHONE),
    ("session", PHONE),
    ("schedule", DESKTOP),
    ("schedule", PHONE),
    ("proposal", PHONE),
    ("vote", PHONE),
    ("press-index", DESKTOP),
    ("press-release", DESKTOP),
    ("display", DESKTOP),
]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_public_page_of_the_example_site_is_accessible(live_server, demo, new_page, shots, locale):
    # One test per language visits every page: loading the demo costs more than a page.
    violations = {}
    for name, viewport in PAGES:
        page = new_page(viewport=viewport, locale=locale)
        response = page.goto(live_server.url + demo[name])
        assert response.status == 200, name
        assert page.locator("html").get_attribute("lang") == locale[:2], name
        shots(page, f"{name}-{viewport['width']}")
        violations.update(page_violations(page, f"{name} at {viewport['width']}px"))
        page.context.close()

    page = new_page(viewport=PHONE, locale=locale)
    page.goto(live_server.url + demo["proposal"])
    page.locator("form.barcamp-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".barcamp-field--error").count() >= 3
    shots(page, "proposal-with-errors")
    violations.update(page_violations(page, "proposal form with errors"))

    # The plenary board is shown on the projector by a logged-in moderator.
    board = new_page(viewport=DESKTOP, locale=locale)
    board.goto(f"{live_server.url}/admin/login/")
    board.fill("#id_username", "orga")
    board.fill("#id_password", PASSWORD)
    board.locator("form button[type=submit]").first.click()
    board.wait_for_url(f"{live_server.url}/admin/")
    response = board.goto(live_server.url + demo["plenary-board"])
    assert response.status == 200
    assert board.locator("html").get_attribute("lang") == locale[:2]
    shots(board, "plenary-board")
    violations.update(page_violations(board, "plenary board"))

    assert not violations, json.dumps(violations, indent=2, ensure_ascii=False)


def page_violations(page, label):
    found = axe_violations(page)
    return {label: found} if found else {}

"""axe-core finds no WCAG 2.2 AA violation on any public page of the example site, in German and English."""

import json

import pytest
from django.core.management import call_command

from barcamp_wagtail.models import (
    EventPage,
    PressIndexPage,
    PressReleasePage,
    ProposalPage,
    SchedulePage,
    SessionPage,
)

from .conftest import DESKTOP, PHONE, axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LOCALES = ["de-DE", "en-GB"]


@pytest.fixture
def demo(live_server, settings):
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA": False, "PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 1000}
    call_command("load_demo", "--no-admin", verbosity=0)
    event = EventPage.objects.get()
    return {
        "event": event.url,
        "session": SessionPage.objects.live().child_of(event).first().url,
        "schedule": SchedulePage.objects.get().url,
        "proposal": ProposalPage.objects.get().url,
        "press-index": PressIndexPage.objects.get().url,
        "press-release": PressReleasePage.objects.live().first().url,
        "display": f"{event.url}now/",
    }


PAGES = [
    ("event", PHONE),
    ("session", PHONE),
    ("schedule", DESKTOP),
    ("schedule", PHONE),
    ("proposal", PHONE),
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

    assert not violations, json.dumps(violations, indent=2, ensure_ascii=False)


def page_violations(page, label):
    found = axe_violations(page)
    return {label: found} if found else {}

"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Every test saves a screenshot per step under test-artifacts/screenshots/<test>/;
they are kept, so failures can be looked at. Test modules here mark themselves
``django_db(transaction=True, serialized_rollback=True)``: the live server needs committed
data, and the rollback keeps Wagtail's root page and Site between tests.
"""

import json
import os
import re
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = os.environ.get("BARCAMP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses that unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    # One browser per test: while Playwright runs, the thread has a running event loop and
    # Django hands out other connections, so the test database must be set up before it starts.
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Close the connections Django handed out while Playwright's loop ran; left open, they
        # keep PostgreSQL from dropping the test database at the end.
        connections.close_all()


class Shots:
    """Saves numbered screenshots of a page for one test."""

    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    def __call__(self, page, name):
        self.count += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{self.count:02d}-{name}.png"
        page.screenshot(path=path, full_page=True)
        return path


@pytest.fixture
def shots(request):
    return Shots(SCREENSHOTS / re.sub(r"[^\w-]+", "_", request.node.name))


@pytest.fixture
def new_page(browser, shots):
    """Open a page with a viewport and language; a screenshot is taken when the test ends."""
    contexts = []

    def open_page(viewport=DESKTOP, locale="en-GB"):
        context = browser.new_context(viewport=viewport, locale=locale, extra_http_headers={"Accept-Language": locale})
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        for page in context.pages:
            shots(page, "end")
        context.close()


def axe_violations(page, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")):
    """Run axe-core in the page and return its violations as (id, help, targets)."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run npm ci")
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags)
    )
    return [
        (violation["id"], violation["help"], [node["target"] for node in violation["nodes"]][:5])
        for violation in result["violations"]
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, json.dumps(violations, indent=2, ensure_ascii=False)


PASSWORD = "browser-password"  # noqa: S105  (the test accounts' password)


@pytest.fixture
def moderator(django_user_model):
    """A Wagtail moderator (who may publish, as accepting publishes a session) with the app's
    permissions to read and decide proposals."""
    from django.contrib.auth.models import Group, Permission

    user = django_user_model.objects.create_user("mo", "mo@example.org", PASSWORD)
    # Wagtail's Moderators may publish pages: accepting a proposal publishes its session.
    user.groups.add(Group.objects.get(name="Moderators"))
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="barcamp_wagtail",
            codename__in=["view_sessionproposal", "moderate_sessionproposal"],
        )
    )
    return user

""" "Draft a press release" in Chromium: an editor drafts the release of the demo's past edition
from the event's header, finds it in the page editor, is refused publishing while its quotes are
empty, fills them in and publishes it. The screenshots illustrate docs/press.md (en) and the
German editors' guide:

    BARCAMP_DOC_SCREENSHOTS=1 .venv/bin/pytest tests/browser/test_press_draft.py

writes them into docs/images/ and docs/images/de/; without the variable they go to
test-artifacts/ only (the ``shots`` fixture keeps every step there as well).
"""

import os
import shutil

import pytest

from barcamp_wagtail.models import PressReleasePage

from .conftest import DESKTOP, ROOT
from .test_doc_screenshots import demo, log_in  # noqa: F401  (the demo, with the editor "orga")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

QUOTES = ["Ein Tag voller Ideen.", "Ich nehme drei neue Kontakte mit."]  # quoted as spoken


def for_docs(path, name, locale):
    """Copy a step's screenshot into the documentation's images when asked to."""
    if os.environ.get("BARCAMP_DOC_SCREENSHOTS") != "1":
        return
    folder = ROOT / "docs" / "images" if locale == "en-GB" else ROOT / "docs" / "images" / locale[:2]
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, folder / f"{name}.png")


LABELS = {
    "en-GB": {"action": "Draft a press release", "create": "Create the draft", "publish": "Publish"},
    "de-DE": {"action": "Pressemitteilung entwerfen", "create": "Entwurf anlegen", "publish": "Veröffentlichen"},
}
REFUSED = {
    "en-GB": "cannot be published yet: 2 quotes are still to be filled in",
    "de-DE": "kann noch nicht veröffentlicht werden: 2 Zitate sind noch auszufüllen",
}


def publish(page, label):
    page.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()
    with page.expect_navigation():
        page.get_by_role("button", name=label, exact=True).click()


@pytest.mark.parametrize("locale", ["en-GB", "de-DE"])
def test_an_editor_drafts_fills_in_and_publishes_the_press_release(live_server, request, new_page, shots, locale):
    event = request.getfixturevalue("demo")
    base, labels = live_server.url, LABELS[locale]
    page = new_page(viewport=DESKTOP, locale=locale)
    log_in(page, base)

    page.goto(f"{base}/admin/pages/{event.pk}/edit/")
    page.locator("#w-slim-header-buttons [data-w-dropdown-target='toggle']").first.click()
    with page.expect_navigation():
        page.locator("#w-slim-header-buttons a[href*='/press-release/']", has_text=labels["action"]).click()
    page.select_option("select[name=language]", locale[:2])
    page.fill("input[name=participants]", "40")
    for_docs(shots(page, "form"), "press-draft-form", locale)
    with page.expect_navigation():
        page.get_by_role("button", name=labels["create"]).click()

    release = PressReleasePage.objects.filter(event=event, owner__username="orga").get()
    assert page.url == f"{base}/admin/pages/{release.pk}/edit/"
    assert not release.live
    page.get_by_role("heading", name=release.title).first.wait_for()
    for_docs(shots(page, "draft-in-editor"), "press-draft-editor", locale)

    publish(page, labels["publish"])
    page.get_by_text(REFUSED[locale]).first.wait_for()
    for_docs(shots(page, "refused"), "press-draft-refused", locale)
    release.refresh_from_db()
    assert not release.live

    positions = [i for i, block in enumerate(release.body) if block.block_type == "quote_to_fill"]
    for position, quote in zip(positions, QUOTES, strict=True):
        page.fill(f"#body-{position}-value-text", quote)
        page.fill(f"#body-{position}-value-person", "Marie Ting")
    shots(page, "filled-in")
    publish(page, labels["publish"])

    release.refresh_from_db()
    assert release.live
    page.goto(base + release.url)
    for quote in QUOTES:
        page.get_by_text(quote).wait_for()
    assert page.locator(".barcamp-quote-to-fill").count() == 0
    assert page.locator(".barcamp-key-figures").get_by_text("40").first.is_visible()
    for_docs(shots(page, "published"), "press-draft-published", locale)

"""An editor copies the demo's next edition as the one after it, confirms a sponsor and publishes;
a visitor then finds both editions to come on the series page and, on the edition that is over,
the banner leading to the next one. The screenshots go into the editors' documentation."""

import pytest
from django.utils import timezone

from barcamp_wagtail.models import EventPage, EventSeriesPage, NextEditionInvitation
from tests.press_factories import make_sponsor

from ..demo_helpers import next_edition, past_edition
from .conftest import DESKTOP, PHONE, assert_accessible
from .test_doc_screenshots import demo, log_in  # noqa: F401  (the demo, with the editor "orga")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def next_with_sponsor(request):
    """The demo's next edition, which found its first sponsor."""
    request.getfixturevalue("demo")
    edition = next_edition()
    edition.body = [*edition.body.raw_data, {"type": "sponsor", "value": {"sponsor": make_sponsor("Ruhrbyte").pk}}]
    edition.save_revision().publish()
    return edition


def test_an_editor_copies_the_next_edition_and_a_visitor_follows_the_series(
    live_server, next_with_sponsor, new_page, shots
):
    edition = next_with_sponsor
    base = live_server.url
    series = EventSeriesPage.objects.get()
    editor = new_page(viewport=DESKTOP)
    log_in(editor, base)

    editor.goto(f"{base}/admin/pages/{series.pk}/")
    editor.get_by_role("button", name=f"More options for '{edition.title}'").click()
    editor.get_by_role("link", name="Copy as next edition").click()
    editor.wait_for_url(f"**/barcamp/events/{edition.pk}/next-edition/")
    editor.fill("input[name=title]", "3. Barcamp Südwestfalen + Ruhrgebiet")
    editor.fill("input[name=slug]", "barcamp-suedwestfalen-ruhrgebiet-3")
    editor.get_by_label("Ruhrbyte").check()
    shots(editor, "copy-as-next-edition")
    editor.get_by_role("button", name="Create the next edition").click()
    editor.wait_for_url("**/edit/")
    third = EventPage.objects.get(slug="barcamp-suedwestfalen-ruhrgebiet-3")
    assert third.get_parent().pk == series.pk
    assert NextEditionInvitation.objects.get(event=third).source_id == edition.pk
    editor.locator("footer .w-dropdown__toggle").click()
    editor.locator("button[name=action-publish]").click()
    editor.wait_for_url(f"**/admin/pages/{series.pk}/")
    third.refresh_from_db()
    assert third.live
    assert [block.block_type for block in third.body][-1] == "sponsor"

    visitor = new_page(viewport=PHONE, locale="de-DE")
    visitor.goto(base + series.url)
    upcoming = visitor.locator(".barcamp-series__upcoming .barcamp-series__edition h3")
    assert upcoming.all_inner_texts() == [edition.title, third.title]
    past = visitor.locator(".barcamp-series__past .barcamp-series__edition")
    assert past.locator("h3").all_inner_texts() == [past_edition().title]
    assert past.locator(".barcamp-series__releases a").count() == 1
    past.locator("details summary").click()
    assert past.locator("details li").count() > 0
    assert_accessible(visitor)
    shots(visitor, "series-page")

    visitor.locator(".barcamp-series__past h3 a").click()
    banner = visitor.locator(".barcamp-next-edition")
    assert "Die nächste Ausgabe:" in banner.inner_text()
    assert timezone.localtime(edition.start).strftime("%Y") in banner.inner_text()
    assert_accessible(visitor)
    shots(visitor, "next-edition-banner")
    banner.get_by_role("link", name=edition.title).click()
    visitor.wait_for_url(base + edition.url)

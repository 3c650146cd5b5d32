"""The next-edition sign-up block: on event pages and press releases, in previews and the editor."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from barcamp_wagtail import blocks
from barcamp_wagtail.models import InterestSignup, PressReleasePage
from tests.factories import make_event
from tests.press_factories import make_press_index, make_release

from .conftest import BLOCK, Visitor

pytestmark = pytest.mark.django_db


def render(value, page=None):
    block = blocks.NextEditionSignupBlock()
    context = {"page": page} if page is not None else None
    return BeautifulSoup(block.render(block.to_python(value), context=context), "html.parser")


def test_the_block_renders_its_texts_and_a_form_posting_to_the_events_route(db):
    event = make_event(title="Barcamp 2026")

    html = render(BLOCK | {"text": "Line one\nLine <b>two</b>"}, page=event)

    assert html.find("h2").get_text() == "Next year again?"
    assert "Line <b>two</b>" in html.get_text()
    assert html.find("b") is None
    form = html.find("form")
    assert form["action"] == f"{event.url}next-edition/"
    assert {field["name"] for field in form.find_all("input")} >= {"email", "name", "website", "form_token"}
    assert "We use your address for this one message." in html.get_text()
    # The honeypot is hidden by the form's stylesheet, which the block brings along.
    assert html.find(class_="barcamp-honeypot")["aria-hidden"] == "true"
    assert html.find("link", rel="stylesheet")["href"].endswith("barcamp_wagtail/css/proposals.css")


def test_the_block_preview_shows_the_form(db):
    block = blocks.NextEditionSignupBlock()

    html = BeautifulSoup(block.render(block.get_preview_value()), "html.parser")

    assert html.find("form") is not None and html.find("input", attrs={"name": "email"}) is not None
    assert block.meta.icon and block.meta.label == "next edition sign-up" and block.meta.description


def test_the_block_is_offered_on_event_pages_and_press_releases():
    assert isinstance(blocks.EventBodyBlock().child_blocks["next_edition_signup"], blocks.NextEditionSignupBlock)
    assert isinstance(blocks.PressReleaseBodyBlock().child_blocks["next_edition_signup"], blocks.NextEditionSignupBlock)


def test_on_a_press_release_the_form_signs_up_for_the_releases_event(client, django_capture_on_commit_callbacks):
    event = make_event(title="Barcamp 2026")
    release = make_release(event, body=[("next_edition_signup", BLOCK)])
    visitor = Visitor()

    with django_capture_on_commit_callbacks(execute=True):
        visitor.open(release.url)
        assert visitor.action == f"{event.url}next-edition/"
        response = visitor.send(release, reopen=False)

    assert response.status_code == 303
    assert InterestSignup.objects.get().event_id == event.pk
    assert "Barcamp 2026" in mail.outbox[0].subject


def test_a_release_in_a_press_index_uses_its_chosen_event(client):
    event = make_event(title="Barcamp 2026")
    release = make_release(make_press_index(), event=event, body=[("next_edition_signup", BLOCK)])

    html = BeautifulSoup(client.get(release.url).content, "html.parser")

    assert html.find("form", class_="barcamp-interest-form")["action"] == f"{event.url}next-edition/"


def test_a_release_without_an_event_shows_no_form(client):
    release = make_release(make_press_index(), body=[("next_edition_signup", BLOCK)])

    html = BeautifulSoup(client.get(release.url).content, "html.parser")

    assert html.find("form", class_="barcamp-interest-form") is None
    assert "Next year again?" not in html.get_text()


def test_an_unpublished_event_gets_no_form(client):
    event = make_event(title="Barcamp 2026")
    release = make_release(make_press_index(), event=event, body=[("next_edition_signup", BLOCK)])
    event.unpublish()

    html = BeautifulSoup(client.get(release.url).content, "html.parser")

    assert html.find("form", class_="barcamp-interest-form") is None


def test_an_editor_adds_the_block_to_a_press_release_in_the_admin(editor_client):
    event = make_event(title="Barcamp 2026")
    data = nested_form_data(
        {
            "title": "A full house",
            "slug": "full-house",
            "dateline_place": "Iserlohn",
            "dateline_date": "2026-10-19",
            "lead": "About 40 people met.",
            "body": streamfield([("next_edition_signup", BLOCK)]),
            "event": "",
            "action-publish": "publish",
        }
    )

    response = editor_client.post(
        reverse("wagtailadmin_pages:add", args=("barcamp_wagtail", "pressreleasepage", event.pk)), data
    )

    assert response.status_code == 302
    release = PressReleasePage.objects.get(slug="full-house")
    assert [block.block_type for block in release.body] == ["next_edition_signup"]
    html = BeautifulSoup(editor_client.get(release.url).content, "html.parser")
    assert html.find("form", class_="barcamp-interest-form")["action"] == f"{event.url}next-edition/"


def test_the_event_editor_offers_the_block(editor_client):
    event = make_event()

    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()

    assert "next_edition_signup" in html


def test_wagtails_block_preview_shows_the_form(editor_client):
    from barcamp_wagtail.models import EventPage

    block = EventPage.body.field.stream_block.child_blocks["next_edition_signup"]

    response = editor_client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("form", class_="barcamp-interest-form") is not None
    assert "Beim nächsten Mal dabei sein?" in html.get_text()

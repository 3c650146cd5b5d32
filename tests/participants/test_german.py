"""German: "du" for visitors and participants, "Sie" for organisers in the admin."""

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import Visitor, link_in_mail, make_participant, private_path, register_url

pytestmark = pytest.mark.django_db

GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de"}


def test_the_form_its_messages_and_the_mail_speak_du(event, outbox, django_capture_on_commit_callbacks):
    form = Client(**GERMAN).get(register_url(event)).content.decode()
    assert "Anmeldung zum Barcamp Teilnahme" in form and "Wir schicken dir einen Link" in form
    errors = Client(**GERMAN).post(register_url(event), {"name": ""}).content.decode()
    assert "Du bist noch nicht angemeldet." in errors
    visitor = Visitor(**GERMAN)
    with django_capture_on_commit_callbacks(execute=True):
        visitor.register(event)
    assert outbox[0].subject == "Bitte bestätige deine Anmeldung zum Barcamp Teilnahme"
    assert "Bitte bestätige deine E-Mail-Adresse" in outbox[0].body
    page = Client(**GERMAN).get(link_in_mail(outbox[0])).content.decode()
    assert "Ja, melde mich an" in page
    for formal in (" Sie ", " Ihre ", " Ihnen "):
        assert formal not in form + page + outbox[0].body


def test_the_private_page_is_german(event):
    participant = make_participant(event)
    html = Client(**GERMAN).get(private_path(participant)).content.decode()
    assert "Du hast einen Platz." in html and "Dein Abstimmungscode" in html


def test_the_admin_speaks_sie(editor_client, event):
    make_participant(event)
    editor_client.cookies["django_language"] = "de"
    html = editor_client.get(reverse("barcamp_wagtail_participants_walk_in", args=[event.pk]), **GERMAN)
    text = html.content.decode()
    assert "Teilnehmende hinzufügen" in text
    response = editor_client.post(
        reverse("barcamp_wagtail_participants_walk_in", args=[event.pk]),
        {"name": "Walk In", "days": [event.event_days()[0].isoformat()]},
        **GERMAN,
    )
    assert "Bitte holen Sie zuerst die Einwilligung" in response.content.decode()


def test_the_bulk_mail_page_tells_organisers_to_write_as_the_site_speaks(editor_client, event):
    editor_client.cookies["django_language"] = "de"
    url = reverse("barcamp_wagtail_participants_mail", args=[event.pk])

    html = editor_client.get(url, **GERMAN).content.decode()

    assert "Sprechen Sie Teilnehmende mit „du“ an, wie die Website." in html
    assert "mit „Sie“" not in html

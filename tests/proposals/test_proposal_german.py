"""German texts on the form, its messages and the mails."""

import pytest
from django.core import mail

from barcamp_wagtail.models import SessionProposal

from .conftest import Visitor

pytestmark = pytest.mark.django_db

GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de"}


def test_the_form_is_german_for_german_visitors(proposal_page):
    html = Visitor().open(proposal_page, **GERMAN).content.decode()

    assert "Titel deiner Session" in html
    assert "Worum geht es?" in html
    assert "Mein Name darf öffentlich bei der Session stehen." in html
    assert "Vorschlag abschicken" in html


def test_the_event_page_invites_proposals_in_german(proposal_page, event, client):
    assert "Session vorschlagen" in client.get(event.url, **GERMAN).content.decode()


def test_form_messages_are_german(proposal_page):
    response = Visitor().send(proposal_page, {"name": "Ada\nLovelace", "privacy_consent": None}, **GERMAN)

    html = response.content.decode()
    assert "Bitte schreib das in eine Zeile." in html
    assert "Ohne deine Einwilligung können wir deinen Vorschlag nicht speichern." in html
    assert "Dein Vorschlag ist noch nicht abgeschickt." in html
    assert not SessionProposal.objects.exists()


def test_the_recaptcha_failure_message_is_german(proposal_page, recaptcha):
    recaptcha.side_effect = OSError("unreachable")

    response = Visitor().send(proposal_page, **GERMAN)

    assert "Wir konnten mit Google nicht prüfen, ob du ein Mensch bist." in response.content.decode()
    assert "Prüfung ohne Google" in response.content.decode()


def test_the_rate_limit_message_is_german(proposal_page, settings):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RATE_LIMIT": 1}
    visitor = Visitor()
    visitor.send(proposal_page, **GERMAN)

    response = visitor.send(proposal_page, **GERMAN)

    assert response.status_code == 429
    assert "zu viele Vorschläge" in response.content.decode()


def test_the_confirmation_mail_is_german_for_a_german_visitor(proposal_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Visitor().send(proposal_page, **GERMAN)

    confirmation = mail.outbox[0]
    assert confirmation.subject == "Dein Session-Vorschlag für Barcamp Test"
    assert "Hallo Ada Lovelace," in confirmation.body
    assert "Mit diesem privaten Link" in confirmation.body


def test_the_thank_you_page_is_german(proposal_page):
    visitor = Visitor()
    response = visitor.send(proposal_page, **GERMAN)

    assert "Danke für deinen Vorschlag!" in visitor.client.get(response["Location"], **GERMAN).content.decode()

"""German texts on the sign-up form, its messages, pages and the confirmation mail."""

from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from barcamp_wagtail.models import InterestSignup

from .conftest import Visitor, confirm_link

pytestmark = pytest.mark.django_db

GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de"}


@pytest.fixture(autouse=True)
def _german_catalog():
    # The German catalogue is compiled from translations/de-interest.json when the branch is merged.
    with translation.override("de"):
        if translation.gettext("Keep me informed") == "Keep me informed":
            pytest.skip("the German catalogue does not contain the sign-up texts yet")


def test_the_form_is_german_for_german_visitors(event):
    html = Visitor().open(event.url, **GERMAN).content.decode()

    assert "Deine E-Mail-Adresse" in html
    assert "Wir schicken dir einen Link, mit dem du sie bestätigst." in html
    assert "Halte mich auf dem Laufenden" in html


def test_form_messages_are_german(event):
    response = Visitor().send(event, {"email": "kaputt", "name": "Ada\nLovelace"}, **GERMAN)

    html = response.content.decode()
    assert "Du bist noch nicht angemeldet." in html
    assert "Bitte schreib das in eine Zeile." in html
    assert not InterestSignup.objects.exists()


def test_the_mail_and_the_pages_are_german(event, django_capture_on_commit_callbacks):
    visitor = Visitor()
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.send(event, **GERMAN)
    thanks = visitor.client.get(response["Location"], **GERMAN).content.decode()
    message = mail.outbox[0]
    path = urlsplit(confirm_link(message)).path

    # The mail is in the language of the sign-up, whoever opens the link later.
    browser = Client(**GERMAN)
    confirm = browser.get(path).content.decode()
    broken = browser.get(path.replace("/next-edition/confirm/", "/next-edition/confirm/x")).content.decode()

    assert "Bitte schau in dein Postfach" in thanks
    assert message.subject == "Bitte bestätigen: Neuigkeiten zum nächsten Barcamp 2026"
    assert "jemand, wahrscheinlich du, möchte unter dieser Adresse vom nächsten Barcamp 2026 erfahren." in message.body
    assert "Der Link ist 7 Tage lang gültig." in message.body
    assert "Ja, haltet mich auf dem Laufenden" in confirm
    assert "Dieser Link funktioniert nicht" in broken
    assert "älter als 7 Tage" in broken


def test_the_block_label_is_german():
    from barcamp_wagtail.blocks import NextEditionSignupBlock

    with translation.override("de"):
        assert str(NextEditionSignupBlock().label) == "Anmeldung für das nächste Barcamp"

"""Fixtures for the participants' tests: an event taking registrations, and a visitor's browser."""

import datetime
import re

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.utils import timezone

from barcamp_wagtail.models import Participant
from barcamp_wagtail.participants import seats
from tests.factories import make_event

# The proposal tests' autouse fixtures: no time trap, a generous rate limit, Google answering "human".
from tests.proposals.conftest import proposal_settings, recaptcha  # noqa: F401

FUTURE_DAY = timezone.localdate() + datetime.timedelta(days=30)

VALID = {
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "organisation": "Analytical Engines",
    "badge_name": "",
    "needs": "vegetarisch",
    "privacy_consent": "on",
    "g-recaptcha-response": "token-from-google",
}


def make_registration_event(capacity=3, days=1, **fields):
    fields.setdefault("title", "Barcamp Teilnahme")
    return make_event(day=FUTURE_DAY, days=days, registration_enabled=True, capacity=capacity, **fields)


@pytest.fixture
def event(db):
    return make_registration_event()


class Visitor:
    """A browser with CSRF checks on: it opens the form, then sends it with the tokens it was given."""

    def __init__(self, **headers):
        self.client = Client(enforce_csrf_checks=True, **headers)

    def open(self, url):
        response = self.client.get(url)
        html = response.content.decode()
        self.csrf = hidden(html, "csrfmiddlewaretoken")
        self.form_token = hidden(html, "form_token")
        return response

    def register(self, event, data=None, url=None):
        url = url or register_url(event)
        self.open(url)
        payload = {**VALID, **(data or {})}
        payload = {key: value for key, value in payload.items() if value is not None}
        payload.setdefault("csrfmiddlewaretoken", self.csrf)
        payload.setdefault("form_token", self.form_token)
        return self.client.post(url, payload)

    def post(self, url, data):
        self.open(url)
        return self.client.post(url, {"csrfmiddlewaretoken": self.csrf, **data})


def hidden(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    return match.group(1) if match else None


def register_url(event):
    return event.url + event.reverse_subpage("register")


def private_path(participant):
    return participant.event.url + participant.event.reverse_subpage("participant", args=[participant.token()])


def link_in_mail(message):
    """The first link of a mail, as a path on the test server."""
    url = re.search(r"https?://\S+", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def visitor():
    return Visitor()


def make_participant(event, name="Grace Hopper", email=None, days=None, confirm=True, **fields):
    """A registration as the form would store it, confirmed (and so seated or queued) by default."""
    words = name.lower().split()
    local = words[0] + (words[-1] if words[-1].isdigit() else "")
    email = email if email is not None else f"{local}@example.org"
    with transaction.atomic():
        participant = Participant.objects.create(
            event=event, name=name, email=email, privacy_consent=True, consent_at=timezone.now(), **fields
        )
        seats.request_days(participant, days or event.event_days())
    if confirm:
        seats.confirm(participant)
    participant.refresh_from_db()
    return participant


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox

"""Fixtures for the session proposal tests: an open call for sessions and a visitor with a browser."""

import datetime
import re
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from django_recaptcha.client import RecaptchaResponse

from barcamp_wagtail.models import SessionProposal
from tests.factories import make_event, make_proposal_page

FUTURE_DAY = timezone.localdate() + datetime.timedelta(days=30)

VALID = {
    "title": "Open Data für Kommunen",
    "abstract": "Welche Daten Städte schon veröffentlichen.\nUnd was man daraus machen kann.",
    "format": "talk",
    "topic": "Open Data",
    "link": "https://example.org/slides",
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "show_name": "on",
    "privacy_consent": "on",
    "g-recaptcha-response": "token-from-google",
}


@pytest.fixture(autouse=True)
def proposal_settings(settings):
    """No time trap and a generous rate limit, unless a test sets its own."""
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 1000}
    cache.clear()
    yield settings
    cache.clear()


@pytest.fixture(autouse=True)
def recaptcha():
    """Google's verify call, answering "human" unless a test says otherwise."""
    with mock.patch("django_recaptcha.fields.client.submit", return_value=RecaptchaResponse(is_valid=True)) as submit:
        yield submit


@pytest.fixture
def event(db):
    return make_event(day=FUTURE_DAY)


@pytest.fixture
def proposal_page(event):
    return make_proposal_page(event)


class Visitor:
    """A browser with CSRF checks on: it opens the form, then sends it with the tokens it was given."""

    def __init__(self, **headers):
        self.client = Client(enforce_csrf_checks=True, **headers)

    def open(self, page, **headers):
        response = self.client.get(page.url, **headers)
        html = response.content.decode()
        self.csrf = _hidden(html, "csrfmiddlewaretoken")
        self.form_token = _hidden(html, "form_token")
        return response

    def send(self, page, data=None, reopen=True, **headers):
        if reopen:
            self.open(page, **headers)
        payload = {**VALID, **(data or {})}
        payload = {key: value for key, value in payload.items() if value is not None}
        payload.setdefault("csrfmiddlewaretoken", self.csrf)
        payload.setdefault("form_token", self.form_token)
        return self.client.post(page.url, payload, **headers)


def _hidden(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    return match.group(1) if match else None


@pytest.fixture
def visitor():
    return Visitor()


def make_proposal(event, **fields):
    defaults = {
        "title": "A proposed session",
        "abstract": "About something.",
        "name": "Grace Hopper",
        "email": "grace@example.org",
        "show_name": True,
        "privacy_consent": True,
        "consent_at": timezone.now(),
        "nonce": f"nonce-{SessionProposal.objects.count()}-{fields.get('title', '')}",
    }
    return SessionProposal.objects.create(event=event, **(defaults | fields))


@pytest.fixture
def moderator(client, django_user_model):
    """A client logged in as an editor who may read the inbox and decide."""
    user = django_user_model.objects.create_user("mo", "mo@example.org", "password")
    # Wagtail's Moderators may publish pages: accepting a proposal publishes its session.
    user.groups.add(Group.objects.get(name="Moderators"))
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="barcamp_wagtail",
            codename__in=["view_sessionproposal", "moderate_sessionproposal"],
        )
    )
    client.force_login(user)
    return client


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the mails), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)

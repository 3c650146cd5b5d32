"""Fixtures for the next-edition sign-up tests: an event whose body holds the sign-up block,
and a visitor with a browser that keeps CSRF checks on."""

import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django_recaptcha.client import RecaptchaResponse

from tests.factories import make_event

VALID = {"email": "ada@example.org", "name": "Ada Lovelace", "g-recaptcha-response": "token-from-google"}

BLOCK = {
    "heading": "Next year again?",
    "text": "We let you know.",
    "privacy_note": "We use your address for this one message.",
}


@pytest.fixture(autouse=True)
def spam_settings(settings):
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


def add_signup_block(page, **values):
    page.body.append(("next_edition_signup", BLOCK | values))
    page.save_revision().publish()
    return page


@pytest.fixture
def event(db):
    return add_signup_block(make_event(title="Barcamp 2026"))


class Visitor:
    """A browser with CSRF checks on: it opens a page with the block, then sends the form it found."""

    def __init__(self, **headers):
        self.client = Client(enforce_csrf_checks=True, **headers)

    def open(self, url, **headers):
        response = self.client.get(url, **headers)
        html = response.content.decode()
        self.csrf = hidden(html, "csrfmiddlewaretoken")
        self.form_token = hidden(html, "form_token")
        self.action = form_action(html)
        return response

    def send(self, page, data=None, reopen=True, **headers):
        if reopen:
            self.open(page.url, **headers)
        payload = {**VALID, **(data or {})}
        payload = {key: value for key, value in payload.items() if value is not None}
        payload.setdefault("csrfmiddlewaretoken", self.csrf)
        payload.setdefault("form_token", self.form_token)
        return self.client.post(self.action, payload, **headers)


def hidden(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    return match.group(1) if match else None


def form_action(html):
    match = re.search(r'<form method="post" action="([^"]*)" class="barcamp-form barcamp-interest-form"', html)
    return match.group(1) if match else None


def confirm_link(message):
    match = re.search(r"https?://\S+/next-edition/confirm/\S+", message.body)
    return match.group(0) if match else None


@pytest.fixture
def visitor():
    return Visitor()

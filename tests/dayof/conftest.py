"""Fixtures for the day itself: an event with a call for sessions, proposals, a moderator and voters."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from barcamp_wagtail.models import InterestVote, SessionProposal, VoterCode
from tests import factories
from tests.factories import make_event

FUTURE_DAY = timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def event(db):
    return make_event(day=FUTURE_DAY)


def make_proposal_page(event, **fields):
    """A call for sessions with online votes switched on."""
    fields.setdefault("votes_enabled", True)
    return factories.make_proposal_page(event, **fields)


@pytest.fixture
def proposal_page(event):
    return make_proposal_page(event)


def make_proposal(event, title="A proposed session", **fields):
    defaults = {
        "abstract": "About something.",
        "name": "Grace Hopper",
        "email": "grace@example.org",
        "show_name": True,
        "privacy_consent": True,
        "consent_at": timezone.now(),
        "nonce": f"nonce-{SessionProposal.objects.count()}-{title}",
    }
    return SessionProposal.objects.create(event=event, title=title, **(defaults | fields))


def accepted(event, title, hands=None, votes=0, name="", topic=""):
    """An accepted proposal (with its hand count and ``votes`` online votes): its session page."""
    proposal = make_proposal(event, title, name=name, show_name=bool(name), topic=topic, hand_count=hands)
    for number in range(votes):
        voter = VoterCode.objects.create(event=event, code_hash=f"{title}-{number}".ljust(64, "0")[:64])
        InterestVote.objects.create(proposal=proposal, voter=voter)
    return proposal.accept()


def make_user(django_user_model, username, *permissions):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "password")
    for name in ("wagtailadmin.access_admin", *permissions):
        app_label, codename = name.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


@pytest.fixture
def moderator(django_user_model):
    user = make_user(django_user_model, "moderator", "barcamp_wagtail.moderate_sessionproposal")
    # Moderating an event's proposals needs the right to publish its pages (Wagtail's Moderators have it).
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def moderator_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client


@pytest.fixture
def other_editor_client(django_user_model):
    """Logged in to the admin, without the permission to moderate proposals."""
    client = Client()
    client.force_login(make_user(django_user_model, "editor"))
    return client


def hidden(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    return match.group(1) if match else None


class Participant:
    """A phone with CSRF checks on: it opens the vote page, enters its code, then votes."""

    def __init__(self, page, **headers):
        self.page = page
        self.url = page.url + page.reverse_subpage("vote")
        self.client = Client(enforce_csrf_checks=True, **headers)
        self.csrf = None

    def open(self):
        response = self.client.get(self.url)
        self.csrf = hidden(response.content.decode(), "csrfmiddlewaretoken") or self.csrf
        return response

    def post(self, data, with_token=True):
        if with_token and self.csrf is None:
            self.open()
        payload = dict(data)
        if with_token:
            payload["csrfmiddlewaretoken"] = self.csrf
        return self.client.post(self.url, payload)

    def enter(self, code):
        response = self.post({"action": "code", "code": code})
        self.open()  # the session key changed: fetch the new token
        return response

    def vote(self, proposal, **extra):
        return self.post({"action": "vote", "proposal": proposal.pk, **extra})


def new_code(event):
    return VoterCode.generate(event, 1)[0]

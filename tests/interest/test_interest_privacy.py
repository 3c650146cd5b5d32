"""GDPR: a person's sign-ups are exported and erased with their proposals; unconfirmed ones expire."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from barcamp_wagtail.models import InterestSignup, SessionProposal
from tests.factories import make_event
from tests.proposals.conftest import make_proposal

pytestmark = pytest.mark.django_db

PRIVACY = "/admin/barcamp/proposals/privacy/"


def run(*args):
    out = StringIO()
    call_command("barcamp_privacy", *args, stdout=out)
    return out.getvalue()


def make_signup(event, email="grace@example.org", confirmed=True, **fields):
    return InterestSignup.objects.create(
        event=event, email=email, confirmed_at=timezone.now() if confirmed else None, **fields
    )


def test_export_lists_the_sign_ups_of_an_address(event):
    make_signup(event, email="Grace@Example.org", name="Grace Hopper", language="de")
    make_signup(event, email="other@example.org")

    data = json.loads(run("export", "grace@example.org"))

    assert len(data["interest_signups"]) == 1
    item = data["interest_signups"][0]
    assert item["email"] == "Grace@Example.org" and item["name"] == "Grace Hopper"
    assert item["event"] == event.title and item["language"] == "de"
    assert item["created_at"] and item["confirmed_at"]
    assert "confirm_key" not in item


def test_erase_deletes_the_sign_ups_of_an_address_and_leaves_others(event):
    make_signup(event, email="GRACE@example.org")
    make_signup(make_event(title="Other"), email="grace@example.org", confirmed=False)
    make_signup(event, email="alan@example.org")

    output = run("erase", "grace@example.org")

    assert "2 next-edition sign-up(s) deleted." in output
    assert list(InterestSignup.objects.values_list("email", flat=True)) == ["alan@example.org"]
    assert json.loads(run("export", "grace@example.org"))["interest_signups"] == []


def test_purge_deletes_sign_ups_left_unconfirmed_too_long(event, settings):
    settings.BARCAMP_WAGTAIL = {"INTEREST_CONFIRM_DAYS": 5}
    long_ago = timezone.now() - datetime.timedelta(days=6)
    make_signup(event, email="stale@example.org", confirmed=False, created_at=long_ago)
    make_signup(event, email="fresh@example.org", confirmed=False)
    make_signup(event, email="kept@example.org", created_at=long_ago)

    output = run("purge")

    assert "1 unconfirmed next-edition sign-up(s) deleted." in output
    assert set(InterestSignup.objects.values_list("email", flat=True)) == {"fresh@example.org", "kept@example.org"}


def test_purge_takes_the_days_from_the_command_line(event):
    make_signup(event, confirmed=False, created_at=timezone.now() - datetime.timedelta(days=2))

    run("purge", "--unconfirmed-days", "1")

    assert not InterestSignup.objects.exists()


def test_the_admin_exports_sign_ups_with_the_proposals(editor_client, event):
    make_proposal(event, title="Mine", email="grace@example.org")
    make_signup(event, email="grace@example.org")

    response = editor_client.post(PRIVACY, {"email": "grace@example.org", "action": "export"})

    data = json.loads(response.content)
    assert [item["title"] for item in data["session_proposals"]] == ["Mine"]
    assert [item["email"] for item in data["interest_signups"]] == ["grace@example.org"]


def test_the_admin_erases_sign_ups_with_the_proposals(editor_client, event):
    proposal = make_proposal(event, email="grace@example.org")
    make_signup(event, email="grace@example.org")

    response = editor_client.post(
        PRIVACY, {"email": "grace@example.org", "action": "erase", "confirm": "on"}, follow=True
    )

    assert "1 next-edition sign-up deleted." in response.content.decode()
    assert not InterestSignup.objects.exists()
    proposal.refresh_from_db()
    assert proposal.email == ""
    assert SessionProposal.objects.count() == 1


def test_the_admin_does_not_erase_without_confirmation(editor_client, event):
    make_signup(event, email="grace@example.org")

    editor_client.post(PRIVACY, {"email": "grace@example.org", "action": "erase"})

    assert InterestSignup.objects.count() == 1


def test_sign_ups_go_with_their_event(event):
    make_signup(event)

    event.delete()

    assert not InterestSignup.objects.exists()

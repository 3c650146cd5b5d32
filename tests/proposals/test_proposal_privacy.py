"""GDPR: export and erase what is held about an e-mail address, purge old proposals."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from barcamp_wagtail.models import SessionPage, SessionProposal
from tests.factories import make_event

from .conftest import make_proposal

pytestmark = pytest.mark.django_db

PRIVACY = "/admin/barcamp/proposals/privacy/"


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("barcamp_privacy", *args, stdout=out)
    return out.getvalue()


def test_export_prints_everything_held_about_an_address_as_json(event):
    make_proposal(event, title="Mine", email="Grace@Example.org", topic="Open Data")
    make_proposal(event, title="Someone else's", email="other@example.org")

    data = json.loads(run("export", "grace@example.org"))

    assert [item["title"] for item in data["session_proposals"]] == ["Mine"]
    item = data["session_proposals"][0]
    assert item["email"] == "Grace@Example.org"
    assert item["name"] == "Grace Hopper"
    assert item["event"] == event.title
    assert item["privacy_consent"] is True and item["consent_at"]
    assert "edit_key" not in item and "nonce" not in item


def test_erase_anonymises_proposals_and_removes_the_name_from_the_session_and_its_revisions(event, client):
    proposal = make_proposal(event, title="Accepted", name="Grace Hopper", email="grace@example.org")
    session = proposal.accept()
    session.hosts = "Grace Hopper, Alan Turing"
    session.save_revision().publish()

    output = run("erase", "GRACE@example.org")

    proposal.refresh_from_db()
    session = SessionPage.objects.get(pk=session.pk)
    assert "1 proposal" in output
    assert (proposal.name, proposal.email, proposal.show_name) == ("", "", False)
    assert session.hosts == "Alan Turing"
    assert session.revisions.count() >= 2
    assert all("Grace Hopper" not in json.dumps(revision.content) for revision in session.revisions.all())
    assert "Grace Hopper" not in client.get(session.url).content.decode()
    assert json.loads(run("export", "grace@example.org"))["session_proposals"] == []


def test_erase_leaves_other_people_alone(event):
    make_proposal(event, email="grace@example.org")
    other = make_proposal(event, name="Alan Turing", email="alan@example.org")

    run("erase", "grace@example.org")

    other.refresh_from_db()
    assert (other.name, other.email) == ("Alan Turing", "alan@example.org")


def test_purge_deletes_proposals_the_configured_days_after_the_event(db, settings):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RETENTION_DAYS": 30}
    today = timezone.localdate()
    old = make_event(title="Long ago", day=today - datetime.timedelta(days=40))
    recent = make_event(title="Recently", day=today - datetime.timedelta(days=10))
    make_proposal(old, title="Old")
    make_proposal(recent, title="Recent")

    output = run("purge")

    assert "1 proposal" in output
    assert list(SessionProposal.objects.values_list("title", flat=True)) == ["Recent"]


def test_purge_keeps_180_days_by_default(db):
    event = make_event(title="Half a year", day=timezone.localdate() - datetime.timedelta(days=170))
    make_proposal(event)

    run("purge")

    assert SessionProposal.objects.count() == 1


def test_the_admin_exports_the_data_of_an_address_as_json(editor_client, event):
    make_proposal(event, title="Mine", email="grace@example.org")

    response = editor_client.post(PRIVACY, {"email": "grace@example.org", "action": "export"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)["session_proposals"][0]["title"] == "Mine"


def test_the_admin_erases_only_after_confirmation(editor_client, event):
    proposal = make_proposal(event, email="grace@example.org")

    unconfirmed = editor_client.post(PRIVACY, {"email": "grace@example.org", "action": "erase"})
    proposal.refresh_from_db()
    assert unconfirmed.status_code == 200 and proposal.email == "grace@example.org"

    confirmed = editor_client.post(PRIVACY, {"email": "grace@example.org", "action": "erase", "confirm": "on"})
    proposal.refresh_from_db()
    assert confirmed.status_code == 302 and proposal.email == ""


def test_erased_names_are_not_found_by_the_site_search(event, django_capture_on_commit_callbacks):
    proposal = make_proposal(event, title="Indexed", name="Ada Unique", email="ada@example.org")
    with django_capture_on_commit_callbacks(execute=True):  # the index is updated after commit
        proposal.accept()
    assert SessionPage.objects.live().search("Unique").count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        run("erase", "ada@example.org")

    assert SessionPage.objects.live().search("Unique").count() == 0
    assert SessionPage.objects.live().search("Indexed").count() == 1

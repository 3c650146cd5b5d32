"""barcamp_privacy export|erase|purge cover registrations, days, check-ins, profiles, contact
requests, voter codes and votes."""

import datetime
import io
import json

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from barcamp_wagtail.models import (
    Booking,
    CheckIn,
    ContactRequest,
    InterestVote,
    Participant,
    Profile,
    SessionProposal,
    VoterCode,
)
from barcamp_wagtail.participants import checkin

from .conftest import make_participant, make_registration_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(db):
    event = make_registration_event(capacity=1, directory_enabled=True)
    ada = make_participant(event, "Ada Lovelace")
    grace = make_participant(event, "Grace Hopper")  # waiting for Ada's seat
    Profile.objects.create(participant=ada, about="Mein Profil", links=["https://ada.example.org"])
    ContactRequest.objects.create(sender=ada, recipient=grace, message="Hallo Grace")
    checkin.apply(event, event.event_days()[0], "door-1", "in", participant_id=ada.pk)
    proposal = SessionProposal.objects.create(event=event, title="Open Data", abstract="x", nonce="n1")
    InterestVote.objects.create(proposal=proposal, voter=ada.voter_code)
    return event, ada, grace


def command(*args):
    out = io.StringIO()
    call_command("barcamp_privacy", *args, stdout=out)
    return out.getvalue()


def test_export_lists_the_registration_and_everything_hanging_on_it(busy):
    data = json.loads(command("export", "ADA@example.org"))
    (registration,) = data["registrations"]
    assert registration["name"] == "Ada Lovelace"
    assert registration["days"][0]["status"] == "seated"
    assert registration["check_ins"][0]["in"]
    assert registration["directory_profile"]["about"] == "Mein Profil"
    assert registration["contact_requests_sent"][0]["message"] == "Hallo Grace"
    assert registration["online_votes"] == ["Open Data"]


def test_erase_removes_profile_messages_registration_check_in_and_votes_and_passes_the_seat_on(
    busy, django_capture_on_commit_callbacks
):
    event, ada, grace = busy
    with django_capture_on_commit_callbacks(execute=True):
        output = command("erase", "ada@example.org")
    assert "1 registration(s) deleted." in output
    assert not Participant.objects.filter(email="ada@example.org").exists()
    assert not Profile.objects.exists() and not ContactRequest.objects.exists()
    assert not CheckIn.objects.exists() and not InterestVote.objects.exists()
    assert VoterCode.objects.count() == 0
    assert grace.bookings.get().status == Booking.Status.OFFERED


def test_purge_deletes_registrations_after_the_retention_time_and_stale_unconfirmed_ones(busy, settings):
    event, ada, grace = busy
    settings.BARCAMP_WAGTAIL = settings.BARCAMP_WAGTAIL | {"PARTICIPANT_RETENTION_DAYS": 30}
    later = make_registration_event(title="Später", capacity=5)
    make_participant(later, "Stale Person", confirm=False)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=10)):
        assert "1 registration(s) deleted." in command("purge")  # the stale unconfirmed one
    assert Participant.objects.filter(event=event).count() == 2
    with time_machine.travel(event.end + datetime.timedelta(days=31)):
        command("purge")
    assert not Participant.objects.filter(event=event).exists()
    assert not Profile.objects.exists() and not CheckIn.objects.exists()


def test_the_admin_privacy_request_erases_registrations_too(editor_client, busy):
    response = editor_client.post(
        "/admin/barcamp/proposals/privacy/",
        {"email": "ada@example.org", "action": "erase", "confirm": "on"},
        follow=True,
    )
    assert "1 registration deleted." in response.content.decode()
    assert not Participant.objects.filter(email="ada@example.org").exists()

"""The submitter is told the decision (once, after the commit, in their language), and the host
of an accepted session is told when its room or time changes after publication."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from barcamp_wagtail.models import SessionPage, SessionProposal
from tests.factories import make_room, make_slot

from .conftest import FUTURE_DAY, make_proposal

pytestmark = pytest.mark.django_db

DECIDE = "/admin/barcamp/proposals/decide/"


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def place(session, room, slot, publish=True):
    session = SessionPage.objects.get(pk=session.pk)
    session.room, session.time_slot = room, slot
    revision = session.save_revision()
    if publish:
        revision.publish()
    return session


def test_accepting_tells_the_submitter_after_the_commit_with_the_sessions_link(
    proposal_page, event, django_capture_on_commit_callbacks
):
    proposal = make_proposal(event, title="Offene Daten", email="host@example.org")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        session = proposal.accept()
    assert mail.outbox == []
    for callback in callbacks:
        callback()

    [message] = mails_to("host@example.org")
    assert message.subject == "Accepted for Barcamp Test: Offene Daten"
    assert session.get_full_url() in message.body
    assert "Room and time are not fixed yet" in message.body
    withdraw = re.search(r"http://localhost/\S+/edit/\S+/", message.body).group(0)
    assert "Withdraw my proposal" in proposal_page_client_get(withdraw)


def proposal_page_client_get(url):
    from django.test import Client

    return Client().get(url.removeprefix("http://localhost")).content.decode()


def test_an_accepted_session_that_is_already_placed_gets_room_and_time_in_the_mail(proposal_page, event, committed):
    room, slot = make_room(event, "Werkstatt"), make_slot(event, "11:00", "11:45", day=FUTURE_DAY)
    proposal = make_proposal(event, email="host@example.org")
    with committed():
        session = proposal.accept()
    place(session, room, slot)
    mail.outbox.clear()
    # Back in the inbox, as if the plenary had placed the session before deciding.
    SessionProposal.objects.filter(pk=proposal.pk).update(status="submitted", decision_mailed="")

    with committed():
        SessionProposal.objects.get(pk=proposal.pk).accept()

    [message] = mails_to("host@example.org")
    assert "Room: Werkstatt" in message.body
    assert "11 a.m.–11:45 a.m." in message.body


def test_declining_sends_a_kind_mail(proposal_page, event, committed):
    proposal = make_proposal(event, title="Zu spät", email="host@example.org")

    with committed():
        proposal.decline()

    [message] = mails_to("host@example.org")
    assert "Zu spät" in message.subject
    assert "no judgement on your idea" in message.body
    assert "/edit/" not in message.body


def test_the_decision_mail_speaks_the_language_the_visitor_used(proposal_page, event, committed):
    proposal = make_proposal(event, title="Offene Daten", email="host@example.org", language="de")

    with committed():
        proposal.decline()

    [message] = mails_to("host@example.org")
    assert message.subject == "Dein Session-Vorschlag für Barcamp Test: Offene Daten"
    assert "Hallo Grace Hopper" in message.body
    assert "Danke" in message.body


def test_the_bulk_decision_sends_one_mail_per_proposal(moderator, proposal_page, event, committed):
    proposals = [make_proposal(event, title=f"Idee {number}", email=f"p{number}@example.org") for number in range(3)]

    with committed():
        response = moderator.post(DECIDE, {"action": "decline", "proposals": [p.pk for p in proposals]})

    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == ["p0@example.org", "p1@example.org", "p2@example.org"]


def test_a_decision_is_mailed_once_even_when_the_task_runs_twice(proposal_page, event, committed):
    from barcamp_wagtail import mail as barcamp_mail

    proposal = make_proposal(event, email="host@example.org")
    with committed():
        proposal.accept()
    barcamp_mail.deliver("decision", proposal.pk)
    with committed():
        proposal.accept()

    assert len(mails_to("host@example.org")) == 1


def test_organisers_can_turn_the_decision_mails_off_per_event(proposal_page, event, committed):
    proposal_page.notify_submitters = False
    proposal_page.save_revision().publish()
    room, slot = make_room(event), make_slot(event, day=FUTURE_DAY)
    accepted = make_proposal(event, email="yes@example.org")
    declined = make_proposal(event, email="no@example.org")

    with committed():
        session = accepted.accept()
        declined.decline()
        place(session, room, slot)

    assert mail.outbox == []


def test_the_host_is_told_once_when_the_published_session_moves(proposal_page, event, committed):
    plenum, workshop = make_room(event, "Plenum"), make_room(event, "Werkstatt", sort_order=1)
    first = make_slot(event, "10:00", "10:45", day=FUTURE_DAY)
    second = make_slot(event, "11:00", "11:45", day=FUTURE_DAY)
    proposal = make_proposal(event, email="host@example.org", title="Offene Daten")
    with committed():
        session = proposal.accept()
    mail.outbox.clear()

    with committed():
        place(session, plenum, first)
    placed = list(mail.outbox)
    with committed():
        # The same room and time again, and a changed abstract: nothing to tell.
        session = SessionPage.objects.get(pk=session.pk)
        session.abstract = "Neu formuliert."
        session.save_revision().publish()
        place(session, plenum, first)
    with committed():
        # A draft is not published: nothing to tell yet.
        place(session, workshop, second, publish=False)
    unchanged = len(mail.outbox)
    with committed():
        place(session, workshop, second)

    assert len(placed) == 1 and "Room: Plenum" in placed[0].body and "10 a.m." in placed[0].body
    assert unchanged == 1
    assert len(mail.outbox) == 2
    moved = mail.outbox[1]
    assert moved.to == ["host@example.org"]
    assert moved.subject == "New room or time for your session at Barcamp Test: Offene Daten"
    assert "Room: Werkstatt" in moved.body and "11 a.m." in moved.body


def test_a_changed_time_slot_tells_the_hosts_of_its_sessions(proposal_page, event, committed):
    room, slot = make_room(event), make_slot(event, "10:00", "10:45", day=FUTURE_DAY)
    proposal = make_proposal(event, email="host@example.org")
    with committed():
        place(proposal.accept(), room, slot)
    mail.outbox.clear()

    slot.start, slot.end = datetime.time(14, 0), datetime.time(14, 45)
    slot.save()
    with committed():
        event.save_revision().publish()

    [message] = mails_to("host@example.org")
    assert "2 p.m.–2:45 p.m." in message.body


def test_sessions_not_from_a_proposal_send_nothing(proposal_page, event, committed):
    from tests.factories import make_session

    room, slot = make_room(event), make_slot(event, day=FUTURE_DAY)
    with committed():
        session = make_session(event, "Orga-Session")
        place(session, room, slot)

    assert mail.outbox == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_mails_can_go_through_a_database_task_worker(proposal_page, event, settings, committed):
    if not settings.TASKS_DATABASE_BACKEND:
        pytest.fail("the database task backend is missing")
    settings.BARCAMP_WAGTAIL |= {"MAIL_TASK_BACKEND": "database"}
    proposal = make_proposal(event, email="host@example.org")

    with committed():
        proposal.decline()
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--backend", "database", "--no-startup-delay", verbosity=0)
    call_command("db_worker", "--batch", "--backend", "database", "--no-startup-delay", verbosity=0)

    assert len(mails_to("host@example.org")) == 1


def test_the_decision_time_is_stored(proposal_page, event):
    proposal = make_proposal(event)
    proposal.decline()

    assert proposal.decided_at <= timezone.now()


def test_mail_subjects_are_plain_text_not_html(proposal_page, event, committed):
    proposal = make_proposal(event, title="Tom & Jerry <live>", email="host@example.org")

    with committed():
        proposal.decline()

    assert mails_to("host@example.org")[0].subject == "Your session proposal for Barcamp Test: Tom & Jerry <live>"

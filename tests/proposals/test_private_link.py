"""The private link: it works while the proposal is pending and the form is open, and for
withdrawal until the event starts (also once accepted)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from barcamp_wagtail.models import SessionPage, SessionProposal

from .conftest import make_proposal

pytestmark = pytest.mark.django_db


def link_of(page, proposal):
    return page.url + page.reverse_subpage("edit", args=[proposal.edit_token()])


def move_event(event, start, end):
    event.start, event.end = start, end
    event.save_revision().publish()


def test_a_link_works_after_the_events_end_while_the_form_is_still_open(proposal_page, event, client):
    now = timezone.now()
    move_event(event, now - datetime.timedelta(days=2), now - datetime.timedelta(minutes=5))
    proposal_page.submissions_close = now + datetime.timedelta(days=7)
    proposal_page.save_revision().publish()
    proposal = make_proposal(event)

    response = client.get(link_of(proposal_page, proposal))
    changes = {"action": "save", "title": "Late but fine", "abstract": "x", "format": "talk"}
    saved = client.post(link_of(proposal_page, proposal), changes)

    assert response.status_code == 200
    assert 'name="title"' in response.content.decode()
    assert "Your changes have been saved." in saved.content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "Late but fine"


def test_a_link_works_on_the_day_while_proposals_are_taken(proposal_page, event, client):
    now = timezone.now()
    move_event(event, now - datetime.timedelta(hours=2), now + datetime.timedelta(hours=6))
    proposal = make_proposal(event)

    assert 'name="title"' in client.get(link_of(proposal_page, proposal)).content.decode()


def test_once_the_call_has_closed_the_link_can_only_withdraw(proposal_page, event, client):
    proposal = make_proposal(event)
    proposal_page.submissions_close = timezone.now() - datetime.timedelta(minutes=1)
    proposal_page.submissions_open = timezone.now() - datetime.timedelta(days=1)
    proposal_page.save_revision().publish()

    html = client.get(link_of(proposal_page, proposal)).content.decode()
    refused = client.post(
        link_of(proposal_page, proposal), {"action": "save", "title": "Changed", "abstract": "x", "format": "talk"}
    )
    withdrawn = client.post(link_of(proposal_page, proposal), {"action": "withdraw"})

    assert 'name="title"' not in html
    assert "can no longer be changed" in html and "Withdraw my proposal" in html
    assert 'name="title"' not in refused.content.decode()
    assert "Your proposal has been withdrawn" in withdrawn.content.decode()
    proposal.refresh_from_db()
    assert (proposal.title, proposal.status) == ("A proposed session", SessionProposal.Status.WITHDRAWN)


def test_once_the_event_has_started_and_the_call_is_closed_the_link_no_longer_works(proposal_page, event, client):
    now = timezone.now()
    proposal = make_proposal(event)
    move_event(event, now - datetime.timedelta(hours=1), now + datetime.timedelta(hours=5))
    proposal_page.submissions_close = now - datetime.timedelta(hours=2)
    proposal_page.save_revision().publish()

    response = client.get(link_of(proposal_page, proposal))

    assert response.status_code == 404
    assert "This link no longer works" in response.content.decode()


def test_an_accepted_session_can_be_withdrawn_until_the_event_starts_and_the_organisers_are_told(
    proposal_page, event, client, django_capture_on_commit_callbacks
):
    proposal = make_proposal(event)
    with django_capture_on_commit_callbacks(execute=True):
        session = proposal.accept()
    mail.outbox.clear()

    html = client.get(link_of(proposal_page, proposal)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link_of(proposal_page, proposal), {"action": "withdraw"})

    assert "Your session has been accepted" in html and 'name="title"' not in html
    assert "Your proposal has been withdrawn" in response.content.decode()
    assert not SessionPage.objects.get(pk=session.pk).live
    assert [message.to for message in mail.outbox] == [["orga@example.org", "team@example.org"]]
    assert "withdrawn" in mail.outbox[0].subject and "A proposed session" in mail.outbox[0].body
    assert client.get(link_of(proposal_page, proposal)).status_code == 404


def test_an_accepted_session_cannot_be_withdrawn_once_the_event_has_started(proposal_page, event, client):
    proposal = make_proposal(event)
    session = proposal.accept()
    now = timezone.now()
    move_event(event, now - datetime.timedelta(minutes=10), now + datetime.timedelta(hours=5))

    response = client.post(link_of(proposal_page, proposal), {"action": "withdraw"})

    assert response.status_code == 404
    assert SessionPage.objects.get(pk=session.pk).live
    proposal.refresh_from_db()
    assert proposal.status == SessionProposal.Status.ACCEPTED

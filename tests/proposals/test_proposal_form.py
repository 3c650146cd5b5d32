import datetime

import pytest
from django.utils import timezone

from barcamp_wagtail.models import SessionProposal

from .conftest import VALID, Visitor, make_proposal_page

pytestmark = pytest.mark.django_db


def test_visitor_can_propose_a_session_without_an_account(proposal_page, visitor):
    form = visitor.open(proposal_page)
    response = visitor.send(proposal_page, reopen=False)

    assert form.status_code == 200
    assert response.status_code == 303
    assert response["Location"].endswith("/thanks/")
    proposal = SessionProposal.objects.get()
    assert (proposal.title, proposal.name, proposal.email) == (VALID["title"], "Ada Lovelace", "ada@example.org")
    assert proposal.status == SessionProposal.Status.SUBMITTED
    assert proposal.privacy_consent and proposal.consent_at is not None
    assert proposal.show_name is True
    thanks = visitor.client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you for your proposal" in thanks.content.decode()


def test_the_form_page_is_not_cached(proposal_page, visitor):
    response = visitor.open(proposal_page)

    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_form_shows_the_privacy_notice_and_the_consent_checkbox(proposal_page, visitor):
    html = visitor.open(proposal_page).content.decode()

    assert "six months after the event" in html
    assert 'name="privacy_consent"' in html


def test_a_proposal_without_consent_is_not_stored(proposal_page, visitor):
    response = visitor.send(proposal_page, {"privacy_consent": None})

    assert response.status_code == 200
    assert "We can only store your proposal with your consent." in response.content.decode()
    assert not SessionProposal.objects.exists()


def test_the_name_is_private_unless_the_visitor_allows_it(proposal_page, visitor):
    visitor.send(proposal_page, {"show_name": None})

    assert SessionProposal.objects.get().show_name is False


def test_a_post_without_csrf_token_is_refused(proposal_page):
    visitor = Visitor()
    visitor.open(proposal_page)

    response = visitor.send(proposal_page, {"csrfmiddlewaretoken": "forged"}, reopen=False)

    assert response.status_code == 403
    assert not SessionProposal.objects.exists()


def test_visitor_cannot_set_status_session_or_ids_by_posting_them(proposal_page, visitor, event):
    from tests.factories import make_room, make_session, make_slot

    session = make_session(event, title="Existing")
    room, slot = make_room(event), make_slot(event)
    extra = {
        "status": "accepted",
        "session": str(session.pk),
        "room": str(room.pk),
        "slot": str(slot.pk),
        "time_slot": str(slot.pk),
        "live": "on",
        "votes": "999",
        "id": "4711",
        "pk": "4711",
        "event": "1",
        "nonce": "chosen",
        "edit_key": "chosen",
        "decided_at": "2020-01-01 00:00",
    }

    visitor.send(proposal_page, extra)

    proposal = SessionProposal.objects.get()
    assert proposal.status == SessionProposal.Status.SUBMITTED
    assert proposal.session is None
    assert proposal.pk != 4711
    assert proposal.event_id == event.pk
    assert proposal.edit_key != "chosen" and proposal.nonce != "chosen"
    assert proposal.decided_at is None


def test_a_double_click_stores_one_proposal_and_shows_the_same_thank_you_page(proposal_page, visitor):
    first = visitor.send(proposal_page)
    second = visitor.send(proposal_page, reopen=False)

    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert SessionProposal.objects.count() == 1


def test_two_renderings_of_the_form_store_two_proposals(proposal_page, visitor):
    visitor.send(proposal_page)
    visitor.send(proposal_page, {"title": "Another one"})

    assert SessionProposal.objects.count() == 2


def test_the_form_says_when_submissions_have_not_opened_yet(event, visitor):
    page = make_proposal_page(event, submissions_open=timezone.now() + datetime.timedelta(days=3))

    response = visitor.open(page)

    assert response.status_code == 200
    assert "not being accepted at the moment" in response.content.decode()
    assert "Submissions open on" in response.content.decode()
    assert 'name="title"' not in response.content.decode()


def test_nothing_is_stored_after_submissions_closed(event, visitor):
    page = make_proposal_page(event)
    visitor.open(page)
    page.submissions_close = timezone.now() - datetime.timedelta(minutes=1)
    page.save_revision().publish()

    response = visitor.send(page, reopen=False)

    assert "not being accepted at the moment" in response.content.decode()
    assert not SessionProposal.objects.exists()


def test_submissions_close_when_the_event_is_over(db, visitor):
    from tests.factories import make_event

    past = make_event(title="Last year", day=timezone.localdate() - datetime.timedelta(days=3))
    page = make_proposal_page(past)

    assert "not being accepted at the moment" in visitor.open(page).content.decode()


def test_the_event_page_links_to_the_open_form(event, client):
    assert "Propose a session" not in client.get(event.url).content.decode()

    page = make_proposal_page(event)

    assert f'href="{page.url}"' in client.get(event.url).content.decode()


def test_the_event_page_does_not_link_to_a_closed_form(event, client):
    make_proposal_page(event, submissions_close=timezone.now() - datetime.timedelta(days=1))

    assert "Propose a session" not in client.get(event.url).content.decode()


def test_the_event_page_link_costs_a_constant_number_of_queries(event, client, django_assert_max_num_queries):
    make_proposal_page(event)
    client.get(event.url)

    with django_assert_max_num_queries(30):
        response = client.get(event.url)

    assert "Propose a session" in response.content.decode()


def test_an_event_has_at_most_one_proposal_page(event, proposal_page):
    from barcamp_wagtail.models import ProposalPage

    assert not ProposalPage.can_create_at(event)

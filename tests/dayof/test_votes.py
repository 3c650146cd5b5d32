"""Online interest votes through HTTP: codes, one vote per participant, the voting window."""

import datetime

import pytest
from django.utils import timezone

from barcamp_wagtail.models import InterestVote, SessionProposal, VoterCode

from .conftest import Participant, make_proposal, make_proposal_page, new_code

pytestmark = pytest.mark.django_db


def test_a_participant_enters_the_badge_code_and_marks_a_session(event, proposal_page):
    proposal = make_proposal(event, "Open Data")
    participant = Participant(proposal_page)

    assert "Voter code" in participant.open().content.decode()
    assert participant.enter(new_code(event)).status_code == 303
    html = participant.open().content.decode()
    assert "Open Data" in html and "I want to attend" in html

    assert participant.vote(proposal).status_code == 303
    assert InterestVote.objects.filter(proposal=proposal).count() == 1
    assert "✓ I want to attend (undo)" in participant.open().content.decode()


def test_codes_are_accepted_in_any_case_and_with_or_without_the_dash(event, proposal_page):
    code = new_code(event)
    participant = Participant(proposal_page)

    assert participant.enter(code.lower().replace("-", " ")).status_code == 303


def test_voting_twice_for_the_same_session_counts_once(event, proposal_page):
    proposal = make_proposal(event)
    participant = Participant(proposal_page)
    participant.enter(new_code(event))

    participant.vote(proposal)
    participant.vote(proposal)

    assert InterestVote.objects.filter(proposal=proposal).count() == 1


def test_a_participant_can_take_a_vote_back(event, proposal_page):
    proposal = make_proposal(event)
    participant = Participant(proposal_page)
    participant.enter(new_code(event))
    participant.vote(proposal)

    participant.post({"action": "unvote", "proposal": proposal.pk})

    assert not InterestVote.objects.exists()


def test_two_participants_give_two_votes(event, proposal_page):
    proposal = make_proposal(event)
    for _number in range(2):
        participant = Participant(proposal_page)
        participant.enter(new_code(event))
        participant.vote(proposal)

    assert InterestVote.objects.filter(proposal=proposal).count() == 2


def test_an_unknown_code_is_refused(event, proposal_page):
    participant = Participant(proposal_page)

    response = participant.enter("AAAAA-BBBBB")

    assert response.status_code == 400
    assert "This code is not valid for this event." in response.content.decode()


def test_a_code_of_another_event_is_refused(event, proposal_page):
    from tests.factories import make_event

    other = make_event(title="Other camp", day=event.start.date())
    participant = Participant(proposal_page)

    assert participant.enter(new_code(other)).status_code == 400


def test_codes_are_stored_only_as_hashes(event):
    code = new_code(event)

    stored = VoterCode.objects.get(event=event).code_hash
    assert code.replace("-", "") not in stored and len(stored) == 64


def test_guessing_codes_is_stopped_after_the_configured_number_of_failures(settings, event, proposal_page):
    settings.BARCAMP_WAGTAIL = {"VOTE_CODE_FAILURES": 3}
    code = new_code(event)
    participant = Participant(proposal_page)
    for _attempt in range(3):
        participant.enter("WRONG-CODE1")

    response = participant.enter(code)

    assert response.status_code == 429
    assert "Too many wrong codes" in response.content.decode()


def test_a_vote_without_a_code_is_refused(event, proposal_page):
    proposal = make_proposal(event)
    participant = Participant(proposal_page)

    response = participant.vote(proposal)

    assert response.status_code == 403
    assert not InterestVote.objects.exists()


def test_a_vote_without_csrf_token_is_refused(event, proposal_page):
    proposal = make_proposal(event)
    participant = Participant(proposal_page)
    participant.enter(new_code(event))

    response = participant.post({"action": "vote", "proposal": proposal.pk}, with_token=False)

    assert response.status_code == 403
    assert not InterestVote.objects.exists()


def test_a_vote_with_a_forged_voter_field_is_refused(event, proposal_page):
    proposal = make_proposal(event)
    someone_else = Participant(proposal_page)
    someone_else.enter(new_code(event))
    other_voter = VoterCode.objects.get()
    participant = Participant(proposal_page)
    participant.enter(new_code(event))

    response = participant.vote(proposal, voter=other_voter.pk)

    assert response.status_code == 403
    assert not InterestVote.objects.exists()


def test_counts_cannot_be_written_by_a_post_field(event, proposal_page):
    proposal = make_proposal(event)
    participant = Participant(proposal_page)
    participant.enter(new_code(event))

    participant.vote(proposal, count=500, hand_count=500, votes=500, vote_count=500)

    proposal.refresh_from_db()
    assert proposal.hand_count is None
    assert proposal.interest == 1


def test_votes_after_closing_are_refused(event):
    page = make_proposal_page(event, votes_close=timezone.now() + datetime.timedelta(minutes=5))
    proposal = make_proposal(event)
    participant = Participant(page)
    participant.enter(new_code(event))
    page.votes_close = timezone.now() - datetime.timedelta(minutes=1)
    page.save_revision().publish()

    response = participant.vote(proposal)

    assert response.status_code == 403
    assert "Voting is closed." in response.content.decode()
    assert not InterestVote.objects.exists()


def test_votes_before_opening_are_refused(event):
    page = make_proposal_page(event, votes_open=timezone.now() + datetime.timedelta(hours=1))
    proposal = make_proposal(event)
    participant = Participant(page)

    assert "Voting is closed." in participant.open().content.decode()
    assert participant.enter(new_code(event)).status_code == 403
    assert participant.vote(proposal).status_code == 403


def test_without_online_votes_the_page_says_the_plenary_decides(event):
    page = make_proposal_page(event, votes_enabled=False)

    html = Participant(page).open().content.decode()

    assert "the plenary decides by show of hands" in html
    assert "Voter code" not in html


def test_declined_and_other_events_proposals_cannot_be_voted_for(event, proposal_page):
    declined = make_proposal(event, "Declined", status=SessionProposal.Status.DECLINED)
    participant = Participant(proposal_page)
    participant.enter(new_code(event))

    assert participant.vote(declined).status_code == 400
    assert "Declined" not in participant.open().content.decode()


def test_the_vote_page_shows_a_host_name_only_with_consent_and_never_an_email(event, proposal_page):
    make_proposal(event, "Shown", name="Ada Lovelace", show_name=True, email="ada@example.org")
    make_proposal(event, "Hidden", name="Secret Person", show_name=False, email="secret@example.org")
    participant = Participant(proposal_page)
    participant.enter(new_code(event))

    html = participant.open().content.decode()

    assert "Ada Lovelace" in html
    assert "Secret Person" not in html
    assert "@example.org" not in html


def test_proposal_text_is_escaped_on_the_vote_page(event, proposal_page):
    make_proposal(event, "<script>alert(1)</script>")
    participant = Participant(proposal_page)
    participant.enter(new_code(event))

    html = participant.open().content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_votes_must_close_after_they_open(event, proposal_page):
    from django.core.exceptions import ValidationError

    proposal_page.votes_open = timezone.now()
    proposal_page.votes_close = proposal_page.votes_open - datetime.timedelta(hours=1)

    with pytest.raises(ValidationError):
        proposal_page.clean()


def test_the_database_refuses_a_second_vote_of_the_same_code_for_the_same_proposal(event):
    from django.db import IntegrityError, transaction

    proposal = make_proposal(event)
    voter = VoterCode.objects.create(event=event, code_hash="0" * 64)
    InterestVote.objects.create(proposal=proposal, voter=voter)

    with pytest.raises(IntegrityError), transaction.atomic():
        InterestVote.objects.create(proposal=proposal, voter=voter)


def test_the_proposal_page_links_the_vote_when_online_votes_are_on(client, event, proposal_page):
    html = client.get(proposal_page.url).content.decode()

    assert f'href="{proposal_page.url}vote/"' in html


def test_the_proposal_page_has_no_vote_link_without_online_votes(client, event):
    page = make_proposal_page(event, votes_enabled=False)

    assert "vote/" not in client.get(page.url).content.decode()

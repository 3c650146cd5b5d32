"""Twenty clicks at once from one participant still make one vote: the database says so.

Runs on SQLite (WAL + immediate transactions, see tests/settings.py) and, with
BARCAMP_TEST_DB=postgresql, on PostgreSQL.
"""

import threading

import pytest
from django.db import connection

from barcamp_wagtail.models import InterestVote

from .conftest import Participant, make_proposal, make_proposal_page, new_code

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_in_threads(count, work):
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def target(index):
        try:
            barrier.wait(timeout=60)
            results[index] = work(index)
        except Exception as error:  # reported below, with the thread's number
            errors.append((index, error))
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def test_twenty_parallel_votes_of_one_participant_are_stored_once(event):
    page = make_proposal_page(event)
    proposal = make_proposal(event)
    first = Participant(page)
    first.enter(new_code(event))
    # Twenty tabs of the same phone: the same session cookie and token.
    tabs = []
    for _index in range(20):
        tab = Participant(page)
        tab.client.cookies = first.client.cookies
        tab.csrf = first.csrf
        tabs.append(tab)

    statuses = run_in_threads(20, lambda index: tabs[index].vote(proposal).status_code)

    assert statuses == [303] * 20
    assert InterestVote.objects.filter(proposal=proposal).count() == 1


def test_twenty_participants_voting_at_once_give_twenty_votes(event):
    page = make_proposal_page(event)
    proposal = make_proposal(event)
    participants = []
    for _index in range(20):
        participant = Participant(page)
        participant.enter(new_code(event))
        participants.append(participant)

    statuses = run_in_threads(20, lambda index: participants[index].vote(proposal).status_code)

    assert statuses == [303] * 20
    assert InterestVote.objects.filter(proposal=proposal).count() == 20

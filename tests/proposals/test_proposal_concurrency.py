"""Concurrent submissions: every proposal is kept, and a re-sent form is still stored once.

Runs on SQLite (WAL + immediate transactions, see tests/settings.py) and, with
BARCAMP_TEST_DB=postgresql, on PostgreSQL.
"""

import threading

import pytest
from django.db import connection

from barcamp_wagtail.models import SessionProposal

from .conftest import Visitor, make_proposal_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_in_threads(count, work):
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def target(index):
        try:
            results[index] = work(index, barrier)
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


def test_fifty_concurrent_submissions_store_fifty_proposals(event):
    page = make_proposal_page(event)

    def submit(index, barrier):
        visitor = Visitor(REMOTE_ADDR=f"198.51.100.{index}")
        visitor.open(page)
        barrier.wait(timeout=60)
        return visitor.send(page, {"title": f"Session {index}"}, reopen=False).status_code

    statuses = run_in_threads(50, submit)

    assert statuses == [303] * 50
    assert SessionProposal.objects.count() == 50
    assert len(set(SessionProposal.objects.values_list("title", flat=True))) == 50


def test_the_same_form_sent_ten_times_at_once_is_stored_once(event):
    page = make_proposal_page(event)
    first = Visitor()
    first.open(page)

    def resend(index, barrier):
        visitor = Visitor()
        visitor.open(page)
        visitor.form_token = first.form_token
        barrier.wait(timeout=60)
        return visitor.send(page, reopen=False).status_code

    statuses = run_in_threads(10, resend)

    assert statuses == [303] * 10
    assert SessionProposal.objects.count() == 1

"""The grid proposal with real topic tags: sessions of one topic that must share a slot are
placed, and the note names the topics (Wagtail tags, not strings)."""

import re

import pytest
from django.urls import reverse

from barcamp_wagtail.models import SessionPage
from tests.factories import make_event, make_room, make_session, make_slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_slot(db):
    """Two rooms but a single session slot: every pair of sessions has to share it."""
    event = make_event()
    make_room(event, "Plenum", capacity=40, sort_order=0)
    make_room(event, "Studio", capacity=10, sort_order=1)
    make_slot(event, "11:00", "11:40")
    return event


def propose_url(event):
    return reverse("barcamp_wagtail_planner_propose", args=[event.pk])


def fingerprint(html):
    return re.search(r'name="fingerprint" value="([^"]+)"', html).group(1)


def test_two_sessions_of_one_topic_that_must_share_a_slot_are_proposed_with_a_note(editor_client, one_slot):
    make_session(one_slot, "Open Data in Kommunen", topics=["Open Data"])
    make_session(one_slot, "Open Data im Verein", topics=["Open Data"])
    assert all(not isinstance(tag, str) for session in SessionPage.objects.all() for tag in session.topics.all())

    response = editor_client.get(propose_url(one_slot))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Open Data in Kommunen" in html and "Open Data im Verein" in html
    assert "Shares its slot with another session on Open Data: no slot without one was free." in html


def test_sessions_sharing_several_topics_are_named_with_all_of_them_in_order(editor_client, one_slot):
    make_session(one_slot, "Erste", topics=["Open Data", "KI"])
    make_session(one_slot, "Zweite", topics=["KI", "Open Data"])

    html = editor_client.get(propose_url(one_slot)).content.decode()

    assert "Shares its slot with another session on KI, Open Data: no slot without one was free." in html


def test_the_proposal_with_shared_topics_is_applied(editor_client, one_slot):
    first = make_session(one_slot, "Erste", topics=["Open Data"])
    second = make_session(one_slot, "Zweite", topics=["Open Data"])
    html = editor_client.get(propose_url(one_slot)).content.decode()

    response = editor_client.post(propose_url(one_slot), {"fingerprint": fingerprint(html)})

    assert response.status_code == 302
    placed = SessionPage.objects.filter(pk__in=[first.pk, second.pk])
    assert {session.room.name for session in placed} == {"Plenum", "Studio"}
    assert len({session.time_slot_id for session in placed}) == 1

"""The planner proposes a grid from interest, rooms and hosts; applying it is recorded and undoable."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from barcamp_wagtail.models import EventPage, ScheduleChange, SessionPage, TimeSlot
from tests.factories import make_event, make_room, make_session, make_slot

from .conftest import accepted

pytestmark = pytest.mark.django_db


@pytest.fixture
def venue(db):
    event = make_event()
    event.plenum = make_room(event, "Plenum", capacity=40, sort_order=1)
    event.studio = make_room(event, "Studio", capacity=10, sort_order=0)
    event.first = make_slot(event, "11:00", "11:40")
    event.lunch = make_slot(event, "12:00", "13:00", kind=TimeSlot.Kind.BREAK, label="Lunch")
    event.second = make_slot(event, "13:00", "13:40")
    return event


def propose_url(event):
    return reverse("barcamp_wagtail_planner_propose", args=[event.pk])


def planner_url(event):
    return reverse("barcamp_wagtail_planner", args=[event.pk])


def where(session):
    session = SessionPage.objects.get(pk=session.pk)
    return session.room, session.time_slot


def apply(client, event):
    html = client.get(propose_url(event)).content.decode()
    fingerprint = re.search(r'name="fingerprint" value="([^"]+)"', html).group(1)
    return client.post(propose_url(event), {"fingerprint": fingerprint})


def test_the_planner_offers_to_propose_a_grid(editor_client, venue):
    accepted(venue, "Open Data", hands=30)

    html = editor_client.get(planner_url(venue)).content.decode()

    assert f'href="{propose_url(venue)}"' in html and "Propose a grid" in html


def test_the_preview_puts_the_most_wanted_session_into_the_largest_room(editor_client, venue):
    accepted(venue, "Small talk", hands=5)
    accepted(venue, "Crowd pleaser", hands=35)

    response = editor_client.get(propose_url(venue))
    html = response.content.decode()

    assert response.status_code == 200
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)(?:<br>.*?)?</td>", html, re.S)
    placed = {title.strip(): room for _time, room, title in rows}
    assert placed["Crowd pleaser"].startswith("Plenum")
    assert placed["Small talk"].startswith("Studio") or placed["Small talk"].startswith("Plenum")
    assert "11 a.m." in rows[0][0]
    # Nothing changed yet.
    assert all(where(session) == (None, None) for session in SessionPage.objects.all())


def test_online_votes_count_when_no_hands_were_counted(editor_client, venue):
    accepted(venue, "Few hands", hands=2)
    accepted(venue, "Many votes", votes=3)

    html = editor_client.get(propose_url(venue)).content.decode()

    # Three votes beat two hands: the earlier cell of the largest room.
    assert html.index("Many votes") < html.index("Few hands")
    assert re.search(r"Many votes.*?<td>3</td>", html, re.S)


def test_the_preview_explains_what_it_could_not_keep(editor_client, venue):
    accepted(venue, "Huge", hands=80)
    for number in range(4):
        accepted(venue, f"Extra {number}", hands=1)

    html = editor_client.get(propose_url(venue)).content.decode()

    assert "What could not be kept" in html
    assert "80 interested, but Plenum has 40 seats." in html
    assert "Not placed: there are more sessions than free cells." in html


def test_a_host_is_never_placed_twice_in_one_slot(editor_client, venue):
    first = accepted(venue, "Talk one", hands=30, name="Marie Ting")
    second = accepted(venue, "Talk two", hands=20, name="Marie Ting")

    assert apply(editor_client, venue).status_code == 302

    assert where(first)[1] != where(second)[1]


def test_apply_places_the_sessions_through_the_planner_and_one_undo_takes_it_back(editor_client, venue):
    top = accepted(venue, "Crowd pleaser", hands=35)
    low = accepted(venue, "Small talk", hands=5)

    response = apply(editor_client, venue)

    assert response.status_code == 302 and response["Location"] == planner_url(venue)
    # The largest room is filled first; the break is skipped.
    assert where(top) == (venue.plenum, venue.first)
    assert where(low) == (venue.plenum, venue.second)
    changes = list(ScheduleChange.objects.filter(event=venue))
    assert len(changes) == 2 and len({change.batch for change in changes}) == 1
    assert {change.action for change in changes} == {ScheduleChange.Action.PLACE}
    # Published: the public schedule shows it.
    assert SessionPage.objects.get(pk=top.pk).get_latest_revision().content["room"] == venue.plenum.pk

    editor_client.post(planner_url(venue), {"action": "undo", "change": changes[0].pk})

    assert where(top) == (None, None) and where(low) == (None, None)


def test_sessions_already_in_the_grid_stay_and_their_cells_are_not_used(editor_client, venue):
    fixed = make_session(venue, "Fixed", room=venue.plenum, time_slot=venue.first, hosts="Marie Ting")
    clash = accepted(venue, "Clash", hands=30, name="Marie Ting")

    apply(editor_client, venue)

    assert where(fixed) == (venue.plenum, venue.first)
    assert where(clash) == (venue.plenum, venue.second)


def test_break_slots_are_never_used(editor_client, venue):
    for number in range(6):
        accepted(venue, f"Session {number}", hands=number)

    apply(editor_client, venue)

    assert not SessionPage.objects.filter(time_slot=venue.lunch).exists()
    assert SessionPage.objects.filter(time_slot__isnull=True).count() == 2


def test_a_stale_preview_is_not_applied(editor_client, venue):
    accepted(venue, "First", hands=3)
    html = editor_client.get(propose_url(venue)).content.decode()
    fingerprint = re.search(r'name="fingerprint" value="([^"]+)"', html).group(1)
    accepted(venue, "Arrived later", hands=50)

    response = editor_client.post(propose_url(venue), {"fingerprint": fingerprint})

    assert response.status_code == 409
    assert "The programme changed since the preview" in response.content.decode()
    assert not ScheduleChange.objects.exists()


def test_the_same_input_gives_the_same_proposal(editor_client, venue):
    for number in range(5):
        accepted(venue, f"Session {number}", hands=10)

    first = editor_client.get(propose_url(venue)).content.decode()
    second = editor_client.get(propose_url(venue)).content.decode()

    fingerprint = re.compile(r'name="fingerprint" value="([^"]+)"')
    assert fingerprint.search(first).group(1) == fingerprint.search(second).group(1)


def test_editors_who_may_not_plan_get_403(client, django_user_model, venue):
    from .conftest import make_user

    client.force_login(make_user(django_user_model, "reader"))

    assert client.get(propose_url(venue)).status_code == 403
    assert client.post(propose_url(venue), {"fingerprint": "x"}).status_code == 403


def test_the_capacity_warning_reads_the_interest_of_the_accepted_proposal(editor_client, venue):
    session = accepted(venue, "Open Data", hands=25)

    response = editor_client.post(
        planner_url(venue), {"action": "place", "session": session.pk, "cell": f"{venue.first.pk}:{venue.studio.pk}"}
    )

    assert "25 people are interested in “Open Data”, but Studio seats 10." in response.content.decode()


def test_session_interest_is_the_hand_count_else_the_votes_else_unknown(venue):
    counted = accepted(venue, "Counted", hands=7, votes=2)
    voted = accepted(venue, "Voted", votes=2)
    typed_in = make_session(EventPage.objects.get(pk=venue.pk), "Typed in")

    assert SessionPage.objects.get(pk=counted.pk).interest == 7
    assert SessionPage.objects.get(pk=voted.pk).interest == 2
    assert SessionPage.objects.get(pk=typed_in.pk).interest is None


def test_the_planner_reads_interest_without_a_query_per_session(editor_client, venue):
    def count_queries(number):
        many = [accepted(venue, f"More {index}-{number}", hands=3) for index in range(number)]
        with CaptureQueriesContext(connection) as queries:
            editor_client.post(
                planner_url(venue),
                {"action": "place", "session": many[0].pk, "cell": f"{venue.first.pk}:{venue.plenum.pk}"},
            )
        return len(queries)

    few = count_queries(1)
    ScheduleChange.objects.all().delete()
    SessionPage.objects.update(room=None, time_slot=None)
    more = count_queries(6)
    assert more <= few + 2

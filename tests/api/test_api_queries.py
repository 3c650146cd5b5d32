"""The API's query counts do not grow with the number of sessions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_event, make_room, make_slot
from tests.schedule_helpers import make_many_sessions, make_schedule_page

from .helpers import SESSION_TYPE, api_get

pytestmark = pytest.mark.django_db

#: The whole listing of sessions with every field: the site, view restrictions, the count,
#: the pages, their topics, their events (measured on Wagtail 7.0; asserted as a ceiling).
SESSION_LISTING_QUERIES = 7


@pytest.fixture
def grid():
    event = make_event()
    rooms = [make_room(event, f"Raum {number}", sort_order=number) for number in range(5)]
    slots = [make_slot(event, f"{hour:02d}:00", f"{hour:02d}:45") for hour in range(9, 19)]
    return event, rooms, slots


def queries_of(client, path, params):
    api_get(client, path, params)  # warm: the site's root paths are cached after the first request
    with CaptureQueriesContext(connection) as captured:
        api_get(client, path, params)
    return len(captured)


def test_listing_sessions_with_every_field_costs_the_same_for_10_and_50_sessions(client, grid):
    event, rooms, slots = grid
    params = {"type": SESSION_TYPE, "fields": "*", "limit": 100, "child_of": event.pk}
    make_many_sessions(event, 10, rooms, slots)
    with_10 = queries_of(client, "/api/v2/pages/", params)

    make_many_sessions(event, 40, rooms, slots, first=10)
    with_50 = queries_of(client, "/api/v2/pages/", params)

    assert len(api_get(client, "/api/v2/pages/", params)["items"]) == 50
    assert with_10 == with_50 <= SESSION_LISTING_QUERIES


def test_an_event_costs_the_same_for_10_and_50_sessions(client, grid):
    event, rooms, slots = grid
    make_many_sessions(event, 10, rooms, slots)
    with_10 = queries_of(client, f"/api/v2/pages/{event.pk}/", {})

    make_many_sessions(event, 40, rooms, slots, first=10)
    with_50 = queries_of(client, f"/api/v2/pages/{event.pk}/", {})

    assert with_10 == with_50


def test_the_schedule_costs_the_same_for_10_and_50_sessions(client, grid):
    event, rooms, slots = grid
    page = make_schedule_page(event)
    make_many_sessions(event, 10, rooms, slots)
    with_10 = queries_of(client, f"/api/v2/pages/{page.pk}/", {})

    make_many_sessions(event, 40, rooms, slots, first=10)
    with_50 = queries_of(client, f"/api/v2/pages/{page.pk}/", {})

    assert with_10 == with_50

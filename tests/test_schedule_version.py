import pytest

from barcamp_wagtail.grid import schedule_version

from .factories import make_event, make_room, make_slot

pytestmark = pytest.mark.django_db


def test_version_of_an_event_without_rooms_or_slots_is_stable():
    event = make_event()

    assert schedule_version(event) == schedule_version(event)
    assert schedule_version(event).startswith(f"{event.pk}-")


def test_version_changes_with_rooms_and_slots_written_without_a_revision():
    event = make_event()
    versions = [schedule_version(event)]
    room = make_room(event, "Plenum", sort_order=0)
    versions.append(schedule_version(event))
    make_room(event, "Studio", sort_order=1)
    versions.append(schedule_version(event))
    room.sort_order = 5
    room.save()
    versions.append(schedule_version(event))
    first = make_slot(event, "10:00", "10:45")
    versions.append(schedule_version(event))
    make_slot(event, "11:00", "11:45")
    versions.append(schedule_version(event))
    first.delete()
    versions.append(schedule_version(event))

    assert len(set(versions)) == len(versions)


def test_version_of_one_event_ignores_another_event():
    event, other = make_event(title="One"), make_event(title="Two")
    before = schedule_version(event)
    make_room(other)
    make_slot(other)

    assert schedule_version(event) == before


def test_version_changes_when_the_event_or_a_session_moves():
    from .factories import make_session

    event, other = make_event(title="One"), make_event(title="Two")
    session = make_session(event, "Moving", room=make_room(event), time_slot=make_slot(event))
    before, other_before = schedule_version(event), schedule_version(other)

    session.move(other, pos="last-child")
    event.refresh_from_db()
    other.refresh_from_db()
    after_session, other_after = schedule_version(event), schedule_version(other)
    event.move(other, pos="last-child")
    event.refresh_from_db()

    assert after_session != before and other_after != other_before
    assert schedule_version(event) != after_session


def test_version_changes_when_the_programme_changes_in_place():
    from barcamp_wagtail.invalidation import programme_changed

    event = make_event()
    before = schedule_version(event)

    programme_changed([event.pk])

    assert schedule_version(event) != before


def test_version_costs_one_query(django_assert_num_queries):
    event = make_event()
    make_room(event)
    make_slot(event)

    with django_assert_num_queries(1):
        schedule_version(event)

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

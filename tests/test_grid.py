import pytest

from barcamp_wagtail.grid import schedule_grid, schedule_version

from .factories import EVENT_DAY, make_event, make_room, make_session, make_slot

pytestmark = pytest.mark.django_db


def test_grid_places_sessions_by_day_slot_and_room():
    event = make_event(days=2)
    plenum, studio = make_room(event, "Plenum", sort_order=0), make_room(event, "Studio", sort_order=1)
    first = make_slot(event, "10:00", "10:45")
    second_day = make_slot(event, "10:00", "10:45", day=EVENT_DAY.replace(day=17))
    a = make_session(event, "A", room=studio, time_slot=first)
    b = make_session(event, "B", room=plenum, time_slot=second_day)
    loose = make_session(event, "Loose")
    make_session(event, "Draft", room=plenum, time_slot=first, publish=False)

    grid = schedule_grid(event)

    assert [room.name for room in grid.rooms] == ["Plenum", "Studio"]
    assert [day.day.day for day in grid.days] == [16, 17]
    assert grid.days[0].rows[0].cells == [[], [a]]
    assert grid.days[1].rows[0].cells == [[b], []]
    assert grid.unscheduled == [loose]
    assert grid.scheduled_sessions() == [a, b]


@pytest.mark.parametrize("sessions", [1, 20])
def test_grid_queries_do_not_grow_with_sessions(django_assert_max_num_queries, sessions):
    event = make_event()
    room, slot = make_room(event), make_slot(event)
    for number in range(sessions):
        make_session(event, f"S{number}", room=room, time_slot=slot, topics=["x", f"t{number}"])

    with django_assert_max_num_queries(5):
        grid = schedule_grid(event)
        [tag.name for session in grid.scheduled_sessions() for tag in session.topics.all()]


def test_version_changes_when_the_programme_changes():
    event = make_event()
    room, slot = make_room(event), make_slot(event)
    before = schedule_version(event)
    session = make_session(event, "New", room=room, time_slot=slot)
    published = schedule_version(event)
    session.title = "Renamed"
    session.save_revision().publish()
    renamed = schedule_version(event)
    session.unpublish()
    unpublished = schedule_version(event)

    assert len({before, published, renamed, unpublished}) == 4
    assert schedule_version(event) == unpublished

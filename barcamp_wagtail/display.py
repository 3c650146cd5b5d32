"""What runs now and what comes next, for screens in the venue."""

from dataclasses import dataclass

from .grid import schedule_grid
from .models import TimeSlot


@dataclass(frozen=True)
class RoomNowNext:
    room: object
    current: object  # SessionPage or None
    next: object  # SessionPage or None
    # The break or plenary (TimeSlot) that comes first, before ``next`` when there is one.
    pause: object = None


@dataclass(frozen=True)
class NowNext:
    at: object
    rooms: list
    current_slot: object  # TimeSlot running at ``at`` or None
    next_slot: object  # the first TimeSlot starting after ``at`` or None
    started: bool
    over: bool


def now_and_next(event, at, room=None, grid=None):
    """The running and the following session per room at the moment ``at``, and the break or
    plenary that comes before the following session (a room screen announces the lunch first)."""
    grid = grid or schedule_grid(event)
    rooms = [r for r in grid.rooms if room is None or r.pk == room.pk]
    indices = [grid.rooms.index(r) for r in rooms]
    current = dict.fromkeys(indices)
    following = dict.fromkeys(indices)
    pause = dict.fromkeys(indices)
    current_slot = next_slot = None
    for day in grid.days:
        for row in day.rows:
            start, end = row.slot.start_datetime, row.slot.end_datetime
            if start <= at < end:
                current_slot = row.slot
                for index in indices:
                    current[index] = next(iter(row.cells[index]), None)
            elif start >= at:
                next_slot = next_slot or row.slot
                for index in indices:
                    if following[index] is None and pause[index] is None and row.slot.kind != TimeSlot.Kind.SESSION:
                        pause[index] = row.slot
                    if following[index] is None and row.cells[index]:
                        following[index] = row.cells[index][0]
    return NowNext(
        at=at,
        rooms=[RoomNowNext(grid.rooms[i], current[i], following[i], pause[i]) for i in indices],
        current_slot=current_slot,
        next_slot=next_slot,
        started=at >= event.start,
        over=at >= event.end,
    )


def display_data(grid):
    """The whole timetable as plain data, so a screen can move on by itself while offline."""
    return {
        "rooms": [{"id": room.pk, "name": room.name} for room in grid.rooms],
        "slots": [
            {
                "start": row.slot.start_datetime.isoformat(),
                "end": row.slot.end_datetime.isoformat(),
                "kind": row.slot.kind,
                "kind_label": str(row.slot.get_kind_display()),
                "label": row.slot.label,
                "sessions": {
                    str(grid.rooms[index].pk): {"title": cell[0].title, "hosts": cell[0].hosts}
                    for index, cell in enumerate(row.cells)
                    if cell
                },
            }
            for day in grid.days
            for row in day.rows
        ],
    }

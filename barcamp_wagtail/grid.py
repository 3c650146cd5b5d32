"""The programme of an event as a grid of days × time slots × rooms.

``schedule_grid()`` is what every view, template tag and exporter of the schedule
builds on; its query count does not depend on the number of sessions.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max, Q, Sum
from wagtail.models import Page

from .models import EventPage, Room, SessionPage, TimeSlot


@dataclass(frozen=True)
class GridRow:
    slot: TimeSlot
    # One list per room, in room order: usually empty or holding one session.
    cells: list[list[SessionPage]]


@dataclass(frozen=True)
class GridDay:
    day: date
    rows: list[GridRow]


@dataclass(frozen=True)
class ScheduleGrid:
    event: EventPage
    rooms: list[Room]
    days: list[GridDay]
    unscheduled: list[SessionPage] = field(default_factory=list)

    def scheduled_sessions(self):
        """Scheduled sessions in programme order: by day, slot, then room."""
        return [session for day in self.days for row in day.rows for cell in row.cells for session in cell]


def schedule_grid(event):
    """Build the grid of the event's published sessions in four queries."""
    rooms = list(Room.objects.filter(event=event).order_by("sort_order", "pk"))
    slots = list(TimeSlot.objects.filter(event=event).order_by("day", "start", "pk"))
    sessions = (
        SessionPage.objects.live()
        .child_of(event)
        .select_related("room", "time_slot")
        .prefetch_related("topics")
        .order_by("title", "pk")
    )
    room_index = {room.pk: index for index, room in enumerate(rooms)}
    placed = defaultdict(list)
    unscheduled = []
    for session in sessions:
        if session.time_slot_id is None or session.room_id not in room_index:
            unscheduled.append(session)
        else:
            placed[(session.time_slot_id, room_index[session.room_id])].append(session)

    rows_by_day = defaultdict(list)
    for slot in slots:
        cells = [placed.get((slot.pk, index), []) for index in range(len(rooms))]
        rows_by_day[slot.day].append(GridRow(slot=slot, cells=cells))
    days = [GridDay(day=day, rows=rows) for day, rows in sorted(rows_by_day.items())]
    return ScheduleGrid(event=event, rooms=rooms, days=days, unscheduled=unscheduled)


def schedule_version(event):
    """A string that changes whenever the published programme of ``event`` may have changed.

    Every publish creates a revision, so the highest live revision id moves on each
    change made through Wagtail; counts and id sums catch unpublishing, deleting and
    rooms or slots written without a revision. Costs three small aggregate queries.
    """
    pages = Page.objects.filter(Q(pk=event.pk) | Q(path__startswith=event.path, depth=event.depth + 1)).aggregate(
        n_live=Count("pk", filter=Q(live=True)),
        live_ids=Sum("pk", filter=Q(live=True)),
        revision=Max("live_revision_id"),
        published=Max("last_published_at"),
    )
    rooms = Room.objects.filter(event=event).aggregate(n=Count("pk"), ids=Sum("pk"), order=Sum("sort_order"))
    slots = TimeSlot.objects.filter(event=event).aggregate(n=Count("pk"), ids=Sum("pk"))
    published = pages["published"].timestamp() if pages["published"] else 0
    return (
        f"{event.pk}-{pages['n_live']}-{pages['live_ids']}-{pages['revision']}-{published}"
        f"-{rooms['n']}-{rooms['ids']}-{rooms['order']}-{slots['n']}-{slots['ids']}"
    )

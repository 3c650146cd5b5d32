"""The programme of an event as a grid of days × time slots × rooms.

``schedule_grid()`` is what every view, template tag and exporter of the schedule
builds on; its query count does not depend on the number of sessions.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, IntegerField, Max, Q, Sum, Value
from taggit.models import Tag
from wagtail.models import Page

from .models import EventPage, Room, SessionPage, SessionTopic, TimeSlot


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
    """Build the grid of the event's published sessions in four queries.

    Each session carries ``topic_tags``, a plain list of its topics; ``session.topics.all()``
    also answers from memory (Wagtail's tag manager is costly to call per session).
    """
    rooms = list(Room.objects.filter(event=event).order_by("sort_order", "pk"))
    slots = list(TimeSlot.objects.filter(event=event).order_by("day", "start", "pk"))
    sessions = list(
        SessionPage.objects.live().child_of(event).select_related("room", "time_slot").order_by("title", "pk")
    )
    _attach_topics(event, sessions)
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


def _attach_topics(event, sessions):
    """One query for the topics of all ``sessions`` (children of ``event``)."""
    topics = defaultdict(list)
    tagged = (
        SessionTopic.objects.filter(content_object__path__startswith=event.path, content_object__depth=event.depth + 1)
        .select_related("tag")
        .order_by("pk")
    )
    for item in tagged:
        topics[item.content_object_id].append(item.tag)
    for session in sessions:
        session.topic_tags = topics.get(session.pk, [])
        # What prefetch_related("topics") would leave, so callers may use the manager.
        prefetched = Tag.objects.all()
        prefetched._result_cache = session.topic_tags
        prefetched._prefetch_done = True
        session._prefetched_objects_cache = {"topics": prefetched}


def session_topics(session):
    """The session's topics: from ``schedule_grid()``'s list when there, else from the database."""
    tags = getattr(session, "topic_tags", None)
    return tags if tags is not None else list(session.topics.all())


def schedule_version(event):
    """A string that changes whenever the published programme of ``event`` may have changed.

    Every publish creates a revision, so the highest live revision id moves on each
    change made through Wagtail; counts and id sums catch unpublishing, deleting and
    rooms or slots written without a revision. Costs two small aggregate queries.
    """
    return schedule_version_at(event.path, event.depth)


def schedule_version_at(path, depth):
    """``schedule_version()`` of the event at ``path`` and ``depth`` in the page tree.

    For callers that know where the event is but have not loaded it (the schedule page).
    """
    pages = Page.objects.filter(Q(path=path) | Q(path__startswith=path, depth=depth + 1)).aggregate(
        event=Max("pk", filter=Q(path=path)),
        n_live=Count("pk", filter=Q(live=True)),
        live_ids=Sum("pk", filter=Q(live=True)),
        revision=Max("live_revision_id"),
        published=Max("last_published_at"),
    )
    # Rooms and slots in one query: (kind, count, id sum, order sum); no row when there are none.
    rooms = _grid_line_stats(Room, path, 1, Sum("sort_order"))
    slots = _grid_line_stats(TimeSlot, path, 2, Value(0, output_field=IntegerField()))
    stats = {kind: (n, ids, order) for kind, n, ids, order in rooms.union(slots, all=True).order_by()}
    rooms_n, rooms_ids, rooms_order = stats.get(1, (0, None, None))
    slots_n, slots_ids, _order = stats.get(2, (0, None, 0))
    published = pages["published"].timestamp() if pages["published"] else 0
    return (
        f"{pages['event']}-{pages['n_live']}-{pages['live_ids']}-{pages['revision']}-{published}"
        f"-{rooms_n}-{rooms_ids}-{rooms_order}-{slots_n}-{slots_ids}"
    )


def _grid_line_stats(model, path, kind, order):
    return (
        model.objects.filter(event__path=path)
        .order_by()
        .values("event")
        .annotate(kind=Value(kind, output_field=IntegerField()), n=Count("pk"), ids=Sum("pk"), order=order)
        .values_list("kind", "n", "ids", "order")
    )


def filter_grid(grid, day=None, topic=None):
    """The grid restricted to one day and/or to sessions with the topic slug ``topic``.

    Filtered-out sessions leave their cells empty, so rows and columns stay in place.
    """
    days = [grid_day for grid_day in grid.days if day is None or grid_day.day == day]
    if topic is not None:

        def keep(session):
            return any(tag.slug == topic for tag in session_topics(session))

        days = [
            GridDay(
                day=grid_day.day,
                rows=[
                    GridRow(slot=row.slot, cells=[[s for s in cell if keep(s)] for cell in row.cells])
                    for row in grid_day.rows
                ],
            )
            for grid_day in days
        ]
        unscheduled = [session for session in grid.unscheduled if keep(session)]
    else:
        unscheduled = list(grid.unscheduled)
    return ScheduleGrid(event=grid.event, rooms=grid.rooms, days=days, unscheduled=unscheduled)


def grid_topics(grid):
    """The topics of the grid's sessions as (slug, name) pairs, sorted by name."""
    topics = {tag.slug: tag.name for session in grid.scheduled_sessions() for tag in session_topics(session)}
    return sorted(topics.items(), key=lambda item: item[1].casefold())


def session_data(session, request=None):
    """What a headless site may show of a session: what its public page shows, no more."""
    return {
        "id": session.pk,
        "title": session.title,
        "url": session.get_url(request),
        "hosts": session.hosts,
        "format": session.format,
        "language": session.language,
        "abstract": session.abstract,
        "topics": [tag.name for tag in session_topics(session)],
        "room": session.room_id,
        "time_slot": session.time_slot_id,
    }


def grid_data(grid, request=None):
    """The grid as JSON-ready data (used by the API field and available to integrators)."""
    return {
        "event": {"id": grid.event.pk, "title": grid.event.title},
        "rooms": [{"id": room.pk, "name": room.name, "capacity": room.capacity} for room in grid.rooms],
        "days": [
            {
                "date": grid_day.day.isoformat(),
                "slots": [
                    {
                        "id": row.slot.pk,
                        "start": row.slot.start_datetime.isoformat(),
                        "end": row.slot.end_datetime.isoformat(),
                        "kind": row.slot.kind,
                        "label": row.slot.label,
                        "cells": [
                            {"room": room.pk, "sessions": [session_data(s, request) for s in cell]}
                            for room, cell in zip(grid.rooms, row.cells, strict=True)
                        ],
                    }
                    for row in grid_day.rows
                ],
            }
            for grid_day in grid.days
        ],
        "unscheduled": [session_data(session, request) for session in grid.unscheduled],
    }

"""The programme of an event as a grid of days × time slots × rooms.

``schedule_grid()`` is what every view, template tag and exporter of the schedule
builds on; its query count does not depend on the number of sessions.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import quote
from uuid import UUID

from django.conf import settings
from django.db import connection
from taggit.models import Tag
from wagtail.models import Page

from .models import EventPage, Room, SessionPage, SessionTopic, TimeSlot
from .multilingual import programme_owner, programme_owner_path, translate_grid_sessions, translate_session_pages


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
    """Build the grid of the event's published sessions, as pages, in three queries.

    Each session carries ``topic_tags``, a plain list of its topics; ``session.topics.all()``
    also answers from memory (Wagtail's tag manager is costly to call per session). For
    read-only renderings ``published_grid()`` is several times cheaper.

    On a multilingual site the programme is the original event's (``multilingual``): a
    translated event gets its rooms, slots and placements, with its own sessions' words, in
    two queries more.
    """
    owner = programme_owner(event)
    rooms, slots = _rooms_and_slots(owner)
    sessions = list(
        SessionPage.objects.live().child_of(owner).select_related("room", "time_slot").order_by("title", "pk")
    )
    _attach_topics(owner, sessions)
    if owner is not event:
        sessions = translate_session_pages(sessions, event)
    return _arrange(event, rooms, slots, sessions)


def _rooms_and_slots(event):
    """The event's rooms and time slots, in one query: every rendering reads both.

    A ``UNION ALL`` of the two tables: each row fills the columns of its own model and leaves
    the other's NULL (typed, so that dates and times are converted as the ORM converts them).
    The instances are built as the ORM loads them (``from_db``): the planner saves them.
    """
    room_fields, slot_fields = _own_fields(Room), _own_fields(TimeSlot)
    rooms_side = _union_side(Room, event, room_fields, slot_fields, own_first=True)
    slots_side = _union_side(TimeSlot, event, room_fields, slot_fields, own_first=False)
    rooms, slots = [], []
    # from_db() takes a full row in the model's field order.
    names = {model: [f.attname for f in model._meta.concrete_fields] for model in (Room, TimeSlot)}
    for is_room, *values in rooms_side.union(slots_side, all=True):
        model, fields, own = (
            (Room, room_fields, values[: len(room_fields)])
            if is_room
            else (TimeSlot, slot_fields, values[len(room_fields) :])
        )
        row = {"event_id": event.pk, **{f.attname: value for f, value in zip(fields, own, strict=True)}}
        instance = model.from_db(connection.alias, names[model], [row[name] for name in names[model]])
        (rooms if is_room else slots).append(instance)
    rooms.sort(key=lambda room: (room.sort_order is None, room.sort_order or 0, room.pk))
    slots.sort(key=lambda slot: (slot.day, slot.start, slot.pk))
    return rooms, slots


def _own_fields(model):
    """The concrete fields of ``model`` but its event (known to the caller)."""
    return [f for f in model._meta.concrete_fields if f.attname != "event_id"]


def _union_side(model, event, room_fields, slot_fields, own_first):
    """One side of ``_rooms_and_slots``'s UNION: (is a room, room columns, slot columns)."""
    from django.db.models import BooleanField, Value

    own, other = (room_fields, slot_fields) if own_first else (slot_fields, room_fields)
    nulls = {f"null_{f.attname}": Value(None, output_field=f.__class__()) for f in other}
    columns = [f.attname for f in own]
    queryset = model.objects.filter(event_id=event.pk).annotate(
        is_room=Value(own_first, output_field=BooleanField()), **nulls
    )
    ordered = [*columns, *nulls] if own_first else [*nulls, *columns]
    return queryset.order_by().values_list("is_room", *ordered)


def _arrange(event, rooms, slots, sessions):
    """Place ``sessions`` (in the order given) into days × slots × rooms."""
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


class Topic(NamedTuple):
    """A session's topic as the public renderings show it (a tag's name and slug)."""

    name: str
    slug: str


#: The page fields a ``GridSession`` carries, read in one query by ``published_grid()``.
GRID_SESSION_FIELDS = (
    "id", "title", "slug", "hosts", "abstract", "description", "format", "language", "slides_url", "pad_url",
    "room_id", "time_slot_id", "live_revision_id", "last_published_at", "translation_key",
)  # fmt: skip


@dataclass(slots=True, eq=False)
class GridSession:
    """A published session as the schedule page, the exports and the API show it.

    Plain values read with ``values_list()``: building hundreds of pages (Wagtail's page and
    cluster set-up, tag objects) cost more than rendering them. The attribute names are the
    page's, so templates read ``session.title``, ``session.hosts``, ``session.room.name`` alike;
    ``url`` is the page's URL once ``set_session_urls()`` ran.
    """

    pk: int
    title: str
    slug: str
    hosts: str
    abstract: str
    description: str
    format: str
    language: str
    slides_url: str
    pad_url: str
    room_id: int | None
    time_slot_id: int | None
    live_revision_id: int | None
    last_published_at: datetime | None
    translation_key: UUID | None = None
    topic_tags: list = field(default_factory=list)
    room: Room | None = None
    time_slot: TimeSlot | None = None
    url: str = ""
    #: The URL of the event the session's page is below, when not the grid's own event (a
    #: session without a translation in a translated event's grid: see ``multilingual``).
    event_url: str = ""
    #: The schedule page's rendering of the card (``schedule_page.render_session_cards()``).
    card_html: str = ""

    @property
    def id(self):
        return self.pk

    @property
    def schedule_url(self):
        return self.url

    @property
    def topic_names(self):
        """The topics' names, separated by commas."""
        return ", ".join(topic.name for topic in self.topic_tags)

    def get_url(self, request=None):
        return self.url

    def get_format_display(self):
        return str(_format_labels().get(self.format, self.format))

    @property
    def language_name(self):
        from .conf import session_languages

        return dict(session_languages()).get(self.language, self.language)


def _format_labels():
    return dict(SessionPage._meta.get_field("format").flatchoices)


def published_grid(event):
    """``schedule_grid()`` with ``GridSession`` records instead of pages, in two queries.

    For read-only renderings: the schedule page, the machine-readable exports and the API.
    Topics come with the sessions (one row per topic), so the query count stays two
    whatever the number of sessions. ``event`` needs only its ``pk``, ``path`` and ``depth``.
    A translated event shows its original's programme in its own words (``multilingual``),
    in two queries more.
    """
    owner = programme_owner(event)
    rooms, slots = _rooms_and_slots(owner)
    rooms_by_pk = {room.pk: room for room in rooms}
    slots_by_pk = {slot.pk: slot for slot in slots}
    rows = (
        SessionPage.objects.filter(live=True, depth=owner.depth + 1, path__range=children_path_range(owner.path))
        .order_by("title", "pk", "tagged_items__pk")
        .values_list(*GRID_SESSION_FIELDS, "tagged_items__tag__name", "tagged_items__tag__slug")
    )
    sessions = []
    previous = None
    for *values, topic_name, topic_slug in rows:
        if previous is None or previous.pk != values[0]:
            previous = GridSession(*values)
            previous.room = rooms_by_pk.get(previous.room_id)
            previous.time_slot = slots_by_pk.get(previous.time_slot_id)
            sessions.append(previous)
        if topic_name is not None:
            previous.topic_tags.append(Topic(topic_name, topic_slug))
    if owner is not event:
        translate_grid_sessions(sessions, event, owner.url)
        sessions.sort(key=lambda session: (session.title, session.pk))
    return _arrange(event, rooms, slots, sessions)


def children_path_range(path):
    """The range of tree paths the children of the page at ``path`` lie in (as treebeard's
    ``get_children()`` filters them): an index range, where ``startswith`` scans the table."""
    return path + Page.alphabet[0] * Page.steplen, path + Page.alphabet[-1] * Page.steplen


def set_session_urls(grid, event_url):
    """Give each session of ``grid`` its URL, built from its event's URL ``event_url``.

    Sessions are children of the event, so their URL is the event's and their slug, encoded
    as Wagtail's URL reversing does; this saves resolving hundreds of page URLs.
    """
    if not event_url:
        return
    suffix = "/" if getattr(settings, "WAGTAIL_APPEND_SLASH", True) else ""
    base = event_url if event_url.endswith("/") else event_url + "/"
    for session in [*grid.scheduled_sessions(), *grid.unscheduled]:
        own_base = getattr(session, "event_url", "") or base
        own_base = own_base if own_base.endswith("/") else own_base + "/"
        session.url = f"{own_base}{quote(session.slug)}{suffix}"


def session_topics(session):
    """The session's topics: from the grid's list when there, else from the database."""
    tags = getattr(session, "topic_tags", None)
    return tags if tags is not None else list(session.topics.all())


@dataclass(frozen=True)
class ScheduleState:
    """What one query tells about an event's programme: its version and the event's own row."""

    version: str
    event_pk: int | None
    event_title: str
    event_url_path: str

    def event(self, path, depth):
        """The event as a page with only these fields loaded (any other loads on access)."""
        loaded = {
            "id": self.event_pk,
            "page_ptr_id": self.event_pk,
            "path": path,
            "depth": depth,
            "title": self.event_title,
            "url_path": self.event_url_path,
        }
        names = [f.attname for f in EventPage._meta.concrete_fields if f.attname in loaded]
        return EventPage.from_db(connection.alias, names, [loaded[name] for name in names])


def schedule_version(event):
    """A string that changes whenever the published programme of ``event`` may have changed.

    Every publish creates a revision, so the sum of the live revisions moves on each change
    made through Wagtail; counts and id sums catch unpublishing, deleting and rooms or slots
    written without a revision; the event's URL path catches moves; ``ScheduleStamp`` catches
    changes written in place (erasure). One query.
    """
    return schedule_state(event.path, event.depth).version


def schedule_version_at(path, depth):
    """``schedule_version()`` of the event at ``path`` and ``depth`` in the page tree."""
    return schedule_state(path, depth).version


def schedule_state(path, depth):
    """The ``ScheduleState`` of the event at ``path`` and ``depth`` in the page tree, in one query.

    Written as SQL: the query runs on every view of a cached schedule or export, and building
    it with the ORM cost more than running it. On a multilingual site a translated event's
    version also holds its original's, whose programme it shows (two queries more).
    """
    state = _own_state(path, depth)
    owner_path = programme_owner_path(path)
    if owner_path == path or state.event_pk is None:
        return state
    owner = _own_state(owner_path, len(owner_path) // Page.steplen)
    return replace(state, version=f"{state.version}|{owner.version}")


def _own_state(path, depth):
    low, high = children_path_range(path)
    with connection.cursor() as cursor:
        cursor.execute(_state_sql(connection.vendor), [low, high, depth + 1, path, path, path])
        row = cursor.fetchone()
    if row is None:
        return ScheduleState(version="none", event_pk=None, event_title="", event_url_path="")
    event_pk, title, url_path, *facts = row
    return ScheduleState(
        version="-".join([str(event_pk), url_path, *("" if value is None else str(value) for value in facts)]),
        event_pk=event_pk,
        event_title=title,
        event_url_path=url_path,
    )


@lru_cache
def _state_sql(vendor):
    from .models import ScheduleStamp

    q = connection.ops.quote_name
    page, room, slot = q(Page._meta.db_table), q(Room._meta.db_table), q(TimeSlot._meta.db_table)
    stamp = q(ScheduleStamp._meta.db_table)
    # The event's own row, with aggregates of its children (live ones counted; the latest
    # publication of any, so unpublishing never brings back an earlier version), its rooms
    # and slots (sums of ids and of sort orders see a replacement or a reordering) and its stamp.
    # Only table names are formatted in; every value is a parameter.
    return f"""
        SELECT e.id, e.title, e.url_path, e.live, e.live_revision_id, e.last_published_at,
               c.n, c.ids, c.revisions, c.published, r.n, r.ids, r.orders, s.n, s.ids, st.counter
        FROM {page} e
        CROSS JOIN (
            SELECT SUM(CASE WHEN live THEN 1 ELSE 0 END) AS n, SUM(CASE WHEN live THEN id END) AS ids,
                   SUM(CASE WHEN live THEN live_revision_id END) AS revisions,
                   MAX(last_published_at) AS published
            FROM {page} WHERE path BETWEEN %s AND %s AND depth = %s
        ) c
        LEFT JOIN (
            SELECT event_id, COUNT(*) AS n, SUM(id) AS ids, SUM(sort_order) AS orders
            FROM {room} WHERE event_id IN (SELECT id FROM {page} WHERE path = %s) GROUP BY event_id
        ) r ON r.event_id = e.id
        LEFT JOIN (
            SELECT event_id, COUNT(*) AS n, SUM(id) AS ids
            FROM {slot} WHERE event_id IN (SELECT id FROM {page} WHERE path = %s) GROUP BY event_id
        ) s ON s.event_id = e.id
        LEFT JOIN {stamp} st ON st.event_id = e.id
        WHERE e.path = %s
    """  # noqa: S608


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
    """What a headless site may show of a session: what its public page shows, no more
    (host names without anything that looks like an e-mail address, as in the exports)."""
    from .exporters.programme import host_names

    return {
        "id": session.pk,
        "title": session.title,
        "url": session.get_url(request),
        "hosts": ", ".join(host_names(session)),
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

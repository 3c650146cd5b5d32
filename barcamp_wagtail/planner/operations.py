"""What the planner does to a programme, and what it warns about before doing it.

A change is a ``Plan``: one or more sessions going to a cell (room + slot) or back to
unscheduled, or a new session typed into a cell. ``find_conflicts()`` lists the warnings
shown before saving; ``apply_plan()`` publishes a new revision of every session it moves
and records a ``ScheduleChange`` for each, so that the history can be read and undone.
"""

import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log

from ..models import Room, ScheduleChange, SessionPage, TimeSlot

HOST_SEPARATORS = re.compile(r"\s*(?:,|;|&|/|\+|\band\b|\bund\b)\s*", re.IGNORECASE)


@lru_cache(maxsize=2048)
def host_spellings(hosts):
    """Each host of a ``hosts`` text as written, keyed by its normalised name: warnings name
    people as the editors typed them ("Marie Ting", not "marie ting").

    Cached: the planner compares every session's hosts with every other's (read it, never change it).
    """
    spellings = {}
    for name in HOST_SEPARATORS.split(unicodedata.normalize("NFKC", hosts or "")):
        name = " ".join(name.split())
        if name:
            spellings.setdefault(name.casefold(), name)
    return spellings


@lru_cache(maxsize=2048)
def host_names(hosts):
    """Normalised host names of a ``hosts`` text: "Marie  Ting & ANNA" → {"marie ting", "anna"}."""
    return frozenset(host_spellings(hosts))


def session_interest(session):
    """How many people want to attend ``session``, or None when nobody knows.

    ``SessionPage.interest`` gives the hand count or online votes of the accepted proposal the
    session came from (see ``models/plenary.py``); a subclass may override it. Without a number
    the capacity warning is skipped.
    """
    interest = getattr(session, "interest", None)
    if callable(interest):
        interest = interest()
    return interest if isinstance(interest, int) else None


def slots_overlap(first, second):
    if first.pk is not None and first.pk == second.pk:
        return True
    first_start, first_end = _span(first)
    second_start, second_end = _span(second)
    return first_start < second_end and second_start < first_end


def _span(slot):
    # Kept on the slot: the planner compares each slot with every other many times.
    if getattr(slot, "_planner_span", None) is None:
        slot._planner_span = (slot.start_datetime, slot.end_datetime)
    return slot._planner_span


@dataclass
class Move:
    """``session`` goes to ``room`` and ``slot`` (both None: back to unscheduled)."""

    session: SessionPage
    room: Room | None
    slot: TimeSlot | None


@dataclass
class Plan:
    action: str
    moves: list[Move] = field(default_factory=list)
    # For "create": the title and hosts typed into the cell of the single move.
    title: str = ""
    hosts: str = ""
    undoes: ScheduleChange | None = None


def _cell(room, slot):
    return (room.pk, slot.pk) if room is not None and slot is not None else None


@dataclass(frozen=True)
class Conflict:
    """One thing wrong with a session's place: a ``sentence`` asked before saving a change, and a
    short ``label`` shown on the session's card in the grid."""

    kind: str  # "shared-cell", "no-session-slot", "host-busy", "over-capacity"
    sentence: str
    label: str


def placement_conflicts(session, room, slot, others, title=None, hosts=None):
    """What is wrong with ``session`` in ``room`` at ``slot`` next to ``others``.

    ``others`` lists where the other sessions are, as (session, room, slot); ``title`` and
    ``hosts`` stand in for a session not saved yet. Reads ``session.interest`` (no query when the
    session came through ``plenary.with_interest()``).
    """
    title = session.title if title is None else title
    hosts = session.hosts if hosts is None else hosts
    for other, other_room, other_slot in others:
        if _cell(other_room, other_slot) == _cell(room, slot):
            yield Conflict(
                "shared-cell",
                _("“%(title)s” would share %(room)s at %(time)s with “%(other)s”.")
                % {"title": title, "room": room.name, "time": _slot_text(slot), "other": other.title},
                _("Shares the cell with “%(other)s”") % {"other": other.title},
            )
    if slot.kind != TimeSlot.Kind.SESSION:
        yield Conflict(
            "no-session-slot",
            _("“%(title)s” would be placed in a slot for a %(kind)s (%(time)s).")
            % {"title": title, "kind": slot.get_kind_display(), "time": _slot_text(slot)},
            _("In a slot for a %(kind)s") % {"kind": slot.get_kind_display()},
        )
    names = host_names(hosts)
    if names:
        for other, other_room, other_slot in others:
            if other_room.pk == room.pk or not slots_overlap(slot, other_slot):
                continue
            other_spellings = host_spellings(other.hosts)
            shared = names & other_spellings.keys()
            if shared:
                # As typed on the session already in the grid.
                hosts_text = ", ".join(sorted(other_spellings[name] for name in shared))
                yield Conflict(
                    "host-busy",
                    _("%(hosts)s would host “%(title)s” in %(room)s and “%(other)s” in %(other_room)s at once.")
                    % {
                        "hosts": hosts_text,
                        "title": title,
                        "room": room.name,
                        "other": other.title,
                        "other_room": other_room.name,
                    },
                    _("%(hosts)s also hosts “%(other)s” in %(other_room)s")
                    % {"hosts": hosts_text, "other": other.title, "other_room": other_room.name},
                )
    interest = session_interest(session)
    if interest is not None and room.capacity is not None and interest > room.capacity:
        yield Conflict(
            "over-capacity",
            _("%(interest)s people are interested in “%(title)s”, but %(room)s seats %(capacity)s.")
            % {"interest": interest, "title": title, "room": room.name, "capacity": room.capacity},
            _("%(interest)s interested, %(capacity)s seats") % {"interest": interest, "capacity": room.capacity},
        )


def placed_sessions(sessions, moves=()):
    """Where each of ``sessions`` is once ``moves`` are made: a list of (session, room, slot)."""
    moved = {move.session.pk: move for move in moves if move.session.pk}
    placed = []
    for session in sessions:
        move = moved.get(session.pk)
        room, slot = (move.room, move.slot) if move else (session.room, session.time_slot)
        if room is not None and slot is not None:
            placed.append((session, room, slot))
    return placed


def plan_conflicts(event, plan, sessions=None):
    """What ``plan`` would leave wrong, as (session, ``Conflict``) pairs; empty when nothing is.

    ``sessions`` are the event's live sessions with room and slot, when the caller has them
    already (the planner checks one plan per cell); else they are read in one query.
    """
    if sessions is None:
        sessions = list(SessionPage.objects.live().child_of(event).select_related("room", "time_slot"))
    placed = placed_sessions(sessions, plan.moves)
    found = []
    for move in plan.moves:
        if move.room is None or move.slot is None:
            continue
        creating = plan.action == "create"
        others = [(s, r, t) for s, r, t in placed if s.pk != move.session.pk]
        conflicts = placement_conflicts(
            move.session,
            move.room,
            move.slot,
            others,
            title=plan.title if creating else None,
            hosts=plan.hosts if creating else None,
        )
        found += [(move.session, conflict) for conflict in conflicts]
    return found


def find_conflicts(event, plan, sessions=None):
    """The warnings ``plan`` deserves, as sentences asked before saving; empty when nothing is wrong."""
    # A swap checks both ends; the same sentence may come up twice.
    return list(dict.fromkeys(conflict.sentence for _session, conflict in plan_conflicts(event, plan, sessions)))


def _slot_text(slot):
    from django.utils.formats import date_format, time_format

    return f"{date_format(slot.day, 'SHORT_DATE_FORMAT')} {time_format(slot.start, 'TIME_FORMAT')}"


@transaction.atomic
def apply_plan(event, plan, user):
    """Publish the plan: a new, published revision for each session it touches.

    Returns the recorded ``ScheduleChange`` objects (they share one batch).
    """
    batch = uuid.uuid4()
    changes = []
    action = ScheduleChange.Action.UNDO if plan.undoes is not None else plan.action
    for move in plan.moves:
        if plan.action == "create":
            session = _create_session(event, plan, move, user)
            from_room = from_slot = None
        else:
            # The page row holds the live content: unpublished drafts are left out of the
            # new revision (they stay in the page's history).
            session = SessionPage.objects.select_for_update().get(pk=move.session.pk)
            from_room, from_slot = session.room, session.time_slot
            session.room, session.time_slot = move.room, move.slot
            session.save_revision(user=user, log_action=True).publish(user=user)
        changes.append(
            ScheduleChange.objects.create(
                event=event,
                session=session,
                session_title=session.title[:255],
                user=user,
                action=action,
                batch=batch,
                from_room=from_room,
                from_slot=from_slot,
                to_room=move.room,
                to_slot=move.slot,
            )
        )
    return changes


def _create_session(event, plan, move, user):
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    slug = slugify(plan.title, allow_unicode=allow_unicode) or "session"
    session = SessionPage(
        title=plan.title,
        hosts=plan.hosts,
        slug=find_available_slug(event, slug),
        room=move.room,
        time_slot=move.slot,
        owner=user,
    )
    event.add_child(instance=session)
    log(instance=session, action="wagtail.create", user=user)
    session.save_revision(user=user, log_action=True).publish(user=user)
    return session


def undo_plan(event, change):
    """The plan that puts the sessions of ``change``'s batch back where they were."""
    batch = ScheduleChange.objects.filter(event=event, batch=change.batch).select_related(
        "session", "from_room", "from_slot"
    )
    moves = [
        Move(session=item.session, room=item.from_room, slot=item.from_slot)
        for item in batch
        if item.session is not None and item.session.live
    ]
    return Plan(action="undo", moves=moves, undoes=change)

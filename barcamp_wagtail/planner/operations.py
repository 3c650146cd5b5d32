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

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log

from ..models import Room, ScheduleChange, SessionPage, TimeSlot

HOST_SEPARATORS = re.compile(r"\s*(?:,|;|&|/|\+|\band\b|\bund\b)\s*", re.IGNORECASE)


def host_names(hosts):
    """Normalised host names of a ``hosts`` text: "Marie  Ting & ANNA" → {"marie ting", "anna"}."""
    return set(host_spellings(hosts))


def host_spellings(hosts):
    """Each host of a ``hosts`` text as written, keyed by its normalised name: warnings name
    people as the editors typed them ("Marie Ting", not "marie ting")."""
    spellings = {}
    for name in HOST_SEPARATORS.split(unicodedata.normalize("NFKC", hosts or "")):
        name = " ".join(name.split())
        if name:
            spellings.setdefault(name.casefold(), name)
    return spellings


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
    return first.start_datetime < second.end_datetime and second.start_datetime < first.end_datetime


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


def find_conflicts(event, plan):
    """The warnings ``plan`` deserves, as sentences; empty when nothing is wrong."""
    sessions = list(SessionPage.objects.live().child_of(event).select_related("room", "time_slot"))
    moved = {move.session.pk: move for move in plan.moves if move.session.pk}
    # Where every session would be after the plan: (session, room, slot).
    placed = []
    for session in sessions:
        move = moved.get(session.pk)
        room, slot = (move.room, move.slot) if move else (session.room, session.time_slot)
        if room is not None and slot is not None:
            placed.append((session, room, slot))

    warnings = []
    for move in plan.moves:
        if move.room is None or move.slot is None:
            continue
        session, room, slot = move.session, move.room, move.slot
        title = plan.title if plan.action == "create" else session.title
        hosts = plan.hosts if plan.action == "create" else session.hosts
        others = [(s, r, t) for s, r, t in placed if s.pk != session.pk]
        for other, other_room, other_slot in others:
            if _cell(other_room, other_slot) == _cell(room, slot):
                warnings.append(
                    _("“%(title)s” would share %(room)s at %(time)s with “%(other)s”.")
                    % {"title": title, "room": room.name, "time": _slot_text(slot), "other": other.title}
                )
        if slot.kind != TimeSlot.Kind.SESSION:
            warnings.append(
                _("“%(title)s” would be placed in a slot for a %(kind)s (%(time)s).")
                % {"title": title, "kind": slot.get_kind_display(), "time": _slot_text(slot)}
            )
        names = host_names(hosts)
        if names:
            for other, other_room, other_slot in others:
                if other_room.pk == room.pk or not slots_overlap(slot, other_slot):
                    continue
                other_spellings = host_spellings(other.hosts)
                shared = names & set(other_spellings)
                if shared:
                    warnings.append(
                        _("%(hosts)s would host “%(title)s” in %(room)s and “%(other)s” in %(other_room)s at once.")
                        % {
                            # As typed on the session already in the grid, else on this one.
                            "hosts": ", ".join(sorted(other_spellings[name] for name in shared)),
                            "title": title,
                            "room": room.name,
                            "other": other.title,
                            "other_room": other_room.name,
                        }
                    )
        interest = session_interest(session)
        if interest is not None and room.capacity is not None and interest > room.capacity:
            warnings.append(
                _("%(interest)s people are interested in “%(title)s”, but %(room)s seats %(capacity)s.")
                % {"interest": interest, "title": title, "room": room.name, "capacity": room.capacity}
            )
    # A swap checks both ends; the same sentence may come up twice.
    return list(dict.fromkeys(warnings))


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

"""The planner's "Propose a grid": the allocator fed with an event's unscheduled sessions.

Candidates are the event's published sessions without a place (accepted proposals become
such sessions), with their interest (hand count, else online votes), hosts and topics. They
go into the free cells of ``session`` slots; cells already used keep their sessions, whose
hosts and topics count. Applying places the sessions through the planner's operations, so
every move is in the history and one undo takes the whole proposal back.
"""

import hashlib
from dataclasses import dataclass

from ..allocation import Candidate, Occupied, RoomSpec, propose_grid
from ..grid import schedule_grid
from ..models import SessionPage, TimeSlot
from ..models.plenary import with_interest
from .operations import Move, Plan, host_names


@dataclass
class Proposal:
    placements: list  # (session, room, slot, interest), in slot and room order
    unplaced: list  # (session, interest)
    notes: list  # (session, message)
    fingerprint: str

    def plan(self):
        return Plan(action="place", moves=[Move(session, room, slot) for session, room, slot, _i in self.placements])


def propose_for_event(event):
    grid = schedule_grid(event)
    sessions = {session.pk: session for session in grid.unscheduled}
    interest = dict(with_interest(SessionPage.objects.filter(pk__in=sessions)).values_list("pk", "proposal_interest"))
    candidates = [
        Candidate(
            key=session.pk,
            title=session.title,
            interest=interest.get(session.pk) or 0,
            hosts=frozenset(host_names(session.hosts)),
            topics=frozenset(session.topic_tags),
        )
        for session in grid.unscheduled
    ]
    rooms = {room.pk: room for room in grid.rooms}
    slots = {row.slot.pk: row.slot for day in grid.days for row in day.rows if row.slot.kind == TimeSlot.Kind.SESSION}
    occupied = [
        Occupied(
            slot=row.slot.pk,
            room=room.pk,
            hosts=frozenset(host_names(session.hosts)),
            topics=frozenset(session.topic_tags),
        )
        for day in grid.days
        for row in day.rows
        for room, cell in zip(grid.rooms, row.cells, strict=True)
        for session in cell
    ]
    allocation = propose_grid(
        candidates, [RoomSpec(room.pk, room.name, room.capacity) for room in grid.rooms], list(slots), occupied
    )
    room_order = {room.pk: index for index, room in enumerate(grid.rooms)}
    slot_order = {key: index for index, key in enumerate(slots)}
    placed = sorted(allocation.placements.items(), key=lambda item: (slot_order[item[1][0]], room_order[item[1][1]]))
    placements = [
        (sessions[key], rooms[room_key], slots[slot_key], interest.get(key)) for key, (slot_key, room_key) in placed
    ]
    fingerprint = hashlib.sha256(
        repr([(key, slot_key, room_key) for key, (slot_key, room_key) in placed]).encode()
    ).hexdigest()
    return Proposal(
        placements=placements,
        unplaced=[(sessions[candidate.key], interest.get(candidate.key)) for candidate in allocation.unplaced],
        notes=[(sessions[note.candidate.key], str(note.message)) for note in allocation.notes],
        fingerprint=fingerprint,
    )

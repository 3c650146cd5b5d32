"""Propose a grid: put the most-wanted sessions into the largest rooms.

Pure and deterministic: the same input always gives the same grid. Rules, in order:
1. sessions are taken by interest (highest first), ties by their given order;
2. each goes to the largest room that still has a free cell;
3. within that room, to a slot where none of its hosts is busy (a hard rule: if every
   free cell clashes, the next room is tried, and if none is left it stays unplaced),
   preferring slots with fewer sessions of the same topic, then the earliest slot.
Every rule that could not be kept is explained in ``Allocation.notes``.

Topics may be any hashable objects (the planner passes Wagtail's topic tags, not strings): they
are compared as given and named by ``str()`` in the notes.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Candidate:
    key: object
    title: str
    interest: int = 0
    hosts: frozenset = frozenset()
    topics: frozenset = frozenset()


@dataclass(frozen=True)
class RoomSpec:
    key: object
    name: str
    capacity: int | None = None


@dataclass(frozen=True)
class Note:
    candidate: Candidate
    message: str


@dataclass
class Allocation:
    placements: dict = field(default_factory=dict)  # candidate key -> (slot key, room key)
    unplaced: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def normalise_host(name):
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class Occupied:
    """A cell that already holds a session: it is not free, and its hosts and topics count."""

    slot: object
    room: object
    hosts: frozenset = frozenset()
    topics: frozenset = frozenset()


def propose_grid(candidates, rooms, slot_keys, occupied=()):
    """Place ``candidates`` into the free cells of ``slot_keys`` × ``rooms``.

    ``occupied`` lists the cells already taken (``Occupied``): they stay as they are.
    """
    ranked_rooms = sorted(enumerate(rooms), key=lambda item: (-(item[1].capacity or 0), item[0]))
    ranked_rooms = [room for _index, room in ranked_rooms]
    slot_order = {slot: index for index, slot in enumerate(slot_keys)}
    free = {room.key: list(slot_keys) for room in ranked_rooms}
    busy_hosts = {slot: set() for slot in slot_keys}
    topics_in_slot = {slot: {} for slot in slot_keys}
    for cell in occupied:
        if cell.slot not in slot_order:
            continue
        if cell.room in free and cell.slot in free[cell.room]:
            free[cell.room].remove(cell.slot)
        busy_hosts[cell.slot] |= {normalise_host(host) for host in cell.hosts if host.strip()}
        for topic in cell.topics:
            topics_in_slot[cell.slot][topic] = topics_in_slot[cell.slot].get(topic, 0) + 1
    allocation = Allocation()
    order = sorted(enumerate(candidates), key=lambda item: (-item[1].interest, item[0]))
    # Once the grid is full the sessions left over skip the rooms: with 400 proposals for 120
    # cells, trying every room for each of the 280 took longer than placing the 120.
    free_cells = sum(len(slots) for slots in free.values())
    host_busy = _("Not placed: a host is busy in every slot that still has a free room.")
    grid_full = _("Not placed: there are more sessions than free cells.")
    # Translated once per call, not once per note: looking up the translation for each of the
    # hundreds of notes was a third of the time (400 proposals).
    texts = {
        "skipped": gettext("Placed in %(room)s instead of %(larger)s: a host is busy in its free slots."),
        "seats": gettext("%(interest)s interested, but %(room)s has %(capacity)s seats."),
        "topics": gettext("Shares its slot with another session on %(topics)s: no slot without one was free."),
    }

    for _index, candidate in order:
        if not free_cells:
            allocation.unplaced.append(candidate)
            allocation.notes.append(Note(candidate, grid_full))
            continue
        hosts = {normalise_host(host) for host in candidate.hosts if host.strip()}
        placed = False
        skipped_rooms = []
        for room in ranked_rooms:
            slots = [slot for slot in free[room.key] if not hosts & busy_hosts[slot]]
            if not slots:
                if free[room.key]:
                    skipped_rooms.append(room)
                continue
            slot = min(
                slots,
                key=lambda s: (sum(topics_in_slot[s].get(t, 0) for t in candidate.topics), slot_order[s]),
            )
            _place(allocation, candidate, room, slot, hosts, free, busy_hosts, topics_in_slot, skipped_rooms, texts)
            free_cells -= 1
            placed = True
            break
        if not placed:
            allocation.unplaced.append(candidate)
            allocation.notes.append(Note(candidate, host_busy))
    return allocation


def _place(allocation, candidate, room, slot, hosts, free, busy_hosts, topics_in_slot, skipped_rooms, texts):
    free[room.key].remove(slot)
    busy_hosts[slot] |= hosts
    clashing_topics = sorted({str(t) for t in candidate.topics if topics_in_slot[slot].get(t)}, key=str.casefold)
    for topic in candidate.topics:
        topics_in_slot[slot][topic] = topics_in_slot[slot].get(topic, 0) + 1
    allocation.placements[candidate.key] = (slot, room.key)
    if skipped_rooms:
        allocation.notes.append(
            Note(candidate, texts["skipped"] % {"room": room.name, "larger": skipped_rooms[0].name})
        )
    if room.capacity is not None and candidate.interest > room.capacity:
        allocation.notes.append(
            Note(
                candidate,
                texts["seats"] % {"interest": candidate.interest, "room": room.name, "capacity": room.capacity},
            )
        )
    if clashing_topics:
        allocation.notes.append(Note(candidate, texts["topics"] % {"topics": ", ".join(clashing_topics)}))

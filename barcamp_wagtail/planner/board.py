"""The planner's board: the grid as the planner shows it, the sessions waiting for a place
(most wanted first), each card with its interest and its conflicts, and, once a session is
picked, what each cell would do with it and what that would cost.

Built on ``grid.schedule_grid()`` (four queries) and one query for the interest in every
session; the conflicts come from ``operations.placement_conflicts()``, computed in memory, so
the board costs the same few queries however many sessions there are.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from ..grid import schedule_grid
from ..models import SessionPage, SessionProposal, TimeSlot
from .operations import Move, Plan, placed_sessions, placement_conflicts, plan_conflicts


@dataclass
class Card:
    """A session as the planner shows it."""

    session: SessionPage
    hands: int | None = None  # counted in the plenary
    votes: int | None = None  # online votes for its proposal
    conflicts: list = field(default_factory=list)  # operations.Conflict
    picked: bool = False

    @property
    def interest(self):
        """The hand count, else the online votes (as ``SessionPage.interest``); None when unknown."""
        return self.hands if self.hands is not None else self.votes

    @property
    def topics(self):
        return self.session.topic_tags

    @property
    def topic_slugs(self):
        return [tag.slug for tag in self.session.topic_tags]


@dataclass
class Target:
    """What a cell (or the waiting list) does with the picked session: the button's ``value``
    is posted as ``target`` (see ``forms.py``)."""

    action: str  # place, move, swap or remove
    value: str
    other: SessionPage | None = None
    warnings: list = field(default_factory=list)  # short labels, as on the cards


@dataclass
class Cell:
    room: object
    slot: object
    cards: list
    target: Target | None = None

    @property
    def key(self):
        return f"{self.slot.pk}:{self.room.pk}"

    @property
    def plannable(self):
        """Sessions go into session slots only: breaks and plenaries offer no place."""
        return self.slot.kind == TimeSlot.Kind.SESSION


@dataclass
class Row:
    slot: object
    cells: list

    @property
    def closed(self):
        """A break or plenary with no session in it: one cell across all rooms, nothing to place."""
        return self.slot.kind != TimeSlot.Kind.SESSION and not any(cell.cards for cell in self.cells)


@dataclass
class Day:
    day: object
    rows: list


@dataclass
class Board:
    event: object
    rooms: list
    days: list
    waiting: list  # Cards not scheduled, most wanted first
    sessions: list  # every live session of the event, with room and slot
    picked: Card | None = None
    remove_target: Target | None = None

    def cells(self):
        return [cell for day in self.days for row in day.rows for cell in row.cells]

    def cards(self):
        return [card for cell in self.cells() for card in cell.cards] + self.waiting

    def card(self, session_id):
        return next((card for card in self.cards() if card.session.pk == session_id), None)

    def free_cells(self):
        """Empty cells of session slots: where a session typed in may go."""
        return [cell for cell in self.cells() if cell.plannable and not cell.cards]

    def topics(self):
        """The topics of the waiting sessions as (slug, name), by name: the list's filter."""
        topics = {tag.slug: tag.name for card in self.waiting for tag in card.topics}
        return sorted(topics.items(), key=lambda item: item[1].casefold())


def planner_board(event, pick=None):
    """The board of ``event``; with ``pick`` (a session id) the cells carry their targets."""
    grid = schedule_grid(event)
    interest = _interest(event)
    cards = {}

    def card(session):
        hands, votes = interest.get(session.pk, (None, None))
        # What SessionPage.interest answers, without a query per session.
        session.proposal_interest = hands if hands is not None else votes
        cards[session.pk] = Card(session, hands=hands, votes=votes if hands is None else None)
        return cards[session.pk]

    days = [
        Day(
            day=grid_day.day,
            rows=[
                Row(
                    slot=row.slot,
                    cells=[
                        Cell(room, row.slot, [card(session) for session in sessions])
                        for room, sessions in zip(grid.rooms, row.cells, strict=True)
                    ],
                )
                for row in grid_day.rows
            ],
        )
        for grid_day in grid.days
    ]
    waiting = sorted(
        (card(session) for session in grid.unscheduled),
        key=lambda item: (-(item.interest if item.interest is not None else -1), item.session.title.casefold()),
    )
    sessions = [*grid.scheduled_sessions(), *grid.unscheduled]
    placed = placed_sessions(sessions)
    for session, room, slot in placed:
        others = [(s, r, t) for s, r, t in placed if s.pk != session.pk]
        cards[session.pk].conflicts = list(placement_conflicts(session, room, slot, others))
    board = Board(event=event, rooms=grid.rooms, days=days, waiting=waiting, sessions=sessions)
    if pick is not None and pick in cards:
        _add_targets(board, cards[pick])
    return board


def _interest(event):
    """{session id: (hand count, online votes)} from the accepted proposal each session came from
    (the latest decided, as ``SessionPage.interest``), in one query."""
    proposals = (
        SessionProposal.objects.filter(event=event, status=SessionProposal.Status.ACCEPTED, session__isnull=False)
        .annotate(vote_count=Count("votes"))
        .order_by("decided_at", "pk")
        .values_list("session_id", "hand_count", "vote_count")
    )
    # Later decisions overwrite earlier ones.
    return {session_id: (hands, votes) for session_id, hands, votes in proposals}


def _add_targets(board, picked):
    """Give each cell of a session slot what it would do with ``picked``, and its warnings."""
    board.picked = picked
    picked.picked = True
    session = picked.session
    home = next((cell for cell in board.cells() if any(card is picked for card in cell.cards)), None)
    for cell in board.cells():
        if not cell.plannable or cell is home:
            continue
        if len(cell.cards) == 1:
            # A waiting session swaps places with the one in the cell, which goes to the waiting list.
            other = cell.cards[0].session
            back = (home.room, home.slot) if home is not None else (None, None)
            plan = Plan(action="swap", moves=[Move(session, cell.room, cell.slot), Move(other, *back)])
            cell.target = Target("swap", f"swap:{other.pk}", other=other)
        else:
            action = "move" if home is not None else "place"
            plan = Plan(action=action, moves=[Move(session, cell.room, cell.slot)])
            cell.target = Target(action, f"{action}:{cell.key}")
        cell.target.warnings = list(
            dict.fromkeys(
                conflict.label
                if moved is session
                else _("“%(title)s”: %(conflict)s") % {"title": moved.title, "conflict": conflict.label}
                for moved, conflict in plan_conflicts(board.event, plan, sessions=board.sessions)
            )
        )
    if home is not None:
        board.remove_target = Target("remove", "remove")

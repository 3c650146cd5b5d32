"""The allocator around cells that are already used (the planner keeps what is in the grid)."""

from barcamp_wagtail.allocation import Candidate, Occupied, RoomSpec, propose_grid

ROOMS = [RoomSpec("big", "Big", 50), RoomSpec("small", "Small", 10)]


def test_an_occupied_cell_is_not_given_to_anyone_else():
    allocation = propose_grid([Candidate("a", "A", interest=30)], ROOMS, ["s1", "s2"], occupied=[Occupied("s1", "big")])

    assert allocation.placements == {"a": ("s2", "big")}


def test_hosts_of_occupied_cells_are_busy_in_that_slot():
    allocation = propose_grid(
        [Candidate("a", "A", interest=30, hosts=frozenset({"Marie Ting"}))],
        ROOMS,
        ["s1", "s2"],
        occupied=[Occupied("s1", "small", hosts=frozenset({"marie  ting"}))],
    )

    assert allocation.placements == {"a": ("s2", "big")}


def test_topics_of_occupied_cells_are_spread_over_the_slots():
    allocation = propose_grid(
        [Candidate("a", "A", interest=30, topics=frozenset({"Open Data"}))],
        ROOMS,
        ["s1", "s2"],
        occupied=[Occupied("s1", "small", topics=frozenset({"Open Data"}))],
    )

    assert allocation.placements == {"a": ("s2", "big")}


def test_occupied_cells_outside_the_given_slots_are_ignored():
    allocation = propose_grid([Candidate("a", "A")], ROOMS, ["s1"], occupied=[Occupied("lunch", "big")])

    assert allocation.placements == {"a": ("s1", "big")}


def test_when_every_cell_is_occupied_nothing_is_placed_and_it_is_explained():
    occupied = [Occupied("s1", "big"), Occupied("s1", "small")]

    allocation = propose_grid([Candidate("a", "A")], ROOMS, ["s1"], occupied=occupied)

    assert allocation.placements == {}
    assert [str(note.message) for note in allocation.notes] == ["Not placed: there are more sessions than free cells."]

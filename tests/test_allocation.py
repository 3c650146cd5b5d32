from barcamp_wagtail.allocation import Candidate, RoomSpec, propose_grid

BIG, MID, SMALL = RoomSpec("big", "Plenum", 40), RoomSpec("mid", "Werkstatt", 16), RoomSpec("small", "Studio", 8)


def candidate(key, interest=0, hosts=(), topics=()):
    return Candidate(key=key, title=key, interest=interest, hosts=frozenset(hosts), topics=frozenset(topics))


def messages(allocation, key):
    return [str(note.message) for note in allocation.notes if note.candidate.key == key]


def test_most_wanted_sessions_get_the_largest_rooms():
    sessions = [candidate("c", 5), candidate("a", 30), candidate("b", 12)]

    allocation = propose_grid(sessions, [SMALL, BIG, MID], ["s1"])

    assert allocation.placements == {"a": ("s1", "big"), "b": ("s1", "mid"), "c": ("s1", "small")}
    assert not allocation.unplaced


def test_the_largest_room_fills_every_slot_before_the_next_room():
    sessions = [candidate("a", 30), candidate("b", 20), candidate("c", 10)]

    allocation = propose_grid(sessions, [BIG, MID], ["s1", "s2"])

    assert allocation.placements == {"a": ("s1", "big"), "b": ("s2", "big"), "c": ("s1", "mid")}


def test_a_host_is_never_in_two_places_at_once():
    sessions = [candidate("a", 30, hosts=["Marie Ting"]), candidate("b", 20, hosts=[" marie  TING "])]

    allocation = propose_grid(sessions, [BIG, MID], ["s1", "s2"])

    assert allocation.placements["a"][0] != allocation.placements["b"][0]


def test_a_host_clash_moves_a_session_to_a_smaller_room_and_says_why():
    sessions = [candidate("a", 30, hosts=["Ann"]), candidate("b", 20, hosts=["Ann"])]

    allocation = propose_grid(sessions, [BIG, MID], ["s1"])

    assert allocation.placements == {"a": ("s1", "big")}
    assert allocation.unplaced[0].key == "b"
    assert messages(allocation, "b") == ["Not placed: a host is busy in every slot that still has a free room."]


def test_sessions_of_one_topic_are_spread_across_slots():
    sessions = [
        candidate("a", 30, topics=["KI"]),
        candidate("b", 25, topics=["Nachhaltigkeit"]),
        candidate("c", 20, topics=["KI"]),
        candidate("d", 15, topics=["Nachhaltigkeit"]),
    ]

    allocation = propose_grid(sessions, [BIG, MID], ["s1", "s2"])

    slot_topics = {}
    for key, (slot, _) in allocation.placements.items():
        slot_topics.setdefault(slot, []).append(next(iter(sessions[ord(key) - ord("a")].topics)))
    assert sorted(sorted(topics) for topics in slot_topics.values()) == [["KI", "Nachhaltigkeit"]] * 2


def test_interest_above_capacity_is_explained():
    allocation = propose_grid([candidate("a", 55)], [BIG], ["s1"])

    assert messages(allocation, "a") == ["55 interested, but Plenum has 40 seats."]


def test_a_notes_numbers_and_names_come_in_the_language_active_when_the_grid_is_proposed():
    from django.utils import translation

    with translation.override("de"):
        allocation = propose_grid([candidate("a", 55)], [BIG], ["s1"])

    assert messages(allocation, "a") == ["55 Interessierte, aber Plenum hat 40 Plätze."]


def test_more_sessions_than_cells_leaves_the_least_wanted_unplaced():
    sessions = [candidate(str(n), interest=n) for n in range(5)]

    allocation = propose_grid(sessions, [BIG, MID], ["s1"])

    assert set(allocation.placements) == {"4", "3"}
    assert [c.key for c in allocation.unplaced] == ["2", "1", "0"]
    assert messages(allocation, "0") == ["Not placed: there are more sessions than free cells."]


def test_ties_keep_the_given_order_and_the_result_is_deterministic():
    sessions = [candidate(name, 10) for name in "xyzw"]

    first = propose_grid(sessions, [BIG, MID], ["s1", "s2"])
    second = propose_grid(list(sessions), [BIG, MID], ["s1", "s2"])

    assert first.placements == second.placements
    assert first.placements["x"] == ("s1", "big") and first.placements["y"] == ("s2", "big")

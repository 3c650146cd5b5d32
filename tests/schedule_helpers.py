"""Builders for schedule tests: a schedule page and many sessions made quickly."""

from django.core.cache import caches

from barcamp_wagtail.models import SchedulePage, SessionPage


def make_schedule_page(event, title="Programme", slug="programme"):
    page = SchedulePage(title=title, slug=slug)
    event.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_many_sessions(event, count, rooms, slots, topics=("Digitalisierung",), first=0):
    """``count`` published sessions spread over the cells, without revisions (a fast path
    for volume tests: add_child writes each page once), numbered from ``first``."""
    cells = [(room, slot) for slot in slots for room in rooms]
    sessions = []
    for number in range(first, first + count):
        room, slot = cells[number % len(cells)]
        session = SessionPage(
            title=f"Session {number}",
            slug=f"session-{number}",
            hosts=f"Host {number}",
            room=room,
            time_slot=slot,
            live=True,
        )
        session.topics.add(*topics, f"topic-{number % 7}")
        event.add_child(instance=session)
        sessions.append(session)
    # The cache of a fresh event must not hold a programme of an earlier test's event.
    caches["default"].clear()
    return sessions

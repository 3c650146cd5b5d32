"""The venue address as editors type it (several lines; browsers send CR LF) in the calendar and
the booklet: one line with commas in LOCATION, its own lines in the booklet."""

import pytest
from icalendar import Calendar

from .export_helpers import export_url, raw_pdf_text
from .factories import make_event, make_room, make_session, make_slot

pytestmark = pytest.mark.django_db

ADDRESS = "Markt 1\r\n58636 Iserlohn\r\n\r\n"


@pytest.fixture
def event(db):
    event = make_event(title="Address camp", venue_name="Rathaus", venue_address=ADDRESS)
    make_session(event, "Town hall talk", room=make_room(event, "Ratssaal"), time_slot=make_slot(event))
    return event


def calendar_locations(content):
    return [str(item["location"]) for item in Calendar.from_ical(content).walk("VEVENT")]


def test_the_calendar_location_joins_the_address_lines_with_commas(client, event):
    response = client.get(export_url(event, "ical"))

    assert calendar_locations(response.content) == ["Ratssaal, Rathaus, Markt 1, 58636 Iserlohn"]
    # No line break of the address is left in the file, escaped or not, except the folding of long lines.
    unfolded = response.content.replace(b"\r\n ", b"")
    location_line = next(line for line in unfolded.split(b"\r\n") if line.startswith(b"LOCATION"))
    assert b"\\n" not in location_line and b"\r" not in location_line


def test_a_session_calendar_has_the_same_location(client, event):
    session = event.sessions().get()

    response = client.get(event.session_calendar_url(session))

    assert calendar_locations(response.content) == ["Ratssaal, Rathaus, Markt 1, 58636 Iserlohn"]


@pytest.mark.parametrize("address", ["Markt 1\r58636 Iserlohn", "  Markt 1  \n\n58636 Iserlohn\n"])
def test_old_style_and_untidy_line_breaks_give_the_same_location(client, event, address):
    event.venue_address = address
    event.save_revision().publish()

    assert calendar_locations(client.get(export_url(event, "ical")).content) == [
        "Ratssaal, Rathaus, Markt 1, 58636 Iserlohn"
    ]


def test_the_booklet_shows_the_address_lines_apart(client, event):
    text = raw_pdf_text(client.get(export_url(event, "pdf-booklet")).content)

    lines = [line.strip() for line in text.splitlines()]
    assert "Rathaus, Markt 1" in lines
    assert "58636 Iserlohn" in lines
    assert "Markt 158636" not in text.replace(" ", "")

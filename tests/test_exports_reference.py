"""The faster exporters give the bytes the 0.1.0 renderers gave (``tests/exports_reference.py``)."""

import datetime

import pytest
import time_machine
from django.utils import timezone, translation

from barcamp_wagtail.exporters import get_exporter
from barcamp_wagtail.exporters.ical import fold
from barcamp_wagtail.grid import published_grid, schedule_grid

from . import exports_reference
from .factories import EVENT_DAY, make_event, make_room, make_session, make_slot
from .test_exports_feeds import SCENARIOS

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 2, 8, 30, 59, 999999, tzinfo=datetime.UTC)


def editor_html_event():
    """Descriptions as editors and imports leave them: entities, links, lists, odd markup."""
    event = make_event(title="Rich text camp", venue_name="Halle; Süd", venue_address="Weg 1,\nOrt")
    room = make_room(event, "Saal")
    descriptions = [
        '<p>Tom &amp; Jerry &lt;3 <a href="https://example.org/?a=1&amp;b=2">Link</a></p>',
        "<ul><li>eins</li><li>zwei</li></ul><p>Straße&nbsp;&#8211; &#x2014; Ende</p>",
        "<p>A <script>alert('x')</script> script and <style>p{}</style> a style</p>",
        "<!-- comment --><p>After a comment</p><p a='single'>Single quotes</p>",
        "<p>1 < 2 and 3 > 2</p><br/><br />",
        "Plain text without tags, a@b.example.org and more",
        '<p data-block-key="x1"><b>Bold</b>\n<i>italic</i></p><h2 id="a">Heading</h2>',
        "",
    ]
    for number, description in enumerate(descriptions):
        make_session(
            event,
            f"Session {number}",
            room=room,
            time_slot=make_slot(event, f"{9 + number:02d}:00", f"{9 + number:02d}:45"),
            description=description,
            hosts="Ann; Bob, Cé \\ Dee",
            topics=[f"Topic, {number}", "a;b"],
            slides_url="https://example.org/slides" if number % 2 else "",
            pad_url="https://pad.example.org/p/1" if number % 3 == 0 else "",
            language="de" if number % 2 else "",
        )
    return event


def escapes_at_the_fold_event():
    """Titles whose backslashes, commas and carets land on the 75-octet line boundary."""
    event = make_event(title="Fold " + "ü" * 40 + " camp")
    room = make_room(event, "Raum")
    slot = make_slot(event)
    for length in range(62, 68):  # "SUMMARY:" and 66 characters fill the first line
        for tail in ("\\", ",", ";", "^", "ü", "日本", "\\\\"):
            make_session(event, "x" * length + tail + "y" * 30 + tail * 3, room=room, time_slot=slot)
    return event


REFERENCE_SCENARIOS = {**SCENARIOS, "editor HTML": editor_html_event, "escapes at the fold": escapes_at_the_fold_event}


def render_both(event, language="en", time_zone="Europe/Berlin"):
    with time_machine.travel(NOW, tick=False), timezone.override(time_zone), translation.override(language):
        return {
            identifier: (get_exporter(identifier).render(event), reference(event))
            for identifier, reference in exports_reference.RENDERERS.items()
        }


@pytest.mark.parametrize("scenario", REFERENCE_SCENARIOS)
def test_every_export_gives_the_bytes_of_the_reference_renderer(scenario):
    event = REFERENCE_SCENARIOS[scenario]()

    for identifier, (ours, reference) in render_both(event).items():
        assert ours == reference, identifier


@pytest.mark.parametrize(
    ("language", "time_zone"), [("de", "Europe/Berlin"), ("en", "UTC"), ("de", "America/St_Johns")]
)
def test_exports_give_the_reference_bytes_in_every_language_and_time_zone(language, time_zone):
    event = editor_html_event()
    make_session(event, "Late night", room=make_room(event, "Lounge"), time_slot=make_slot(event, "23:30", "00:45"))

    for identifier, (ours, reference) in render_both(event, language, time_zone).items():
        assert ours == reference, identifier


def test_the_calendar_of_one_session_gives_the_bytes_of_the_reference(client):
    event = editor_html_event()

    with time_machine.travel(NOW, tick=False):
        for session in event.sessions():
            response = client.get(event.session_calendar_url(session))
            assert response.content == exports_reference.session_ical(session)


def test_the_published_grid_holds_what_the_grid_of_pages_holds():
    event = editor_html_event()
    make_session(event, "Not placed yet", topics=["Loose"])
    make_session(event, "Draft", room=make_room(event, "Back"), time_slot=make_slot(event), publish=False)
    make_slot(event, "10:00", "10:30", day=EVENT_DAY + datetime.timedelta(days=1))

    pages, records = schedule_grid(event), published_grid(event)

    def shape(grid):
        return [
            (day.day, row.slot.pk, [[session.pk for session in cell] for cell in row.cells])
            for day in grid.days
            for row in day.rows
        ], [session.pk for session in grid.unscheduled]

    assert shape(records) == shape(pages)
    fields = ("title", "slug", "hosts", "abstract", "description", "format", "language", "slides_url", "pad_url")
    for page, record in zip(
        pages.scheduled_sessions() + pages.unscheduled, records.scheduled_sessions() + records.unscheduled, strict=True
    ):
        assert [getattr(record, name) for name in fields] == [getattr(page, name) for name in fields]
        assert (record.room, record.time_slot) == (page.room, page.time_slot)
        assert (record.live_revision_id, record.last_published_at) == (page.live_revision_id, page.last_published_at)
        assert [(topic.name, topic.slug) for topic in record.topic_tags] == [
            (tag.name, tag.slug) for tag in page.topic_tags
        ]
        assert record.get_format_display() == page.get_format_display()


@pytest.mark.parametrize("length", range(0, 200, 7))
def test_folding_matches_icalendar(length):
    from icalendar.parser.content_line import Contentline

    for text in ("a" * length, ("ab\\" * length)[:length], ("ü," * length)[:length], ("x^" * length)[:length]):
        line = "DESCRIPTION:" + text
        assert fold(line) == Contentline(line).to_ical().decode()


def test_text_escaping_matches_icalendar():
    from icalendar import vText

    from barcamp_wagtail.exporters.ical import _text

    for text in ("a\\N;b,c\r\nd\ne\rf", "\\\\;;,,", "Ünïcödé ^ \\n", ""):
        assert _text(text) == vText(text).to_ical().decode()

"""The schedule page writes its grid in Python while the app's templates are in use: the
same bytes as rendering those templates (which stay the reference and the override point)."""

import datetime

import pytest
from django.core.cache import caches
from django.test import RequestFactory
from django.utils import translation

from barcamp_wagtail import schedule_page
from barcamp_wagtail.grid import published_grid, set_session_urls
from barcamp_wagtail.models import TimeSlot

from .factories import EVENT_DAY, make_event, make_room, make_session, make_slot
from .schedule_helpers import make_schedule_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["default"].clear()


def odd_programme():
    """Breaks and plenaries with and without labels, sessions without hosts or topics, and
    text that must be escaped."""
    event = make_event(title="Ü & <Camp>", days=2)
    rooms = [make_room(event, "Plenum & Co", sort_order=0), make_room(event, '"Studio" <2>', sort_order=1)]
    first = make_slot(event, "09:30", "10:15", label='Runde <1> & "Start"')
    make_slot(event, "10:30", "11:00", kind=TimeSlot.Kind.BREAK)
    plenary = make_slot(event, "11:00", "11:30", kind=TimeSlot.Kind.PLENARY, label="Abschluss")
    second = make_slot(event, "09:00", "09:45", day=EVENT_DAY + datetime.timedelta(days=1))
    make_session(event, "<b>Bold</b> & 'quoted'", room=rooms[0], time_slot=first, hosts="A <a@b.c>, B & C",
                 topics=["Café & Bar", "Zeit"])  # fmt: skip
    make_session(event, "No hosts, no topics", room=rooms[1], time_slot=first)
    make_session(event, "In the plenary", room=rooms[0], time_slot=plenary, topics=["Zeit"])
    make_session(event, "Second day", room=rooms[1], time_slot=second, hosts="Ünal")
    make_session(event, "Not placed")
    return event, first


def both_renderings(event, filters, now_ids, monkeypatch):
    request = RequestFactory().get("/")
    grid = published_grid(event)
    set_session_urls(grid, event.url)
    fast = schedule_page.render_schedule_grid(grid, request, filters, now_ids)
    with monkeypatch.context() as patch:
        patch.setattr(schedule_page, "is_app_template", lambda template, name: False)
        grid = published_grid(event)
        set_session_urls(grid, event.url)
        slow = schedule_page.render_schedule_grid(grid, request, filters, now_ids)
    return fast, slow


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize(
    "filters",
    [{"day": None, "topic": None}, {"day": "2026-10-16", "topic": None}, {"day": None, "topic": "zeit"}],
)
def test_the_written_grid_is_the_rendered_template(monkeypatch, language, filters):
    event, first = odd_programme()

    with translation.override(language):
        fast, slow = both_renderings(event, filters, [first.pk], monkeypatch)

    assert fast == slow
    assert "is-now" in fast and "&lt;b&gt;Bold&lt;/b&gt;" in fast


@pytest.mark.parametrize("programme", ["no rooms", "no slots"])
def test_the_written_grid_is_the_rendered_template_when_nothing_is_planned(monkeypatch, programme):
    event = make_event()
    if programme == "no rooms":
        make_slot(event)
    else:
        make_room(event)

    fast, slow = both_renderings(event, {"day": None, "topic": None}, [], monkeypatch)

    assert fast == slow


def test_an_overriding_template_is_rendered(client, tmp_path, settings):
    event, _first = odd_programme()
    page = make_schedule_page(event)
    (tmp_path / "barcamp_wagtail" / "includes").mkdir(parents=True)
    (tmp_path / "barcamp_wagtail" / "includes" / "schedule_session.html").write_text("<i>{{ session.title }}</i>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]

    html = client.get(page.url).content.decode()

    assert "<i>No hosts, no topics</i>" in html
    assert 'class="barcamp-schedule-session"' not in html

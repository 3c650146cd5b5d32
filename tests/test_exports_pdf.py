import datetime
import re
import sys
import threading
import urllib.request

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client

from barcamp_wagtail.checks import check_pdf_renderer
from barcamp_wagtail.exporters.pdf import BASE_URL, GridA4Exporter, html_to_pdf, resolve_site_file
from barcamp_wagtail.models import TimeSlot

from .export_helpers import (
    embedded_files,
    export_url,
    image_count,
    load_demo_event,
    pdf_reader,
    pdf_text,
    raw_pdf_text,
    recording_http_server,
)
from .factories import EVENT_DAY, make_event, make_room, make_session, make_slot

pytestmark = pytest.mark.django_db

PASSWD_LINE = "root:x:0:0"


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def render_counter(monkeypatch):
    """Counts the real renders of the A4 wall grid (the original render still runs)."""
    calls = []
    lock = threading.Lock()
    original = GridA4Exporter.render

    def counting_render(self, event):
        with lock:
            calls.append(event.pk)
        return original(self, event)

    monkeypatch.setattr(GridA4Exporter, "render", counting_render)
    return calls


def test_wall_grid_pdf_lists_every_scheduled_session_room_and_time(client):
    event = load_demo_event()

    response = client.get(export_url(event, "pdf-grid-a4"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    sessions = list(event.sessions())
    assert len(sessions) == 30
    for session in sessions:
        assert session.title in text
        assert session.room.name in text
        assert session.time_slot.start.strftime("%H:%M") in text
        assert session.time_slot.end.strftime("%H:%M") in text
    assert "Marie Ting" in text


def test_wall_grid_of_a_one_day_demo_fits_one_a4_landscape_sheet(client):
    event = load_demo_event()

    reader = pdf_reader(client.get(export_url(event, "pdf-grid-a4")).content)

    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (297, 210)


def test_a3_grid_is_a3_landscape_and_wide_grids_split_by_rooms(client):
    event = make_event(title="Wide camp")
    slot = make_slot(event)
    for number in range(7):
        room = make_room(event, f"Room {number}", sort_order=number)
        make_session(event, f"Session in room {number}", room=room, time_slot=slot)

    a4 = pdf_reader(client.get(export_url(event, "pdf-grid-a4")).content)
    a3 = pdf_reader(client.get(export_url(event, "pdf-grid-a3")).content)

    assert len(a4.pages) == 2  # 5 rooms, then 2 rooms
    assert "Room 6" not in a4.pages[0].extract_text() and "Room 6" in a4.pages[1].extract_text()
    assert len(a3.pages) == 1
    box = a3.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (420, 297)


def test_door_signs_give_each_room_a_sheet_per_day_with_its_sessions(client):
    event = make_event(days=2)
    plenum, studio = make_room(event, "Plenum"), make_room(event, "Studio", sort_order=1)
    first = make_slot(event, "10:00", "11:00")
    second = make_slot(event, "10:00", "11:00", day=EVENT_DAY + datetime.timedelta(days=1))
    make_session(event, "Opening circle", room=plenum, time_slot=first)
    make_session(event, "Quiet coding", room=studio, time_slot=second)

    reader = pdf_reader(client.get(export_url(event, "pdf-door-signs")).content)

    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 4
    assert pages[0].startswith("Plenum") and "Opening circle" in pages[0]
    assert pages[3].startswith("Studio") and "Quiet coding" in pages[3]
    assert "Quiet coding" not in pages[1]


def test_booklet_has_event_schedule_abstracts_and_sponsors_with_logos(client):
    event = load_demo_event()

    response = client.get(export_url(event, "pdf-booklet"))

    text = pdf_text(response.content)
    assert "WELTENRAUM" in text
    for session in event.sessions():
        assert session.title in text
        assert session.abstract in text
    sponsors = text[text.index("Sponsors") :]
    assert "Devspire" in sponsors and "Küberit Systeme" in sponsors
    assert image_count(response.content) >= 2


def test_booklet_of_an_event_without_sponsor_blocks_has_no_sponsors_page(client):
    event = make_event()
    make_session(event, "Lonely session", room=make_room(event), time_slot=make_slot(event))

    text = pdf_text(client.get(export_url(event, "pdf-booklet")).content)

    assert "Lonely session" in text
    assert "Sponsors" not in text


@pytest.mark.parametrize("identifier", ["pdf-grid-a4", "pdf-grid-a3", "pdf-door-signs", "pdf-booklet"])
def test_every_pdf_has_title_language_tags_and_embedded_fonts(client, identifier):
    event = load_demo_event()

    reader = pdf_reader(client.get(export_url(event, identifier)).content)

    assert reader.metadata.title.startswith("Barcamp Südwestfalen + Ruhrgebiet – ")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert "/FontFile2" in descendant["/FontDescriptor"] or "/FontFile3" in descendant["/FontDescriptor"]


def test_german_pdf_keeps_umlauts_sets_the_language_and_hyphenates_compounds(client):
    event = make_event(title="Barcamp Südwestfalen")
    rooms = [make_room(event, f"Raum {number}", sort_order=number) for number in range(5)]
    slot = make_slot(event)
    compound = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen"
    make_session(event, compound, room=rooms[0], time_slot=slot)
    make_session(event, "Größenverhältnisse über Äpfel und Öl", room=rooms[1], time_slot=slot)

    response = client.get(export_url(event, "pdf-grid-a4"), HTTP_ACCEPT_LANGUAGE="de")

    reader = pdf_reader(response.content)
    assert reader.trailer["/Root"]["/Lang"] == "de"
    text = pdf_text(response.content)
    assert "Barcamp Südwestfalen" in text
    assert "Größenverhältnisse über Äpfel und Öl" in text
    assert "Freitag" in text
    assert compound in text
    assert "\u2010" in raw_pdf_text(response.content)  # the compound was broken with a hyphen


def test_hostile_titles_and_descriptions_leave_no_trace_and_make_no_request(client):
    with recording_http_server() as (server, hits):
        event = make_event(
            title='Camp <img src="file:///etc/passwd"> <link rel="attachment" href="file:///etc/passwd">',
            teaser=f"<style>@import url({server}/teaser.css);</style>",
        )
        room = make_room(event, f'<div style="background: url({server}/room.png)">Hall</div>')
        slot = make_slot(event)
        make_session(
            event,
            f'<img src="file:///etc/passwd"><img src="{server}/title.png">',
            room=room,
            time_slot=slot,
            abstract=(
                f'<link rel="attachment" href="file:///etc/passwd"><b style="background:url({server}/a.png)">x</b>'
            ),
            hosts=f"<style>body {{ background: url({server}/hosts.png) }}</style>",
            description=(
                "<p>Visible introduction</p>"
                f'<img src="file:///etc/passwd"><img src="{server}/description.png">'
                '<link rel="attachment" href="file:///etc/passwd">'
                f'<a rel="attachment" href="{server}/attached.txt">attached</a>'
                f'<p style="background: url({server}/paragraph.png)">Styled paragraph</p>'
                f"<style>@import url({server}/import.css); body {{ background: url({server}/body.png) }}</style>"
                f'<embed embedtype="image" id="1" format="left" src="{server}/embed.png">'
            ),
        )

        outputs = [client.get(export_url(event, identifier)).content for identifier in ("pdf-grid-a4", "pdf-booklet")]

        assert hits == []
    for content in outputs:
        text = pdf_text(content)
        assert PASSWD_LINE not in text
        assert embedded_files(content) == []
        assert image_count(content) == 0
    booklet = pdf_text(outputs[1])
    assert "Visible introduction" in booklet and "Styled paragraph" in booklet
    assert "import.css" not in booklet and "body.png" not in booklet


def test_url_fetcher_blocks_what_escaping_would_not_when_html_is_rendered_raw():
    with recording_http_server() as (server, hits):
        content = html_to_pdf(
            "<html><head>"
            '<link rel="attachment" href="file:///etc/passwd">'
            f'<link rel="stylesheet" href="{server}/style.css">'
            f"<style>@import url({server}/import.css); @import url(file:///etc/passwd);</style>"
            "</head><body>"
            f'<img src="file:///etc/passwd"><img src="{server}/image.png">'
            f'<div style="background: url({server}/inline.png)">raw</div>'
            f'<a rel="attachment" href="{server}/attached.txt">attached</a>'
            '<a rel="attachment" href="file:///etc/passwd">passwd</a>'
            '<img src="/static/../../../../../../etc/passwd">'
            '<img src="/media/%2e%2e/%2e%2e/%2e%2e/etc/passwd">'
            "</body></html>"
        )
        assert hits == []
    assert PASSWD_LINE not in pdf_text(content)
    assert embedded_files(content) == []
    assert image_count(content) == 0


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "data:text/css,body{}",
        "http://127.0.0.1:8000/static/barcamp_wagtail/css/print.css",
        "https://example.org/static/barcamp_wagtail/css/print.css",
        BASE_URL + "static/../../../../etc/passwd",
        BASE_URL + "static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        BASE_URL + "static/barcamp_wagtail/css/..%2F..%2F..%2Fmodels%2Fevent.py",
        BASE_URL + "static/barcamp_wagtail/css/print.css%00.png",
        BASE_URL + "media/..%2F..%2F..%2Fetc%2Fpasswd.png",
        BASE_URL + "somewhere/else.css",
    ],
)
def test_url_fetcher_refuses_anything_but_the_sites_static_and_media_files(url):
    assert resolve_site_file(url) is None


def test_url_fetcher_maps_static_and_media_files_to_disk_and_refuses_symlinks_out(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "logos").mkdir(parents=True)
    logo = tmp_path / "media" / "logos" / "logo.png"
    logo.write_bytes(b"\x89PNG")
    (tmp_path / "media" / "logos" / "passwd.png").symlink_to("/etc/passwd")
    (tmp_path / "outside.css").write_text("body {}")
    (tmp_path / "media" / "outside.css").symlink_to(tmp_path / "outside.css")

    css = resolve_site_file(BASE_URL + "static/barcamp_wagtail/css/print.css")

    assert css is not None and css.name == "print.css" and css.is_file()
    assert resolve_site_file(BASE_URL + "media/logos/logo.png") == logo.resolve()
    assert resolve_site_file(BASE_URL + "media/logos/passwd.png") is None
    assert resolve_site_file(BASE_URL + "media/outside.css") is None


def test_pdf_answers_503_naming_the_missing_packages_when_weasyprint_cannot_load(client, monkeypatch):
    event = make_event()
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # what a failed import leaves behind

    pdf = client.get(export_url(event, "pdf-grid-a4"))
    calendar = client.get(export_url(event, "ical"))
    page = client.get(event.url)

    assert pdf.status_code == 503
    message = pdf.content.decode()
    assert "weasyprint" in message and "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in message
    assert calendar.status_code == 200
    assert page.status_code == 200
    assert [warning.id for warning in check_pdf_renderer(None)] == ["barcamp_wagtail.W002"]


def test_system_check_is_silent_when_weasyprint_loads():
    assert check_pdf_renderer(None) == []


def test_pdf_is_cached_per_schedule_version(client, render_counter):
    event = make_event()
    room, slot = make_room(event), make_slot(event)
    session = make_session(event, "First title", room=room, time_slot=slot)
    url = export_url(event, "pdf-grid-a4")

    first, second = client.get(url).content, client.get(url).content
    assert first == second
    assert len(render_counter) == 1

    session.title = "Second title"
    session.save_revision().publish()
    changed = client.get(url).content

    assert len(render_counter) == 2
    assert "Second title" in pdf_text(changed)


def test_pdf_is_cached_per_language(client, render_counter):
    event = make_event()
    url = export_url(event, "pdf-grid-a4")

    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content
    client.get(url, HTTP_ACCEPT_LANGUAGE="de")

    assert len(render_counter) == 2
    assert pdf_reader(english).trailer["/Root"]["/Lang"] == "en"
    assert pdf_reader(german).trailer["/Root"]["/Lang"] == "de"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_simultaneous_requests_render_the_pdf_once(render_counter):
    event = make_event(title="Busy camp")
    room, slot = make_room(event), make_slot(event)
    make_session(event, "Everyone wants this", room=room, time_slot=slot)
    url = export_url(event, "pdf-grid-a4")
    start = threading.Barrier(20)
    responses = []

    def fetch():
        try:
            start.wait()
            response = Client().get(url)
            responses.append((response.status_code, response.content))
        finally:
            connection.close()

    threads = [threading.Thread(target=fetch) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(render_counter) == 1
    assert [status for status, _content in responses] == [200] * 20
    assert len({content for _status, content in responses}) == 1
    assert "Everyone wants this" in pdf_text(responses[0][1])


def test_a_request_that_waits_too_long_gets_503_with_retry_after(client, settings, render_counter):
    event = make_event()
    settings.BARCAMP_WAGTAIL = {"EXPORT_RENDER_WAIT": 0.2}
    from barcamp_wagtail.exporters.cache import cache_key

    caches["default"].add(cache_key(GridA4Exporter(), event) + ":lock", "another renderer", timeout=30)

    response = client.get(export_url(event, "pdf-grid-a4"))

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert render_counter == []


def test_publishing_renders_the_pdfs_through_the_task_backend(
    client, settings, render_counter, django_capture_on_commit_callbacks
):
    settings.BARCAMP_WAGTAIL = {"EXPORT_RENDER_ON_PUBLISH": True}
    settings.LANGUAGES = [("en", "English")]
    event = make_event()
    room, slot = make_room(event), make_slot(event)

    with django_capture_on_commit_callbacks(execute=True):
        make_session(event, "Rendered on publish", room=room, time_slot=slot)
    rendered = len(render_counter)
    response = client.get(export_url(event, "pdf-grid-a4"))

    assert rendered == 1
    assert len(render_counter) == 1  # served from the cache
    assert "Rendered on publish" in pdf_text(response.content)


def test_publishing_does_not_render_unless_switched_on(client, render_counter, django_capture_on_commit_callbacks):
    event = make_event()
    room, slot = make_room(event), make_slot(event)

    with django_capture_on_commit_callbacks(execute=True):
        make_session(event, "Rendered on request", room=room, time_slot=slot)

    assert render_counter == []


@pytest.mark.skipif(not django_settings.TASKS_DATABASE_BACKEND, reason="no database task backend installed")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_worker_renders_the_pdf_after_publishing(client, settings, render_counter):

    settings.BARCAMP_WAGTAIL = {"EXPORT_RENDER_ON_PUBLISH": True, "EXPORT_TASK_BACKEND": "database"}
    settings.LANGUAGES = [("en", "English")]
    event = make_event()
    room, slot = make_room(event), make_slot(event)

    make_session(event, "Rendered by the worker", room=room, time_slot=slot)
    queued = len(render_counter)
    call_command("db_worker", "--batch", "--backend", "database", "--no-startup-delay", verbosity=0)
    rendered = len(render_counter)
    response = client.get(export_url(event, "pdf-grid-a4"))

    assert queued == 0
    assert rendered == 1
    assert len(render_counter) == 1
    assert "Rendered by the worker" in pdf_text(response.content)


def test_unknown_export_is_404(client):
    event = make_event()

    assert client.get(export_url(event, "pdf-grid-a5")).status_code == 404


def test_a_plenary_without_sessions_spans_the_grid_with_its_label(client):
    event = make_event()
    make_room(event, "Plenum"), make_room(event, "Studio", sort_order=1)
    make_slot(event, "09:00", "09:30", kind=TimeSlot.Kind.PLENARY, label="Welcome everybody")

    text = pdf_text(client.get(export_url(event, "pdf-grid-a4")).content)

    assert "09:00–09:30" in text and "Welcome everybody" in text


def test_static_stylesheet_is_loaded_through_the_fetcher(monkeypatch):
    fetched = []
    import barcamp_wagtail.exporters.pdf as pdf

    original = pdf.resolve_site_file

    def recording(url):
        result = original(url)
        fetched.append((url, result is not None))
        return result

    monkeypatch.setattr(pdf, "resolve_site_file", recording)
    event = make_event()

    GridA4Exporter().render(event)

    assert (BASE_URL + "static/barcamp_wagtail/css/print.css", True) in fetched
    assert urllib.request  # the fetcher never needs urllib's network handlers


@pytest.mark.parametrize("identifier", ["pdf-grid-a4", "pdf-door-signs", "pdf-booklet"])
def test_an_event_without_rooms_or_slots_still_gets_a_readable_pdf(client, identifier):
    event = make_event(title="Planning starts soon")

    response = client.get(export_url(event, identifier))

    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Planning starts soon" in text
    assert "have been set up for this event yet" in text


# The booklet reads the whole day; the wall grid fills its paper.

TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}(?::\d{2})? ?[ap]\.?m\.?|\bnoon\b|\bmidnight\b", re.IGNORECASE)


def make_full_day(title="Camp of the whole day", **fields):
    event = make_event(title=title, **fields)
    plenum, studio = make_room(event, "Plenum"), make_room(event, "Studio", sort_order=1)
    make_slot(event, "09:30", "10:00", kind=TimeSlot.Kind.PLENARY, label="Opening circle")
    first = make_slot(event, "10:00", "10:45", label="Round one")
    make_slot(event, "12:30", "13:30", kind=TimeSlot.Kind.BREAK, label="Lunch together")
    second = make_slot(event, "13:30", "14:15")
    make_slot(event, "16:45", "17:15", kind=TimeSlot.Kind.PLENARY, label="Closing round")
    make_session(event, "Morning talk", room=plenum, time_slot=first)
    make_session(event, "Afternoon workshop", room=studio, time_slot=second)
    return event


def sponsor_wall(*tiers):
    from .press_factories import make_sponsor

    return (
        "sponsor_wall",
        {
            "heading": "Sponsors",
            "tiers": [{"name": name, "sponsors": [make_sponsor(n) for n in names]} for name, names in tiers],
        },
    )


def booklet_section(text, heading, end=None):
    return text[text.index(heading) : text.index(end) if end else None]


def test_booklet_shows_the_whole_day_opening_plenaries_breaks_and_closing_in_order(client):
    event = make_full_day()

    text = pdf_text(client.get(export_url(event, "pdf-booklet")).content)

    schedule = booklet_section(text, "Schedule", "Sessions")
    order = ["Opening circle", "Morning talk", "Lunch together", "Afternoon workshop", "Closing round"]
    assert [schedule.index(label) for label in order] == sorted(schedule.index(label) for label in order)
    assert "09:30–10:00 Opening circle" in schedule
    assert "12:30–13:30 Lunch together" in schedule
    assert "16:45–17:15 Closing round" in schedule


def test_demo_booklet_lists_the_plenaries_and_the_lunch_break(client):
    event = load_demo_event()

    text = pdf_text(client.get(export_url(event, "pdf-booklet")).content)

    schedule = booklet_section(text, "Schedule", "Sessions")
    for label in ("Ankommen und Begrüßung", "Sessionplanung im Plenum", "Mittagspause", "Abschluss und Ausblick"):
        assert label in schedule


def test_booklet_sponsors_are_grouped_under_their_tier_names_without_bullets(client):
    event = make_full_day()
    event.body = [sponsor_wall(("Gold partners", ["Devspire"]), ("Friends of the camp", ["Küberit Systeme", "Acme"]))]
    event.save_revision().publish()

    text = pdf_text(client.get(export_url(event, "pdf-booklet")).content)

    sponsors = text[text.rindex("Sponsors") :]
    assert sponsors.index("Gold partners") < sponsors.index("Devspire") < sponsors.index("Friends of the camp")
    assert sponsors.index("Friends of the camp") < sponsors.index("Küberit Systeme")
    assert "•" not in text


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_time_in_a_booklet_has_one_format_per_language(client, language):
    event = make_full_day()

    text = pdf_text(client.get(export_url(event, "pdf-booklet"), HTTP_ACCEPT_LANGUAGE=language).content)

    times = TIME.findall(text)
    assert len(times) > 10
    assert all(re.fullmatch(r"\d{2}:\d{2}", time) for time in times), times
    assert "09:00" in booklet_section(text, "Camp of the whole day", "Schedule" if language == "en" else "Zeitplan")


def test_text_in_another_language_carries_its_lang_into_the_html_weasyprint_gets():
    from bs4 import BeautifulSoup
    from django.utils import translation

    from barcamp_wagtail.exporters.pdf import BookletExporter

    event = make_full_day(teaser="Ein Tag für alle")  # the demo's content language: German
    slot = TimeSlot.objects.get(event=event, label="Round one")
    studio = event.rooms.get(name="Studio")
    make_session(event, "Green coding in practice", room=studio, time_slot=slot, language="en")

    with translation.override("en"):
        english = BeautifulSoup(BookletExporter().render_html(event), "html.parser")
    with translation.override("de"):
        german = BeautifulSoup(BookletExporter().render_html(event), "html.parser")

    assert english.html["lang"] == "en" and german.html["lang"] == "de"
    assert english.find("h1")["lang"] == "de"
    assert english.find(string="Ein Tag für alle").find_parent(lang=True)["lang"] == "de"
    assert english.find("td", string="Morning talk")["lang"] == "de"  # no language of its own: the event's
    assert english.find("td", string="Green coding in practice").get("lang") is None
    assert english.find(string="Lunch together").find_parent(lang=True)["lang"] == "de"
    assert english.find("th", string="Time").find_parent(lang=True).name == "html"
    assert german.find("h1").get("lang") is None
    assert german.find("td", string="Green coding in practice")["lang"] == "en"
    assert german.find("h3", string="Green coding in practice")["lang"] == "en"


def test_a_german_session_in_an_english_grid_is_hyphenated_by_german_rules(client):
    import pyphen

    event = make_event(title="Regional camp")
    rooms = [make_room(event, f"Room {number}", sort_order=number) for number in range(5)]
    slot = make_slot(event)
    word = "Regionalentwicklungsgesellschaft"  # longer than a column holds
    for room in rooms:
        make_session(event, f"Die {word} und ihre Partner", room=room, time_slot=slot, language="de")

    raw = raw_pdf_text(client.get(export_url(event, "pdf-grid-a4"), HTTP_ACCEPT_LANGUAGE="en").content)

    german = set(pyphen.Pyphen(lang="de_DE").positions(word))
    english_only = set(pyphen.Pyphen(lang="en_US").positions(word)) - german  # "Re-giona-len-twick…"
    breaks = {len(match.group(1)) for match in re.finditer(r"(Regional\w*)\u2010\n", raw)}
    assert breaks, raw
    assert breaks <= german
    assert not breaks & english_only


@pytest.mark.parametrize(("identifier", "size"), [("pdf-grid-a2", (594, 420)), ("pdf-grid-a1", (841, 594))])
def test_poster_grids_are_a2_and_a1_landscape(client, identifier, size):
    event = load_demo_event()

    reader = pdf_reader(client.get(export_url(event, identifier)).content)

    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == size
    assert "Potenzialanalyse" in pdf_text(client.get(export_url(event, identifier)).content)


def session_title_sizes(content, title):
    """The type sizes (pt) at which the words of ``title`` are set in the PDF."""
    sizes = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip() and text.strip() in title:
            sizes.append(font_size * tm[0] * cm[0])

    for page in pdf_reader(content).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_wall_grid_text_grows_with_the_paper(client):
    event = make_full_day()

    sizes = {
        identifier: max(session_title_sizes(client.get(export_url(event, identifier)).content, "Morning talk"))
        for identifier in ("pdf-grid-a4", "pdf-grid-a3", "pdf-grid-a2", "pdf-grid-a1")
    }

    assert sizes["pdf-grid-a4"] >= 14  # a short day on A4 is readable from a step away
    assert sizes["pdf-grid-a4"] < sizes["pdf-grid-a3"] < sizes["pdf-grid-a2"] < sizes["pdf-grid-a1"]
    assert sizes["pdf-grid-a1"] >= 2.5 * sizes["pdf-grid-a4"]


def test_a_crowded_day_shrinks_its_type_to_stay_on_one_sheet(client):
    event = make_event(title="Crowded camp")
    rooms = [make_room(event, f"Room {number}", sort_order=number) for number in range(5)]
    for hour in range(8, 20):
        slot = make_slot(event, f"{hour:02d}:00", f"{hour:02d}:50")
        for room in rooms:
            make_session(
                event, f"A long session title about topic {hour}-{room.sort_order} and more", room=room, time_slot=slot
            )

    content = client.get(export_url(event, "pdf-grid-a4")).content

    assert len(pdf_reader(content).pages) == 1
    assert "topic 19-4" in pdf_text(content)


def test_a_lock_left_by_a_renderer_that_died_expires_and_the_next_request_renders(client, monkeypatch, render_counter):
    from barcamp_wagtail.exporters import cache as export_cache

    monkeypatch.setattr(export_cache, "LOCK_SECONDS", 1)
    event = make_event()
    lock_key = export_cache.cache_key(GridA4Exporter(), event) + ":lock"
    caches["default"].add(lock_key, "a renderer killed halfway", timeout=export_cache.LOCK_SECONDS)

    response = client.get(export_url(event, "pdf-grid-a4"))

    assert response.status_code == 200
    assert render_counter == [event.pk]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_render_that_outlasts_its_lock_renews_it_so_nobody_renders_twice(monkeypatch, render_counter):
    import time

    from barcamp_wagtail.exporters import cache as export_cache

    monkeypatch.setattr(export_cache, "LOCK_SECONDS", 0.6)
    counting_render = GridA4Exporter.render

    def slow_render(self, event):
        time.sleep(1.5)
        return counting_render(self, event)

    monkeypatch.setattr(GridA4Exporter, "render", slow_render)
    event = make_event(title="Slow camp")
    url = export_url(event, "pdf-grid-a4")
    responses = []

    def fetch(delay):
        try:
            time.sleep(delay)
            responses.append(Client().get(url).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=fetch, args=(delay,)) for delay in (0, 1.0)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert responses == [200, 200]
    assert len(render_counter) == 1


def test_url_fetcher_serves_only_the_documents_own_qr_codes_from_memory():
    from barcamp_wagtail.exporters.pdf import make_url_fetcher
    from barcamp_wagtail.exporters.qr_images import QrImages

    images = QrImages()
    url = images.url("https://example.org/vote/?code=ABCDE-FGHIJ")
    fetcher = make_url_fetcher(images)

    response = fetcher.fetch(url)
    assert response.headers["Content-Type"] == "image/png"
    assert response.read().startswith(b"\x89PNG")
    for refused in (
        url.replace(".png", "0.png"),
        "barcamp-qr:../../etc/passwd.png",
        "data:image/png;base64,iVBORw0KGgo=",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(refused)
    with pytest.raises(ValueError):
        make_url_fetcher().fetch(url)  # another document's fetcher knows none of them

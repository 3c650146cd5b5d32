import datetime
import json
import zoneinfo
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from icalendar import Calendar
from lxml import etree
from wagtail import hooks

from barcamp_wagtail.exporters import BaseExporter
from barcamp_wagtail.exporters.base import HOOK_NAME
from barcamp_wagtail.models import TimeSlot
from barcamp_wagtail.views.exports import content_disposition

from .export_helpers import export_url, load_demo_event
from .factories import EVENT_DAY, make_event, make_room, make_session, make_slot

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent / "schemas"
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def frab_schema():
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "frab-schedule.xml.xsd")))


@pytest.fixture(scope="module")
def c3voc_validator():
    schema = json.loads((SCHEMAS / "c3voc-schedule.schema.json").read_text())
    jsonschema.Draft6Validator.check_schema(schema)
    return jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())


def one_room_event():
    event = make_event(title="One room camp")
    room = make_room(event, "Only room")
    make_session(event, "Alone", room=room, time_slot=make_slot(event))
    return event


def empty_event():
    event = make_event(title="Nothing yet")
    make_room(event, "Plenum")
    return event


def multi_day_event():
    event = make_event(title="Three days", days=3)
    plenum, studio = make_room(event, "Plenum"), make_room(event, "Studio", sort_order=1)
    for offset in range(3):
        day = EVENT_DAY + datetime.timedelta(days=offset)
        slot = make_slot(event, "10:00", "11:00", day=day)
        make_session(event, f"Day {offset + 1} in the plenum", room=plenum, time_slot=slot)
        make_session(event, f"Day {offset + 1} in the studio", room=studio, time_slot=slot)
    return event


def midnight_event():
    event = make_event(title="Night owls", days=2)
    room = make_room(event, "Lounge")
    make_session(event, "Late night hacking", room=room, time_slot=make_slot(event, "23:30", "00:45"))
    return event


def non_ascii_event():
    event = make_event(title="Баркамп Köln 東京 🎉", slug="barkamp-koeln")
    room = make_room(event, "Raum „Übersee“ & <Süd>")
    make_session(
        event,
        "Ünïcödé, 日本語 & <b>Tags</b> — ça marche",
        room=room,
        time_slot=make_slot(event),
        hosts="Jürgen Groß, 山田太郎",
        topics=["Grüße"],
        language="de",
        description="<p>Straße &amp; Fluß</p>",
        slides_url="https://example.org/folien",
    )
    make_session(event, "会議", room=room, time_slot=make_slot(event, "11:00", "11:45"))
    return event


SCENARIOS = {
    "demo": load_demo_event,
    "one room": one_room_event,
    "no sessions": empty_event,
    "multi-day": multi_day_event,
    "across midnight": midnight_event,
    "non-ASCII titles": non_ascii_event,
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_frab_xml_validates_against_the_reference_schema(client, frab_schema, scenario):
    event = SCENARIOS[scenario]()

    response = client.get(export_url(event, "frab-xml"))

    assert response.status_code == 200
    document = etree.fromstring(response.content)
    assert frab_schema.validate(document), frab_schema.error_log
    titles = sorted(document.xpath("//event/title/text()"))
    assert titles == sorted(session.title for session in event.sessions() if session.time_slot_id)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_c3voc_json_validates_against_the_reference_schema(client, c3voc_validator, scenario):
    event = SCENARIOS[scenario]()

    response = client.get(export_url(event, "c3voc-json"))

    assert response.status_code == 200
    document = json.loads(response.content)
    errors = sorted(c3voc_validator.iter_errors(document), key=str)
    assert errors == [], "\n".join(error.message for error in errors)
    days = document["schedule"]["conference"]["days"]
    titles = sorted(item["title"] for day in days for items in day["rooms"].values() for item in items)
    assert titles == sorted(session.title for session in event.sessions() if session.time_slot_id)


def test_frab_and_c3voc_place_a_session_across_midnight_on_its_day_with_its_full_length(client):
    event = midnight_event()

    xml = etree.fromstring(client.get(export_url(event, "frab-xml")).content)
    data = json.loads(client.get(export_url(event, "c3voc-json")).content)

    assert xml.xpath("//day[@index='1']/room/event/duration/text()") == ["01:15"]
    assert xml.xpath("//day[@index='1']/@end") == ["2026-10-17T00:45:00+02:00"]
    item = data["schedule"]["conference"]["days"][0]["rooms"]["Lounge"][0]
    assert (item["date"], item["end"], item["duration"]) == (
        "2026-10-16T23:30:00+02:00",
        "2026-10-17T00:45:00+02:00",
        "01:15",
    )


def test_multi_day_exports_have_one_day_each(client):
    event = multi_day_event()

    xml = etree.fromstring(client.get(export_url(event, "frab-xml")).content)
    data = json.loads(client.get(export_url(event, "c3voc-json")).content)

    assert xml.xpath("//day/@date") == ["2026-10-16", "2026-10-17", "2026-10-18"]
    assert xml.xpath("//day[@index='2']/room[@name='Studio']/event/title/text()") == ["Day 2 in the studio"]
    assert data["schedule"]["conference"]["daysCount"] == 3
    assert [day["date"] for day in data["schedule"]["conference"]["days"]] == ["2026-10-16", "2026-10-17", "2026-10-18"]


def test_guids_and_ids_stay_stable_across_exports_and_changes(client):
    event = one_room_event()
    session = event.sessions().get()

    def ids():
        xml = etree.fromstring(client.get(export_url(event, "frab-xml")).content)
        data = json.loads(client.get(export_url(event, "c3voc-json")).content)
        item = data["schedule"]["conference"]["days"][0]["rooms"]["Only room"][0]
        return xml.xpath("//event/@guid") + xml.xpath("//event/@id") + [item["guid"], item["id"]]

    before = ids()
    session.title = "Renamed"
    session.save_revision().publish()
    make_session(event, "Another one", room=session.room, time_slot=make_slot(event, "12:00", "12:30"))
    after = ids()

    assert before[0] == before[2] and before[1] == str(before[3]) == str(session.pk)
    assert before[0] in after and str(session.pk) in after


def test_ical_of_the_event_parses_back_with_stable_uids_and_time_zone(client):
    event = load_demo_event()

    first = client.get(export_url(event, "ical"))
    second = client.get(export_url(event, "ical"))

    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(first.content)
    items = {str(item["uid"]): item for item in calendar.walk("VEVENT")}
    sessions = list(event.sessions())
    assert set(items) == {f"session-{session.pk}@localhost" for session in sessions}
    assert {str(item["uid"]) for item in Calendar.from_ical(second.content).walk("VEVENT")} == set(items)
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    for session in sessions:
        item = items[f"session-{session.pk}@localhost"]
        assert str(item["summary"]) == session.title
        assert item["dtstart"].dt == session.time_slot.start_datetime
        assert item["dtend"].dt == session.time_slot.end_datetime
        assert item["dtstart"].params["TZID"] == "Europe/Berlin"
        assert item["dtstart"].dt.tzinfo.key == "Europe/Berlin"
        assert int(item["sequence"]) == session.live_revision_id
        assert item["last-modified"].dt == session.last_published_at.replace(microsecond=0)
        assert session.room.name in str(item["location"])


def test_ical_sequence_grows_when_a_session_is_published_again(client):
    event = one_room_event()
    session = event.sessions().get()

    def sequence():
        calendar = Calendar.from_ical(client.get(export_url(event, "ical")).content)
        return int(next(iter(calendar.walk("VEVENT")))["sequence"])

    before = sequence()
    session.save_revision().publish()

    assert sequence() > before


def test_ical_of_one_session(client):
    event = midnight_event()
    session = event.sessions().get()

    response = client.get(event.session_calendar_url(session))

    assert response.status_code == 200
    assert 'filename="late-night-hacking.ics"' in response["Content-Disposition"]
    (item,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(item["uid"]) == f"session-{session.pk}@localhost"
    assert item["dtstart"].dt == datetime.datetime(2026, 10, 16, 23, 30, tzinfo=BERLIN)
    assert item["dtend"].dt == datetime.datetime(2026, 10, 17, 0, 45, tzinfo=BERLIN)


def test_ical_of_a_draft_unscheduled_or_foreign_session_is_404(client):
    event = one_room_event()
    other = make_event(title="Other camp")
    draft = make_session(event, "Draft", room=make_room(event, "R"), time_slot=make_slot(event), publish=False)
    unscheduled = make_session(event, "Unscheduled")
    foreign = make_session(other, "Foreign", room=make_room(other), time_slot=make_slot(other))

    for session in (draft, unscheduled, foreign):
        assert client.get(event.session_calendar_url(session)).status_code == 404


def test_exports_never_contain_e_mail_addresses(client):
    event = make_event(title="Private camp", contact_email="orga@example.org")
    room = make_room(event, "Hall")
    make_session(
        event,
        "Session",
        room=room,
        time_slot=make_slot(event),
        hosts="Jane Doe <jane@example.org>, Max",
        abstract="Write to host@example.org for slides.",
        description='<p>Mail <a href="mailto:desc@example.org">desc@example.org</a></p>',
    )

    for identifier in ("ical", "frab-xml", "c3voc-json"):
        content = client.get(export_url(event, identifier)).content.decode()
        assert "@example.org" not in content, identifier
        assert "Jane Doe" in content and "Max" in content


def test_content_disposition_is_ascii_safe_and_carries_the_real_name_in_rfc5987_form(client):
    event = make_event(title='Evil "camp"\r\nSet-Cookie: stolen=1; Köln', slug="evil-camp")

    response = client.get(export_url(event, "c3voc-json"))

    header = response["Content-Disposition"]
    assert header.isascii() and "\r" not in header and "\n" not in header
    plain, extended = header.split("; filename*=")
    assert plain == 'attachment; filename="evil-camp-set-cookie-stolen1-koln-schedule.json"'
    assert extended.startswith("UTF-8''")
    assert unquote(extended.removeprefix("UTF-8''")) == 'Evil "camp" Set-Cookie: stolen=1; Köln schedule.json'
    assert "Set-Cookie" not in {name.lower() for name in response.headers}


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("Programm.pdf", "inline; filename=\"programm.pdf\"; filename*=UTF-8''Programm.pdf"),
        ("日本語.ics", "inline; filename=\"schedule.ics\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.ics"),
        ('a";b.x"y', "inline; filename=\"ab.xy\"; filename*=UTF-8''a%22%3Bb.xy"),
    ],
)
def test_content_disposition_of_odd_names(filename, expected):
    assert content_disposition(filename, as_attachment=False) == expected


class SessionListExporter(BaseExporter):
    identifier = "session-list"
    verbose_name = "plain session list"
    extension = "txt"
    content_type = "text/plain; charset=utf-8"

    def render(self, event):
        return "\n".join(session.title for session in event.sessions()).encode()


def test_a_site_can_register_its_own_exporter_through_the_hook(client):
    event = one_room_event()

    with hooks.register_temporarily(HOOK_NAME, lambda: [SessionListExporter]):
        response = client.get(export_url(event, "session-list"))
        page = client.get(event.url).content.decode()

    assert response.status_code == 200
    assert response.content == b"Alone"
    assert 'filename="one-room-camp-schedule.txt"' in response["Content-Disposition"]
    assert f'href="{export_url(event, "session-list")}"' in page and "Plain session list" in page
    assert client.get(export_url(event, "session-list")).status_code == 404


def test_event_page_links_every_built_in_export(client):
    event = one_room_event()

    page = client.get(event.url).content.decode()

    for identifier in ("pdf-grid-a4", "pdf-grid-a3", "pdf-door-signs", "pdf-booklet", "ical", "frab-xml", "c3voc-json"):
        assert f'href="{export_url(event, identifier)}"' in page


def test_exports_of_a_draft_event_are_404(client):
    event = one_room_event()
    event.unpublish()

    assert client.get(export_url(event, "ical")).status_code == 404


def test_exports_show_only_published_sessions(client):
    event = one_room_event()
    make_session(event, "Secret draft", room=make_room(event, "Back room"), time_slot=make_slot(event), publish=False)
    make_slot(event, "12:00", "13:00", kind=TimeSlot.Kind.BREAK, label="Lunch")

    for identifier in ("ical", "frab-xml", "c3voc-json"):
        assert b"Secret draft" not in client.get(export_url(event, identifier)).content


def test_exports_of_a_password_protected_event_stay_behind_the_password(client):
    from wagtail.models import PageViewRestriction

    event = one_room_event()
    PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.PASSWORD, password="secret")

    for url in (
        export_url(event, "ical"),
        export_url(event, "c3voc-json"),
        event.session_calendar_url(event.sessions().get()),
    ):
        response = client.get(url)
        assert b"Alone" not in response.content
        assert "Content-Disposition" not in response


class PlainCalendarExporter(SessionListExporter):
    identifier = "ical"


def test_a_site_can_replace_a_built_in_exporter_with_a_later_hook(client):
    event = one_room_event()

    with hooks.register_temporarily(HOOK_NAME, lambda: [PlainCalendarExporter], order=1):
        response = client.get(export_url(event, "ical"))

    assert response.content == b"Alone"
    assert client.get(export_url(event, "ical"))["Content-Type"] == "text/calendar; charset=utf-8"


def test_a_scheduled_session_page_links_its_calendar_file(client):
    event = one_room_event()
    session = event.sessions().get()
    unscheduled = make_session(event, "Not yet placed")

    page = client.get(session.url).content.decode()

    assert f'href="{event.session_calendar_url(session)}"' in page
    assert client.get(session.calendar_url).status_code == 200
    assert "Add to calendar" not in client.get(unscheduled.url).content.decode()


def test_export_queries_do_not_grow_with_sessions(client):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .schedule_helpers import make_many_sessions

    counts = {}
    for size in (10, 100):
        event = make_event(title=f"Camp {size}")
        rooms = [make_room(event, f"Room {n}", sort_order=n) for n in range(8)]
        slots = [make_slot(event, f"{hour:02d}:00", f"{hour:02d}:45") for hour in range(8, 21)]
        make_many_sessions(event, size, rooms, slots)
        for identifier in ("frab-xml", "c3voc-json", "ical"):
            url = export_url(event, identifier)
            client.get(url)  # Wagtail's own caches as a running site has them
            caches["default"].delete_many([key for key in caches["default"]._cache if "export" in key])
            with CaptureQueriesContext(connection) as cold:
                assert client.get(url).status_code == 200
            with CaptureQueriesContext(connection) as warm:
                assert client.get(url).status_code == 200
            counts[size, identifier] = (len(cold), len(warm))

    for identifier in ("frab-xml", "c3voc-json", "ical"):
        assert counts[10, identifier] == counts[100, identifier], identifier
        cold, warm = counts[100, identifier]
        # Routing to the event and the version: seven queries; a cold export adds the grid's
        # three and the site's hostname (the frab and c3voc files state the version again).
        assert cold <= 12 and warm <= 7, (identifier, cold, warm)

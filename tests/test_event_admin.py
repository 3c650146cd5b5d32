import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from barcamp_wagtail.models import EventPage, SessionPage

from .factories import make_event, make_home, make_room, make_slot

pytestmark = pytest.mark.django_db


def event_form_data(**overrides):
    data = {
        "title": "Barcamp Dortmund",
        "slug": "barcamp-dortmund",
        "teaser": "The second edition.",
        "start": "2027-05-07 09:00",
        "end": "2027-05-08 17:00",
        "venue_name": "Depot",
        "venue_address": "Immermannstraße 29\n44147 Dortmund",
        "venue_map_url": "https://www.openstreetmap.org/",
        "body": streamfield([("heading", {"text": "Welcome", "level": "h2"}), ("paragraph", rich_text("<p>Hi</p>"))]),
        "registration_info": rich_text("<p>Free of charge.</p>"),
        "contact_email": "team@example.org",
        "organisers": inline_formset([{"name": "visibleRuhr eG", "role": "organiser", "url": ""}]),
        "rooms": inline_formset(
            [
                {"name": "Plenum", "capacity": "40", "description": "Main hall"},
                {"name": "Werkstatt", "capacity": "16", "description": ""},
            ]
        ),
        "time_slots": inline_formset(
            [
                {"day": "2027-05-07", "start": "10:00", "end": "10:45", "kind": "session", "label": "Round 1"},
                {"day": "2027-05-07", "start": "12:00", "end": "13:00", "kind": "break", "label": "Lunch"},
                {"day": "2027-05-08", "start": "10:00", "end": "10:45", "kind": "session", "label": ""},
            ]
        ),
        "registration_days": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_event_url(parent):
    return reverse("wagtailadmin_pages:add", args=("barcamp_wagtail", "eventpage", parent.pk))


def test_editor_creates_a_two_day_event_with_rooms_and_slots(editor_client):
    home = make_home()

    response = editor_client.post(add_event_url(home), event_form_data())

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    event = EventPage.objects.get(slug="barcamp-dortmund")
    assert event.live
    assert event.is_multi_day
    assert [(r.name, r.capacity) for r in event.rooms.all()] == [("Plenum", 40), ("Werkstatt", 16)]
    assert [(str(s.day), s.kind, s.label) for s in event.time_slots.all()] == [
        ("2027-05-07", "session", "Round 1"),
        ("2027-05-07", "break", "Lunch"),
        ("2027-05-08", "session", ""),
    ]
    assert event.organisers.get().name == "visibleRuhr eG"
    page = editor_client.get(event.url)
    assert "Werkstatt" in page.content.decode()


def test_an_event_that_ends_before_it_starts_is_refused(editor_client):
    home = make_home()

    response = editor_client.post(
        add_event_url(home), event_form_data(start="2027-05-08 09:00", end="2027-05-07 09:00")
    )

    assert response.status_code == 200
    assert "The event cannot end before it starts." in response.content.decode()
    assert not EventPage.objects.filter(slug="barcamp-dortmund").exists()


def test_a_slot_that_ends_when_it_starts_is_refused(editor_client):
    home = make_home()
    data = event_form_data()
    data["time_slots-0-end"] = "10:00"

    response = editor_client.post(add_event_url(home), data)

    assert response.status_code == 200
    assert "A time slot must end after it starts." in response.content.decode()


def test_the_session_editor_offers_only_rooms_and_slots_of_its_event(editor_client):
    event = make_event()
    other = make_event(title="Other barcamp")
    own_room, own_slot = make_room(event, "Own room"), make_slot(event)
    make_room(other, "Foreign room")
    make_slot(other, start="18:00", end="19:00")

    response = editor_client.get(reverse("wagtailadmin_pages:add", args=("barcamp_wagtail", "sessionpage", event.pk)))

    form = response.context["form"]
    assert list(form.fields["room"].queryset) == [own_room]
    assert list(form.fields["time_slot"].queryset) == [own_slot]


def test_editor_adds_a_scheduled_session(editor_client):
    event = make_event()
    room, slot = make_room(event), make_slot(event)
    url = reverse("wagtailadmin_pages:add", args=("barcamp_wagtail", "sessionpage", event.pk))
    data = nested_form_data(
        {
            "title": "Open Data für Kommunen",
            "slug": "open-data",
            "abstract": "What cities publish.",
            "description": rich_text("<p>Details</p>"),
            "hosts": "Marie Ting",
            "topics": "Digitalisierung, Verwaltung",
            "format": "talk",
            "language": "de",
            "room": str(room.pk),
            "time_slot": str(slot.pk),
            "notes": rich_text(""),
            "slides_url": "",
            "pad_url": "",
            "action-publish": "publish",
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302
    session = SessionPage.objects.get(slug="open-data")
    assert (session.room, session.time_slot, session.live) == (room, slot, True)
    assert sorted(t.name for t in session.topics.all()) == ["Digitalisierung", "Verwaltung"]
    assert session.revisions.count() == 1

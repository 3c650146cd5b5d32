import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission

from barcamp_wagtail.models import EventOrganiser, EventPage, Sponsor

from .factories import EVENT_DAY, make_event, make_home, make_room, make_session, make_slot
from .press_factories import make_release, make_sponsor

pytestmark = pytest.mark.django_db


def next_edition_url(event):
    return reverse("barcamp_wagtail_next_edition", args=[event.pk])


@pytest.fixture
def event():
    sponsor = make_sponsor("Devspire")
    event = make_event(
        title="Barcamp 2026",
        days=2,
        teaser="The first edition.",
        body=[("sponsor_wall", {"heading": "Sponsors", "tiers": [{"name": "Gold", "sponsors": [sponsor]}]})],
    )
    EventOrganiser.objects.create(event=event, name="visibleRuhr eG", sort_order=0)
    room = make_room(event, "Plenum")
    make_room(event, "Werkstatt", capacity=16, sort_order=1)
    slot = make_slot(event, "10:00", "10:45")
    make_slot(event, "23:30", "00:30", day=EVENT_DAY + datetime.timedelta(days=1), kind="plenary", label="Party")
    make_session(event, "Old session", room=room, time_slot=slot)
    make_release(event, "Old press release")
    return event


def test_the_next_edition_form_suggests_a_year_later(editor_client, event):
    response = editor_client.get(next_edition_url(event))

    form = BeautifulSoup(response.content, "html.parser").find("form", action=next_edition_url(event))
    assert form.find("input", attrs={"name": "start_date"})["value"] == "2027-10-16"
    assert form.find("input", attrs={"name": "title"})["value"] == "Barcamp 2027"
    assert form.find("input", attrs={"name": "slug"})["value"] == "barcamp-2027"


def test_an_event_is_copied_as_a_draft_next_edition_with_everything_shifted(editor_client, event):
    confirmed = Sponsor.objects.get(name="Devspire")
    response = editor_client.post(
        next_edition_url(event),
        {"title": "Barcamp 2027", "slug": "barcamp-2027", "start_date": "2027-05-07", "sponsors": [confirmed.pk]},
    )

    copy = EventPage.objects.get(slug="barcamp-2027")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert not copy.live
    assert copy.get_parent().pk == event.get_parent().pk
    tz = datetime.timezone(datetime.timedelta(hours=2))
    assert copy.start == datetime.datetime(2027, 5, 7, 9, 0, tzinfo=tz)
    assert copy.end == datetime.datetime(2027, 5, 8, 17, 0, tzinfo=tz)
    assert [(r.name, r.capacity) for r in copy.rooms.all()] == [("Plenum", 40), ("Werkstatt", 16)]
    assert [(str(s.day), str(s.start), str(s.end), s.label) for s in copy.time_slots.all()] == [
        ("2027-05-07", "10:00:00", "10:45:00", ""),
        ("2027-05-08", "23:30:00", "00:30:00", "Party"),
    ]
    assert [o.name for o in copy.organisers.all()] == ["visibleRuhr eG"]
    assert [block.block_type for block in copy.body] == ["sponsor_wall"]
    assert copy.body[0].value["tiers"][0]["sponsors"][0].name == "Devspire"
    assert not copy.get_children().exists()
    assert event.get_children().count() == 2
    # The editor opens the draft revision: it must carry the new dates, too.
    draft = copy.get_latest_revision_as_object()
    assert draft.start == copy.start
    assert [str(s.day) for s in draft.time_slots.all()] == ["2027-05-07", "2027-05-08"]
    assert editor_client.get(response["Location"]).status_code == 200


def test_the_old_edition_is_left_untouched(editor_client, event):
    editor_client.post(next_edition_url(event), {"title": "Next", "slug": "next", "start_date": "2027-05-07"})

    event.refresh_from_db()
    assert event.live
    assert [str(s.day) for s in event.time_slots.all()] == ["2026-10-16", "2026-10-17"]
    assert event.rooms.count() == 2


def test_a_slug_already_taken_next_to_the_event_is_refused(editor_client, event):
    response = editor_client.post(
        next_edition_url(event), {"title": "Again", "slug": event.slug, "start_date": "2027-05-07"}
    )

    assert response.status_code == 200
    assert "A page with this slug already exists" in response.content.decode()
    assert EventPage.objects.count() == 1


def test_event_pages_show_the_next_edition_button_in_the_admin(editor_client, event):
    edit_page = editor_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    listing = editor_client.get(reverse("wagtailadmin_explore", args=[make_home().pk])).content.decode()

    assert next_edition_url(event) in edit_page
    assert next_edition_url(event) in listing


def test_someone_who_cannot_add_pages_next_to_the_event_gets_403(client, django_user_model, event):
    moderators = Group.objects.create(name="Event editors")
    moderators.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=moderators, page=event, permission=Permission.objects.get(codename="change_page")
    )
    user = django_user_model.objects.create_user("helper", "helper@example.org", "password")
    user.groups.add(moderators)
    client.force_login(user)

    get = client.get(next_edition_url(event))
    post = client.post(next_edition_url(event), {"title": "X", "slug": "x", "start_date": "2027-05-07"})
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))

    assert get.status_code == post.status_code == 403
    assert EventPage.objects.count() == 1
    assert edit_page.status_code == 200
    assert next_edition_url(event) not in edit_page.content.decode()

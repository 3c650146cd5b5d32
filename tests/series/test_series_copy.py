""" "Copy as next edition" within a series: the copy lands in the same series with rooms, slots,
organisers, registration settings and the confirmed sponsors, and the old edition's next-edition
sign-ups are invited once the new edition's registration opens."""

import datetime
import io

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from barcamp_wagtail.models import (
    EventOrganiser,
    EventPage,
    InterestSignup,
    NextEditionInvitation,
    Participant,
    RegistrationDay,
)
from tests.factories import make_room, make_slot
from tests.participants.conftest import Visitor, link_in_mail
from tests.press_factories import make_sponsor

from .conftest import days_from_today, make_edition, make_series

pytestmark = pytest.mark.django_db

PAST_START = days_from_today(-40)


def next_edition_url(event):
    return reverse("barcamp_wagtail_next_edition", args=[event.pk])


@pytest.fixture
def sponsors(db):
    names = ("Devspire", "Küberit", "Acme")
    return {name: make_sponsor(name, url=f"https://{name.lower()}.example/") for name in names}


@pytest.fixture
def edition(series, sponsors):
    tz = timezone.get_current_timezone()
    wall = {
        "heading": "Sponsors",
        "tiers": [
            {"name": "Gold", "sponsors": [sponsors["Devspire"], sponsors["Küberit"]]},
            {"name": "Silver", "sponsors": [sponsors["Küberit"]]},
        ],
    }
    edition = make_edition(
        series,
        "Barcamp Ruhr 2026",
        -40,
        body=[
            ("paragraph", "<p>Welcome</p>"),
            ("sponsor_wall", wall),
            ("sponsor", {"sponsor": sponsors["Acme"], "show_description": True}),
        ],
        registration_enabled=True,
        capacity=30,
        registration_opens=datetime.datetime.combine(PAST_START - datetime.timedelta(days=60), datetime.time(8), tz),
        registration_closes=datetime.datetime.combine(PAST_START - datetime.timedelta(days=1), datetime.time(20), tz),
    )
    EventOrganiser.objects.create(event=edition, name="visibleRuhr eG", role="organiser", sort_order=0)
    RegistrationDay.objects.create(event=edition, day=PAST_START, capacity=25, sort_order=0)
    make_room(edition, "Plenum")
    make_room(edition, "Werkstatt", capacity=16, sort_order=1)
    make_slot(edition, "10:00", "10:45", day=PAST_START)
    make_slot(edition, "12:00", "13:00", day=PAST_START, kind="break", label="Lunch")
    InterestSignup.objects.create(event=edition, email="fan@example.org", name="Fan", confirmed_at=timezone.now())
    InterestSignup.objects.create(event=edition, email="unsure@example.org")
    return edition


def form_of(response):
    return BeautifulSoup(response.content, "html.parser").find("form", method="post")


def copy_form(start_date, sponsors=(), invite=True, title="Barcamp Ruhr 2027", slug="barcamp-ruhr-2027"):
    data = {"title": title, "slug": slug, "start_date": start_date.isoformat()}
    data["sponsors"] = [sponsor.pk for sponsor in sponsors]
    if invite:
        data["invite_signups"] = "on"
    return data


def test_the_copy_form_asks_which_sponsors_confirmed_and_offers_to_invite_the_sign_ups(editor_client, edition):
    form = form_of(editor_client.get(next_edition_url(edition)))

    boxes = form.find_all("input", attrs={"name": "sponsors"})
    labels = [box.find_parent("label").get_text(strip=True) for box in boxes]
    assert labels == ["Devspire", "Küberit", "Acme"]
    assert not any(box.has_attr("checked") for box in boxes)
    assert form.find("input", attrs={"name": "invite_signups"}).has_attr("checked")
    assert "1 person confirmed they want to hear about the next edition" in form.get_text()


def test_copy_as_next_edition_files_the_copy_in_the_same_series_with_everything_carried_over(
    editor_client, series, edition, sponsors
):
    start = days_from_today(325)
    response = editor_client.post(next_edition_url(edition), copy_form(start, [sponsors["Devspire"]]), follow=True)

    copy = EventPage.objects.get(slug="barcamp-ruhr-2027")
    assert copy.get_parent().specific == series
    assert not copy.live
    shift = start - PAST_START
    assert timezone.localtime(copy.start).date() == start
    assert copy.registration_enabled and copy.capacity == 30
    assert copy.registration_opens == edition.registration_opens + shift
    assert copy.registration_closes == edition.registration_closes + shift
    assert [(day.day, day.capacity) for day in copy.registration_days.all()] == [(start, 25)]
    assert [(room.name, room.capacity) for room in copy.rooms.all()] == [("Plenum", 40), ("Werkstatt", 16)]
    assert [(slot.day, str(slot.start), slot.kind, slot.label) for slot in copy.time_slots.all()] == [
        (start, "10:00:00", "session", ""),
        (start, "12:00:00", "break", "Lunch"),
    ]
    assert [(o.name, o.role) for o in copy.organisers.all()] == [("visibleRuhr eG", "organiser")]
    # Only the confirmed sponsor is carried over; the tiers stay for the editor to fill.
    assert [block.block_type for block in copy.body] == ["paragraph", "sponsor_wall"]
    tiers = copy.body[1].value["tiers"]
    assert [(tier["name"], [s.name for s in tier["sponsors"]]) for tier in tiers] == [
        ("Gold", ["Devspire"]),
        ("Silver", []),
    ]
    draft = copy.get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == ["paragraph", "sponsor_wall"]
    assert NextEditionInvitation.objects.get(event=copy).source_id == edition.pk
    html = response.content.decode()
    assert "Not carried over until they confirm: Küberit, Acme." in html
    # The old edition keeps everything.
    edition.refresh_from_db()
    assert [block.block_type for block in edition.body] == ["paragraph", "sponsor_wall", "sponsor"]


def test_no_sponsor_ticked_leaves_every_sponsor_block_out(editor_client, edition):
    editor_client.post(next_edition_url(edition), copy_form(days_from_today(325)))

    copy = EventPage.objects.get(slug="barcamp-ruhr-2027")
    assert [block.block_type for block in copy.body] == ["paragraph"]


def test_sign_ups_are_invited_when_the_copy_is_published_with_registration_open(
    editor_client, series, edition, django_capture_on_commit_callbacks, mailoutbox
):
    # Registration of the copy opens 60 days before it starts: already open for an edition in 30 days.
    editor_client.post(next_edition_url(edition), copy_form(days_from_today(30)))
    copy = EventPage.objects.get(slug="barcamp-ruhr-2027")
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        copy.get_latest_revision().publish()
    assert [message.to for message in mailoutbox] == [["fan@example.org"]]

    visitor = Visitor()
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.register(copy, {"email": "fan@example.org", "name": "Fan"}, url=link_in_mail(mailoutbox[0]))
    assert response.status_code == 303
    fan = Participant.objects.get(event=copy, email="fan@example.org")
    assert fan.source == Participant.Source.INVITATION and fan.is_confirmed


def test_invitations_wait_until_registration_opens_then_go_out_once(
    editor_client, edition, django_capture_on_commit_callbacks, mailoutbox
):
    start = days_from_today(325)
    editor_client.post(next_edition_url(edition), copy_form(start))
    copy = EventPage.objects.get(slug="barcamp-ruhr-2027")
    with django_capture_on_commit_callbacks(execute=True):
        copy.get_latest_revision().publish()
    copy.refresh_from_db()
    assert copy.registration_opens > timezone.now()
    assert mailoutbox == []
    overview = reverse("barcamp_wagtail_participants", args=[copy.pk])
    promise = promised_invitation(editor_client, overview)
    assert "sign-ups of “Barcamp Ruhr 2026” are invited as soon as" in promise.get_text()

    with time_machine.travel(copy.registration_opens + datetime.timedelta(minutes=5), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            first, second = io.StringIO(), io.StringIO()
            call_command("barcamp_participants", stdout=first)
            call_command("barcamp_participants", stdout=second)

    assert [message.to for message in mailoutbox] == [["fan@example.org"]]
    assert "1 next-edition sign-up(s) invited." in first.getvalue()
    assert "0 next-edition sign-up(s) invited." in second.getvalue()
    assert NextEditionInvitation.objects.get(event=copy).sent_at is not None
    promise = promised_invitation(editor_client, overview)
    assert "sign-ups of “Barcamp Ruhr 2026” were invited on" in promise.get_text()


def promised_invitation(client, overview):
    return BeautifulSoup(client.get(overview).content, "html.parser").find(class_="barcamp-promised-invitation")


def test_without_the_invitation_ticked_nobody_is_invited(
    editor_client, edition, django_capture_on_commit_callbacks, mailoutbox
):
    editor_client.post(next_edition_url(edition), copy_form(days_from_today(30), invite=False))
    copy = EventPage.objects.get(slug="barcamp-ruhr-2027")
    with django_capture_on_commit_callbacks(execute=True):
        copy.get_latest_revision().publish()

    assert not NextEditionInvitation.objects.exists()
    assert mailoutbox == []


def editor_of(page, django_user_model, username):
    group = Group.objects.create(name=f"Editors of {page.title}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(group=group, page=page, permission=Permission.objects.get(codename=codename))
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "password")
    user.groups.add(group)
    return user


def test_the_editors_of_a_series_may_copy_its_editions_and_others_may_not(client, django_user_model, series, edition):
    other_series = make_series(title="Barcamp Köln", slug="barcamp-koeln")
    client.force_login(editor_of(series, django_user_model, "ruhr"))
    assert client.get(next_edition_url(edition)).status_code == 200
    assert client.post(next_edition_url(edition), copy_form(days_from_today(325))).status_code == 302

    client.force_login(editor_of(other_series, django_user_model, "koeln"))
    assert client.get(next_edition_url(edition)).status_code == 403
    response = client.post(next_edition_url(edition), copy_form(days_from_today(326), slug="other"))
    assert response.status_code == 403
    assert not EventPage.objects.filter(slug="other").exists()


def test_the_invite_form_offers_the_sign_ups_of_the_edition_before_in_the_series(editor_client, editions):
    third, second = editions["third"], editions["second"]
    InterestSignup.objects.create(event=second, email="fan@example.org", confirmed_at=timezone.now())

    html = editor_client.get(reverse("barcamp_wagtail_participants_invite", args=[third.pk])).content.decode()

    chosen = BeautifulSoup(html, "html.parser").select_one('select[name="source"] option[selected]')
    assert chosen is not None and chosen["value"] == str(second.pk)

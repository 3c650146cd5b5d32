"""The organisers' side: counts per day, the list and its export, walk-ins, cancelling, moving up,
messages to participants and inviting next-edition sign-ups."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from barcamp_wagtail.models import Booking, BulkMail, InterestSignup, Participant

from ..factories import make_event
from .conftest import make_participant, make_registration_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(db):
    return make_registration_event(capacity=2)


def overview(event):
    return reverse("barcamp_wagtail_participants", args=[event.pk])


def test_the_overview_counts_each_day_against_its_seats_and_lists_the_waiting_list_in_order(editor_client, event):
    for name in ("Ada Lovelace", "Grace Hopper", "Hedy Lamarr", "Katherine Johnson"):
        make_participant(event, name)
    make_participant(event, "Annie Easley", confirm=False)
    html = editor_client.get(overview(event)).content.decode()
    row = html.split(f'data-day="{event.event_days()[0]:%Y-%m-%d}"')[1].split("</tr>")[0]
    cells = [cell.split(">")[1] for cell in row.split("<td")[1:]]
    assert cells[:5] == ["2</td", "2</td", "0</td", "0</td", "2</td"]
    assert html.index("Hedy Lamarr") < html.index("Katherine Johnson")
    assert "1 waiting for address confirmation" in html


def test_the_export_is_formula_safe_and_has_no_email_addresses(editor_client, event):
    make_participant(event, '=HYPERLINK("http://evil")', email="evil@example.org")
    url = reverse("barcamp_wagtail_participant_modeladmin_index") + "?export=csv"
    response = editor_client.get(url)
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0].startswith("'=")
    assert "evil@example.org" not in text


def test_editors_without_the_permission_or_the_events_page_permission_see_nothing(client, django_user_model, event):
    make_participant(event, "Ada Lovelace")
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    assert client.get(overview(event)).status_code == 403
    assert client.get(reverse("barcamp_wagtail_participant_modeladmin_index")).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="view_participant"))
    client.force_login(user)
    assert "Ada Lovelace" in client.get(reverse("barcamp_wagtail_participant_modeladmin_index")).content.decode()
    assert client.get(reverse("barcamp_wagtail_participants_walk_in", args=[event.pk])).status_code == 403


def test_a_walk_in_is_added_seated_and_checked_in(editor_client, event):
    day = event.event_days()[0].isoformat()
    response = editor_client.post(
        reverse("barcamp_wagtail_participants_walk_in", args=[event.pk]),
        {"name": "Walk In", "days": [day], "check_in": "on", "consent": "on"},
    )
    assert response.status_code == 302
    walk_in = Participant.objects.get(name="Walk In")
    assert walk_in.source == Participant.Source.WALK_IN and walk_in.is_confirmed
    assert walk_in.bookings.get().status == Booking.Status.SEATED


def test_a_walk_in_without_consent_is_refused_with_a_message(editor_client, event):
    response = editor_client.post(
        reverse("barcamp_wagtail_participants_walk_in", args=[event.pk]),
        {"name": "Walk In", "days": [event.event_days()[0].isoformat()]},
    )
    assert "Please ask for consent" in response.content.decode()
    assert not Participant.objects.exists()


def test_cancelling_and_moving_up_from_the_admin(editor_client, event, django_capture_on_commit_callbacks, outbox):
    holder = make_participant(event, "Ada Lovelace")
    make_participant(event, "Grace Hopper")
    first_waiting = make_participant(event, "Hedy Lamarr")
    last_waiting = make_participant(event, "Katherine Johnson")
    editor_client.post(reverse("barcamp_wagtail_participants_move_up", args=[last_waiting.bookings.get().pk]))
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(reverse("barcamp_wagtail_participants_cancel", args=[holder.pk]))
    assert last_waiting.bookings.get().status == Booking.Status.OFFERED
    assert first_waiting.bookings.get().status == Booking.Status.WAITING
    assert [message.to for message in outbox] == [["katherine@example.org"]]


def test_a_message_to_participants_goes_out_after_commit_one_mail_each_and_is_rate_limited(
    editor_client, event, settings, django_capture_on_commit_callbacks, outbox
):
    settings.BARCAMP_WAGTAIL = settings.BARCAMP_WAGTAIL | {"BULK_MAIL_LIMIT": 1}
    for name in ("Ada Lovelace", "Grace Hopper", "Hedy Lamarr"):
        make_participant(event, name)
    url = reverse("barcamp_wagtail_participants_mail", args=[event.pk])
    data = {"audience": "seated", "subject": "Anfahrt", "body": "Bring gute Laune mit.", "confirm": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, data).status_code == 302
    assert sorted(message.to[0] for message in outbox) == ["ada@example.org", "grace@example.org"]
    assert all(len(message.to) == 1 and "Bring gute Laune mit." in message.body for message in outbox)
    assert editor_client.post(url, data).status_code == 429
    assert BulkMail.objects.count() == 1


def test_next_edition_sign_ups_are_invited_once_and_count_as_such(
    editor_client, event, django_capture_on_commit_callbacks, outbox
):
    from .conftest import Visitor, link_in_mail

    previous = make_event(title="Barcamp 2025")
    confirmed = InterestSignup.objects.create(event=previous, email="fan@example.org", confirmed_at=timezone.now())
    InterestSignup.objects.create(event=previous, email="unsure@example.org")
    url = reverse("barcamp_wagtail_participants_invite", args=[event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, {"source": previous.pk})
        editor_client.post(url, {"source": previous.pk})
    assert [message.to for message in outbox] == [["fan@example.org"]]
    assert confirmed.invitations.count() == 1

    visitor = Visitor()
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.register(event, {"email": "fan@example.org", "name": "Fan"}, url=link_in_mail(outbox[0]))
    assert response.status_code == 303
    fan = Participant.objects.get(email="fan@example.org")
    assert fan.source == Participant.Source.INVITATION and fan.is_confirmed
    assert fan.bookings.get().status == Booking.Status.SEATED
    html = editor_client.get(overview(event)).content.decode()
    assert "1 from next-edition sign-ups" in html

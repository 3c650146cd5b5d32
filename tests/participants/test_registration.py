"""Registering through the public form: double opt-in, seats, the waiting list and its offers."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from barcamp_wagtail.models import Booking, Participant

from .conftest import (
    VALID,
    Visitor,
    link_in_mail,
    make_participant,
    make_registration_event,
    private_path,
    register_url,
)

pytestmark = pytest.mark.django_db


def register_and_confirm(event, visitor, outbox, capture, **data):
    outbox.clear()
    with capture(execute=True):
        response = visitor.register(event, data)
    assert response.status_code == 303, response.content.decode()[:2000]
    link = link_in_mail(outbox[-1])
    with capture(execute=True):
        confirmed = visitor.post(link, {"action": "confirm"})
    assert confirmed.status_code == 303
    return Participant.objects.get(email__iexact=data.get("email", "ada@example.org")), link


def test_a_visitor_registers_confirms_through_the_mailed_link_and_has_a_seat(
    event, visitor, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.register(event)
    assert response.status_code == 303
    participant = Participant.objects.get()
    assert not participant.is_confirmed
    assert participant.bookings.get().status == Booking.Status.REQUESTED
    assert len(outbox) == 1 and outbox[0].to == ["ada@example.org"]
    assert "confirm" in outbox[0].subject.lower()

    link = link_in_mail(outbox[0])
    page = visitor.client.get(link)
    assert page.status_code == 200
    assert "Yes, register me" in page.content.decode()
    assert participant.bookings.get().status == Booking.Status.REQUESTED  # opening the link confirms nothing

    visitor.post(link, {"action": "confirm"})
    booking = participant.bookings.get()
    assert (booking.status, booking.seat) == (Booking.Status.SEATED, 1)
    page = visitor.client.get(link).content.decode()
    assert "You have a seat." in page
    assert page.count("<svg") >= 1  # the QR code of the voter code


def test_private_pages_are_never_cached_publicly_nor_indexed(event, visitor):
    participant = make_participant(event)
    response = visitor.client.get(private_path(participant))
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Referrer-Policy"] == "same-origin"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_a_guessed_or_foreign_link_answers_404(event, visitor):
    participant = make_participant(event)
    other = make_registration_event(title="Anderes Barcamp")
    token = participant.token()
    assert visitor.client.get(private_path(participant)).status_code == 200
    for bad in [f"{participant.pk}-{'0' * 32}", f"{participant.pk + 1}-{token.split('-')[1]}", "abc", token[:-1]]:
        assert visitor.client.get(event.url + f"participants/{bad}/").status_code == 404
    assert visitor.client.get(other.url + f"participants/{token}/").status_code == 404


def test_when_the_event_is_full_the_next_confirmed_registration_joins_the_waiting_list(
    visitor, outbox, django_capture_on_commit_callbacks
):
    event = make_registration_event(capacity=1)
    make_participant(event, "Grace Hopper")
    participant, link = register_and_confirm(event, visitor, outbox, django_capture_on_commit_callbacks)
    booking = participant.bookings.get()
    assert booking.status == Booking.Status.WAITING and booking.seat is None
    assert "You are number 1 on the waiting list." in visitor.client.get(link).content.decode()
    assert "fully booked" in visitor.client.get(register_url(event)).content.decode()


def test_a_cancellation_offers_the_seat_to_the_next_who_takes_it_before_the_deadline(
    outbox, django_capture_on_commit_callbacks
):
    event = make_registration_event(capacity=1)
    first = make_participant(event, "Grace Hopper")
    second = make_participant(event, "Ada Lovelace")
    third = make_participant(event, "Hedy Lamarr")
    outbox.clear()
    owner = Visitor()
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(private_path(first), {"action": "cancel", "sure": "yes"})
    assert response.status_code == 303
    assert first.bookings.get().status == Booking.Status.CANCELLED
    offered = second.bookings.get()
    assert offered.status == Booking.Status.OFFERED and offered.seat == 1
    assert third.bookings.get().status == Booking.Status.WAITING
    assert [message.to for message in outbox] == [["ada@example.org"]]
    assert "A seat for you" in outbox[0].subject

    taker = Visitor()
    page = taker.client.get(link_in_mail(outbox[0])).content.decode()
    assert "Take the seat" in page
    taker.post(link_in_mail(outbox[0]), {"action": "accept", "booking": offered.pk})
    offered.refresh_from_db()
    assert offered.status == Booking.Status.SEATED
    second.refresh_from_db()
    assert second.voter_code_id is not None


def test_an_offer_not_taken_in_time_passes_on_to_the_next(outbox, django_capture_on_commit_callbacks, settings):
    settings.BARCAMP_WAGTAIL = settings.BARCAMP_WAGTAIL | {"PARTICIPANT_OFFER_HOURS": 48}
    event = make_registration_event(capacity=1)
    first = make_participant(event, "Grace Hopper")
    second = make_participant(event, "Ada Lovelace")
    third = make_participant(event, "Hedy Lamarr")
    with django_capture_on_commit_callbacks(execute=True):
        Visitor().post(private_path(first), {"action": "cancel", "sure": "yes"})
    offer = second.bookings.get()
    assert offer.offer_expires_at - timezone.now() == pytest.approx(
        datetime.timedelta(hours=48), abs=datetime.timedelta(minutes=1)
    )

    outbox.clear()
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(hours=49)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page = Visitor().client.get(private_path(second)).content.decode()
        assert "not taken in time" in page
        response = Visitor().post(private_path(second), {"action": "accept", "booking": offer.pk})
    assert response["Location"].endswith("?done=too-late")
    assert second.bookings.get().status == Booking.Status.EXPIRED
    assert third.bookings.get().status == Booking.Status.OFFERED
    assert [message.to for message in outbox] == [["hedy@example.org"]]


def test_more_seats_published_on_the_event_are_offered_to_the_waiting_list(django_capture_on_commit_callbacks, outbox):
    event = make_registration_event(capacity=1)
    make_participant(event, "Grace Hopper")
    waiting = [make_participant(event, name) for name in ("Ada Lovelace", "Hedy Lamarr", "Katherine Johnson")]
    event.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    statuses = [participant.bookings.get().status for participant in waiting]
    assert statuses == [Booking.Status.OFFERED, Booking.Status.OFFERED, Booking.Status.WAITING]
    assert len(outbox) == 2


def test_a_second_registration_with_the_same_address_resends_the_link_and_stores_nothing(
    event, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Visitor().register(event)
        response = Visitor().register(event, {"email": "ADA@example.org", "name": "Someone Else"})
    assert response.status_code == 303
    assert Participant.objects.count() == 1
    assert Participant.objects.get().name == "Ada Lovelace"
    assert len(outbox) == 2 and outbox[0].body == outbox[1].body


def test_a_multi_day_event_has_seats_per_day(outbox, django_capture_on_commit_callbacks):
    from barcamp_wagtail.models import RegistrationDay

    event = make_registration_event(capacity=2, days=2)
    first_day, second_day = event.event_days()
    RegistrationDay.objects.create(event=event, day=second_day, capacity=1)
    make_participant(event, "Grace Hopper", days=[second_day])
    participant, _link = register_and_confirm(
        event,
        Visitor(),
        outbox,
        django_capture_on_commit_callbacks,
        days=[first_day.isoformat(), second_day.isoformat()],
    )
    statuses = dict(participant.bookings.values_list("day", "status"))
    assert statuses == {first_day: Booking.Status.SEATED, second_day: Booking.Status.WAITING}


def test_a_participant_changes_days_and_the_freed_seat_passes_on(outbox, django_capture_on_commit_callbacks):
    event = make_registration_event(capacity=1, days=2)
    first_day, second_day = event.event_days()
    owner = make_participant(event, "Grace Hopper")
    other = make_participant(event, "Ada Lovelace")
    with django_capture_on_commit_callbacks(execute=True):
        response = Visitor().post(
            private_path(owner),
            {
                "action": "change",
                "name": "Grace B. Hopper",
                "days": [first_day.isoformat()],
                "organisation": "",
                "needs": "",
            },
        )
    assert response.status_code == 303
    owner.refresh_from_db()
    assert owner.name == "Grace B. Hopper"
    assert dict(other.bookings.values_list("day", "status")) == {
        first_day: Booking.Status.WAITING,
        second_day: Booking.Status.OFFERED,
    }


def test_cancelling_needs_the_tick_and_is_final(event):
    participant = make_participant(event)
    response = Visitor().post(private_path(participant), {"action": "cancel"})
    assert response.status_code == 400
    assert "Please tick the box" in response.content.decode()
    assert participant.bookings.get().status == Booking.Status.SEATED
    Visitor().post(private_path(participant), {"action": "cancel", "sure": "yes"})
    participant.refresh_from_db()
    assert participant.is_cancelled and participant.voter_code_id is None
    assert "Your registration is cancelled" in Visitor().client.get(private_path(participant)).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "Ada\nLovelace", "Please write this on one line."),
        ("organisation", "Evil\u202eCorp", "characters that are not allowed"),
        ("email", "not-an-address", "Enter a valid email address."),
        ("privacy_consent", None, "We can only register you with your consent."),
        ("needs", "x" * 501, "at most 500 characters"),
        ("website", "http://spam.example", "looks automated"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_stored(event, field, value, message):
    response = Visitor().register(event, {field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Participant.objects.exists()


def test_the_form_refuses_registrations_before_it_opens_and_after_it_closes(db):
    event = make_registration_event(registration_opens=timezone.now() + datetime.timedelta(days=1))
    visitor = Visitor()
    assert "Registration is not open" in visitor.open(register_url(event)).content.decode()
    response = visitor.client.post(register_url(event), {**VALID, "csrfmiddlewaretoken": visitor.csrf})
    assert "Registration is not open" in response.content.decode()
    event.registration_opens, event.registration_closes = None, timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    assert "Registration is not open" in Visitor().open(register_url(event)).content.decode()
    assert not Participant.objects.exists()


def test_the_registration_form_is_rate_limited(event, settings):
    settings.BARCAMP_WAGTAIL = settings.BARCAMP_WAGTAIL | {"PROPOSAL_RATE_LIMIT": 2}
    visitor = Visitor(REMOTE_ADDR="203.0.113.9")
    statuses = [visitor.register(event, {"email": f"p{number}@example.org"}).status_code for number in range(3)]
    assert statuses == [303, 303, 429]
    assert Participant.objects.count() == 2


def test_the_same_form_sent_twice_stores_one_registration(event):
    visitor = Visitor()
    visitor.open(register_url(event))
    payload = {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "privacy_consent": "on",
        "g-recaptcha-response": "token",
        "csrfmiddlewaretoken": visitor.csrf,
        "form_token": visitor.form_token,
    }
    first = visitor.client.post(register_url(event), payload)
    assert first.status_code == 303, first.content.decode()[-3000:]
    assert visitor.client.post(register_url(event), payload).status_code == 303
    assert Participant.objects.count() == 1


def test_the_event_page_invites_to_register_and_counts_the_free_seats(event, client):
    make_participant(event)
    html = client.get(event.url).content.decode()
    assert "2 seats left" in html
    assert register_url(event) in html

"""Seats under concurrency, with real threads: the database never seats more people than there are
seats, the waiting list has one place per person, and freed seats go to different people.

Runs on SQLite (WAL + immediate transactions, see tests/settings.py) and, with
BARCAMP_TEST_DB=postgresql, on PostgreSQL.
"""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from barcamp_wagtail.models import Booking, Participant
from barcamp_wagtail.participants import seats

from ..proposals.test_proposal_concurrency import run_in_threads
from .conftest import make_participant, make_registration_event

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def at_once(action):
    """``action(index)`` as work for ``run_in_threads``: every thread starts it at the same moment."""

    def work(index, barrier):
        barrier.wait(timeout=60)
        return action(index)

    return work


def unconfirmed(event, count):
    people = []
    for number in range(count):
        with transaction.atomic():
            participant = Participant.objects.create(
                event=event, name=f"Person {number}", email=f"p{number}@example.org", consent_at=timezone.now()
            )
            seats.request_days(participant, event.event_days())
        people.append(participant)
    return people


def test_a_hundred_confirmations_at_once_give_forty_seats_and_sixty_places_in_order():
    event = make_registration_event(capacity=40)
    people = unconfirmed(event, 100)

    run_in_threads(100, at_once(lambda index: seats.confirm(people[index])))

    bookings = Booking.objects.filter(event=event)
    seated = bookings.filter(status=Booking.Status.SEATED)
    waiting = bookings.filter(status=Booking.Status.WAITING).order_by("queue_number")
    assert seated.count() == 40
    assert sorted(seated.values_list("seat", flat=True)) == list(range(1, 41))
    assert waiting.count() == 60
    assert list(waiting.values_list("queue_number", flat=True)) == list(range(1, 61))
    assert [seats.queue_position(booking) for booking in waiting] == list(range(1, 61))


def test_two_cancellations_at_once_offer_their_seats_to_two_different_people():
    event = make_registration_event(capacity=2)
    holders = [make_participant(event, f"Holder {number}") for number in range(2)]
    queue = [make_participant(event, f"Waiting {number}") for number in range(3)]

    run_in_threads(2, at_once(lambda index: seats.cancel(holders[index])))

    offered = Booking.objects.filter(event=event, status=Booking.Status.OFFERED).order_by("queue_number")
    assert [booking.participant_id for booking in offered] == [queue[0].pk, queue[1].pk]
    assert sorted(offered.values_list("seat", flat=True)) == [1, 2]
    assert queue[2].bookings.get().status == Booking.Status.WAITING


def test_filling_the_same_day_from_many_threads_offers_each_seat_once():
    event = make_registration_event(capacity=1)
    holder = make_participant(event, "Holder")
    queue = [make_participant(event, f"Waiting {number}") for number in range(5)]
    Booking.objects.filter(participant=holder).update(status=Booking.Status.CANCELLED, seat=None)

    offered = run_in_threads(10, at_once(lambda index: seats.fill(event, event.event_days()[0])))

    assert sum(len(ids) for ids in offered) == 1
    assert Booking.objects.filter(event=event, status=Booking.Status.OFFERED).get().participant_id == queue[0].pk


def test_the_database_refuses_a_second_booking_on_one_seat(db):
    event = make_registration_event(capacity=5)
    first = make_participant(event, "Grace Hopper")
    second = make_participant(event, "Ada Lovelace")
    seat = first.bookings.get().seat
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(participant=second).update(seat=seat)

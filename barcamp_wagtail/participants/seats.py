"""Who gets a seat: registration, cancellation and the waiting list, safe under concurrency.

Every change to the bookings of one event day happens inside a transaction that first locks that
day's ``DayLedger`` row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite takes the database's write
lock at ``BEGIN IMMEDIATE``, which the example site configures). Under the lock the free seat
numbers are read and one is taken; the unique constraint on (event, day, seat) is the last word,
so even a path that skipped the lock could not seat two people on one seat. Waiting-list order is
a counter on the same row, so positions are handed out in the order the lock was taken.

Promotion (``fill``) recomputes from the stored state under the lock: calling it twice offers no
seat twice, and two cancellations at once offer their two seats to two different people.
Mails are queued with ``transaction.on_commit``: nobody is told about a seat that was rolled back.
"""

import datetime

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .. import mail
from ..conf import get_setting
from .codes import ensure_voter_code, withdraw_voter_code
from .models import Booking, DayLedger, Participant, RegistrationDay

Status = Booking.Status


def capacity_for(event, day):
    """Seats on ``day``: the day's own number, else the event's."""
    own = RegistrationDay.objects.filter(event=event, day=day).values_list("capacity", flat=True).first()
    return own if own is not None else (event.capacity or 0)


def lock_day(event, day):
    """Lock (and create on first use) the ledger row of one event day, inside the caller's transaction."""
    ledger = DayLedger.objects.select_for_update().filter(event=event, day=day).first()
    if ledger is not None:
        return ledger
    try:
        with transaction.atomic():
            DayLedger.objects.create(event=event, day=day)
    except IntegrityError:
        pass  # Created by a concurrent request a moment ago.
    return DayLedger.objects.select_for_update().get(event=event, day=day)


def _free_seat(event, day):
    taken = set(
        Booking.objects.filter(event=event, day=day, seat__isnull=False).values_list("seat", flat=True).order_by()
    )
    for number in range(1, capacity_for(event, day) + 1):
        if number not in taken:
            return number
    return None


def _next_queue_number(ledger):
    number = ledger.next_queue_number
    ledger.next_queue_number = number + 1
    ledger.save(update_fields=["next_queue_number"])
    return number


def _place(booking, ledger):
    """Give a pending or returning booking a seat if one is free, else the next place in the queue."""
    seat = _free_seat(booking.event, booking.day)
    if seat is not None:
        booking.status, booking.seat, booking.queue_number = Status.SEATED, seat, None
    else:
        booking.status, booking.seat, booking.queue_number = Status.WAITING, None, _next_queue_number(ledger)
    booking.offer_expires_at = None
    booking.save()


def _require_transaction():
    if not connection.in_atomic_block:
        raise RuntimeError("Seats change only inside transaction.atomic().")


def request_days(participant, days):
    """Remember the days a not yet confirmed registration asks for (no seat, no place in the queue).

    One INSERT for all days, without the day's lock: a requested day holds nothing, so the
    registration form's transaction stays as short as the write of the registration itself.
    A day already booked is left as it is."""
    _require_transaction()
    Booking.objects.bulk_create(
        [
            Booking(participant=participant, event_id=participant.event_id, day=day, status=Status.REQUESTED)
            for day in sorted(set(days))
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def confirm(participant):
    """Confirm the address: the requested days get a seat or a place in the waiting list."""
    participant = Participant.objects.select_related("event").get(pk=participant.pk)
    if participant.is_confirmed or participant.is_cancelled:
        return participant
    participant.confirmed_at = timezone.now()
    participant.save(update_fields=["confirmed_at"])
    days = list(participant.bookings.values_list("day", flat=True))
    book(participant, days)
    return participant


def book(participant, days):
    """Seat (or queue) ``participant`` on each of ``days`` they are not booked on yet."""
    _require_transaction()
    event = participant.event
    for day in sorted(set(days)):
        ledger = lock_day(event, day)
        booking = Booking.objects.filter(participant=participant, day=day).first()
        if booking is not None and booking.status in Booking.ACTIVE:
            continue
        booking = booking or Booking(participant=participant, event=event, day=day)
        _place(booking, ledger)
    if participant.bookings.filter(status=Status.SEATED).exists():
        ensure_voter_code(participant)


@transaction.atomic
def change_days(participant, days):
    """Keep the bookings of ``days``, cancel the others (their seats pass on), book the new ones."""
    days = set(days)
    for booking in list(participant.bookings.filter(status__in=Booking.ACTIVE)):
        if booking.day not in days:
            cancel_booking(booking)
    book(participant, days)


def cancel_booking(booking):
    """Give up one day's seat or place; a freed seat is offered to the next in the queue."""
    _require_transaction()
    ledger = lock_day(booking.event, booking.day)
    booking = Booking.objects.select_related("event", "participant").get(pk=booking.pk)
    if booking.status not in Booking.ACTIVE:
        return
    held_seat = booking.seat is not None
    booking.status, booking.seat, booking.queue_number, booking.offer_expires_at = Status.CANCELLED, None, None, None
    booking.save()
    if held_seat:
        _fill_locked(booking.event, booking.day, ledger)


@transaction.atomic
def cancel(participant):
    """Cancel a whole registration (by its owner, or an organiser): every seat passes on."""
    participant = Participant.objects.select_related("event").get(pk=participant.pk)
    for booking in list(participant.bookings.filter(status__in=Booking.ACTIVE).order_by("day")):
        cancel_booking(booking)
    if participant.cancelled_at is None:
        participant.cancelled_at = timezone.now()
        participant.save(update_fields=["cancelled_at"])
    withdraw_voter_code(participant)
    return participant


def offer_deadline(event, day, now):
    """Now plus ``PARTICIPANT_OFFER_HOURS``, but not later than the day's start while that is an
    hour or more away: an offer made the evening before must be answered before the doors open."""
    deadline = now + datetime.timedelta(hours=get_setting("PARTICIPANT_OFFER_HOURS"))
    opening = timezone.make_aware(datetime.datetime.combine(day, timezone.localtime(event.start).time()))
    if now + datetime.timedelta(hours=1) <= opening < deadline:
        return opening
    return deadline


def _fill_locked(event, day, ledger):
    """Under the day's lock: let overdue offers lapse, then offer every free seat to the next in line."""
    now = timezone.now()
    for lapsed in Booking.objects.filter(
        event=event, day=day, status=Status.OFFERED, offer_expires_at__lte=now
    ).select_for_update():
        lapsed.status, lapsed.seat, lapsed.offer_expires_at = Status.EXPIRED, None, None
        lapsed.save()
    offered = []
    waiting = Booking.objects.filter(event=event, day=day, status=Status.WAITING).order_by("queue_number", "pk")
    for booking in waiting:
        seat = _free_seat(event, day)
        if seat is None:
            break
        booking.status, booking.seat = Status.OFFERED, seat
        booking.offer_expires_at = offer_deadline(event, day, now)
        booking.save()
        offered.append(booking.pk)
        mail.enqueue_on_commit("participant_seat_offered", booking.pk)
    return offered


@transaction.atomic
def fill(event, day):
    """Offer free seats of one day to the waiting list (after a cancellation, more seats, a lapsed
    offer). Idempotent: returns the ids of the bookings offered a seat by this call."""
    return _fill_locked(event, day, lock_day(event, day))


def fill_all(event):
    """``fill`` every day of the event that has bookings."""
    days = Booking.objects.filter(event=event).values_list("day", flat=True).distinct().order_by("day")
    return [booking for day in days for booking in fill(event, day)]


def lapse_overdue_offers(now=None):
    """Let every overdue offer lapse and pass its seat on; for ``manage.py barcamp_participants``.
    Returns how many offers lapsed."""
    from ..models import EventPage

    now = now or timezone.now()
    overdue = Booking.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
    pairs = sorted(set(overdue.values_list("event_id", "day")))
    count = overdue.count()
    for event_id, day in pairs:
        fill(EventPage.objects.get(pk=event_id), day)
    return count


@transaction.atomic
def accept_offer(booking):
    """Take an offered seat while the offer stands. Returns True when the seat is now the participant's."""
    ledger = lock_day(booking.event, booking.day)
    booking = Booking.objects.select_related("event", "participant").get(pk=booking.pk)
    if booking.status == Status.OFFERED and booking.offer_expires_at and booking.offer_expires_at <= timezone.now():
        _fill_locked(booking.event, booking.day, ledger)
        return False
    if booking.status != Status.OFFERED:
        return booking.status == Status.SEATED
    booking.status, booking.queue_number, booking.offer_expires_at = Status.SEATED, None, None
    booking.save()
    ensure_voter_code(booking.participant)
    return True


@transaction.atomic
def rejoin_queue(booking):
    """After a lapsed offer: back to the end of the waiting list (or a seat, if one is free)."""
    ledger = lock_day(booking.event, booking.day)
    booking = Booking.objects.select_related("event", "participant").get(pk=booking.pk)
    if booking.status != Status.EXPIRED or booking.participant.is_cancelled:
        return booking
    _place(booking, ledger)
    if booking.status == Status.SEATED:
        ensure_voter_code(booking.participant)
    return booking


@transaction.atomic
def move_to_front(booking):
    """Organisers: put a waiting booking first in the queue; a free seat is offered at once."""
    ledger = lock_day(booking.event, booking.day)
    booking = Booking.objects.select_related("event").get(pk=booking.pk)
    if booking.status != Status.WAITING:
        return booking
    first = (
        Booking.objects.filter(event=booking.event, day=booking.day, queue_number__isnull=False)
        .order_by("queue_number")
        .values_list("queue_number", flat=True)
        .first()
    )
    booking.queue_number = (first or 1) - 1
    booking.save(update_fields=["queue_number", "updated_at"])
    _fill_locked(booking.event, booking.day, ledger)
    return booking


def queue_position(booking):
    """1 for the first in the waiting list of the booking's day; None when not waiting."""
    if booking.status != Status.WAITING:
        return None
    ahead = Booking.objects.filter(
        event_id=booking.event_id, day=booking.day, status=Status.WAITING, queue_number__lt=booking.queue_number
    ).count()
    return ahead + 1


def seats_left(event):
    """What the public pages tell: the free seats of each day of the event (two small queries,
    none of the organisers' figures)."""
    from django.db.models import Count

    held = dict(
        Booking.objects.filter(event=event, status__in=Booking.HOLDS_SEAT)
        .values("day")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("day", "count")
    )
    own = dict(RegistrationDay.objects.filter(event=event).values_list("day", "capacity"))
    return [
        {"day": day, "free": max(own.get(day, event.capacity or 0) - held.get(day, 0), 0)} for day in event.event_days()
    ]


def day_counts(event):
    """Per day of the event: seats, seated, offered, waiting and checked in; one query per table."""
    from django.db.models import Count

    from .models import CheckIn

    rows = {
        (row["day"], row["status"]): row["count"]
        for row in Booking.objects.filter(event=event, participant__confirmed_at__isnull=False)
        .values("day", "status")
        .annotate(count=Count("pk"))
        .order_by()
    }
    invited = {
        row["day"]: row["count"]
        for row in Booking.objects.filter(
            event=event, participant__source=Participant.Source.INVITATION, status__in=Booking.HOLDS_SEAT
        )
        .values("day")
        .annotate(count=Count("pk"))
        .order_by()
    }
    present = {
        row["day"]: row["count"]
        for row in CheckIn.objects.filter(event=event, checked_out_at__isnull=True)
        .values("day")
        .annotate(count=Count("pk"))
        .order_by()
    }
    own = dict(RegistrationDay.objects.filter(event=event).values_list("day", "capacity"))
    return [
        {
            "day": day,
            "capacity": own.get(day, event.capacity or 0),
            "seated": rows.get((day, Status.SEATED), 0),
            "offered": rows.get((day, Status.OFFERED), 0),
            "waiting": rows.get((day, Status.WAITING), 0),
            "invited": invited.get(day, 0),
            "present": present.get(day, 0),
            "free": max(
                own.get(day, event.capacity or 0)
                - rows.get((day, Status.SEATED), 0)
                - rows.get((day, Status.OFFERED), 0),
                0,
            ),
        }
        for day in event.event_days()
    ]

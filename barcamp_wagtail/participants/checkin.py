"""Check-in at the door, made for a phone on a flaky network.

The door page queues each action with an id it makes up and sends it until the server answers.
The server keeps every answered id (``CheckInRequest``): a request sent twice (the answer was lost,
the page retried) gets the first answer again and changes nothing. Checking in someone already in
the building is answered "already here", never counted twice: one ``CheckIn`` row per person
and day, enforced by the database.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models.plenary import VoterCode
from .models import Booking, CheckIn, CheckInRequest, Participant

ACTIONS = ("in", "out")


def present_count(event, day):
    """People in the building on ``day``: checked in and not out again."""
    return CheckIn.objects.filter(event=event, day=day, checked_out_at__isnull=True).count()


def find_by_code(event, text):
    """The participant whose voter code is ``text`` (typed, or read from the badge's QR code, which
    holds the vote page's URL with ``?code=``); None when nobody has it."""
    from urllib.parse import parse_qs, urlsplit

    text = (text or "").strip()
    if "code=" in text:
        text = (parse_qs(urlsplit(text).query).get("code") or [""])[0]
    voter = VoterCode.find(event, text)
    return Participant.objects.filter(voter_code=voter, event=event).first() if voter else None


def _result(status, participant=None, present=0, at=None):
    return {
        "status": status,
        "participant": participant.pk if participant else None,
        "name": participant.name if participant else "",
        "present": present,
        "at": at.isoformat() if at else None,
    }


def apply(event, day, client_id, action, participant_id=None, code=""):
    """Apply one door action exactly once; returns the answer (the stored one for a known ``client_id``)."""
    client_id = str(client_id or "")[:64]
    known = CheckInRequest.objects.filter(client_id=client_id).first()
    if known is not None:
        return known.result | {"repeated": True}
    if action not in ACTIONS or not client_id:
        return _result("invalid", present=present_count(event, day))
    participant = None
    if participant_id:
        participant = Participant.objects.filter(pk=participant_id, event=event).first()
    elif code:
        participant = find_by_code(event, code)
    try:
        with transaction.atomic():
            result = _apply(event, day, action, participant)
            CheckInRequest.objects.create(client_id=client_id, participant=participant, result=result)
    except IntegrityError:
        # The same id arrived twice at once: the first one's answer is the answer.
        return CheckInRequest.objects.get(client_id=client_id).result | {"repeated": True}
    return result


def _apply(event, day, action, participant):
    now = timezone.now()
    if participant is None:
        return _result("not_found", present=present_count(event, day))
    if participant.is_cancelled or not participant.is_confirmed:
        return _result("not_registered", participant, present_count(event, day))
    check_in = CheckIn.objects.select_for_update().filter(participant=participant, day=day).first()
    if action == "in":
        if check_in is not None and check_in.checked_out_at is None:
            return _result("already_in", participant, present_count(event, day), check_in.checked_in_at)
        if check_in is None:
            check_in = CheckIn.objects.create(participant=participant, event=event, day=day, checked_in_at=now)
        else:
            check_in.checked_in_at, check_in.checked_out_at = now, None
            check_in.save(update_fields=["checked_in_at", "checked_out_at"])
        seated = participant.bookings.filter(day=day, status=Booking.Status.SEATED).exists()
        return _result(
            "checked_in" if seated else "checked_in_without_seat", participant, present_count(event, day), now
        )
    if check_in is None or check_in.checked_out_at is not None:
        return _result("not_in", participant, present_count(event, day))
    check_in.checked_out_at = now
    check_in.save(update_fields=["checked_out_at"])
    return _result("checked_out", participant, present_count(event, day), now)


def door_list(event, day):
    """Everyone who may come in on ``day`` (seat, offer or waiting list: the door decides), with
    whether they are in, for the door page's search, which works on it without the network."""
    present = dict(CheckIn.objects.filter(event=event, day=day).values_list("participant_id", "checked_out_at"))
    rows = (
        Booking.objects.filter(event=event, day=day, status__in=Booking.ACTIVE, participant__confirmed_at__isnull=False)
        .select_related("participant")
        .order_by("participant__name", "pk")
    )
    return [
        {
            "id": booking.participant_id,
            "name": booking.participant.name,
            "organisation": booking.participant.organisation,
            "status": booking.status,
            "in": booking.participant_id in present and present[booking.participant_id] is None,
        }
        for booking in rows
    ]

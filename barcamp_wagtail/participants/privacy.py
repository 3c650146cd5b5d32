"""The participants' part of the privacy requests (called by ``barcamp_wagtail.privacy`` and
``manage.py barcamp_privacy``): export what is held about an address, erase it everywhere, and purge
what is no longer needed after an event."""

import datetime

from django.db import transaction
from django.utils import timezone

from ..conf import get_setting
from ..models.plenary import VoterCode
from . import seats
from .models import Booking, ContactRequest, Participant

PARTICIPANT_FIELDS = [
    "name",
    "email",
    "organisation",
    "badge_name",
    "needs",
    "language",
    "source",
    "privacy_consent",
    "consent_at",
    "created_at",
    "confirmed_at",
    "cancelled_at",
]


def _plain(value):
    return value.isoformat() if isinstance(value, (datetime.date, datetime.datetime)) else value


def _registrations(email, events=None):
    participants = Participant.objects.for_email(email)
    return participants if events is None else participants.filter(event__in=events)


def export_data(email, events=None):
    """Every registration of the address with its days, check-ins, profile, contact requests and votes."""
    registrations = []
    participants = _registrations(email, events).select_related("event", "voter_code").order_by("created_at")
    for participant in participants:
        item = {field: _plain(getattr(participant, field)) for field in PARTICIPANT_FIELDS}
        item["event"] = participant.event.title
        item["days"] = [
            {"day": _plain(booking.day), "status": booking.status} for booking in participant.bookings.order_by("day")
        ]
        item["check_ins"] = [
            {"day": _plain(check_in.day), "in": _plain(check_in.checked_in_at), "out": _plain(check_in.checked_out_at)}
            for check_in in participant.check_ins.order_by("day")
        ]
        profile = getattr(participant, "profile", None)
        item["directory_profile"] = (
            {
                "role": profile.role,
                "offers": profile.offers,
                "seeks": profile.seeks,
                "about": profile.about,
                "links": profile.links,
                "allow_contact": profile.allow_contact,
                "published_at": _plain(profile.created_at),
            }
            if profile
            else None
        )
        item["contact_requests_sent"] = [
            {
                "to": contact.recipient.name,
                "message": contact.message,
                "status": contact.status,
                "at": _plain(contact.created_at),
            }
            for contact in participant.contacts_sent.select_related("recipient")
        ]
        item["contact_requests_received"] = [
            {
                "from": contact.sender.name,
                "message": contact.message,
                "status": contact.status,
                "at": _plain(contact.created_at),
            }
            for contact in participant.contacts_received.select_related("sender")
        ]
        item["online_votes"] = (
            list(participant.voter_code.votes.values_list("proposal__title", flat=True))
            if participant.voter_code_id
            else []
        )
        registrations.append(item)
    return registrations


@transaction.atomic
def erase(email, events=None):
    """Delete the address's registrations (in ``events``) with their days, check-ins, profile,
    contact requests (sent and received), voter code and votes; their seats pass on to the waiting
    list. Returns how many registrations were deleted."""
    participants = list(_registrations(email, events).select_related("event"))
    for participant in participants:
        _delete(participant)
    return len(participants)


def _delete(participant):
    freed = set(participant.bookings.filter(status__in=Booking.HOLDS_SEAT).values_list("event_id", "day").order_by())
    for booking in participant.bookings.filter(status__in=Booking.ACTIVE).order_by("day"):
        seats.cancel_booking(booking)
    ContactRequest.objects.filter(sender=participant).delete()
    ContactRequest.objects.filter(recipient=participant).delete()
    if participant.voter_code_id:
        VoterCode.objects.filter(pk=participant.voter_code_id).delete()
    participant.delete()
    return freed


def purge(days=None, unconfirmed_days=None):
    """Delete registrations of events that ended more than ``days`` (PARTICIPANT_RETENTION_DAYS) ago,
    and registrations left unconfirmed longer than ``unconfirmed_days`` (PARTICIPANT_CONFIRM_DAYS).
    Returns how many registrations were deleted."""
    days = get_setting("PARTICIPANT_RETENTION_DAYS") if days is None else days
    unconfirmed_days = get_setting("PARTICIPANT_CONFIRM_DAYS") if unconfirmed_days is None else unconfirmed_days
    now = timezone.now()
    old = Participant.objects.filter(event__end__lt=now - datetime.timedelta(days=days))
    stale = Participant.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - datetime.timedelta(days=unconfirmed_days)
    )
    count = 0
    for participant in (old | stale).distinct().select_related("event"):
        with transaction.atomic():
            _delete(participant)
        count += 1
    return count

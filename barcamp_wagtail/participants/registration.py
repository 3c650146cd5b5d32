"""Registering: storing a new registration, answering a second one for the same address, walk-ins
at the door and the invitation of next-edition sign-ups.

A registration from the form waits for its address to be confirmed (double opt-in) before it
gets a seat or a place in the waiting list; until then it holds nothing. Whatever the address, the
visitor reads the same answer: nobody learns from the form who is registered.
"""

import datetime

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import mail
from ..conf import get_setting
from ..shared_cache import shared_cache
from . import seats
from .models import Invitation, Participant

INVITATION_SALT = "barcamp_wagtail.participants.invitation"


def invitation_token(signup, event):
    return signing.dumps({"s": signup.pk, "e": event.pk}, salt=INVITATION_SALT)


def invited_signup(token, event):
    """The next-edition sign-up an invitation link was sent to, or None."""
    from ..models import InterestSignup

    try:
        data = signing.loads(token or "", salt=INVITATION_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("e") != event.pk:
        return None
    return InterestSignup.objects.confirmed().filter(pk=data.get("s"), invitations__event=event).first()


def register(event, data, *, nonce=None, language="", signup=None):
    """Store a registration from the public form; returns (participant, whether it is new).

    An address that has a registration already gets its private link again (at most every
    ``INTEREST_RESEND_MINUTES``) instead of a second registration. An invited next-edition
    sign-up registering with the invited address is confirmed at once: that address was confirmed.
    """
    email = data["email"].strip()
    invited = signup is not None and signup.email.casefold() == email.casefold()
    try:
        with transaction.atomic():
            participant = Participant.objects.create(
                event=event,
                name=data["name"],
                email=email,
                organisation=data.get("organisation", ""),
                badge_name=data.get("badge_name", ""),
                needs=data.get("needs", ""),
                language=(language or "")[:10],
                privacy_consent=True,
                consent_at=timezone.now(),
                nonce=nonce,
                source=Participant.Source.INVITATION if invited else Participant.Source.FORM,
            )
            seats.request_days(participant, data["days"])
            if invited:
                seats.confirm(participant)
            mail.enqueue_on_commit("participant_registered", participant.pk)
    except IntegrityError:
        existing = Participant.objects.filter(event=event).active().for_email(email).first()
        if existing is None:
            if nonce and Participant.objects.filter(nonce=nonce).exists():
                return Participant.objects.get(nonce=nonce), False  # the same form sent twice
            raise
        _resend_link(existing)
        return existing, False
    return participant, True


def _resend_link(participant):
    key = f"barcamp_wagtail:participant-link:{participant.pk}"
    cache = shared_cache(get_setting("PROPOSAL_RATE_CACHE"))
    if cache.add(key, 1, timeout=get_setting("INTEREST_RESEND_MINUTES") * 60):
        mail.enqueue_on_commit("participant_registered", participant.pk)


def confirmation_expired(participant, now=None):
    """An unconfirmed registration older than ``PARTICIPANT_CONFIRM_DAYS`` can no longer be confirmed."""
    if participant.is_confirmed:
        return False
    age = (now or timezone.now()) - participant.created_at
    return age > datetime.timedelta(days=get_setting("PARTICIPANT_CONFIRM_DAYS"))


@transaction.atomic
def add_walk_in(event, data):
    """Organisers add someone at the door: confirmed at once, seated where a seat is free."""
    participant = Participant.objects.create(
        event=event,
        name=data["name"],
        email=(data.get("email") or "").strip(),
        organisation=data.get("organisation", ""),
        language="",
        privacy_consent=True,
        consent_at=timezone.now(),
        confirmed_at=timezone.now(),
        source=Participant.Source.WALK_IN,
    )
    seats.book(participant, data["days"])
    return participant


def previous_edition(event):
    """The edition whose sign-ups ``event`` invites by default: the one "Copy as next edition"
    recorded, else the latest earlier edition of its series; else None. (Wagtail's copy log names
    the copy's parent, not the page copied, so it cannot tell.)"""
    from ..models import EventPage, NextEditionInvitation
    from ..series import series_of

    promise = NextEditionInvitation.objects.filter(event=event).select_related("source").first()
    if promise is not None:
        return promise.source
    if series_of(event) is None:
        return None
    return EventPage.objects.sibling_of(event, inclusive=False).filter(start__lt=event.start).order_by("-start").first()


def invite_signups(source, event):
    """Invite every confirmed next-edition sign-up of ``source`` to register for ``event``, once each
    (their double opt-in was given). Returns how many were invited now."""
    invited = 0
    for signup in source.interest_signups.confirmed().exclude(invitations__event=event):
        try:
            with transaction.atomic():
                Invitation.objects.create(signup=signup, event=event)
                mail.enqueue_on_commit("participant_invitation", [signup.pk, event.pk])
        except IntegrityError:
            continue  # invited by a concurrent request
        invited += 1
    return invited

"""The networking directory: who may see it, whose profiles it shows, and contact requests.

Only participants of the same event who hold a seat (or were checked in) see it, through their
private link, while the event's directory is switched on and until ``DIRECTORY_OPEN_DAYS`` after
the event. Nobody sees anyone's e-mail address: a contact request is read by its recipient on their
own private page, and only when they allow it is the message mailed to them with the sender's
address to reply to.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .. import mail
from ..conf import get_setting
from .models import Booking, CheckIn, ContactRequest, Participant, Profile


def closes_at(event):
    return event.end + datetime.timedelta(days=get_setting("DIRECTORY_OPEN_DAYS"))


def is_open(event, now=None):
    return bool(event.directory_enabled) and (now or timezone.now()) < closes_at(event)


def members(event):
    """Participants of ``event`` who belong to its directory: confirmed, not cancelled, with a seat
    on some day or checked in."""
    seated = Booking.objects.filter(participant=OuterRef("pk"), status=Booking.Status.SEATED)
    present = CheckIn.objects.filter(participant=OuterRef("pk"))
    return Participant.objects.filter(event=event).confirmed().filter(Q(Exists(seated)) | Q(Exists(present)))


def can_use(event, participant):
    return participant is not None and is_open(event) and members(event).filter(pk=participant.pk).exists()


def profiles(event, viewer):
    """The published profiles ``viewer`` may read: every member's but their own."""
    return (
        Profile.objects.filter(participant__in=members(event))
        .exclude(participant=viewer)
        .select_related("participant")
        .order_by("participant__name", "pk")
    )


def event_topics(event):
    """The topics of the event, for profiles: its sessions' topics and its proposals' topics."""
    from ..models import SessionProposal, SessionTopic

    names = set(
        SessionTopic.objects.filter(content_object__in=event.sessions().values("pk")).values_list(
            "tag__name", flat=True
        )
    )
    names |= set(
        SessionProposal.objects.filter(event=event)
        .exclude(status=SessionProposal.Status.WITHDRAWN)
        .exclude(topic="")
        .values_list("topic", flat=True)
    )
    return sorted(names, key=str.casefold)


def hosted_sessions(profile):
    """The live sessions the profile's owner hosts, when both sides agreed: the proposal's name may be
    shown (``show_name``) and the profile shows hosted sessions (``link_sessions``). Matched by the
    address the proposal was sent from."""
    from ..models import SessionPage, SessionProposal

    participant = profile.participant
    if not profile.link_sessions or not participant.email:
        return []
    session_ids = SessionProposal.objects.filter(
        event_id=participant.event_id,
        email__iexact=participant.email,
        show_name=True,
        status=SessionProposal.Status.ACCEPTED,
        session__isnull=False,
    ).values("session_id")
    return list(SessionPage.objects.live().filter(pk__in=session_ids).order_by("title"))


class ContactRefused(Exception):
    """Why a contact request was not stored; the message is for the sender."""


def request_contact(sender, profile, message):
    """Store a contact request and tell the recipient (without the message) that one waits for them."""
    from django.utils.translation import gettext as _

    recipient = profile.participant
    if not profile.allow_contact or recipient.pk == sender.pk:
        raise ContactRefused(_("This participant does not take contact requests."))
    window = timezone.now() - datetime.timedelta(seconds=get_setting("CONTACT_RATE_WINDOW"))
    if ContactRequest.objects.filter(sender=sender, created_at__gte=window).count() >= get_setting(
        "CONTACT_RATE_LIMIT"
    ):
        raise ContactRefused(_("You have sent many contact requests recently. Please try again later."))
    try:
        with transaction.atomic():
            contact = ContactRequest.objects.create(sender=sender, recipient=recipient, message=message)
            mail.enqueue_on_commit("participant_contact_requested", contact.pk)
    except IntegrityError as error:
        raise ContactRefused(_("Your earlier request to this participant is still waiting for an answer.")) from error
    return contact


@transaction.atomic
def answer_contact(recipient, contact_id, allow):
    """The recipient allows (the message is mailed to them, reply-to the sender) or declines."""
    contact = (
        ContactRequest.objects.select_for_update()
        .filter(pk=contact_id, recipient=recipient, status=ContactRequest.Status.PENDING)
        .first()
    )
    if contact is None:
        return None
    contact.status = ContactRequest.Status.ALLOWED if allow else ContactRequest.Status.DECLINED
    contact.decided_at = timezone.now()
    contact.save(update_fields=["status", "decided_at"])
    if allow:
        mail.enqueue_on_commit("participant_contact_allowed", contact.pk)
    return contact

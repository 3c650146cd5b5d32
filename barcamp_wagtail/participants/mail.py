"""The participants' mails, one each, in the participant's language, sent like every mail of the
app: a caller asks with ``mail.enqueue_on_commit(kind, object_id)`` and the ``deliver_mail`` task
calls the function registered here. ``object_id`` is a JSON value: an id, or a pair of ids.

A failure is logged, not raised: what the mail is about is stored, and the private page shows it.
"""

import logging

from django.conf import settings
from django.utils import translation

from ..conf import get_setting
from ..mail import _send, mail

logger = logging.getLogger(__name__)

FOLDER = "barcamp_wagtail/participants/mail/"


def _to_participant(participant, name, context=None, reply_to=None):
    """Send ``participants/mail/<name>.txt`` to one participant, with the private link."""
    if not participant.email:
        return
    try:
        with translation.override(participant.language or settings.LANGUAGE_CODE):
            full_context = {"participant": participant, "event": participant.event, "link": participant.link()}
            _send(
                name,
                full_context | (context or {}),
                [participant.email],
                language=participant.language,
                folder=FOLDER,
                reply_to=reply_to,
            )
    except Exception:
        logger.exception("Could not send the %s mail to participant %s", name, participant.pk)


@mail("participant_registered")
def participant_registered(participant_id):
    """The private link: to confirm the address (double opt-in), then to view, change or cancel."""
    from .models import Participant

    participant = Participant.objects.select_related("event").filter(pk=participant_id).first()
    if participant is not None and not participant.is_cancelled:
        _to_participant(participant, "registered", {"days": get_setting("PARTICIPANT_CONFIRM_DAYS")})


@mail("participant_seat_offered")
def participant_seat_offered(booking_id):
    """A seat from the waiting list, to be taken before the deadline."""
    from .models import Booking

    booking = Booking.objects.select_related("participant__event").filter(pk=booking_id).first()
    if booking is not None and booking.status == Booking.Status.OFFERED:
        _to_participant(booking.participant, "seat_offered", {"booking": booking})


@mail("participant_contact_requested")
def participant_contact_requested(contact_id):
    """Tell a participant that someone from the directory asks for contact (without the message)."""
    from .models import ContactRequest

    contact = ContactRequest.objects.select_related("recipient__event", "sender").filter(pk=contact_id).first()
    if contact is not None:
        _to_participant(contact.recipient, "contact_requested", {"sender": contact.sender})


@mail("participant_contact_allowed")
def participant_contact_allowed(contact_id):
    """The allowed message, to its recipient, with the sender's address to reply to."""
    from .models import ContactRequest

    contact = ContactRequest.objects.select_related("recipient__event", "sender").filter(pk=contact_id).first()
    if contact is not None and contact.sender.email:
        _to_participant(contact.recipient, "contact_message", {"contact": contact}, reply_to=[contact.sender.email])


@mail("participant_invitation")
def participant_invitation(ids):
    """Invite a confirmed next-edition sign-up to register for the new edition: ``ids`` is
    (sign-up id, event id)."""
    from ..models import EventPage, InterestSignup
    from .registration import invitation_token

    signup_id, event_id = ids
    signup = InterestSignup.objects.filter(pk=signup_id).first()
    event = EventPage.objects.filter(pk=event_id).first()
    if signup is None or event is None:
        return
    try:
        with translation.override(signup.language or settings.LANGUAGE_CODE):
            register_url = event.participants_url("register") + "?invitation=" + invitation_token(signup, event)
            context = {"signup": signup, "event": event, "register_url": register_url}
            _send("invitation", context, [signup.email], language=signup.language, folder=FOLDER)
    except Exception:
        logger.exception("Could not send the invitation to next-edition sign-up %s", signup_id)


@mail("participants_message")
def participants_message(ids):
    """An organisers' message to one participant (each gets their own mail, nobody sees the
    other addresses): ``ids`` is (message id, participant id)."""
    from .models import BulkMail, Participant

    message_id, participant_id = ids
    message = BulkMail.objects.filter(pk=message_id).first()
    participant = Participant.objects.select_related("event").filter(pk=participant_id).first()
    if message is not None and participant is not None:
        _to_participant(participant, "organisers_message", {"message": message})

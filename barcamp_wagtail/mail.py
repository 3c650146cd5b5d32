"""Every e-mail the app sends goes out from here: about session proposals, next-edition sign-ups and
participants.

Mails are sent after the transaction commits (callers use ``transaction.on_commit``), in the
visitor's language, as plain text. Links are built from the Wagtail Site the page belongs to,
never from the request's Host header, which a client can forge.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .conf import get_setting

logger = logging.getLogger(__name__)


def _send(subject_template, body_template, context, recipients, reply_to=None):
    subject = " ".join(render_to_string(subject_template, context).split())
    body = render_to_string(body_template, context)
    EmailMessage(subject=subject, body=body, to=recipients, reply_to=reply_to).send()


def proposal_received(proposal_id):
    """Confirm a new proposal to its submitter (with the private edit link) and tell the organisers."""
    from .models import ProposalPage, SessionProposal

    proposal = SessionProposal.objects.select_related("event").filter(pk=proposal_id).first()
    page = proposal and ProposalPage.for_event(proposal.event)
    if page is None:
        return
    try:
        with translation.override(proposal.language or settings.LANGUAGE_CODE):
            context = {
                "proposal": proposal,
                "event": proposal.event,
                "edit_url": page.subpage_full_url("edit", proposal.edit_token()),
                "form_url": page.get_full_url(),
            }
            _send(
                "barcamp_wagtail/mail/proposal_received_subject.txt",
                "barcamp_wagtail/mail/proposal_received.txt",
                context,
                [proposal.email],
            )
        addresses = page.notification_addresses()
        if addresses:
            with translation.override(settings.LANGUAGE_CODE):
                admin_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + reverse(
                    "barcamp_wagtail_sessionproposal_modeladmin_inspect", args=[proposal.pk]
                )
                _send(
                    "barcamp_wagtail/mail/proposal_notification_subject.txt",
                    "barcamp_wagtail/mail/proposal_notification.txt",
                    {"proposal": proposal, "event": proposal.event, "admin_url": admin_url},
                    addresses,
                )
    except Exception:
        # The proposal is stored; a broken mail server must not turn that into an error page.
        logger.exception("Could not send the mails about session proposal %s", proposal_id)


def interest_confirmation(signup_id):
    """Send the double opt-in mail: the link that confirms a next-edition sign-up."""
    from .models import InterestSignup

    signup = InterestSignup.objects.select_related("event").filter(pk=signup_id).first()
    if signup is None or signup.is_confirmed:
        return
    event = signup.event
    try:
        with translation.override(signup.language or settings.LANGUAGE_CODE):
            route = event.reverse_subpage("interest_confirm", args=[signup.confirm_token()])
            context = {
                "signup": signup,
                "event": event,
                "confirm_url": event.get_full_url().rstrip("/") + "/" + route.lstrip("/"),
                "days": get_setting("INTEREST_CONFIRM_DAYS"),
            }
            _send(
                "barcamp_wagtail/mail/interest_confirmation_subject.txt",
                "barcamp_wagtail/mail/interest_confirmation.txt",
                context,
                [signup.email],
            )
    except Exception:
        # The sign-up is stored; signing up again sends the mail again.
        logger.exception("Could not send the confirmation mail of next-edition sign-up %s", signup_id)


# Participants (barcamp_wagtail/participants/): one mail each, in the participant's language.

PARTICIPANT_MAILS = "barcamp_wagtail/participants/mail/"


def _to_participant(participant, name, context=None, reply_to=None):
    """Send ``participants/mail/<name>.txt`` to one participant; a failure is logged, not raised:
    what the mail is about is stored, and the private page shows it."""
    if not participant.email:
        return
    try:
        with translation.override(participant.language or settings.LANGUAGE_CODE):
            full_context = {"participant": participant, "event": participant.event, "link": participant.link()}
            _send(
                f"{PARTICIPANT_MAILS}{name}_subject.txt",
                f"{PARTICIPANT_MAILS}{name}.txt",
                full_context | (context or {}),
                [participant.email],
                reply_to=reply_to,
            )
    except Exception:
        logger.exception("Could not send the %s mail to participant %s", name, participant.pk)


def participant_registered(participant_id):
    """The private link: to confirm the address (double opt-in), then to view, change or cancel."""
    from .participants.models import Participant

    participant = Participant.objects.select_related("event").filter(pk=participant_id).first()
    if participant is not None and not participant.is_cancelled:
        _to_participant(participant, "registered", {"days": get_setting("PARTICIPANT_CONFIRM_DAYS")})


def participant_seat_offered(booking_id):
    """A seat from the waiting list, to be taken before the deadline."""
    from .participants.models import Booking

    booking = Booking.objects.select_related("participant__event").filter(pk=booking_id).first()
    if booking is not None and booking.status == Booking.Status.OFFERED:
        _to_participant(booking.participant, "seat_offered", {"booking": booking})


def participant_contact_requested(contact_id):
    """Tell a participant that someone from the directory asks for contact (without the message)."""
    from .participants.models import ContactRequest

    contact = ContactRequest.objects.select_related("recipient__event", "sender").filter(pk=contact_id).first()
    if contact is not None:
        _to_participant(contact.recipient, "contact_requested", {"sender": contact.sender})


def participant_contact_allowed(contact_id):
    """The allowed message, to its recipient, with the sender's address to reply to."""
    from .participants.models import ContactRequest

    contact = ContactRequest.objects.select_related("recipient__event", "sender").filter(pk=contact_id).first()
    if contact is not None and contact.sender.email:
        _to_participant(contact.recipient, "contact_message", {"contact": contact}, reply_to=[contact.sender.email])


def participant_invitation(signup_id, event_id):
    """Invite a confirmed next-edition sign-up to register for the new edition."""
    from .models import EventPage, InterestSignup
    from .participants.registration import invitation_token

    signup = InterestSignup.objects.filter(pk=signup_id).first()
    event = EventPage.objects.filter(pk=event_id).first()
    if signup is None or event is None:
        return
    try:
        with translation.override(signup.language or settings.LANGUAGE_CODE):
            register_url = event.participants_url("register") + "?invitation=" + invitation_token(signup, event)
            context = {"signup": signup, "event": event, "register_url": register_url}
            _send(
                f"{PARTICIPANT_MAILS}invitation_subject.txt",
                f"{PARTICIPANT_MAILS}invitation.txt",
                context,
                [signup.email],
            )
    except Exception:
        logger.exception("Could not send the invitation to next-edition sign-up %s", signup_id)


def participants_message(bulk_mail_id, participant_ids):
    """An organisers' message to participants: one mail per person, nobody sees the other addresses."""
    from .participants.models import BulkMail, Participant

    message = BulkMail.objects.filter(pk=bulk_mail_id).first()
    if message is None:
        return
    for participant in Participant.objects.select_related("event").filter(pk__in=participant_ids):
        _to_participant(participant, "organisers_message", {"message": message})

"""Every e-mail the app sends goes out from here: about session proposals and next-edition sign-ups.

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


def _send(subject_template, body_template, context, recipients):
    subject = " ".join(render_to_string(subject_template, context).split())
    body = render_to_string(body_template, context)
    EmailMessage(subject=subject, body=body, to=recipients).send()


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

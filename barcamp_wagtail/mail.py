"""Every e-mail the app sends goes out from here: about session proposals (received, decided,
room or time changed, withdrawn) and next-edition sign-ups; the participants' mails are
registered the same way by ``participants/mail.py``.

Mails leave the request: a caller asks for one with ``enqueue_on_commit(kind, object_id)``;
once the transaction commits, the ``deliver_mail`` task (tasks.py) is handed to the task
backend named by ``MAIL_TASK_BACKEND`` (inline by default, a database worker in production),
and it calls the function registered here under ``kind``. Each function reads its object from
the database then, so a mail says what was committed, and mails about decisions and placements
claim their row first (an UPDATE that only one caller can win), so each goes out once.

Mails are plain text, in the visitor's language. Links are built from the Wagtail Site the page
belongs to, never from the request's Host header, which a client can forge. Mails to addresses
a visitor typed in count against the caps of ``mail_caps.py``; a mail over the cap is not sent
and the proposal says so in the inbox.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format

from . import mail_caps
from .conf import get_setting
from .multilingual import localized

logger = logging.getLogger(__name__)

MAILS = {}


def mail(kind):
    """Register a function ``f(object_id)`` that sends the mails of ``kind``."""

    def register(function):
        MAILS[kind] = function
        return function

    return register


def enqueue_on_commit(kind, object_id):
    """Send the mails of ``kind`` about ``object_id`` once the current transaction commits."""
    transaction.on_commit(partial(enqueue, kind, object_id))


def enqueue(kind, object_id):
    from .participants import mail as participant_mails  # noqa: F401  (registers the participants' mails)
    from .tasks import deliver_mail

    if kind not in MAILS:
        raise ValueError(f"Unknown kind of mail: {kind}")
    try:
        deliver_mail.using(backend=get_setting("MAIL_TASK_BACKEND")).enqueue(kind, object_id)
    except Exception:
        # What the visitor sent is committed; a broken task queue must not make that an error page.
        logger.exception("Could not hand the %s mail about %s to the task backend", kind, object_id)


def deliver(kind, object_id):
    """Send the mails of ``kind`` now (the task calls this)."""
    from .participants import mail as participant_mails  # noqa: F401  (registers the participants' mails)

    MAILS[kind](object_id)


def _send(name, context, recipients, language=None, folder="barcamp_wagtail/mail/", reply_to=None):
    """Send ``<folder><name>.txt`` with its ``<name>_subject.txt``, in ``language`` (the site's
    language when None)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{folder}{name}_subject.txt", context).split())
        body = render_to_string(f"{folder}{name}.txt", context)
    EmailMessage(subject=subject, body=body, to=recipients, reply_to=reply_to).send()


def _tell_organisers(name, proposal, addresses):
    """A mail about ``proposal`` to the organisers, in the site's language, with the inbox link."""
    context = {"proposal": proposal, "event": proposal.event, "admin_url": _admin_url(proposal)}
    _send(name, context, addresses)


def _admin_url(proposal):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("barcamp_wagtail_sessionproposal_modeladmin_inspect", args=[proposal.pk])


def _hold_back(proposal):
    """Note on the proposal that a mail to its address was over the cap."""
    type(proposal).objects.filter(pk=proposal.pk).update(mail_held_back=True)
    proposal.mail_held_back = True
    logger.warning("A mail about session proposal %s was held back: its address reached the mail cap", proposal.pk)


def placement_text(session):
    """Room and time of a placed session, in the active language and the site's time zone."""
    if session is None or session.room is None or session.time_slot is None:
        return None
    slot = session.time_slot
    start, end = timezone.localtime(slot.start_datetime), timezone.localtime(slot.end_datetime)
    return {
        "room": session.room.name,
        "time": f"{date_format(start, 'DATE_FORMAT')}, {time_format(start, 'TIME_FORMAT')}–"
        f"{time_format(end, 'TIME_FORMAT')}",
    }


@mail("proposal_received")
def proposal_received(proposal_id):
    """Confirm a new proposal to its submitter (with the private edit link) and tell the organisers."""
    from .models import ProposalPage, SessionProposal

    proposal = SessionProposal.objects.select_related("event").filter(pk=proposal_id).first()
    page = proposal and ProposalPage.for_event(proposal.event)
    if page is None:
        return
    try:
        if mail_caps.allow(proposal.email):
            # Links in the visitor's language, for sites whose URLs carry one; on a multilingual
            # site, to the translations of the pages in that language.
            own_page = localized(page, proposal.language)
            with translation.override(proposal.language or settings.LANGUAGE_CODE):
                context = {
                    "proposal": proposal,
                    "event": localized(proposal.event, proposal.language),
                    "edit_url": own_page.subpage_full_url("edit", proposal.edit_token()),
                    "form_url": own_page.get_full_url(),
                }
            _send("proposal_received", context, [proposal.email], proposal.language)
        else:
            _hold_back(proposal)
        addresses = page.notification_addresses()
        if addresses:
            _tell_organisers("proposal_notification", proposal, addresses)
    except Exception:
        # The proposal is stored; a broken mail server must not turn that into an error page.
        logger.exception("Could not send the mails about session proposal %s", proposal_id)


def _submitter_mail_wanted(proposal):
    """The proposal page of its event (live or not), when it lets submitters be told; else None."""
    from .models import ProposalPage

    page = ProposalPage.objects.child_of(proposal.event).specific().first()
    if page is None or not page.notify_submitters or not proposal.email:
        return None
    return page


@mail("decision")
def decision(proposal_id):
    """Tell the submitter that their proposal was accepted (with the session's link, and room and
    time once placed) or declined. Once per decision: a repeated accept sends nothing."""
    from . import host_notices
    from .models import SessionProposal

    decided = [SessionProposal.Status.ACCEPTED, SessionProposal.Status.DECLINED]
    proposal = (
        SessionProposal.objects.select_related("event", "session").filter(pk=proposal_id, status__in=decided).first()
    )
    if proposal is None or proposal.decision_mailed == proposal.status:
        return
    page = _submitter_mail_wanted(proposal)
    if page is None:
        return
    session = proposal.session.specific if proposal.session_id and proposal.status == "accepted" else None
    placement = host_notices.placement_of(session) if session is not None else ""
    claimed = (
        SessionProposal.objects.filter(pk=proposal.pk, status=proposal.status)
        .exclude(decision_mailed=proposal.status)
        .update(decision_mailed=proposal.status, placement_mailed=placement)
    )
    if not claimed:
        return
    withdraw = page.live and proposal.link_allows(page)
    name = "proposal_accepted" if proposal.status == SessionProposal.Status.ACCEPTED else "proposal_declined"
    _send_to_host(name, proposal, session, page if withdraw else None)


def _send_to_host(name, proposal, session, withdraw_page=None):
    """A mail to the submitter about their proposal's session (None when declined), in their
    language, unless the address is over its cap. ``withdraw_page``: include the private link."""
    try:
        if not mail_caps.allow(proposal.email):
            _hold_back(proposal)
            return
        language = proposal.language
        shown_session = localized(session, language) if session is not None and session.live else None
        withdraw_page = localized(withdraw_page, language)
        with translation.override(language or settings.LANGUAGE_CODE):
            context = {
                "proposal": proposal,
                "event": localized(proposal.event, language),
                "session_url": shown_session.get_full_url() if shown_session is not None else "",
                "placement": placement_text(session),
                "withdraw_url": (
                    withdraw_page.subpage_full_url("edit", proposal.edit_token()) if withdraw_page is not None else ""
                ),
            }
        _send(name, context, [proposal.email], proposal.language)
    except Exception:
        logger.exception("Could not send the %s mail of session proposal %s", name, proposal.pk)


@mail("placement")
def placement(proposal_id):
    """Tell the host of an accepted session that its room or time changed. Sent when what the
    host was last told differs from the published session, once per change."""
    from . import host_notices
    from .models import SessionProposal

    proposal = (
        SessionProposal.objects.select_related("event", "session")
        .filter(pk=proposal_id, status=SessionProposal.Status.ACCEPTED, session__isnull=False)
        .exclude(placement_mailed="")
        .first()
    )
    if proposal is None or not proposal.session.live:
        return
    session = proposal.session.specific
    now = host_notices.placement_of(session)
    if now == proposal.placement_mailed or _submitter_mail_wanted(proposal) is None:
        return
    claimed = SessionProposal.objects.filter(pk=proposal.pk, placement_mailed=proposal.placement_mailed).update(
        placement_mailed=now
    )
    if not claimed:
        return
    _send_to_host("session_moved", proposal, session)


@mail("withdrawal")
def withdrawal(proposal_id):
    """Tell the organisers that an accepted session was withdrawn by its submitter."""
    from .models import ProposalPage, SessionProposal

    proposal = SessionProposal.objects.select_related("event").filter(pk=proposal_id).first()
    page = proposal and ProposalPage.objects.child_of(proposal.event).specific().first()
    addresses = page.notification_addresses() if page is not None else []
    if not addresses:
        return
    try:
        _tell_organisers("proposal_withdrawn", proposal, addresses)
    except Exception:
        logger.exception("Could not tell the organisers that session proposal %s was withdrawn", proposal_id)


@mail("interest_confirmation")
def interest_confirmation(signup_id):
    """Send the double opt-in mail: the link that confirms a next-edition sign-up."""
    from .models import InterestSignup

    signup = InterestSignup.objects.select_related("event").filter(pk=signup_id).first()
    if signup is None or signup.is_confirmed:
        return
    if not mail_caps.allow(signup.email):
        # Signing up again after the cap has passed sends the mail.
        InterestSignup.objects.filter(pk=signup.pk).update(confirmation_sent_at=None)
        logger.warning("The confirmation mail of next-edition sign-up %s was held back by the mail cap", signup_id)
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
        _send("interest_confirmation", context, [signup.email], signup.language)
    except Exception:
        # The sign-up is stored; signing up again sends the mail again.
        logger.exception("Could not send the confirmation mail of next-edition sign-up %s", signup_id)

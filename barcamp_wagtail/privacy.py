"""What the GDPR asks of the proposals, the next-edition sign-ups and the participants: tell a
person what is held about them, erase it, and keep nothing longer than needed. Used by
``manage.py barcamp_privacy`` and the admin.

``events`` limits a request to some events (a queryset or list of them): the admin passes the
events the user may moderate, so that an organiser of one barcamp never exports or erases what
another barcamp on the same site holds. ``None`` means every event (the command line, superusers)."""

import datetime

from django.db import transaction
from django.utils import timezone

from .conf import get_setting
from .invalidation import sessions_changed
from .models import InterestSignup, SessionProposal
from .participants import privacy as participant_privacy

EXPORTED_FIELDS = [
    "title",
    "abstract",
    "format",
    "topic",
    "link",
    "name",
    "email",
    "show_name",
    "privacy_consent",
    "consent_at",
    "language",
    "status",
    "created_at",
    "updated_at",
    "decided_at",
]

INTEREST_EXPORTED_FIELDS = ["email", "name", "language", "created_at", "confirmed_at", "confirmation_sent_at"]


def _in_events(queryset, events):
    return queryset if events is None else queryset.filter(event__in=events)


def _proposals(email, events=None):
    email = (email or "").strip()
    if not email:
        return SessionProposal.objects.none()
    return _in_events(SessionProposal.objects.filter(email__iexact=email), events).select_related("event", "session")


def _signups(email, events=None):
    return _in_events(InterestSignup.objects.for_email(email), events)


def export_data(email, events=None):
    """Everything stored about an e-mail address (in ``events``), as a JSON-ready dict."""
    proposals = []
    for proposal in _proposals(email, events).order_by("created_at"):
        item = {}
        for field in EXPORTED_FIELDS:
            value = getattr(proposal, field)
            item[field] = value.isoformat() if isinstance(value, datetime.datetime) else value
        item["event"] = proposal.event.title
        item["session_url"] = proposal.session.full_url if proposal.session_id and proposal.session.live else None
        proposals.append(item)
    return {
        "email": email,
        "session_proposals": proposals,
        "interest_signups": _export_signups(email, events),
        "registrations": participant_privacy.export_data(email, events),
    }


def _export_signups(email, events=None):
    signups = []
    for signup in _signups(email, events).select_related("event").order_by("created_at"):
        item = {field: getattr(signup, field) for field in INTEREST_EXPORTED_FIELDS}
        for field, value in item.items():
            if isinstance(value, datetime.datetime):
                item[field] = value.isoformat()
        item["event"] = signup.event.title
        signups.append(item)
    return signups


def erase_registrations(email, events=None):
    """Delete the registrations of an e-mail address (in ``events``), with everything that hangs on them."""
    return participant_privacy.erase(email, events)


def purge_registrations(days=None, unconfirmed_days=None):
    """Delete registrations after their event (PARTICIPANT_RETENTION_DAYS) or left unconfirmed."""
    return participant_privacy.purge(days, unconfirmed_days)


@transaction.atomic
def erase_signups(email, events=None):
    """Delete the next-edition sign-ups of an e-mail address (in ``events``). Returns how many were deleted."""
    deleted, _per_model = _signups(email, events).delete()
    return deleted


def purge_unconfirmed_signups(days=None):
    """Delete sign-ups left unconfirmed for longer than ``days`` (INTEREST_CONFIRM_DAYS)."""
    days = get_setting("INTEREST_CONFIRM_DAYS") if days is None else days
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _per_model = InterestSignup.objects.unconfirmed().filter(created_at__lt=cutoff).delete()
    return deleted


def _without_name(hosts, name):
    names = [part.strip() for part in (hosts or "").split(",")]
    return ", ".join(part for part in names if part and part.casefold() != name.casefold())


@transaction.atomic
def erase(email, events=None):
    """Anonymise the proposals of an e-mail address (in ``events``) and take the name off their
    session pages, including every stored revision of those pages. Returns the number of proposals changed."""
    proposals = list(_proposals(email, events))
    for proposal in proposals:
        if proposal.session_id and proposal.name:
            _erase_name_from_page(proposal.session, proposal.name)
        proposal.name = ""
        proposal.email = ""
        proposal.show_name = False
        proposal.link = ""
        proposal.revoke_edit_links()
        proposal.save()
    sessions_changed([proposal.session for proposal in proposals if proposal.session_id])
    return len(proposals)


def _erase_name_from_page(session, name):
    session = session.specific
    session.hosts = _without_name(session.hosts, name)
    # Saved on the page row directly: a new revision would keep the old ones alive as history.
    session.save(update_fields=["hosts"], clean=False)
    for revision in session.revisions.all():
        content = revision.content
        if "hosts" in content:
            content["hosts"] = _without_name(content["hosts"], name)
            revision.content = content
            revision.save(update_fields=["content"])


def purge(days=None):
    """Delete proposals of events that ended more than ``days`` (PROPOSAL_RETENTION_DAYS) ago."""
    days = get_setting("PROPOSAL_RETENTION_DAYS") if days is None else days
    cutoff = timezone.now() - datetime.timedelta(days=days)
    _total, per_model = SessionProposal.objects.filter(event__end__lt=cutoff).delete()
    # The total counts the votes deleted with them too: only the proposals are reported.
    return per_model.get(SessionProposal._meta.label, 0)

"""Hosts hear when their session moves: a published change of room or time is mailed to the
submitter of the accepted proposal, once per change, not for every save.

The session's placement is compared with the one the host was last told (stored on the
proposal by the decision mail and by every placement mail). Publishing a session (the planner
publishes every move) or its event (where the time slots are edited) looks at the sessions
concerned; a draft, or a publish that changes neither room nor time, sends nothing.
"""

from django.utils import timezone
from wagtail.signals import page_published

from . import mail

UNPLACED = "unplaced"


def placement_of(session):
    """What the host is told about: the room and the slot's start and end, or "unplaced" when
    the session has no room or no slot (yet)."""
    if session is None or session.room_id is None or session.time_slot_id is None:
        return UNPLACED
    slot = session.time_slot
    start, end = timezone.localtime(slot.start_datetime), timezone.localtime(slot.end_datetime)
    return f"{session.room_id}|{start.isoformat()}|{end.isoformat()}"


def proposals_to_tell(sessions):
    """Accepted proposals of ``sessions`` whose host was told a placement that is no longer true."""
    from .models import SessionProposal

    by_id = {session.pk: session for session in sessions}
    proposals = SessionProposal.objects.filter(session__in=list(by_id), status=SessionProposal.Status.ACCEPTED).exclude(
        placement_mailed=""
    )
    return [
        proposal.pk
        for proposal in proposals.only("pk", "session_id", "placement_mailed")
        if placement_of(by_id[proposal.session_id]) != proposal.placement_mailed
    ]


def _published(sender, instance, **kwargs):
    from .models import EventPage, SessionPage

    if isinstance(instance, EventPage):
        sessions = SessionPage.objects.live().child_of(instance).select_related("time_slot")
    else:
        sessions = [instance]
    for proposal_id in proposals_to_tell(sessions):
        mail.enqueue_on_commit("placement", proposal_id)


def connect():
    from .models import EventPage, SessionPage

    for model in (EventPage, SessionPage):
        page_published.connect(_published, sender=model, dispatch_uid=f"barcamp_host_notices_{model.__name__}")

"""Event series: the editions of a series in the order visitors read them, the series an event
belongs to, the next edition a past one points to, and the invitations "Copy as next edition"
promised for when a new edition's registration opens.

A series is an :class:`~barcamp_wagtail.models.EventSeriesPage` and its editions are the event
pages below it (see models/series.py for why the page tree, not a foreign key, says so).
``series_editions()`` needs six queries whatever the number of editions, releases or sessions.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import EventPage, EventSeriesPage, NextEditionInvitation, PressReleasePage, SessionPage


@dataclass
class Editions:
    """A series' live editions: ``upcoming`` (not over yet, soonest first) and ``past`` (latest
    first). Each edition carries ``press_releases`` and ``documentation`` (its sessions with notes,
    slides or a pad), both lists."""

    upcoming: list = field(default_factory=list)
    past: list = field(default_factory=list)

    @property
    def all(self):
        return self.upcoming + self.past

    def __bool__(self):
        return bool(self.upcoming or self.past)


def _parent_path(page):
    return page.path[: -page.steplen]


def series_editions(series, now=None):
    """The editions of ``series`` with their press releases and documentation, in six queries
    (editions, releases, sessions, and Wagtail's view restrictions for each ``public()``)."""
    now = now or timezone.now()
    editions = list(EventPage.objects.live().public().child_of(series).order_by("start", "pk"))
    by_path = {edition.path: edition for edition in editions}
    for edition in editions:
        edition.press_releases, edition.documentation = [], []
    if not editions:
        return Editions()
    below_an_edition = Q(path__startswith=series.path, depth=series.depth + 2)
    releases = (
        PressReleasePage.objects.live()
        .public()
        .filter(Q(event_id__in=[edition.pk for edition in editions]) | Q(below_an_edition, event__isnull=True))
        .order_by("dateline_date", "first_published_at", "pk")
    )
    by_pk = {edition.pk: edition for edition in editions}
    for release in releases:
        edition = by_pk.get(release.event_id) if release.event_id else by_path.get(_parent_path(release))
        if edition is not None:
            edition.press_releases.append(release)
    sessions = (
        SessionPage.objects.live()
        .public()
        .filter(below_an_edition)
        .filter(~Q(notes="") | ~Q(slides_url="") | ~Q(pad_url=""))
        .select_related("time_slot", "room")
        .order_by("time_slot__day", "time_slot__start", "room__sort_order", "title")
    )
    for session in sessions:
        edition = by_path.get(_parent_path(session))
        if edition is not None:
            edition.documentation.append(session)
    return Editions(
        upcoming=[edition for edition in editions if edition.end >= now],
        past=[edition for edition in reversed(editions) if edition.end < now],
    )


def series_of(event):
    """The series ``event`` is filed under, or None (one query)."""
    if event.depth < 2:
        return None
    return EventSeriesPage.objects.filter(path=_parent_path(event)).first()


def next_edition(event, now=None):
    """For an edition that is over: the soonest later edition of its series that is not over
    (live and public), else None. Events outside a series have none."""
    now = now or timezone.now()
    if event.end >= now or series_of(event) is None:
        return None
    return (
        EventPage.objects.live()
        .public()
        .sibling_of(event, inclusive=False)
        .filter(start__gt=event.start, end__gte=now)
        .order_by("start", "pk")
        .first()
    )


def promise_invitations(event, source):
    """Remember to invite the confirmed next-edition sign-ups of ``source`` to ``event`` once
    its registration opens; sends at once if it already is open."""
    NextEditionInvitation.objects.update_or_create(event=event, defaults={"source": source, "sent_at": None})
    send_due_invitations(event)


def send_due_invitations(event=None, now=None):
    """Send the promised invitations of every published edition whose registration is open (of
    ``event`` only, when given). Each sign-up is invited once per edition (registration.py's
    rule), so running this again, or alongside the organisers' own "invite", sends nothing twice.
    Returns how many sign-ups were invited."""
    from .participants.registration import invite_signups

    pending = NextEditionInvitation.objects.filter(sent_at__isnull=True, event__live=True).select_related(
        "event", "source"
    )
    if event is not None:
        pending = pending.filter(event=event)
    invited = 0
    for promise in pending:
        if not promise.event.registration_is_open(now):
            continue
        with transaction.atomic():
            # Claim the promise first: of two concurrent runs, one sends.
            claimed = NextEditionInvitation.objects.filter(pk=promise.pk, sent_at__isnull=True).update(
                sent_at=timezone.now()
            )
            if claimed:
                invited += invite_signups(promise.source, promise.event)
    return invited

"""The day itself: voter codes, online interest votes and the plenary board's state.

Interest in a proposal is its hand count when the plenary counted hands, else the number
of online votes. Votes are tied to a ``VoterCode`` (printed on a badge or sent by e-mail),
never to an account; the code itself is stored only as a hash.
"""

import hashlib
import secrets

from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .event import EventPage
from .proposal import SessionProposal

# No 0/O, 1/I/L: codes are typed from a badge.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10  # 31**10: about 49 bits, far beyond guessing through a rate-limited form


def normalise_code(code):
    return "".join(character for character in (code or "").upper() if character.isalnum())


def hash_code(code):
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def format_code(code):
    """ "ABCDEFGHJK" → "ABCDE-FGHJK", easier to read aloud and to type."""
    return f"{code[:5]}-{code[5:]}"


class VoterCode(models.Model):
    """One participant's right to vote online, known by a code. Only the code's hash is kept."""

    event = models.ForeignKey(EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="voter_codes")
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("voter code")
        verbose_name_plural = _("voter codes")

    def __str__(self):
        return f"{self.event} #{self.pk}"

    @classmethod
    def generate(cls, event, count):
        """Create ``count`` codes for ``event`` and return them in clear text: the only time they are seen."""
        codes = []
        while len(codes) < count:
            code = "".join(secrets.choice(CODE_ALPHABET) for _index in range(CODE_LENGTH))
            if cls.objects.filter(code_hash=hash_code(code)).exists():
                continue
            cls.objects.create(event=event, code_hash=hash_code(code))
            codes.append(format_code(code))
        return codes

    @classmethod
    def find(cls, event, code):
        if len(normalise_code(code)) != CODE_LENGTH:
            return None
        return cls.objects.filter(event=event, code_hash=hash_code(code)).first()


class InterestVote(models.Model):
    """ "I want to attend this": one per voter code and proposal, enforced by the database."""

    proposal = models.ForeignKey(
        SessionProposal, verbose_name=_("session proposal"), on_delete=models.CASCADE, related_name="votes"
    )
    voter = models.ForeignKey(VoterCode, verbose_name=_("voter code"), on_delete=models.CASCADE, related_name="votes")
    created_at = models.DateTimeField(_("voted at"), default=timezone.now)

    class Meta:
        verbose_name = _("interest vote")
        verbose_name_plural = _("interest votes")
        constraints = [models.UniqueConstraint(fields=["proposal", "voter"], name="barcamp_one_vote_per_voter")]

    def __str__(self):
        return f"{self.voter_id} → {self.proposal_id}"


class PlenaryState(models.Model):
    """Which proposal the plenary board shows: the moderator moves it, the projector follows."""

    event = models.OneToOneField(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="plenary_state"
    )
    current = models.ForeignKey(
        SessionProposal,
        verbose_name=_("current proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    show_list = models.BooleanField(_("show the list"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("plenary board")
        verbose_name_plural = _("plenary boards")

    def __str__(self):
        return str(self.event)


def vote_count_subquery(proposal_ref="pk"):
    votes = (
        InterestVote.objects.filter(proposal=OuterRef(proposal_ref))
        .order_by()
        .values("proposal")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(votes), 0)


def with_vote_counts(proposals):
    """Proposals annotated with ``vote_count`` (one query for all of them)."""
    return proposals.annotate(vote_count=vote_count_subquery())


def with_interest(sessions):
    """Session pages annotated with ``proposal_interest``: the interest in the accepted proposal
    they came from (hand count, else votes), None for sessions without one. ``SessionPage.interest``
    reads it, so the planner asks no query per session."""
    interest = (
        SessionProposal.objects.filter(session=OuterRef("pk"), status=SessionProposal.Status.ACCEPTED)
        .order_by("-decided_at", "-pk")
        .annotate(interest_value=Coalesce("hand_count", vote_count_subquery()))
        .values("interest_value")[:1]
    )
    return sessions.annotate(proposal_interest=Subquery(interest))


def session_interest(session):
    """The interest in ``session`` from its accepted proposal, in one query; None without one."""
    if session.pk is None:
        return None
    proposal = (
        with_vote_counts(SessionProposal.objects.filter(session=session, status=SessionProposal.Status.ACCEPTED))
        .order_by("-decided_at", "-pk")
        .first()
    )
    return proposal.interest if proposal is not None else None

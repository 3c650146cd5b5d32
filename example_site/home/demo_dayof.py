"""The demo's plenary: hand counts for the next edition's proposals, as a rehearsal of the morning's
plenary would leave them, so that the plenary board and the planner's grid proposal have numbers
to show before the day."""

from barcamp_wagtail.models import SessionProposal

from .demo_proposals import PROPOSALS

HAND_COUNTS = [34, 12, 21]


def load(event):
    """Set the demo proposals' hand counts once; a second run changes nothing (nor counts edited since)."""
    for (nonce, *_fields), hands in zip(PROPOSALS, HAND_COUNTS, strict=True):
        SessionProposal.objects.filter(nonce=nonce, event=event, hand_count__isnull=True).update(hand_count=hands)

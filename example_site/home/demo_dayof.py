"""The demo's plenary: hand counts for the demo proposals, as if the morning's plenary had counted."""

from barcamp_wagtail.models import SessionProposal

from .demo_proposals import PROPOSALS

HAND_COUNTS = [34, 12, 21]


def load(event):
    """Set the demo proposals' hand counts once; a second run changes nothing (nor counts edited since)."""
    for (nonce, *_fields), hands in zip(PROPOSALS, HAND_COUNTS, strict=True):
        SessionProposal.objects.filter(nonce=nonce, event=event, hand_count__isnull=True).update(hand_count=hands)

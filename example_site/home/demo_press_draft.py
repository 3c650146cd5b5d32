"""A press release about the first edition drafted by the admin's "Draft a press release" (the same
code path), in German, waiting for its quotes: the demo shows what an editor finds after a barcamp.
``load()`` is idempotent: a second run changes nothing."""

from barcamp_wagtail.models import PressReleasePage
from barcamp_wagtail.press_draft.drafting import draft_press_release, press_index_for

# The first edition did not use the app's registration; its press release says "rund 40".
PARTICIPANTS = 40


def load(event):
    """The draft below the event's press index (made by ``demo_press``); returned, or None."""
    index = press_index_for(event)
    if index is None:
        return None
    existing = PressReleasePage.objects.child_of(index).filter(event=event, live=False).first()
    if existing is not None:
        return existing
    return draft_press_release(event, index, language="de", participants=PARTICIPANTS)

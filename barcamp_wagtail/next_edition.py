"""Copy an event as its next edition: same rooms, time slots, organisers, registration settings
and body, moved to a new date, saved as a draft next to the event (so in the same series, when
the event is part of one). Sessions, proposals, press releases and other pages below the event
stay with the old edition.

Sponsors are carried over only once the editor confirms them: a sponsor of last year has not
necessarily agreed to be announced for the next one. The confirmed next-edition sign-ups of the
old edition can be invited to the new one as soon as its registration opens (series.py).
"""

import datetime
import json

from django.db import transaction
from django.utils import timezone

from .models import EventPage, TimeSlot
from .participants.models import RegistrationDay

SPONSOR_BLOCKS = ("sponsor", "sponsor_wall")


def _shift(value, days):
    """``value`` (an aware datetime) moved by whole days, keeping its wall-clock time at the venue."""
    if value is None:
        return None
    local = timezone.localtime(value)
    moved = datetime.datetime.combine(local.date() + datetime.timedelta(days=days), local.time())
    return timezone.make_aware(moved)


def day_offset(event, start_date):
    return (start_date - timezone.localtime(event.start).date()).days


def _item_value(item):
    """A ListBlock item in its stored form: ``{"type": "item", "value": …, "id": …}`` or bare."""
    return item["value"] if isinstance(item, dict) and "value" in item else item


def _with_value(item, value):
    return {**item, "value": value} if isinstance(item, dict) and "value" in item else value


def body_with_sponsors(body, confirmed):
    """The stored form of ``body`` keeping only the sponsors whose ids are in ``confirmed``:
    single sponsor blocks of others are dropped, sponsor walls keep their tiers (for the editor
    to fill) and disappear only when no sponsor is left in any tier."""
    confirmed = {int(pk) for pk in confirmed}
    kept = []
    for block in body.raw_data:
        value = block.get("value") or {}
        if block["type"] == "sponsor" and value.get("sponsor") not in confirmed:
            continue
        if block["type"] == "sponsor_wall":
            tiers = []
            for tier in value.get("tiers") or []:
                tier_value = dict(_item_value(tier))
                sponsors = tier_value.get("sponsors") or []
                tier_value["sponsors"] = [item for item in sponsors if _item_value(item) in confirmed]
                tiers.append(_with_value(tier, tier_value))
            if not any(_item_value(tier)["sponsors"] for tier in tiers):
                continue
            block = {**block, "value": {**value, "tiers": tiers}}
        kept.append(block)
    return json.dumps(kept)


@transaction.atomic
def copy_as_next_edition(event, *, start_date, title, slug, user=None, confirmed_sponsors=None, invite_signups=False):
    """Return a draft copy of ``event`` starting on ``start_date``; everything dated moves by the
    same number of days. The copy is a sibling of ``event``.

    ``confirmed_sponsors``: ids of the sponsors to carry over (None keeps every sponsor block).
    ``invite_signups``: invite the old edition's confirmed next-edition sign-ups to register for
    the copy once its registration opens.
    """
    from .series import promise_invitations

    event = event.specific
    days = day_offset(event, start_date)

    def shift_child(original, copy, child_relation, child_object):
        if isinstance(child_object, (TimeSlot, RegistrationDay)):
            child_object.day += datetime.timedelta(days=days)

    update_attrs = {
        "title": title,
        "draft_title": title,
        "slug": slug,
        "start": _shift(event.start, days),
        "end": _shift(event.end, days),
        "registration_opens": _shift(event.registration_opens, days),
        "registration_closes": _shift(event.registration_closes, days),
        "seo_title": "",
        "search_description": "",
        "go_live_at": None,
        "expire_at": None,
    }
    if confirmed_sponsors is not None:
        update_attrs["body"] = body_with_sponsors(event.body, confirmed_sponsors)
    copy = event.copy(
        recursive=False,
        update_attrs=update_attrs,
        copy_revisions=False,
        keep_live=False,
        user=user,
        process_child_object=shift_child,
    )
    copy = EventPage.objects.get(pk=copy.pk)
    if invite_signups:
        promise_invitations(copy, event)
    return copy

"""Copy an event as its next edition: same rooms, time slots, organisers and body (with its
sponsor blocks), moved to a new date, saved as a draft. Sessions, proposals, press releases and
other pages below the event stay with the old edition."""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import EventPage, TimeSlot


def _shift(value, days):
    """``value`` (an aware datetime) moved by whole days, keeping its wall-clock time at the venue."""
    local = timezone.localtime(value)
    moved = datetime.datetime.combine(local.date() + datetime.timedelta(days=days), local.time())
    return timezone.make_aware(moved)


def day_offset(event, start_date):
    return (start_date - timezone.localtime(event.start).date()).days


@transaction.atomic
def copy_as_next_edition(event, *, start_date, title, slug, user=None):
    """Return a draft copy of ``event`` starting on ``start_date``; everything dated moves by the
    same number of days. The copy is a sibling of ``event``."""
    event = event.specific
    days = day_offset(event, start_date)

    def shift_child(original, copy, child_relation, child_object):
        if isinstance(child_object, TimeSlot):
            child_object.day += datetime.timedelta(days=days)

    copy = event.copy(
        recursive=False,
        update_attrs={
            "title": title,
            "draft_title": title,
            "slug": slug,
            "start": _shift(event.start, days),
            "end": _shift(event.end, days),
            "seo_title": "",
            "search_description": "",
            "go_live_at": None,
            "expire_at": None,
        },
        copy_revisions=False,
        keep_live=False,
        user=user,
        process_child_object=shift_child,
    )
    return EventPage.objects.get(pk=copy.pk)

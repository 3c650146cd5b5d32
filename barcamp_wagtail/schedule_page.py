"""What the public schedule page shows: filters from the query string and the cached grid.

The grid fragment is cached per schedule version, language, host, filters and the slots
running right now, so a published change or the clock moving on shows at once; a warm
page costs the version's aggregate queries and two cache reads.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .conf import get_setting
from .grid import filter_grid, grid_topics, schedule_grid, schedule_version_at

GRID_TEMPLATE = "barcamp_wagtail/includes/schedule_grid.html"
SESSION_TEMPLATE = "barcamp_wagtail/includes/schedule_session.html"


def _cache():
    timeout = get_setting("SCHEDULE_CACHE_TIMEOUT")
    return (caches[get_setting("SCHEDULE_CACHE")], timeout) if timeout else (None, 0)


def _key(*parts):
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
    return f"barcamp_wagtail:schedule:{digest}"


def schedule_facts(grid, request=None):
    """What the page needs besides the fragment: event, days, topics and slot times (cacheable)."""
    return {
        "event": {"pk": grid.event.pk, "title": grid.event.title, "url": grid.event.get_url(request)},
        "days": [grid_day.day.isoformat() for grid_day in grid.days],
        "topics": grid_topics(grid),
        "slots": [
            (row.slot.pk, row.slot.start_datetime.timestamp(), row.slot.end_datetime.timestamp())
            for grid_day in grid.days
            for row in grid_day.rows
        ],
    }


def running_slot_ids(facts, now=None):
    """The slots running at ``now``: they carry the "now" marker."""
    now = (now or timezone.now()).timestamp()
    return [pk for pk, start, end in facts["slots"] if start <= now < end]


def parse_filters(query, facts):
    """Day and topic from the query string; unknown values are dropped with a message."""
    filters, messages = {"day": None, "topic": None}, []
    day = query.get("day", "")
    if day:
        if day in facts["days"]:
            filters["day"] = day
        else:
            messages.append(_("There is no such day in this programme, so all days are shown."))
    topic = query.get("topic", "")
    if topic:
        if topic in dict(facts["topics"]):
            filters["topic"] = topic
        else:
            messages.append(_("No session has this topic, so all topics are shown."))
    return filters, messages


def set_session_urls(grid, request):
    """Give each session its URL as ``schedule_url``, built from the event's.

    Sessions are children of the event, so this saves resolving hundreds of page URLs.
    """
    event_url = grid.event.get_url(request)
    if not event_url:
        return
    suffix = "/" if getattr(settings, "WAGTAIL_APPEND_SLASH", True) else ""
    base = event_url if event_url.endswith("/") else event_url + "/"
    for session in [*grid.scheduled_sessions(), *grid.unscheduled]:
        session.schedule_url = f"{base}{session.slug}{suffix}"


def render_session_cards(grid, request, template_name=SESSION_TEMPLATE):
    """Render each session's card once, as ``card_html``: the table and the phone list both
    show it, and one render per session (without context processors) halves the cost."""
    template = get_template(template_name).template
    context = Context({"request": request})
    for session in grid.scheduled_sessions():
        with context.push(session=session):
            session.card_html = template.render(context)


def grid_rows(grid, now_ids):
    """The grid arranged for the template, with the "now" marker set."""
    days = []
    for grid_day in grid.days:
        rows = []
        for row in grid_day.rows:
            cells = list(zip(grid.rooms, row.cells, strict=True))
            rows.append(
                {
                    "slot": row.slot,
                    "cells": cells,
                    "sessions": [(room, session) for room, cell in cells for session in cell],
                    "is_now": row.slot.pk in now_ids,
                    "start": int(row.slot.start_datetime.timestamp() * 1000),
                    "end": int(row.slot.end_datetime.timestamp() * 1000),
                }
            )
        days.append({"day": grid_day.day, "rows": rows})
    return days


def render_schedule_grid(grid, request, filters, now_ids, template_name=GRID_TEMPLATE):
    shown = filter_grid(
        grid,
        day=datetime.date.fromisoformat(filters["day"]) if filters["day"] else None,
        topic=filters["topic"],
    )
    set_session_urls(shown, request)
    render_session_cards(shown, request)
    context = {"grid": shown, "days": grid_rows(shown, set(now_ids)), "filters": filters}
    return render_to_string(template_name, context, request=request)


def schedule_context(page, request):
    """Context for ``SchedulePage``: filters, messages and the grid HTML (from the cache if fresh)."""
    # The event is not loaded when the cache is warm: the version needs only its place in
    # the tree, and what the page shows of it is part of the cached facts.
    version = schedule_version_at(page.path[: -page.steplen], page.depth - 1)
    cache, timeout = _cache()
    facts_key = _key("facts", page.pk, version, get_language(), request.get_host())
    facts = cache.get(facts_key) if cache else None
    grid = None
    if facts is None:
        grid = schedule_grid(page.event)
        facts = schedule_facts(grid, request)
        if cache:
            cache.set(facts_key, facts, timeout)

    filters, messages = parse_filters(request.GET, facts)
    now_ids = running_slot_ids(facts)
    template_name = page.get_grid_template(request)
    html_key = _key(
        "html", page.pk, version, get_language(), request.get_host(), template_name,
        filters["day"], filters["topic"], now_ids,
    )  # fmt: skip
    html = cache.get(html_key) if cache else None
    if html is None:
        grid = grid or schedule_grid(page.event)
        html = render_schedule_grid(grid, request, filters, now_ids, template_name)
        if cache:
            cache.set(html_key, html, timeout)

    # Our own rendered template, read back from the cache (some backends drop the safe mark).
    if not isinstance(html, SafeData):
        html = mark_safe(html)  # noqa: S308
    topic_names = dict(facts["topics"])
    return {
        "event": SimpleLazyObject(lambda: page.event),
        "schedule_event": facts["event"],
        "schedule_html": html,
        "schedule_filters": filters,
        "schedule_filter_messages": messages,
        "schedule_days": [datetime.date.fromisoformat(day) for day in facts["days"]],
        "schedule_topics": facts["topics"],
        "schedule_topic_name": topic_names.get(filters["topic"], ""),
        "schedule_is_running": bool(now_ids),
    }

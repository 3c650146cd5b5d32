"""What the public schedule page shows: filters from the query string and the cached grid.

One query tells the programme's version (``grid.schedule_state()``); the rendered grid is
cached under it, per language, host and grid template, together with what the page needs
besides it (the event, days, topics, slot times). A warm page costs that query and one cache
read; a published change, an erasure or a move changes the version, so it shows at once.
Filtered views are cached apart, per day, topic and running slot.
"""

import datetime
import hashlib

from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .conf import get_setting
from .grid import filter_grid, grid_topics, published_grid, schedule_state, set_session_urls
from .invalidation import remember_key
from .schedule_html import grid_html, is_app_template, session_card_html, slot_heading_html
from .shared_cache import shared_cache

GRID_TEMPLATE = "barcamp_wagtail/includes/schedule_grid.html"
SESSION_TEMPLATE = "barcamp_wagtail/includes/schedule_session.html"
SLOT_HEADING_TEMPLATE = "barcamp_wagtail/includes/schedule_slot_heading.html"


def _cache():
    timeout = get_setting("SCHEDULE_CACHE_TIMEOUT")
    return (shared_cache(get_setting("SCHEDULE_CACHE")), timeout) if timeout else (None, 0)


def _key(*parts):
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
    return f"barcamp_wagtail:schedule:{digest}"


def schedule_facts(grid, event_url):
    """What the page needs besides the fragment: event, days, topics and slot times (cacheable)."""
    return {
        "event": {"pk": grid.event.pk, "title": grid.event.title, "url": event_url},
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


def render_session_cards(grid, request, template_name=SESSION_TEMPLATE):
    """Render each session's card once, as ``card_html``: the table and the phone list both
    show it. With the app's own template the cards are written by ``schedule_html``, which
    gives the same HTML ten times faster; an overriding template is rendered per card."""
    sessions = grid.scheduled_sessions()
    template = get_template(template_name)
    if is_app_template(template, SESSION_TEMPLATE):
        labels = (_("Hosted by"), _("Topics"))
        for session in sessions:
            session.card_html = session_card_html(session, *labels)
        return
    context = Context({"request": request})
    for session in sessions:
        with context.push(session=session):
            session.card_html = template.template.render(context)


def grid_rows(grid, now_ids, request, heading_template=SLOT_HEADING_TEMPLATE):
    """The grid arranged for the template, with the "now" marker set and each slot's heading
    rendered once (the table and the phone list both show it; ``slot_heading_html()`` writes
    it when the app's own template is in use)."""
    template = get_template(heading_template)
    ours = is_app_template(template, SLOT_HEADING_TEMPLATE)
    now_label = _("Now")
    context = Context({"request": request})
    days = []
    for grid_day in grid.days:
        rows = []
        for row in grid_day.rows:
            cells = list(zip(grid.rooms, row.cells, strict=True))
            is_now = row.slot.pk in now_ids
            if ours:
                heading = slot_heading_html(row.slot, is_now, now_label)
            else:
                with context.push(slot=row.slot, is_now=is_now):
                    heading = template.template.render(context)
            rows.append(
                {
                    "slot": row.slot,
                    "cells": cells,
                    "sessions": [(room, session) for room, cell in cells for session in cell],
                    "is_now": is_now,
                    "heading_html": heading,
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
    render_session_cards(shown, request)
    days = grid_rows(shown, set(now_ids), request)
    if template_name == GRID_TEMPLATE and is_app_template(get_template(template_name), GRID_TEMPLATE):
        return grid_html(shown, days, filters)
    return render_to_string(template_name, {"grid": shown, "days": days, "filters": filters}, request=request)


class _Programme:
    """The event's grid and facts, built on first use: a warm page never needs them."""

    def __init__(self, page, state, request):
        self.page, self.state, self.request = page, state, request

    @cached_property
    def event_url(self):
        return self.event.get_url(self.request)

    @cached_property
    def event(self):
        return self.state.event(self.page.path[: -self.page.steplen], self.page.depth - 1)

    @cached_property
    def grid(self):
        grid = published_grid(self.event)
        set_session_urls(grid, self.event_url)
        return grid

    def facts(self):
        return schedule_facts(self.grid, self.event_url)

    def render(self, filters, now_ids, template_name):
        return render_schedule_grid(self.grid, self.request, filters, now_ids, template_name)


def schedule_context(page, request):
    """Context for ``SchedulePage``: filters, messages and the grid HTML (from the cache if fresh)."""
    state = schedule_state(page.path[: -page.steplen], page.depth - 1)
    cache, timeout = _cache()
    template_name = page.get_grid_template(request)
    parts = (page.pk, state.version, get_language(), request.get_host(), template_name)
    programme = _Programme(page, state, request)
    unfiltered = {"day": None, "topic": None}

    def store(key, value):
        if cache:
            cache.set(key, value, timeout)
            remember_key(cache, state.event_pk, key, timeout)

    # The unfiltered grid and the facts share one entry: the common request reads one key.
    key = _key("page", *parts)
    entry = cache.get(key) if cache else None
    if entry is None:
        facts = programme.facts()
        now_ids = running_slot_ids(facts)
        entry = {"facts": facts, "now": now_ids, "html": programme.render(unfiltered, now_ids, template_name)}
        store(key, entry)
    facts = entry["facts"]
    now_ids = running_slot_ids(facts)
    filters, messages = parse_filters(request.GET, facts)

    if filters == unfiltered:
        if entry["now"] != now_ids:  # a slot began or ended since the entry was made
            entry = {**entry, "now": now_ids, "html": programme.render(unfiltered, now_ids, template_name)}
            store(key, entry)
        html = entry["html"]
    else:
        filtered_key = _key("filtered", *parts, filters["day"], filters["topic"], now_ids)
        html = cache.get(filtered_key) if cache else None
        if html is None:
            html = programme.render(filters, now_ids, template_name)
            store(filtered_key, html)

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
        "schedule_offline": bool(get_setting("SCHEDULE_OFFLINE")),
    }

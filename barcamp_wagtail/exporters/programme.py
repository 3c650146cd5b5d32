"""What the machine-readable exports share: stable identifiers, times and public facts.

Only public facts leave the site: titles, abstracts, times, rooms and the host names
shown on the session page (which hold consented names only). Never e-mail addresses.
"""

import datetime
import math
import re
import uuid
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify

# Fixed forever: GUIDs are uuid5(NAMESPACE, "<hostname>/<kind>/<pk>"), so they stay the
# same across exports and calendar apps and conference apps update instead of duplicating.
GUID_NAMESPACE = uuid.UUID("6f1c5c0e-4f0a-5b1e-9d55-2f6e0b7c2a61")
FALLBACK_HOSTNAME = "barcamp-wagtail.invalid"
EMAIL = re.compile(r"[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']+\.[^\s<>()\[\],;:\"']+")


def site_hostname(event):
    site = event.get_site()
    return site.hostname if site and site.hostname else FALLBACK_HOSTNAME


def guid(hostname, kind, pk):
    return str(uuid.uuid5(GUID_NAMESPACE, f"{hostname}/{kind}/{pk}"))


def without_emails(text):
    """Public text with anything that looks like an e-mail address removed."""
    text = text or ""
    return EMAIL.sub("", text).strip() if "@" in text else text.strip()


# Editor HTML made only of tags and text: no comments, scripts or styles, no "<" in text or
# attribute values, "&" only in character references. For such HTML, removing the tags gives
# what Django's ``strip_tags()`` gives, without its HTML parser (many times slower).
_SPACE = r"[ \t\n\r\f]"
_TAG = rf'</?[A-Za-z][A-Za-z0-9]*(?:{_SPACE}+[A-Za-z_:][-A-Za-z0-9_:.]*(?:{_SPACE}*={_SPACE}*"[^"<>&]*")?)*{_SPACE}*/?>'
_SIMPLE_HTML = re.compile(rf"(?:[^<&]++|&(?:[A-Za-z][A-Za-z0-9]*+|#[0-9]++|#[xX][0-9A-Fa-f]++);|{_TAG})*+")
_SIMPLE_TAG = re.compile(_TAG)
# Elements whose content the HTML parser reads as text (tags inside them are not tags).
_RAW_TEXT_TAGS = re.compile(
    r"</?(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)\b", re.I
)


def html_to_text(html):
    """The text of editor HTML, as ``django.utils.html.strip_tags()`` gives it."""
    html = html or ""
    if _SIMPLE_HTML.fullmatch(html) and not _RAW_TEXT_TAGS.search(html):
        return _SIMPLE_TAG.sub("", html)
    return strip_tags(html)


def plain_text(html):
    return without_emails(html_to_text(html).strip())


def host_names(session):
    return [name for name in (without_emails(part) for part in (session.hosts or "").split(",")) if name]


def acronym(event):
    """A short lower-case identifier of the event, as frab and c3voc want it."""
    text = re.sub(r"[^a-z0-9_]", "_", slugify(event.slug or event.title).replace("-", "_")).strip("_")
    return text if len(text) >= 4 else f"barcamp_{text or event.pk}".rstrip("_")


def session_slug(event_acronym, session):
    title = slugify(session.title)[:60].strip("-_")
    slug = f"{event_acronym}-{session.pk:04d}"
    return f"{slug}-{title}" if title else slug


def duration(start, end):
    minutes = int((end - start).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class ProgrammeDay:
    index: int
    date: datetime.date
    start: datetime.datetime
    end: datetime.datetime
    # (room, [sessions]) for every room, in room order.
    rooms: list


def programme_days(event, grid):
    """Every day of the event (at least one), with its start, end and sessions per room."""
    first = timezone.localtime(event.start).date()
    last = max(timezone.localtime(event.end).date(), first)
    dates = {first + datetime.timedelta(days=offset) for offset in range((last - first).days + 1)}
    grid_days = {day.day: day for day in grid.days}
    dates.update(grid_days)
    days = []
    for index, date in enumerate(sorted(dates), start=1):
        day_start = timezone.make_aware(datetime.datetime.combine(date, timezone.localtime(event.start).time()))
        day_end = timezone.make_aware(datetime.datetime.combine(date, timezone.localtime(event.end).time()))
        if day_end <= day_start:
            day_end += datetime.timedelta(days=1)
        rooms = [(room, []) for room in grid.rooms]
        grid_day = grid_days.get(date)
        if grid_day is not None:
            for row in grid_day.rows:
                day_start = min(day_start, row.slot.start_datetime)
                day_end = max(day_end, row.slot.end_datetime)
                for (_room, sessions), cell in zip(rooms, row.cells, strict=True):
                    sessions.extend(cell)
        days.append(ProgrammeDay(index=index, date=date, start=day_start, end=day_end, rooms=rooms))
    return days


def timeslot_duration(grid):
    """The grid's time unit ("00:15"): the largest step that divides slot starts and lengths."""
    step = 0
    for day in grid.days:
        for row in day.rows:
            slot = row.slot
            step = math.gcd(step, slot.start.hour * 60 + slot.start.minute)
            step = math.gcd(step, int((slot.end_datetime - slot.start_datetime).total_seconds() // 60))
    step = min(max(step or 15, 5), 60)
    return f"{step // 60:02d}:{step % 60:02d}"


def absolute_url(page):
    url = page.full_url or ""
    return url if url.startswith(("http://", "https://")) else ""


def local_iso(moment):
    return timezone.localtime(moment).isoformat()


@dataclass(frozen=True)
class SlotTimes:
    """A slot's times as the exports write them."""

    start: datetime.datetime
    end: datetime.datetime
    start_iso: str
    end_iso: str
    start_hm: str
    duration: str


def times_of(slot):
    """The ``SlotTimes`` of ``slot``."""
    start, end = slot.start_datetime, slot.end_datetime
    return SlotTimes(start, end, local_iso(start), local_iso(end), slot.start.strftime("%H:%M"), duration(start, end))


def slot_times(grid):
    """Each slot's ``SlotTimes`` by slot id: computed once per slot rather than per session
    (time zone conversions cost more than anything else an export does per session)."""
    return {row.slot.pk: times_of(row.slot) for day in grid.days for row in day.rows}


def slot_times_of(session):
    """``slot_times()`` of one scheduled session's slot, for callers without a grid."""
    return {session.time_slot_id: times_of(session.time_slot)}

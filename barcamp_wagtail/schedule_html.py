"""The schedule page's grid written in Python: the bytes the app's templates render, faster.

Django's template engine spends a few microseconds on every tag and variable; a programme
of 400 sessions has some 20,000 of them, most of the time of a page built afresh. While the
templates in use are the app's own files (``is_app_template()``), ``schedule_page`` writes
the grid with these functions instead; a project that overrides one of the templates gets
it rendered as usual. The templates stay the reference: ``tests/test_schedule_html.py``
checks that both give the same bytes.
"""

from html import escape
from pathlib import Path

from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _

APP_TEMPLATES = Path(__file__).resolve().parent / "templates"


def is_app_template(template, name):
    """Whether ``template`` (from ``get_template()``) is this app's own file ``name``."""
    origin = getattr(template, "origin", None)
    return origin is not None and Path(origin.name) == APP_TEMPLATES / name


def session_card_html(session, hosted_by, topics_label):
    """``includes/schedule_session.html`` for ``session``; the labels come translated."""
    parts = [
        f'<div class="barcamp-schedule-session" data-session="{session.pk}">\n'
        f'  <a class="barcamp-schedule-session__title" href="{escape(session.url)}">{escape(session.title)}</a>\n  '
    ]
    if session.hosts:
        parts.append(
            '<span class="barcamp-schedule-session__hosts"><span class="barcamp-visually-hidden">'
            f"{escape(hosted_by)}: </span>{escape(session.hosts)}</span>"
        )
    parts.append("\n  ")
    if session.topic_tags:
        parts.append(
            '<span class="barcamp-schedule-session__topics"><span class="barcamp-visually-hidden">'
            f"{escape(topics_label)}: </span>{escape(session.topic_names)}</span>"
        )
    parts.append("\n</div>\n")
    return SafeString("".join(parts))


def slot_heading_html(slot, is_now, now_label):
    """``includes/schedule_slot_heading.html`` for ``slot``; the label comes translated."""
    start, end = timezone.localtime(slot.start_datetime), timezone.localtime(slot.end_datetime)
    parts = [
        f'<span class="barcamp-slot__time"><time datetime="{escape(date_format(start, "c"))}">'
        f"{escape(time_format(slot.start, 'TIME_FORMAT'))}</time>–"
        f'<time datetime="{escape(date_format(end, "c"))}">{escape(time_format(slot.end, "TIME_FORMAT"))}</time></span>'
    ]
    if slot.label:
        parts.append(f' <span class="barcamp-slot__label">{escape(slot.label)}</span>')
    if slot.kind != "session":
        parts.append(f' <span class="barcamp-slot__kind">({escape(slot.get_kind_display())})</span>')
    hidden = "" if is_now else " hidden"
    parts.append(f' <strong class="barcamp-now" data-now-marker{hidden}>{escape(now_label)}</strong>\n')
    return SafeString("".join(parts))


def grid_html(grid, days, filters):
    """``includes/schedule_grid.html`` with the context ``schedule_page`` gives it."""
    room_label = escape(_("Room"))
    out = ['\n<div class="barcamp-schedule__days">\n']
    for day in days:
        day_id = escape(date_format(day["day"], "Y-m-d"))
        long_date = escape(date_format(day["day"], "DATE_FORMAT"))
        out.append(
            f'\n<section class="barcamp-schedule__day" aria-labelledby="barcamp-day-{day_id}">\n'
            f'  <h2 id="barcamp-day-{day_id}">{escape(date_format(day["day"], "l"))}, {long_date}</h2>\n  '
        )
        if not grid.rooms:
            out.append(f"\n  <p>{escape(_('No rooms have been set up yet.'))}</p>\n  ")
        else:
            _table(out, grid, day, day_id, long_date)
        out.append('\n  <ol class="barcamp-schedule__list">\n    ')
        for row in day["rows"]:
            if row["sessions"] or (row["slot"].kind != "session" and not filters["topic"]):
                _list_item(out, row, room_label)
        out.append("\n  </ol>\n</section>\n")
    if not days:
        message = _("The programme has not been planned yet. At a barcamp it is decided on the day: check back then.")
        out.append(f"\n<p>{escape(message)}</p>\n")
    out.append("\n</div>\n")
    return SafeString("".join(out))


def _row_attributes(row):
    now = " is-now" if row["is_now"] else ""
    return (
        f'class="barcamp-slot barcamp-slot--{escape(row["slot"].kind)}{now}" '
        f'data-start="{row["start"]}" data-end="{row["end"]}"'
    )


def _table(out, grid, day, day_id, long_date):
    caption = _("Programme on %(day)s: time slots in rows, rooms in columns") % {"day": long_date}
    rooms = "".join(f'<th scope="col">{escape(room.name)}</th>' for room in grid.rooms)
    out.append(
        f'\n  <div class="barcamp-schedule__grid" role="region" aria-labelledby="barcamp-day-{day_id}" tabindex="0">\n'
        '    <table class="barcamp-schedule-table">\n'
        f"      <caption>{caption}</caption>\n"
        "      <thead>\n        <tr>\n"
        f'          <th scope="col">{escape(_("Time"))}</th>\n          {rooms}\n'
        "        </tr>\n      </thead>\n      <tbody>\n        "
    )
    for row in day["rows"]:
        slot = row["slot"]
        out.append(
            f'\n        <tr {_row_attributes(row)}>\n          <th scope="row">{row["heading_html"]}</th>\n          '
        )
        if slot.kind != "session" and not row["sessions"]:
            text = escape(slot.label or capfirst(slot.get_kind_display()))
            cell = f'<td colspan="{len(grid.rooms)}" class="barcamp-slot__all-rooms">{text}</td>'
            out.append(f"\n          {cell}\n          ")
        else:
            out.append("\n          ")
            for _room, cell in row["cells"]:
                cards = "".join(session.card_html for session in cell)
                out.append(f"\n          <td>{cards}</td>\n          ")
            out.append("\n          ")
        out.append("\n        </tr>\n        ")
    out.append("\n      </tbody>\n    </table>\n  </div>\n  ")


def _list_item(out, row, room_label):
    out.append(f"\n    <li {_row_attributes(row)}>\n      <h3>{row['heading_html']}</h3>\n      ")
    if row["sessions"]:
        out.append("\n      <ul>\n        ")
        for room, session in row["sessions"]:
            name = escape(room.name)
            out.append(
                f'\n        <li data-room="{name}"><span class="barcamp-schedule__room">{room_label}: {name}</span>'
                f"{session.card_html}</li>\n        "
            )
        out.append("\n      </ul>\n      ")
    out.append("\n    </li>\n    ")

"""The "now and next" screens of an event."""

from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..display import display_data, now_and_next
from ..grid import schedule_grid
from ..templatetags.barcamp_wagtail_tags import event_schedule_page


def qr_code_svg(url, title):
    import segno

    # segno writes the SVG itself; the URL is encoded as modules, the title is escaped.
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, title=title, omitsize=True))  # noqa: S308


def display(request, event, room_id=None):
    room = None
    if room_id is not None:
        room = event.rooms.filter(pk=room_id).first()
        if room is None:
            raise Http404(_("This event has no such room."))
    grid = schedule_grid(event)
    # The QR code leads to the programme: the schedule page when the event has one.
    schedule_page = event_schedule_page(event)
    schedule_url = (schedule_page or event).get_full_url(request)
    data_url = event.url + event.reverse_subpage("display_data")
    context = {
        "page": event,
        "room": room,
        "state": now_and_next(event, timezone.now(), room=room, grid=grid),
        "timetable": display_data(grid),
        "schedule_url": schedule_url,
        "qr_svg": qr_code_svg(schedule_url, _("QR code: the whole programme")),
        "data_url": data_url,
    }
    return TemplateResponse(request, "barcamp_wagtail/display.html", context)


def display_json(request, event):
    response = JsonResponse(display_data(schedule_grid(event)))
    response["Cache-Control"] = "no-store"
    return response

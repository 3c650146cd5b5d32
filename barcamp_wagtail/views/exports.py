"""Thin views: serving a schedule export as a download."""

import re
from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..multilingual import in_page_language, translate_session_pages
from ..untrusted import object_id


def content_disposition(filename, as_attachment=True):
    """A Content-Disposition header safe for any event title.

    ``filename`` is ASCII letters, digits and hyphens only (no quotes, CR or LF can reach
    the header); ``filename*`` (RFC 5987) carries the real name, percent-encoded.
    """
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    extension = re.sub(r"[^A-Za-z0-9]", "", extension)[:10]
    readable = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", stem).split()) or "schedule"
    ascii_stem = slugify(readable)[:100].strip("-") or "schedule"
    suffix = f".{extension}" if extension else ""
    disposition = "attachment" if as_attachment else "inline"
    return f"{disposition}; filename=\"{ascii_stem}{suffix}\"; filename*=UTF-8''{quote(readable + suffix, safe='')}"


def unavailable(message):
    response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = "60"
    return response


def serve_export(request, event, exporter):
    """Serve ``exporter``'s file for ``event``, or a clear 503 when it cannot run here."""
    from ..exporters import ExportUnavailable
    from ..exporters.cache import ExportBusy

    if exporter is None:
        raise Http404
    try:
        exporter.is_available()
        # In the event's language on a multilingual site, whatever the visitor's browser asks for.
        with in_page_language(event):
            output = exporter.get_output(event)
    except ExportUnavailable as error:
        return unavailable(_("This export is not available on this server: %(reason)s") % {"reason": error})
    except ExportBusy:
        return unavailable(_("The file is being prepared. Please try again in a minute."))
    response = HttpResponse(output, content_type=exporter.content_type)
    response["Content-Disposition"] = content_disposition(exporter.get_filename(event), exporter.as_attachment)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def serve_session_calendar(request, event, session_id):
    from ..exporters.ical import session_calendar
    from ..models import SessionPage

    if object_id(session_id, SessionPage) is None:
        raise Http404
    # The programme's session (the original event's on a multilingual site), in this event's words.
    owner = event.programme_event
    session = (
        SessionPage.objects.live()
        .child_of(owner)
        .filter(pk=session_id, time_slot__isnull=False)
        .select_related("room", "time_slot")
        .first()
    )
    if session is None:
        raise Http404
    if owner is not event:
        session = translate_session_pages([session], event)[0]
    with in_page_language(event):
        calendar = session_calendar(session)
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"{session.title}.ics")
    return response

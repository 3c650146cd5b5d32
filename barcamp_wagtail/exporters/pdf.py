"""PDF exports rendered by WeasyPrint: wall grid (A4, A3), door signs and programme booklet.

WeasyPrint is imported only inside the functions that render, so the rest of the site
works (and starts quickly) without it. Every resource a PDF needs is fetched by
``SiteFilesFetcher``: only the site's own static and media files, read from disk.
"""

import mimetypes
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..grid import schedule_grid
from ..models import TimeSlot
from .base import BaseExporter, ExportUnavailable

# A host that cannot exist (RFC 6761): relative URLs in the PDF templates resolve against it,
# and only URLs below it are ever mapped to files.
BASE_URL = "https://barcamp-wagtail.invalid/"

ALLOWED_EXTENSIONS = {".css", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".woff", ".woff2", ".ttf", ".otf"}

SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


def weasyprint_import_error():
    """None when WeasyPrint loads, else a message naming what to install."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        return (
            f"WeasyPrint cannot be loaded ({error}). Install the Python package 'weasyprint' "
            f"and the system libraries Pango and HarfBuzz (Debian/Ubuntu: apt-get install {SYSTEM_PACKAGES})."
        )
    return None


# URL fetcher policy


def _static_roots():
    roots = [Path(settings.STATIC_ROOT)] if getattr(settings, "STATIC_ROOT", None) else []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location))
    return roots


def _static_candidates(relative):
    candidates = [Path(settings.STATIC_ROOT) / relative] if getattr(settings, "STATIC_ROOT", None) else []
    found = finders.find(relative)
    if found:
        candidates.append(Path(found))
    return candidates


def _media_roots():
    return [Path(settings.MEDIA_ROOT)] if getattr(settings, "MEDIA_ROOT", None) else []


def _media_candidates(relative):
    return [root / relative for root in _media_roots()]


def _is_safe_relative_path(relative):
    if not relative or "\x00" in relative or "\\" in relative or relative.startswith("/"):
        return False
    return ".." not in relative.split("/")


def _within(path, roots):
    for root in roots:
        try:
            if path.is_relative_to(root.resolve()):
                return True
        except OSError:
            continue
    return False


def resolve_site_file(url):
    """Map ``url`` to a static or media file on disk, or return None to refuse it.

    Accepted: URLs below STATIC_URL or MEDIA_URL (relative ones resolved against
    ``BASE_URL``), of an allowed file type, whose real path (after following symlinks)
    stays inside STATIC_ROOT, a static files finder's folder, or MEDIA_ROOT.
    Everything else is refused: other hosts, ``file://``, ``data:``, traversal.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    bare = f"{parts.scheme}://{parts.netloc}{parts.path}"
    mappings = [
        (getattr(settings, "STATIC_URL", None), _static_candidates, _static_roots),
        (getattr(settings, "MEDIA_URL", None), _media_candidates, _media_roots),
    ]
    for prefix_url, candidates, roots in mappings:
        if not prefix_url:
            continue
        prefix = urljoin(BASE_URL, prefix_url)
        if not prefix.endswith("/") or not bare.startswith(prefix):
            continue
        relative = unquote(bare[len(prefix) :])
        if not _is_safe_relative_path(relative) or Path(relative).suffix.lower() not in ALLOWED_EXTENSIONS:
            return None
        allowed_roots = roots()
        for candidate in candidates(relative):
            try:
                real = candidate.resolve(strict=True)
            except (OSError, RuntimeError):
                continue
            if real.is_file() and _within(real, allowed_roots):
                return real
        return None
    return None


def make_url_fetcher():
    """A WeasyPrint URL fetcher that serves only ``resolve_site_file()`` paths, from disk.

    It never opens a network connection, so there are no redirects to follow.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFilesFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=("http", "https"), allow_redirects=False, timeout=1)

        def fetch(self, url, headers=None):
            path = resolve_site_file(url)
            if path is None:
                raise ValueError(f"Not fetched for the PDF: {url[:200]!r} is not a static or media file of this site.")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    return SiteFilesFetcher()


# Rich text


class _PrintableRichText(HTMLParser):
    """Keep text and simple structure of editor HTML; drop every attribute, link, image,
    embed and style, so stored HTML can neither fetch nor attach anything."""

    KEEP = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li"}
    DROP_WITH_CONTENT = {
        "script", "style", "title", "head", "template", "noscript", "iframe", "object", "svg", "math", "textarea",
    }  # fmt: skip

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.DROP_WITH_CONTENT:
            self.skipping += 1
        elif not self.skipping and tag in self.KEEP:
            self.parts.append(f"<{tag}>")

    def handle_startendtag(self, tag, attrs):
        if not self.skipping and tag == "br":
            self.parts.append("<br>")

    def handle_endtag(self, tag):
        if tag in self.DROP_WITH_CONTENT:
            self.skipping = max(self.skipping - 1, 0)
        elif not self.skipping and tag in self.KEEP and tag != "br":
            self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(escape(data))


def printable_rich_text(html):
    """Editor HTML reduced to paragraphs, lists and emphasis, safe to print."""
    parser = _PrintableRichText()
    parser.feed(html or "")
    parser.close()
    return mark_safe("".join(parser.parts))  # noqa: S308  (built from escaped text and fixed tags only)


# Rendering


def html_to_pdf(html):
    """Render HTML to PDF bytes with WeasyPrint and the strict URL fetcher."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=make_url_fetcher())
    return document.write_pdf(pdf_tags=True)


class PdfExporter(BaseExporter):
    """A PDF of the schedule; ``layout`` names the template under ``barcamp_wagtail/exports/``."""

    extension = "pdf"
    content_type = "application/pdf"
    as_attachment = False
    cache_output = True
    layout = None
    page_size = "A4"
    #: Room columns per sheet before the grid is split across sheets.
    rooms_per_sheet = 5
    #: Time slots per sheet in normal type; more are set smaller to keep a day on one sheet.
    rows_per_sheet = 10

    def get_template_name(self):
        return f"barcamp_wagtail/exports/{self.layout}.html"

    def is_available(self):
        message = weasyprint_import_error()
        if message:
            raise ExportUnavailable(message)

    def get_context(self, event):
        grid = schedule_grid(event)
        sessions = grid.scheduled_sessions()
        return {
            "event": event,
            "grid": grid,
            "language": translation.get_language() or settings.LANGUAGE_CODE,
            "page_size": self.page_size,
            "sheets": list(self.grid_sheets(grid)),
            "door_signs": list(self.door_signs(grid)),
            "sessions": [(session, printable_rich_text(session.description)) for session in sessions],
            "sponsors": booklet_sponsors(event) if self.layout == "booklet" else None,
            "title": f"{event.title} – {capfirst(self.verbose_name)}",
        }

    def grid_sheets(self, grid):
        """Sheets of the wall grid: one per day and group of at most ``rooms_per_sheet`` rooms."""
        indexes = list(range(len(grid.rooms))) or [None]
        size = self.rooms_per_sheet
        groups = [indexes[start : start + size] for start in range(0, len(indexes), size)]
        for day in grid.days:
            for group in groups:
                columns = [index for index in group if index is not None]
                rows = []
                for row in day.rows:
                    cells = [row.cells[index] for index in columns]
                    # Plenaries and breaks without sessions span the room columns with their label.
                    spanning = row.slot.kind != TimeSlot.Kind.SESSION and not any(cells)
                    rows.append({"slot": row.slot, "cells": cells, "spanning": spanning})
                yield {
                    "day": day.day,
                    "rooms": [grid.rooms[index] for index in columns],
                    "rows": rows,
                    "compact": len(rows) > self.rows_per_sheet,
                }

    def door_signs(self, grid):
        """One sign per day and room: the room's sessions of that day, in order."""
        for day in grid.days:
            for index, room in enumerate(grid.rooms):
                entries = [(row.slot, row.cells[index]) for row in day.rows if row.cells[index]]
                yield {"day": day.day, "room": room, "entries": entries}

    def render_html(self, event):
        return render_to_string(self.get_template_name(), self.get_context(event))

    def render(self, event):
        return html_to_pdf(self.render_html(event))


class GridA4Exporter(PdfExporter):
    identifier = "pdf-grid-a4"
    verbose_name = _("wall grid (PDF, A4)")
    layout = "grid"
    filename_suffix = _("schedule A4")


class GridA3Exporter(PdfExporter):
    identifier = "pdf-grid-a3"
    verbose_name = _("wall grid (PDF, A3)")
    layout = "grid"
    page_size = "A3"
    rooms_per_sheet = 8
    rows_per_sheet = 10
    filename_suffix = _("schedule A3")


class DoorSignsExporter(PdfExporter):
    identifier = "pdf-door-signs"
    verbose_name = _("door signs (PDF)")
    layout = "door_signs"
    filename_suffix = _("door signs")


class BookletExporter(PdfExporter):
    identifier = "pdf-booklet"
    verbose_name = _("programme booklet (PDF)")
    layout = "booklet"
    page_size = "A5"
    filename_suffix = _("programme")


def booklet_sponsors(event):
    """The event's sponsors by tier, as placed in its body, with logos sized for print."""
    from ..models import sponsor_tiers

    def logo_url(sponsor):
        return sponsor.logo.get_rendition("max-240x120").url if sponsor.logo else ""

    return [
        {"name": name, "sponsors": [{"name": sponsor.name, "logo_url": logo_url(sponsor)} for sponsor in sponsors]}
        for name, sponsors in sponsor_tiers(event)
    ]

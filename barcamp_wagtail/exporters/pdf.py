"""PDF exports rendered by WeasyPrint: wall grid (A4, A3 and A2, A1 posters), door signs,
programme booklet, and the voter-code cards (``voter_sheet.py``).

WeasyPrint is imported only inside the functions that render, so the rest of the site
works (and starts quickly) without it. Every resource a PDF needs is fetched by
``SiteFilesFetcher``: only the site's own static and media files, read from disk.
"""

import math
import mimetypes
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
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


def make_url_fetcher(images=None):
    """A WeasyPrint URL fetcher that serves only ``resolve_site_file()`` paths, from disk, and the
    document's own QR codes from ``images`` (an ``exporters.qr_images.QrImages``), from memory.

    It never opens a network connection, so there are no redirects to follow.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFilesFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=("http", "https"), allow_redirects=False, timeout=1)

        def fetch(self, url, headers=None):
            generated = images.get(url) if images is not None else None
            if generated is not None:
                return URLFetcherResponse(url, body=generated, headers={"Content-Type": "image/png"})
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


# Tagged PDF (structure and reading order for screen readers), for layout and output alike.
PDF_OPTIONS = {"pdf_tags": True}


def html_to_document(html, images=None):
    """Lay out HTML with WeasyPrint and the strict URL fetcher: a document of pages. ``images``: the
    document's QR codes (``exporters.qr_images.QrImages``), when it has any."""
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=make_url_fetcher(images)).render(**PDF_OPTIONS)


def html_to_pdf(html, images=None):
    """Render HTML to PDF bytes with WeasyPrint and the strict URL fetcher."""
    return html_to_document(html, images).write_pdf(**PDF_OPTIONS)


# Languages of the printed text


LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


def language_tag(code):
    """``code`` as a BCP 47 tag for ``lang`` ("de", "en-gb"), or "" when it is not one."""
    code = (code or "").strip()
    return code.replace("_", "-").lower() if LANGUAGE_TAG.match(code) else ""


def lang_attribute(code, document_language):
    """A ` lang="…"` attribute for text in ``code`` inside a document in ``document_language``.

    WeasyPrint hyphenates by the language of each element: without it, a German session in
    an English booklet would be broken by English rules.
    """
    tag = language_tag(code)
    if not tag or tag == language_tag(document_language):
        return ""
    return format_html(' lang="{}"', tag)


def event_text_language(event):
    """The language the editors wrote the event in: its Wagtail locale (one query)."""
    from wagtail.models import Locale

    locale = Locale.objects.filter(pk=event.locale_id).values_list("language_code", flat=True).first()
    return locale or settings.LANGUAGE_CODE


# The wall grid's type size

#: Paper sizes in millimetres (landscape: width, height).
PAPER_MM = {"A1": (841, 594), "A2": (594, 420), "A3": (420, 297), "A4": (297, 210), "A5": (210, 148)}
PAGE_MARGIN_MM = 10
FOOTER_MM = 6
POINTS_PER_MM = 72 / 25.4
# Average advance of a character of DejaVu Sans, in em (bold is wider).
CHARACTER_EM = 0.56
BOLD_CHARACTER_EM = 0.63
LINE_HEIGHT = 1.2
CELL_PADDING_EM = 0.3
TIME_COLUMN_EM = 7.0
# A room column holds at least this many characters a line: titles wrap between words, not syllables.
COLUMN_CHARACTERS = 20
# The largest type on A4 (pt); larger paper allows proportionally more (an A1 poster 68 pt).
LARGEST_A4_PT = 24.0
SHEET_HEADER_EM = 2.6  # the title (1.6em) and its margin


def _lines(text, width_em, character_em):
    """Lines ``text`` needs in a column ``width_em`` wide, wrapped at spaces (or hyphenated)."""
    if not text:
        return 0
    per_line = max(width_em / character_em, 1)
    lines, current = 1, 0
    for word in text.split():
        length = len(word)
        if current and current + 1 + length > per_line:
            lines, current = lines + 1, 0
        if length > per_line:  # a long compound is hyphenated over several lines
            lines += math.ceil(length / per_line) - 1
            length = length % per_line or per_line
        current += (1 if current else 0) + length
    return lines


def _sheet_height_em(sheet, width_em):
    """The sheet's height in em when its table is ``width_em`` wide."""
    rooms = max(len(sheet["rooms"]), 1)
    column_em = (width_em - TIME_COLUMN_EM) / rooms - 2 * CELL_PADDING_EM
    if column_em < COLUMN_CHARACTERS * CHARACTER_EM:
        return math.inf
    height = SHEET_HEADER_EM
    room_lines = max((_lines(room.name, column_em, BOLD_CHARACTER_EM) for room in sheet["rooms"]), default=1)
    height += room_lines * LINE_HEIGHT + 2 * CELL_PADDING_EM
    for row in sheet["rows"]:
        lines = 1
        if row["slot"].label and not row["spanning"]:
            lines += 0.85 * _lines(row["slot"].label, TIME_COLUMN_EM / 0.85, CHARACTER_EM)
        if not row["spanning"]:
            for cell in row["cells"]:
                cell_lines = 0
                for session in cell:
                    cell_lines += _lines(session.title, column_em, BOLD_CHARACTER_EM)
                    cell_lines += 0.85 * _lines(session.hosts, column_em / 0.85, CHARACTER_EM)
                lines = max(lines, cell_lines)
        height += lines * LINE_HEIGHT + 2 * CELL_PADDING_EM
    return height


def fit_font_size(sheet, page_size, smallest=7.0):
    """The largest type size (pt) at which ``sheet`` fills one page of ``page_size`` paper.

    A wall grid is read from a few steps away: the text grows with the paper (an A1 poster
    is read from across the room) and shrinks only as far as a full day needs to fit, with
    room columns wide enough for a few words a line. The size is estimated from the text
    lengths; ``WallGridExporter`` checks it against the real layout.
    """
    width_mm, height_mm = PAPER_MM[page_size]
    largest = LARGEST_A4_PT * width_mm / PAPER_MM["A4"][0]
    usable_width = width_mm - 2 * PAGE_MARGIN_MM
    usable_height = height_mm - 2 * PAGE_MARGIN_MM - FOOTER_MM
    low, high = smallest / POINTS_PER_MM, largest / POINTS_PER_MM  # in mm
    if _sheet_height_em(sheet, usable_width / low) * low > usable_height:
        return smallest
    for _step in range(30):
        middle = (low + high) / 2
        if _sheet_height_em(sheet, usable_width / middle) * middle <= usable_height:
            low = middle
        else:
            high = middle
    # Room for what the estimate cannot know: line breaks at unlucky places, bold capitals.
    return round(max(low * POINTS_PER_MM * 0.95, smallest), 1)


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
    #: Times of day in every PDF, whatever the language: "09:30–10:15" fits a grid cell and
    #: reads the same on the cover, in the grid and next to each abstract.
    time_format = "H:i"

    def get_template_name(self):
        return f"barcamp_wagtail/exports/{self.layout}.html"

    def is_available(self):
        message = weasyprint_import_error()
        if message:
            raise ExportUnavailable(message)

    def get_context(self, event):
        grid = schedule_grid(event)
        sessions = grid.scheduled_sessions()
        language = translation.get_language() or settings.LANGUAGE_CODE
        text_language = event_text_language(event)
        for session in sessions:
            session.print_lang = lang_attribute(session.language or text_language, language)
        return {
            "event": event,
            "grid": grid,
            "language": language,
            # On every element holding the editors' text when it is not in the document's language.
            "text_lang": lang_attribute(text_language, language),
            "time_format": self.time_format,
            "page_size": self.page_size,
            "sheets": list(self.grid_sheets(grid)) if self.layout == "grid" else [],
            "door_signs": list(self.door_signs(grid)) if self.layout == "door_signs" else [],
            "programme": list(self.programme(grid)) if self.layout == "booklet" else [],
            "sessions": [(session, printable_rich_text(session.description)) for session in sessions],
            "sponsors": booklet_sponsors(event) if self.layout == "booklet" else None,
            "title": f"{event.title} – {capfirst(self.verbose_name)}",
        }

    def grid_sheets(self, grid):
        """Sheets of the wall grid: one per day and group of at most ``rooms_per_sheet`` rooms,
        each with the type size that fills the page (``fit_font_size()``)."""
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
                sheet = {"day": day.day, "rooms": [grid.rooms[index] for index in columns], "rows": rows}
                sheet["font_size"] = fit_font_size(sheet, self.page_size)
                yield sheet

    def door_signs(self, grid):
        """One sign per day and room: the room's sessions of that day, in order."""
        for day in grid.days:
            for index, room in enumerate(grid.rooms):
                entries = [(row.slot, row.cells[index]) for row in day.rows if row.cells[index]]
                yield {"day": day.day, "room": room, "entries": entries}

    def programme(self, grid):
        """The booklet's day by day list: every time slot of the day, from the opening to the
        closing; sessions with their rooms, plenaries and breaks with their labels."""
        for day in grid.days:
            rows = []
            for row in day.rows:
                entries = [(grid.rooms[index], session) for index, cell in enumerate(row.cells) for session in cell]
                if not entries and row.slot.kind == TimeSlot.Kind.SESSION:
                    continue  # a round nobody took: nothing to read
                rows.append({"slot": row.slot, "entries": entries, "rowspan": max(len(entries), 1)})
            yield {"day": day.day, "rows": rows}

    def render_html(self, event):
        return render_to_string(self.get_template_name(), self.get_context(event))

    def render(self, event):
        return html_to_pdf(self.render_html(event))


class WallGridExporter(PdfExporter):
    """The grid to hang on a wall: a sheet per day (and group of rooms), type filling the paper."""

    layout = "grid"
    #: How often the type is made smaller when a sheet still runs over onto a second page.
    shrink_attempts = 3

    def render(self, event):
        context = self.get_context(event)
        sheets = context["sheets"]
        for _attempt in range(self.shrink_attempts):
            document = html_to_document(render_to_string(self.get_template_name(), context))
            if len(document.pages) <= max(len(sheets), 1):
                break
            # fit_font_size() only estimates: a sheet ran over, so every sheet is set a little smaller.
            for sheet in sheets:
                sheet["font_size"] = max(round(sheet["font_size"] * 0.9, 1), 7.0)
        return document.write_pdf(**PDF_OPTIONS)


class GridA4Exporter(WallGridExporter):
    identifier = "pdf-grid-a4"
    verbose_name = _("wall grid (PDF, A4)")
    filename_suffix = _("schedule A4")


class GridA3Exporter(WallGridExporter):
    identifier = "pdf-grid-a3"
    verbose_name = _("wall grid (PDF, A3)")
    page_size = "A3"
    rooms_per_sheet = 8
    filename_suffix = _("schedule A3")


class GridA2Exporter(WallGridExporter):
    identifier = "pdf-grid-a2"
    verbose_name = _("wall grid (PDF, A2 poster)")
    page_size = "A2"
    rooms_per_sheet = 10
    filename_suffix = _("schedule A2")


class GridA1Exporter(WallGridExporter):
    identifier = "pdf-grid-a1"
    verbose_name = _("wall grid (PDF, A1 poster)")
    page_size = "A1"
    rooms_per_sheet = 12
    filename_suffix = _("schedule A1")


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

"""Name badges as a PDF: A4 sheets of common badge sizes, or A6 cards, one per participant with a seat.

Each badge has the lanyard name large, the full name, the organisation, the event's logo, and the
participant's voter code with a QR code of the vote page (code filled in), so that online votes
need no separate handout and the door can scan it for check-in. Rendered by the app's one
WeasyPrint helper (``exporters.pdf.html_to_pdf``, which fetches only the site's own files); QR codes
are PNG images made in memory (``exporters.qr_images``): WeasyPrint draws an inline SVG QR code
module by module, which took minutes for a few hundred badges.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..exporters.qr_images import QrImages
from .codes import current_code
from .models import Participant


@dataclass(frozen=True)
class BadgeLayout:
    identifier: str
    label: str
    page: str  # CSS page size
    width_mm: float
    height_mm: float
    columns: int
    rows: int

    @property
    def sheet_width_mm(self):
        return self.columns * self.width_mm


LAYOUTS = {
    layout.identifier: layout
    for layout in [
        BadgeLayout("a4-90x55", _("A4 sheets, 10 badges of 90 × 55 mm (business card)"), "A4", 90, 55, 2, 5),
        BadgeLayout("a4-86x54", _("A4 sheets, 10 badges of 86 × 54 mm (credit card)"), "A4", 86, 54, 2, 5),
        BadgeLayout("a4-100x70", _("A4 sheets, 8 badges of 100 × 70 mm"), "A4", 100, 70, 2, 4),
        BadgeLayout("a6", _("A6 cards, one per page"), "A6", 105, 148, 1, 1),
    ]
}
DEFAULT_LAYOUT = "a4-90x55"


def badge_participants(event, day=None):
    """Who gets a badge: confirmed participants with a seat (on ``day``, or any day), by name."""
    participants = Participant.objects.filter(event=event).seated()
    if day is not None:
        participants = participants.filter(bookings__day=day, bookings__status="seated")
    return participants.select_related("voter_code").order_by("name", "pk").distinct()


def badges(event, participants, images):
    from .views import _vote_url, vote_page_url

    page_url = vote_page_url(event)
    for participant in participants:
        code = current_code(participant)
        yield {"participant": participant, "code": code, "qr": images.url(_vote_url(event, code, page_url) or code)}


def logo_url(event):
    return event.badge_logo.get_rendition("max-400x160").url if event.badge_logo_id else ""


def render_html(event, participants, images, layout=DEFAULT_LAYOUT):
    """The badges' HTML; their QR codes are added to ``images`` (a ``QrImages``) for ``html_to_pdf``."""
    layout = LAYOUTS[layout]
    items = list(badges(event, participants, images))
    per_sheet = layout.columns * layout.rows
    sheets = [items[start : start + per_sheet] for start in range(0, len(items), per_sheet)]
    return render_to_string(
        "barcamp_wagtail/participants/badges.html",
        {
            "event": event,
            "layout": layout,
            "sheets": sheets,
            "logo_url": logo_url(event),
            "language": translation.get_language() or "en",
        },
    )


def render_pdf(event, participants, layout=DEFAULT_LAYOUT):
    from ..exporters.pdf import html_to_pdf

    images = QrImages()
    return html_to_pdf(render_html(event, participants, images, layout), images)

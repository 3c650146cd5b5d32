"""Voter codes as a sheet of cut-out cards (PDF), for events without registration, where codes
are handed out at the door rather than printed on badges.

Each card holds one code and a QR code that opens the vote page with the code filled in.
Only hashes of the codes are stored, so a card can be printed only while its code is known:
the cards are made together with new codes, or from codes the moderator has just made on the
voter codes screen (each checked against the event's hashes). The PDF goes through
``exporters/pdf.py`` (the strict URL fetcher); the QR codes are PNG images made in memory
(``exporters/qr_images.py``), so nothing is fetched for them. Wired up in wagtail_hooks.py; the
view needs the moderate permission.
"""

import re
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .admin_views.access import guarded
from .admin_views.plenary import plenary_event
from .exporters.pdf import event_text_language, html_to_pdf, lang_attribute, weasyprint_import_error
from .exporters.qr_images import QrImages
from .models import ProposalPage, VoterCode
from .models.plenary import CODE_LENGTH, format_code, normalise_code

#: Cards per sheet of A4 (two columns of five business-card-sized cards).
CARDS_PER_PAGE = 10
#: The most cards in one PDF: 50 pages, rendered in well under a minute.
MAX_CARDS = 500


class VoterSheetForm(forms.Form):
    """Either ``count`` new codes, or the ``codes`` just made (one a line); and the cards' language."""

    count = forms.IntegerField(
        label=gettext_lazy("How many cards"), min_value=1, max_value=MAX_CARDS, required=False, initial=50
    )
    codes = forms.CharField(widget=forms.Textarea, required=False, max_length=MAX_CARDS * 24)
    language = forms.ChoiceField(label=gettext_lazy("Language of the cards"), choices=())

    def __init__(self, event, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["language"].choices = settings.LANGUAGES

    def clean(self):
        data = super().clean()
        if data.get("codes"):
            data["known"] = self._known_codes(data["codes"])
        elif not data.get("count") and "count" not in self.errors:
            raise forms.ValidationError(_("Say how many cards to make."), code="required")
        return data

    def _known_codes(self, text):
        codes = list(dict.fromkeys(code for code in map(normalise_code, re.split(r"[\s,;]+", text)) if code))
        if len(codes) > MAX_CARDS:
            raise forms.ValidationError(
                _("At most %(limit)d cards fit in one PDF.") % {"limit": MAX_CARDS}, code="too_many"
            )
        unknown = [code for code in codes if len(code) != CODE_LENGTH or VoterCode.find(self.event, code) is None]
        if unknown:
            raise forms.ValidationError(
                _("Not voter codes of this event: %(codes)s") % {"codes": ", ".join(unknown[:5])}, code="unknown"
            )
        return [format_code(code) for code in codes]

    def codes_to_print(self):
        """The codes for the cards: the checked ones, or new ones (made here, inside the caller's transaction)."""
        if self.cleaned_data.get("known"):
            return self.cleaned_data["known"]
        return VoterCode.generate(self.event, self.cleaned_data["count"])


def card_url(vote_url, code):
    """The vote page with ``code`` filled in: what each card's QR code opens."""
    return f"{vote_url}?{urlencode({'code': code})}"


def render_voter_sheet(event, codes, vote_url):
    """The cards of ``codes`` as PDF bytes, in the active language."""
    images = QrImages()
    cards = [{"code": code, "qr": images.url(card_url(vote_url, code))} for code in codes]
    pages = [cards[start : start + CARDS_PER_PAGE] for start in range(0, len(cards), CARDS_PER_PAGE)]
    language = translation.get_language() or settings.LANGUAGE_CODE
    html = render_to_string(
        "barcamp_wagtail/exports/voter_sheet.html",
        {
            "event": event,
            "pages": pages,
            "vote_url": vote_url,
            "language": language,
            "text_lang": lang_attribute(event_text_language(event), language),
            "title": f"{event.title} – {_('Voter codes')}",
            "page_size": "A4",
        },
    )
    return html_to_pdf(html, images)


@guarded
@require_POST
def voter_sheet(request, event_id):
    """Make the cards (and, unless printing codes just made, their codes) and send them as a PDF.
    Like the voter codes screen, for those who may moderate this event's proposals."""
    event = plenary_event(request, event_id)
    back = redirect("barcamp_wagtail_voter_codes", event.pk)
    proposal_page = ProposalPage.for_event(event)
    if proposal_page is None:
        messages.error(request, _("This event has no live proposal form: the cards would lead nowhere."))
        return back
    unavailable = weasyprint_import_error()
    if unavailable:
        messages.error(request, unavailable)
        return back
    form = VoterSheetForm(event, request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return back
    # New codes and their only printout succeed or fail together: no code is stored unprinted.
    with transaction.atomic(), translation.override(form.cleaned_data["language"]):
        codes = form.codes_to_print()
        pdf = render_voter_sheet(event, codes, proposal_page.subpage_full_url("vote"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"{event.slug}-voter-codes.pdf")
    response["Cache-Control"] = "no-store"
    return response

"""The proposal page's routes: the public form, the thank-you page and the private edit link.

Thin on purpose: validation lives in forms.py, the rules in models/proposal.py, mail in mail.py.
"""

from django.db import IntegrityError, OperationalError, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import db_faults, mail, ratelimit
from ..conf import get_setting
from ..forms import ProposalEditForm, ProposalForm, read_form_token
from ..models import SessionProposal
from ..multilingual import page_language

# What a visitor typed and gets back when the form cannot be processed now (429).
TYPED_FIELDS = ["title", "abstract", "format", "topic", "link", "name", "email", "show_name", "venue_code"]


def _render(request, page, template, context=None, status=200):
    full_context = page.get_context(request)
    full_context.update(context or {})
    response = TemplateResponse(request, template, full_context, status=status)
    add_never_cache_headers(response)
    return response


def _thanks(page):
    return HttpResponseRedirect(page.url + page.reverse_subpage("thanks"), status=303)


def _already_stored(nonce):
    return nonce is not None and SessionProposal.objects.filter(nonce=nonce).exists()


def _typed(request):
    """A fresh form holding what the visitor typed, unvalidated (nothing else is read)."""
    return {name: request.POST.get(name, "") for name in TYPED_FIELDS}


def proposal_form(request, page):
    event = page.event
    template = "barcamp_wagtail/proposal_page.html"
    if not page.is_open(event=event):
        return _render(request, page, template, {"event": event, "is_open": False})
    address = ratelimit.client_address(request)
    context = {"event": event, "is_open": True}
    if request.method != "POST":
        response = _render(request, page, template, context | {"form": ProposalForm(venue_code=page.venue_code)})
        if page.venue_code or page.venue_networks:
            # Only where the venue is served per browser (ratelimit.at_venue) does the form set a cookie.
            ratelimit.remember_browser(request, response)
        return response

    if not ratelimit.hit("proposal", request, venue=ratelimit.at_venue(request, page)):
        # The visitor keeps what they typed; nothing is validated, nothing is stored.
        form = ProposalForm(initial=_typed(request), venue_code=page.venue_code)
        message = _("Too many proposals were sent from your connection. Please wait a while and try again.")
        if page.venue_code:
            message += " " + _("Are you at the barcamp? Then type the venue code shown in the room.")
        response = _render(request, page, template, context | {"form": form, "rate_limited": message}, status=429)
        response["Retry-After"] = str(int(get_setting("PROPOSAL_RATE_WINDOW")))
        return response

    # A double click or a re-sent POST: the proposal is already stored.
    nonce, _age = read_form_token(request.POST.get("form_token"))
    if _already_stored(nonce):
        return _thanks(page)

    form = ProposalForm(request.POST, client_address=address, venue_code=page.venue_code)
    if not form.is_valid():
        return _render(request, page, template, context | {"form": form})
    try:
        with transaction.atomic():
            proposal = form.save_for(event, language=page_language(page) or get_language())
            mail.enqueue_on_commit("proposal_received", proposal.pk)
    except IntegrityError:
        if not _already_stored(form.nonce):
            raise
    except OperationalError as error:
        if not db_faults.is_busy(error):
            raise
        # Nothing was stored: the same form, sent again, stores it once and skips the spam check.
        form.remember_spam_check(form.nonce)
        return db_faults.retry_later(_render(request, page, template, context | {"form": form, "busy": True}))
    return _thanks(page)


def proposal_thanks(request, page):
    return _render(request, page, "barcamp_wagtail/proposal_thanks.html", {"event": page.event})


def proposal_edit(request, page, token):
    """The private link: look at, change or withdraw a pending proposal while the call is open;
    withdraw it (also once accepted) until the event starts. See ``SessionProposal.link_allows``."""
    event = page.event
    template = "barcamp_wagtail/proposal_edit.html"
    proposal = SessionProposal.from_edit_token(token, event)
    allows = proposal.link_allows(page) if proposal is not None else None
    context = {"event": event, "proposal": proposal if allows else None, "allows": allows}
    if not allows:
        response = _render(request, page, template, context, status=404)
    elif request.method == "POST" and request.POST.get("action") == "withdraw":
        try:
            proposal.withdraw()
            response = _render(request, page, template, context | {"withdrawn": True})
        except OperationalError as error:
            if not db_faults.is_busy(error):
                raise
            form = ProposalEditForm(instance=proposal) if allows == "edit" else None
            response = db_faults.retry_later(_render(request, page, template, context | {"form": form, "busy": True}))
    elif request.method == "POST" and allows == "edit":
        form = ProposalEditForm(request.POST, instance=proposal)
        saved = form.is_valid()
        try:
            if saved:
                form.save()
            response = _render(request, page, template, context | {"form": form, "saved": saved})
        except OperationalError as error:
            if not db_faults.is_busy(error):
                raise
            response = db_faults.retry_later(_render(request, page, template, context | {"form": form, "busy": True}))
    else:
        form = ProposalEditForm(instance=proposal) if allows == "edit" else None
        response = _render(request, page, template, context | {"form": form})
    # The token is in the URL: keep it out of other sites' Referer headers and out of search
    # engines. "same-origin", not "no-referrer": with no-referrer browsers send "Origin: null"
    # on the page's own forms, and Django's CSRF check refuses them.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response

"""The proposal page's routes: the public form, the thank-you page and the private edit link.

Thin on purpose: validation lives in forms.py, the rules in models/proposal.py, mail in mail.py.
"""

from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import mail, ratelimit
from ..conf import get_setting
from ..forms import ProposalEditForm, ProposalForm, read_form_token
from ..models import SessionProposal


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


def proposal_form(request, page):
    event = page.event
    template = "barcamp_wagtail/proposal_page.html"
    if not page.is_open(event=event):
        return _render(request, page, template, {"event": event, "is_open": False})
    address = ratelimit.client_address(request)
    if request.method != "POST":
        return _render(request, page, template, {"event": event, "is_open": True, "form": ProposalForm()})

    if not ratelimit.hit("proposal", request):
        # The visitor keeps what they typed; nothing is validated, nothing is stored.
        form = ProposalForm(initial={name: request.POST.get(name, "") for name in ("title", "abstract", "topic")})
        message = _("Too many proposals were sent from your connection. Please wait a while and try again.")
        context = {"event": event, "is_open": True, "form": form, "rate_limited": message}
        response = _render(request, page, template, context, status=429)
        response["Retry-After"] = str(int(get_setting("PROPOSAL_RATE_WINDOW")))
        return response

    # A double click or a re-sent POST: the proposal is already stored.
    nonce, _age = read_form_token(request.POST.get("form_token"))
    if _already_stored(nonce):
        return _thanks(page)

    form = ProposalForm(request.POST, client_address=address)
    if not form.is_valid():
        return _render(request, page, template, {"event": event, "is_open": True, "form": form})
    try:
        with transaction.atomic():
            proposal = form.save_for(event, language=get_language())
            mail.enqueue_on_commit("proposal_received", proposal.pk)
    except IntegrityError:
        if not _already_stored(form.nonce):
            raise
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
        proposal.withdraw()
        response = _render(request, page, template, context | {"withdrawn": True})
    elif request.method == "POST" and allows == "edit":
        form = ProposalEditForm(request.POST, instance=proposal)
        saved = form.is_valid()
        if saved:
            form.save()
        response = _render(request, page, template, context | {"form": form, "saved": saved})
    else:
        form = ProposalEditForm(instance=proposal) if allows == "edit" else None
        response = _render(request, page, template, context | {"form": form})
    # The token is in the URL: keep it out of Referer headers and search engines.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response

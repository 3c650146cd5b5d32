"""Online interest votes: participants mark the proposals they want to attend.

A participant enters the voter code from their badge once; the session remembers which code
it was. The vote itself names only the proposal: who votes comes from the session, never from
the form, and how many voted is counted by the database, never sent in.
"""

import hashlib
import re

from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .. import ratelimit
from ..conf import get_setting
from ..models import InterestVote, SessionProposal, VoterCode
from ..shared_cache import shared_cache

PRINTED_CODE_JUNK = re.compile(r"[^A-Z0-9-]")
PREFILLED_LENGTH = 20  # the field's maxlength

VOTABLE = [SessionProposal.Status.SUBMITTED, SessionProposal.Status.ACCEPTED]


def session_key(event):
    return f"barcamp_wagtail_voter_{event.pk}"


def current_voter(request, event):
    voter_id = request.session.get(session_key(event))
    if not isinstance(voter_id, int):
        return None
    return VoterCode.objects.filter(pk=voter_id, event=event).first()


def _render(request, page, context, status=200):
    full_context = page.get_context(request)
    full_context.update(context)
    response = TemplateResponse(request, "barcamp_wagtail/proposal_vote.html", full_context, status=status)
    add_never_cache_headers(response)
    return response


def _back(page):
    return HttpResponseRedirect(page.url + page.reverse_subpage("vote"), status=303)


def _failures_key(request):
    address = hashlib.sha256(ratelimit.client_address(request).encode()).hexdigest()
    return f"barcamp_wagtail:votecode:{address}"


def _too_many_failures(request):
    limit = get_setting("VOTE_CODE_FAILURES")
    cache = shared_cache(get_setting("PROPOSAL_RATE_CACHE"))
    return bool(limit) and cache.get(_failures_key(request), 0) >= limit


def _count_failure(request):
    cache = shared_cache(get_setting("PROPOSAL_RATE_CACHE"))
    key = _failures_key(request)
    cache.add(key, 0, timeout=get_setting("PROPOSAL_RATE_WINDOW"))
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, 1, timeout=get_setting("PROPOSAL_RATE_WINDOW"))


def interest_vote(request, page):
    # On a multilingual site the proposals and the voter codes belong to the original event.
    event = page.event.programme_event
    is_open = page.votes_are_open(event=event)
    voter = current_voter(request, event)
    context = {"event": event, "is_open": is_open, "voter": voter, "votes_enabled": page.votes_enabled}
    # The badge's or card's QR code opens this page with the code filled in, as printed (letters,
    # digits and the hyphen; anything else is dropped); entering it is still a POST.
    context["prefilled_code"] = PRINTED_CODE_JUNK.sub("", request.GET.get("code", "").upper())[:PREFILLED_LENGTH]
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "code":
            return _enter_code(request, page, event, context)
        if action == "forget":
            request.session.pop(session_key(event), None)
            return _back(page)
        if action in ("vote", "unvote"):
            return _vote(request, page, event, voter, action, context)
        context["error"] = _("That did not work. Please try again.")
        return _render(request, page, _with_proposals(context, event, voter), status=400)
    return _render(request, page, _with_proposals(context, event, voter))


def _enter_code(request, page, event, context):
    if not context["is_open"]:
        context["error"] = _("Voting is closed.")
        return _render(request, page, _with_proposals(context, event, None), status=403)
    if _too_many_failures(request):
        context["error"] = _("Too many wrong codes from your connection. Please try again later.")
        return _render(request, page, _with_proposals(context, event, None), status=429)
    voter = VoterCode.find(event, request.POST.get("code", ""))
    if voter is None:
        _count_failure(request)
        context["error"] = _("This code is not valid for this event. Please check it on your badge.")
        return _render(request, page, _with_proposals(context, event, None), status=400)
    # A fresh session key: a code entered on a shared device does not keep an older session's id.
    request.session.cycle_key()
    request.session[session_key(event)] = voter.pk
    return _back(page)


def _vote(request, page, event, voter, action, context):
    if not context["is_open"]:
        context["error"] = _("Voting is closed.")
        return _render(request, page, _with_proposals(context, event, voter), status=403)
    claimed = request.POST.get("voter")
    if voter is None or (claimed is not None and claimed != str(voter.pk)):
        context["error"] = _("Please enter the voter code from your badge first.")
        return _render(request, page, _with_proposals(context, event, voter), status=403)
    proposal_id = request.POST.get("proposal", "")
    proposal = (
        SessionProposal.objects.filter(pk=proposal_id, event=event, status__in=VOTABLE).first()
        if proposal_id.isdigit()
        else None
    )
    if proposal is None:
        context["error"] = _("This session cannot be voted for.")
        return _render(request, page, _with_proposals(context, event, voter), status=400)
    if action == "vote":
        try:
            with transaction.atomic():
                InterestVote.objects.get_or_create(proposal=proposal, voter=voter)
        except IntegrityError:
            # A second click that raced the first: the database kept one vote, as it should.
            pass
    else:
        InterestVote.objects.filter(proposal=proposal, voter=voter).delete()
    return _back(page)


def _with_proposals(context, event, voter):
    proposals = list(
        SessionProposal.objects.filter(event=event, status__in=VOTABLE)
        .order_by("title", "pk")
        .only("pk", "title", "abstract", "topic", "name", "show_name", "event_id", "status")
    )
    chosen = set(voter.votes.values_list("proposal_id", flat=True)) if voter is not None else set()
    context["proposals"] = [(proposal, proposal.pk in chosen) for proposal in proposals]
    return context

"""The moderator's side of the plenary: step through the pitches on a phone, type the hand
counts, add late proposals; the projector board follows. Voter codes for online votes are
made here too. Wired up in wagtail_hooks.py; every view needs the right to moderate the event's
proposals (``permissions.MODERATE_PROPOSALS``)."""

import secrets

from django import forms
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..conf import get_setting
from ..models import ProposalPage, SessionProposal, VoterCode
from ..models.proposal import NAME_MAX, TITLE_MAX, TOPIC_MAX
from ..permissions import MODERATE_PROPOSALS
from ..plenary import board_data, current_index, pitched_proposals, plenary_state
from ..untrusted import object_id
from .access import IdChoiceField, event_or_404, guarded, require

MAX_CODES = 2000


class HandCountForm(forms.Form):
    proposal = IdChoiceField(queryset=SessionProposal.objects.none())
    hand_count = forms.IntegerField(label=gettext_lazy("hands"), min_value=0, max_value=100000, required=False)

    def __init__(self, event, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = SessionProposal.objects.filter(event=event)


class LateProposalForm(forms.ModelForm):
    """A proposal made on the spot: the moderator types what the host says and asks for consent."""

    consent = forms.BooleanField(
        label=gettext_lazy("The host agreed that the name is stored (privacy notice)"), required=False
    )

    class Meta:
        model = SessionProposal
        fields = ["title", "abstract", "topic", "name", "show_name"]
        labels = {
            "name": gettext_lazy("host"),
            "show_name": gettext_lazy("The host agreed that the name is shown publicly"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["abstract"].required = False
        self.fields["abstract"].widget = forms.Textarea(attrs={"rows": 2, "maxlength": 500})
        self.fields["title"].max_length = TITLE_MAX
        self.fields["topic"].max_length = TOPIC_MAX
        self.fields["name"].max_length = NAME_MAX

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("consent"):
            self.add_error("consent", _("Without the host's consent, leave the name out."))
        if data.get("show_name") and not data.get("name"):
            data["show_name"] = False
        return data

    def save_for(self, event):
        proposal = self.instance
        proposal.event = event
        proposal.nonce = "plenary-" + secrets.token_urlsafe(24)
        proposal.language = get_language() or ""
        proposal.privacy_consent = bool(self.cleaned_data.get("consent") and proposal.name)
        proposal.consent_at = timezone.now() if proposal.privacy_consent else None
        proposal.save()
        return proposal


def plenary_event(request, event_id):
    """The event, if the user may moderate its proposals: 403 for users who may moderate none,
    404 for an unknown event, 403 for an event of someone else's. On a multilingual site, the
    plenary of a translation is its original's (the proposals belong to it): the user must be
    allowed there too."""
    require(MODERATE_PROPOSALS, request.user)
    event = event_or_404(event_id)
    require(MODERATE_PROPOSALS, request.user, event)
    owner = event.programme_event
    if owner is not event:
        require(MODERATE_PROPOSALS, request.user, owner)
    return owner


@guarded
@require_http_methods(["GET", "POST"])
def moderate(request, event_id):
    """The moderator's remote control, made for a phone."""
    event = plenary_event(request, event_id)
    state = plenary_state(event)
    count_form = late_form = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "add":
            late_form = LateProposalForm(request.POST)
            if late_form.is_valid():
                state.current = late_form.save_for(event)
                state.save()
                messages.success(request, _("Added: it is on the board now."))
                return redirect("barcamp_wagtail_plenary", event.pk)
        elif action == "count":
            count_form = HandCountForm(event, request.POST)
            if count_form.is_valid():
                proposal = count_form.cleaned_data["proposal"]
                proposal.hand_count = count_form.cleaned_data["hand_count"]
                proposal.save(update_fields=["hand_count", "updated_at"])
                if request.POST.get("advance"):
                    _step(state, pitched_proposals(event), proposal.pk, 1)
                return redirect("barcamp_wagtail_plenary", event.pk)
        elif action in ("next", "previous"):
            _step(state, pitched_proposals(event), state.current_id, 1 if action == "next" else -1)
            return redirect("barcamp_wagtail_plenary", event.pk)
        elif action == "show":
            proposal_id = object_id(request.POST.get("proposal", ""), SessionProposal)
            proposal = SessionProposal.objects.filter(event=event, pk=proposal_id).first() if proposal_id else None
            if proposal is not None:
                state.current = proposal
                state.save()
            return redirect("barcamp_wagtail_plenary", event.pk)
        elif action == "list":
            state.show_list = request.POST.get("show_list") == "1"
            state.save()
            return redirect("barcamp_wagtail_plenary", event.pk)
    proposals = pitched_proposals(event)
    index = current_index(proposals, state)
    context = {
        "event": event,
        "state": state,
        "proposals": proposals,
        "current": proposals[index] if index is not None else None,
        "position": index + 1 if index is not None else None,
        "count_form": count_form,
        "late_form": late_form or LateProposalForm(),
        "board_url": reverse("barcamp_wagtail_plenary_board", args=[event.pk]),
        "codes_url": reverse("barcamp_wagtail_voter_codes", args=[event.pk]),
    }
    status = 400 if (count_form or late_form) is not None else 200
    return TemplateResponse(request, "barcamp_wagtail/admin/plenary.html", context, status=status)


def _step(state, proposals, from_id, direction):
    """Move the board ``direction`` places from ``from_id`` (the first proposal when nothing is shown)."""
    if not proposals:
        return
    ids = [proposal.pk for proposal in proposals]
    if from_id in ids:
        index = min(max(ids.index(from_id) + direction, 0), len(ids) - 1)
    else:
        index = 0
    state.current = proposals[index]
    state.show_list = False
    state.save()


@guarded
@require_GET
def board(request, event_id):
    """The projector's full-screen page; it follows the moderator by polling ``board_state``."""
    event = plenary_event(request, event_id)
    state = plenary_state(event)
    proposals = pitched_proposals(event)
    proposal_page = ProposalPage.for_event(event)
    context = {
        "page": event,
        "event": event,
        "board": board_data(event, state, proposals),
        "state_url": reverse("barcamp_wagtail_plenary_state", args=[event.pk]),
        "poll_seconds": get_setting("PLENARY_POLL_SECONDS"),
        # Patterns for the script, which fills in the numbers it polls (same texts as the template's).
        "label_position": _("Pitch %(position)s of %(total)s"),
        "label_hands": _("%(number)s hands"),
        "vote_url": (
            proposal_page.subpage_full_url("vote")
            if proposal_page is not None and proposal_page.votes_are_open(event=event)
            else ""
        ),
    }
    return TemplateResponse(request, "barcamp_wagtail/plenary_board.html", context)


@guarded
@require_GET
def board_state(request, event_id):
    event = plenary_event(request, event_id)
    response = JsonResponse(board_data(event, plenary_state(event), pitched_proposals(event)))
    response["Cache-Control"] = "no-store"
    return response


class VoterCodeForm(forms.Form):
    count = forms.IntegerField(label=gettext_lazy("How many codes"), min_value=1, max_value=MAX_CODES, initial=100)


@guarded
@require_http_methods(["GET", "POST"])
def voter_codes(request, event_id):
    """Make voter codes to print on badges. They are shown once: only their hashes are stored."""
    event = plenary_event(request, event_id)
    form = VoterCodeForm(request.POST or None)
    codes = []
    if request.method == "POST" and form.is_valid():
        codes = VoterCode.generate(event, form.cleaned_data["count"])
        messages.success(
            request,
            ngettext(
                "%(count)d code made. Print or save it now: it cannot be shown again.",
                "%(count)d codes made. Print or save them now: they cannot be shown again.",
                len(codes),
            )
            % {"count": len(codes)},
        )
    proposal_page = ProposalPage.for_event(event)
    context = {
        "event": event,
        "form": form,
        "codes": codes,
        "existing": VoterCode.objects.filter(event=event).count(),
        "proposal_page": proposal_page,
        "vote_url": proposal_page.subpage_full_url("vote") if proposal_page is not None else "",
        "plenary_url": reverse("barcamp_wagtail_plenary", args=[event.pk]),
    }
    response = TemplateResponse(request, "barcamp_wagtail/admin/voter_codes.html", context)
    response["Cache-Control"] = "no-store"
    return response

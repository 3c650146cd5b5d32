"""Admin views for the proposal inbox that wagtail-modeladmin does not offer: bulk decisions
and privacy requests. Wired up in wagtail_hooks.py. Each acts only on the events whose
proposals the user may moderate (``permissions.MODERATE_PROPOSALS``)."""

import json

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from .. import privacy
from ..models import EventPage, SessionProposal
from ..permissions import MODERATE_PROPOSALS
from ..untrusted import object_id
from .access import IdMultipleChoiceField, guarded, require

INBOX_URL_NAME = "barcamp_wagtail_sessionproposal_modeladmin_index"


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", gettext_lazy("accept")), ("decline", gettext_lazy("decline"))])
    proposals = IdMultipleChoiceField(queryset=SessionProposal.objects.none(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, waiting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = waiting


def waiting_proposals(user):
    """Submitted proposals of the events whose proposals ``user`` may moderate."""
    return SessionProposal.objects.filter(
        status=SessionProposal.Status.SUBMITTED, event__in=MODERATE_PROPOSALS.events(user)
    ).select_related("event")


@guarded
@require_http_methods(["GET", "POST"])
def decide(request):
    """Accept or decline several submitted proposals at once."""
    require(MODERATE_PROPOSALS, request.user)
    waiting = waiting_proposals(request.user)
    proposals = waiting
    event_id = request.GET.get("event")
    if event_id:
        # An event the user may not moderate (or no event at all) shows an empty list.
        pk = object_id(event_id, EventPage)
        proposals = proposals.filter(event_id=pk) if pk else proposals.none()
    form = DecisionForm(request.POST or None, waiting=waiting)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["proposals"])
        for proposal in chosen:
            if form.cleaned_data["action"] == "accept":
                proposal.accept(user=request.user)
            else:
                proposal.decline()
        if form.cleaned_data["action"] == "accept":
            text = ngettext("%(count)d proposal accepted.", "%(count)d proposals accepted.", len(chosen))
        else:
            text = ngettext("%(count)d proposal declined.", "%(count)d proposals declined.", len(chosen))
        messages.success(request, text % {"count": len(chosen)})
        return redirect(INBOX_URL_NAME)
    context = {
        "proposals": proposals,
        "form": form,
        "events": MODERATE_PROPOSALS.events(request.user)
        .filter(proposals__status=SessionProposal.Status.SUBMITTED)
        .distinct()
        .order_by("title", "pk"),
        "selected": {str(pk) for pk in request.POST.getlist("proposals")} or {request.GET.get("proposal", "")},
    }
    return TemplateResponse(request, "barcamp_wagtail/admin/decide.html", context)


class PrivacyRequestForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))
    action = forms.ChoiceField(
        choices=[("export", gettext_lazy("export as JSON")), ("erase", gettext_lazy("erase"))],
        widget=forms.RadioSelect,
        initial="export",
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("Yes, erase: this cannot be undone."),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "erase" and not data.get("confirm"):
            self.add_error("confirm", _("Please confirm the erasure."))
        return data


@guarded
@require_http_methods(["GET", "POST"])
def privacy_request(request):
    """Answer a data subject's request: export or erase what the proposals, the next-edition
    sign-ups and the registrations hold about them, in the events whose proposals the user may moderate."""
    require(MODERATE_PROPOSALS, request.user)
    events = None if request.user.is_superuser else MODERATE_PROPOSALS.events(request.user)
    form = PrivacyRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if form.cleaned_data["action"] == "export":
            response = HttpResponse(
                json.dumps(privacy.export_data(email, events=events), indent=2, ensure_ascii=False),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="privacy-export.json"'
            return response
        count = privacy.erase(email, events=events)
        messages.success(
            request,
            ngettext("%(count)d proposal anonymised.", "%(count)d proposals anonymised.", count) % {"count": count},
        )
        count = privacy.erase_signups(email, events=events)
        messages.success(
            request,
            ngettext("%(count)d next-edition sign-up deleted.", "%(count)d next-edition sign-ups deleted.", count)
            % {"count": count},
        )
        count = privacy.erase_registrations(email, events=events)
        messages.success(
            request,
            ngettext("%(count)d registration deleted.", "%(count)d registrations deleted.", count) % {"count": count},
        )
        return redirect("barcamp_wagtail_privacy")
    context = {"form": form, "scoped": events is not None, "events": events.order_by("title", "pk") if events else []}
    return TemplateResponse(request, "barcamp_wagtail/admin/privacy.html", context)

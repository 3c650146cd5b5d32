"""Admin views for the proposal inbox that wagtail-modeladmin does not offer: bulk decisions
and privacy requests. Wired up in wagtail_hooks.py; every view needs the moderate permission."""

import functools
import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from .. import privacy
from ..models import EventPage, SessionProposal

MODERATE_PERMISSION = "barcamp_wagtail.moderate_sessionproposal"
INBOX_URL_NAME = "barcamp_wagtail_sessionproposal_modeladmin_index"


def forbidden(request):
    """A plain 403 page. Wagtail would turn PermissionDenied into a redirect to the dashboard,
    which hides from scripts and tests that the request was refused."""
    return TemplateResponse(request, "barcamp_wagtail/admin/forbidden.html", status=403)


def refuse_with_403(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)

    return wrapped


def _require_moderator(request):
    if not request.user.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", gettext_lazy("accept")), ("decline", gettext_lazy("decline"))])
    proposals = forms.ModelMultipleChoiceField(
        queryset=SessionProposal.objects.filter(status=SessionProposal.Status.SUBMITTED),
        widget=forms.CheckboxSelectMultiple,
    )


@refuse_with_403
@require_http_methods(["GET", "POST"])
def decide(request):
    """Accept or decline several submitted proposals at once."""
    _require_moderator(request)
    proposals = SessionProposal.objects.filter(status=SessionProposal.Status.SUBMITTED).select_related("event")
    event_id = request.GET.get("event")
    if event_id and event_id.isdigit():
        proposals = proposals.filter(event_id=event_id)
    form = DecisionForm(request.POST or None)
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
        "events": EventPage.objects.filter(proposals__status=SessionProposal.Status.SUBMITTED).distinct(),
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


@refuse_with_403
@require_http_methods(["GET", "POST"])
def privacy_request(request):
    """Answer a data subject's request: export or erase what the proposals and the next-edition
    sign-ups hold about them."""
    _require_moderator(request)
    form = PrivacyRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if form.cleaned_data["action"] == "export":
            response = HttpResponse(
                json.dumps(privacy.export_data(email), indent=2, ensure_ascii=False),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="privacy-export.json"'
            return response
        count = privacy.erase(email)
        messages.success(
            request,
            ngettext("%(count)d proposal anonymised.", "%(count)d proposals anonymised.", count) % {"count": count},
        )
        count = privacy.erase_signups(email)
        messages.success(
            request,
            ngettext("%(count)d next-edition sign-up deleted.", "%(count)d next-edition sign-ups deleted.", count)
            % {"count": count},
        )
        count = privacy.erase_registrations(email)
        messages.success(
            request,
            ngettext("%(count)d registration deleted.", "%(count)d registrations deleted.", count) % {"count": count},
        )
        return redirect("barcamp_wagtail_privacy")
    return TemplateResponse(request, "barcamp_wagtail/admin/privacy.html", {"form": form})

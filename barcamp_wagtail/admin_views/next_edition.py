"""Admin views added to Wagtail's page editor (wired in wagtail_hooks.py)."""

import datetime

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.coreutils import find_available_slug

from ..models import Sponsor, sponsor_tiers
from ..next_edition import copy_as_next_edition
from ..permissions import can_copy_as_next_edition
from .access import event_or_404, forbidden, guarded


class NextEditionForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=255)
    slug = forms.SlugField(label=_("slug"), max_length=255, allow_unicode=True)
    start_date = forms.DateField(
        label=_("first day of the next edition"),
        help_text=_("Dates, rooms and time slots move by the same number of days."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    sponsors = forms.ModelMultipleChoiceField(
        label=_("sponsors who confirmed their support"),
        queryset=Sponsor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick the sponsors who support the next edition, too. The others are left out of the copy, "
            "so that no sponsor is announced without their consent; add them once they confirm."
        ),
    )
    invite_signups = forms.BooleanField(
        label=_("invite the next-edition sign-ups"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, event, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)
        sponsors = [sponsor for _tier, tier_sponsors in sponsor_tiers(event) for sponsor in tier_sponsors]
        if sponsors:
            self.fields["sponsors"].queryset = Sponsor.objects.filter(pk__in=[sponsor.pk for sponsor in sponsors])
            # In the order of the event page, not by name.
            self.fields["sponsors"].choices = [(sponsor.pk, sponsor.name) for sponsor in sponsors]
        else:
            del self.fields["sponsors"]
        count = event.interest_signups.confirmed().count()
        self.fields["invite_signups"].help_text = ngettext(
            "%(count)d person confirmed they want to hear about the next edition. They, and whoever "
            "confirms until then, are invited to register as soon as registration for the new edition opens.",
            "%(count)d people confirmed they want to hear about the next edition. They, and whoever "
            "confirms until then, are invited to register as soon as registration for the new edition opens.",
            count,
        ) % {"count": count}

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if self.event.get_parent().get_children().filter(slug=slug).exists():
            raise forms.ValidationError(_("A page with this slug already exists next to the event."))
        return slug

    def left_out_sponsors(self):
        """The names of the event's sponsors the editor did not confirm for the next edition."""
        if "sponsors" not in self.fields:
            return []
        confirmed = {sponsor.pk for sponsor in self.cleaned_data.get("sponsors") or []}
        return [name for pk, name in self.fields["sponsors"].choices if pk not in confirmed]


def next_edition_initial(event):
    start = timezone.localtime(event.start).date()
    try:
        start_date = start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        start_date = start + datetime.timedelta(days=365)
    old_year, new_year = str(start.year), str(start_date.year)
    title = event.title.replace(old_year, new_year) if old_year in event.title else f"{event.title} {new_year}"
    slug = find_available_slug(event.get_parent(), slugify(title, allow_unicode=True) or f"{event.slug}-2")
    return {"title": title, "slug": slug, "start_date": start_date}


@guarded
def next_edition(request, page_id):
    """Ask for the new start date, then copy the event as a draft and open it in the editor."""
    event = event_or_404(page_id)
    if not can_copy_as_next_edition(request.user, event):
        return forbidden(request)
    if request.method == "POST":
        form = NextEditionForm(request.POST, event=event)
        if form.is_valid():
            copy = copy_as_next_edition(
                event,
                start_date=form.cleaned_data["start_date"],
                title=form.cleaned_data["title"],
                slug=form.cleaned_data["slug"],
                user=request.user,
                confirmed_sponsors=[sponsor.pk for sponsor in form.cleaned_data.get("sponsors") or []],
                invite_signups=form.cleaned_data["invite_signups"],
            )
            messages.success(
                request,
                _("'%(title)s' was created as a draft. Check its dates, rooms and time slots, then publish it.")
                % {"title": copy.title},
            )
            left_out = form.left_out_sponsors()
            if left_out:
                messages.warning(
                    request,
                    _("Not carried over until they confirm: %(sponsors)s.") % {"sponsors": ", ".join(left_out)},
                )
            return redirect("wagtailadmin_pages:edit", copy.pk)
    else:
        form = NextEditionForm(initial=next_edition_initial(event), event=event)
    return TemplateResponse(
        request,
        "barcamp_wagtail/admin/next_edition.html",
        {
            "event": event,
            "form": form,
            "action_url": reverse("barcamp_wagtail_next_edition", args=[event.pk]),
            "cancel_url": reverse("wagtailadmin_explore", args=[event.get_parent().pk]),
        },
    )

"""The admin view behind "Draft a press release": it asks for what the app cannot know (the
language, and the number of participants when the app's registration was not used), then writes
the draft (``drafting.py``) and opens it in the page editor. Who may use it: ``can_draft``."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.validators import MaxValueValidator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..admin_views.access import event_or_404, forbidden, guarded
from .drafting import draft_press_release, press_index_for, release_language
from .facts import registration_used

# More people than any venue holds is a typing error.
MAX_PARTICIPANTS = 100_000


def can_draft(user, event):
    """Users who may add a page below the event's press index draft there. Without a press index,
    those who may edit the event see the button and learn how to create one."""
    index = press_index_for(event)
    if index is not None:
        return index.permissions_for_user(user).can_add_subpage()
    return event.permissions_for_user(user).can_edit()


class DraftPressReleaseForm(forms.Form):
    language = forms.ChoiceField(label=_("language of the press release"), choices=())
    participants = forms.IntegerField(
        label=_("number of participants"),
        min_value=0,
        validators=[MaxValueValidator(MAX_PARTICIPANTS)],
        help_text=_("The registration of this app was not used for this event: how many people took part?"),
    )

    def __init__(self, *args, ask_participants=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES
        if not ask_participants:
            del self.fields["participants"]


@guarded
def draft_press_release_view(request, page_id):
    """Show where the draft goes and ask the language (and the participants), then create it."""
    event = event_or_404(page_id)
    index = press_index_for(event)
    if not can_draft(request.user, event):
        return forbidden(request)
    if index is None:
        return TemplateResponse(
            request,
            "barcamp_wagtail/admin/press_draft_no_index.html",
            {"event": event, "add_index_url": add_index_url(request.user, event)},
        )
    ask_participants = not registration_used(event)
    if request.method == "POST":
        form = DraftPressReleaseForm(request.POST, ask_participants=ask_participants)
        if form.is_valid():
            page = draft_press_release(
                event,
                index,
                user=request.user,
                language=form.cleaned_data["language"],
                participants=form.cleaned_data.get("participants"),
            )
            messages.success(
                request,
                _(
                    "The press release '%(title)s' was drafted below '%(index)s'. Fill in the quotes and check "
                    "the text, then publish it or submit it for moderation."
                )
                % {"title": page.title, "index": index.title},
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    else:
        form = DraftPressReleaseForm(initial={"language": release_language(event)}, ask_participants=ask_participants)
    from ..models import PressReleasePage

    return TemplateResponse(
        request,
        "barcamp_wagtail/admin/press_draft.html",
        {
            "event": event,
            "index": index,
            "form": form,
            "earlier_releases": PressReleasePage.objects.child_of(index).filter(event=event).order_by("-pk"),
            "action_url": reverse("barcamp_wagtail_press_draft", args=[event.pk]),
            "cancel_url": reverse("wagtailadmin_explore", args=[event.get_parent().pk]),
        },
    )


def add_index_url(user, event):
    """Where to add a press index next to the event, if the user may."""
    parent = event.get_parent()
    if not parent.permissions_for_user(user).can_add_subpage():
        return None
    from ..models import PressIndexPage

    if not PressIndexPage.can_create_at(parent.specific):
        return None
    return reverse("wagtailadmin_pages:add", args=("barcamp_wagtail", "pressindexpage", parent.pk))

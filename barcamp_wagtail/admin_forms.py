"""Forms behind the Wagtail editor for barcamp pages."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .conf import session_languages
from .multilingual import programme_owner


class SessionPageForm(WagtailAdminPageForm):
    """Offers only the rooms and time slots of the session's own event (its original, on a
    multilingual site)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.parent_page
        if event is None and self.instance.pk:
            event = self.instance.get_parent()
        # A translated session is placed in its original event's rooms and slots.
        event_id = programme_owner(event).pk if event is not None else None
        self.fields["room"].queryset = self.fields["room"].queryset.filter(event_id=event_id)
        self.fields["time_slot"].queryset = self.fields["time_slot"].queryset.filter(event_id=event_id)
        self.fields["language"] = forms.ChoiceField(
            label=self.fields["language"].label,
            choices=[("", "---------"), *session_languages()],
            required=False,
        )


class ProposalPageForm(WagtailAdminPageForm):
    """Refuses to publish a call for sessions whose consent checkbox would point at no privacy
    notice: visitors must be able to read what they agree to. A draft may be saved without one."""

    saving_draft = False

    def defer_required_fields(self):
        # Wagtail defers required fields only when a draft is saved, not when publishing.
        self.saving_draft = True
        super().defer_required_fields()

    def clean(self):
        cleaned_data = super().clean()
        if self.saving_draft:
            return cleaned_data
        page = self.instance
        page.privacy_notice = cleaned_data.get("privacy_notice", page.privacy_notice)
        page.privacy_url = cleaned_data.get("privacy_url", page.privacy_url)
        if not page.has_privacy_information():
            message = _(
                "Visitors agree to a privacy notice when they send a proposal: write the notice here or "
                "link to your privacy policy before you publish."
            )
            self.add_error("privacy_notice", message)
            self.add_error("privacy_url", _("Or give the link to your privacy policy here."))
        return cleaned_data

"""Forms behind the Wagtail editor for barcamp pages."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from .conf import session_languages


class SessionPageForm(WagtailAdminPageForm):
    """Offers only the rooms and time slots of the session's own event."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.parent_page
        if event is None and self.instance.pk:
            event = self.instance.get_parent()
        event_id = event.pk if event is not None else None
        self.fields["room"].queryset = self.fields["room"].queryset.filter(event_id=event_id)
        self.fields["time_slot"].queryset = self.fields["time_slot"].queryset.filter(event_id=event_id)
        self.fields["language"] = forms.ChoiceField(
            label=self.fields["language"].label,
            choices=[("", "---------"), *session_languages()],
            required=False,
        )

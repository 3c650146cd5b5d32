"""The organisers' forms in the admin: walk-ins at the door, messages to participants, invitations.

They live apart from the public forms because the admin addresses editors with "Sie" and the public
side visitors with "du": the German catalogue is checked by the module a string comes from.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..admin_views.access import IdChoiceField
from ..forms import SingleLineField, validate_multi_line, validate_single_line
from .forms import DaysField, day_choices
from .models import EMAIL_MAX, NAME_MAX, ORGANISATION_MAX, BulkMail


class WalkInForm(forms.Form):
    """Someone at the door: added, confirmed and (when a seat is free) seated at once."""

    name = SingleLineField(label=_("Name"), max_length=NAME_MAX)
    email = forms.EmailField(
        label=_("E-mail address"), max_length=EMAIL_MAX, required=False, validators=[validate_single_line]
    )
    organisation = SingleLineField(label=_("Organisation"), max_length=ORGANISATION_MAX, required=False)
    days = DaysField(label=_("Days"))
    check_in = forms.BooleanField(label=_("Check in now"), required=False, initial=True)
    consent = forms.BooleanField(
        label=_("The person agreed to the privacy notice."),
        error_messages={"required": _("Please ask for consent to the privacy notice first.")},
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = day_choices(event)
        today = timezone.localdate().isoformat()
        self.fields["days"].initial = [today] if any(day == today for day, _label in day_choices(event)) else []


class BulkMailForm(forms.ModelForm):
    subject = SingleLineField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"), max_length=5000, validators=[validate_multi_line], widget=forms.Textarea(attrs={"rows": 10})
    )
    confirm = forms.BooleanField(
        label=_("Yes, send this message now."),
        error_messages={"required": _("Please confirm that the message should go out.")},
    )

    class Meta:
        model = BulkMail
        fields = ["audience", "subject", "body"]


class InviteForm(forms.Form):
    source = IdChoiceField(
        label=_("Invite the confirmed next-edition sign-ups of"),
        queryset=None,
        empty_label=None,
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = events

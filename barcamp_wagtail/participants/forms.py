"""The participants' forms: registration (with the spam defences every public form shares), changes
through the private link, the directory profile and contact requests. The organisers' forms live in
``admin_forms`` (the public side speaks "du", the admin "Sie").

Only declared fields are read; single-line fields refuse control and bidi characters and links must
be http(s): the validators come from ``barcamp_wagtail.forms``, the one place that owns them.
"""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..forms import SingleLineField, SpamProtectedForm, WebLinkField, validate_multi_line, validate_single_line
from .models import (
    ABOUT_MAX,
    BADGE_NAME_MAX,
    EMAIL_MAX,
    LINK_MAX,
    LINKS_MAX,
    MESSAGE_MAX,
    NAME_MAX,
    NEEDS_MAX,
    ORGANISATION_MAX,
    ROLE_MAX,
)


def day_choices(event):
    return [(day.isoformat(), date_format(day, "l, j F Y")) for day in event.event_days()]


class DaysField(forms.MultipleChoiceField):
    """The event's days as check boxes; cleaned to ``datetime.date`` values."""

    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        import datetime

        return [datetime.date.fromisoformat(day) for day in super().clean(value)]


class ParticipantFields(forms.Form):
    """What a participant tells about themselves; shared by the public form and the private page."""

    name = SingleLineField(label=_("Your name"), max_length=NAME_MAX, help_text=_("As it should appear on your badge."))
    organisation = SingleLineField(label=_("Organisation"), max_length=ORGANISATION_MAX, required=False)
    badge_name = SingleLineField(
        label=_("Name on the lanyard"),
        max_length=BADGE_NAME_MAX,
        required=False,
        help_text=_("Printed large on your badge. Empty: your first name."),
    )
    days = DaysField(label=_("Which days will you come?"))
    needs = forms.CharField(
        label=_("Dietary or accessibility needs"),
        max_length=NEEDS_MAX,
        required=False,
        validators=[validate_multi_line],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the organisers see this."),
    )

    PERSON_FIELDS = ["name", "organisation", "badge_name", "days", "needs"]

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        choices = day_choices(event)
        self.fields["days"].choices = choices
        if len(choices) == 1:
            # A one-day event: the day is not a question.
            self.fields["days"].widget = forms.MultipleHiddenInput()
            self.fields["days"].initial = [choices[0][0]]
            if self.is_bound and not self.data.get(self.add_prefix("days")):
                data = self.data.copy()
                data.setlist(self.add_prefix("days"), [choices[0][0]])
                self.data = data


class RegistrationForm(SpamProtectedForm, ParticipantFields):
    """The public registration form: the participant's details, e-mail, consent and the spam defences."""

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=EMAIL_MAX,
        validators=[validate_single_line],
        help_text=_("We send you a link to confirm it, and to change or cancel your registration."),
    )
    privacy_consent = forms.BooleanField(
        label=_("I agree that my registration is stored as described in the privacy notice."),
        error_messages={"required": _("We can only register you with your consent.")},
    )

    PERSON_FIELDS = ["name", "email", "organisation", "badge_name", "days", "needs", "privacy_consent"]
    recaptcha_action = "registration"

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, event=event, **kwargs)
        self.order_fields(self.PERSON_FIELDS)

    def person_fields(self):
        """The fields a person fills in, in order (not the honeypot, the token or the captcha)."""
        return [self[name] for name in self.PERSON_FIELDS if not self[name].is_hidden]


class ParticipantChangeForm(ParticipantFields):
    """What a participant may change through the private link."""

    def person_fields(self):
        return [self[name] for name in self.PERSON_FIELDS if not self[name].is_hidden]


class TopicsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class ProfileForm(forms.Form):
    """A directory profile: what others in the directory may read. Links are http(s) only."""

    role = SingleLineField(label=_("Role"), max_length=ROLE_MAX, required=False, help_text=_("What you do."))
    offers = TopicsField(label=_("Topics I can offer"), required=False)
    seeks = TopicsField(label=_("Topics I am looking for"), required=False)
    about = forms.CharField(
        label=_("About me"),
        max_length=ABOUT_MAX,
        required=False,
        validators=[validate_multi_line],
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    link_1 = WebLinkField(label=_("Link"), max_length=LINK_MAX, required=False)
    link_2 = WebLinkField(label=_("Another link"), max_length=LINK_MAX, required=False)
    link_3 = WebLinkField(label=_("A third link"), max_length=LINK_MAX, required=False)
    allow_contact = forms.BooleanField(
        label=_("Other participants may ask to get in touch with me."),
        required=False,
        help_text=_(
            "You read each request first; only if you allow it, it is mailed to you, and you decide whether to answer."
        ),
    )
    link_sessions = forms.BooleanField(
        label=_("Show the sessions I host (if I allowed my name to be shown with them)."), required=False
    )

    LINK_FIELDS = [f"link_{number}" for number in range(1, LINKS_MAX + 1)]

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(topic, topic) for topic in topics]
        for name in ("offers", "seeks"):
            self.fields[name].choices = choices
        if not choices:
            del self.fields["offers"], self.fields["seeks"]

    @classmethod
    def initial_for(cls, profile):
        if profile is None:
            return {"allow_contact": True, "link_sessions": True}
        initial = {
            "role": profile.role,
            "offers": profile.offers,
            "seeks": profile.seeks,
            "about": profile.about,
            "allow_contact": profile.allow_contact,
            "link_sessions": profile.link_sessions,
        }
        for name, link in zip(cls.LINK_FIELDS, profile.links, strict=False):
            initial[name] = link
        return initial

    def save_to(self, profile):
        data = self.cleaned_data
        profile.role = data["role"]
        profile.offers = list(data.get("offers", []))
        profile.seeks = list(data.get("seeks", []))
        profile.about = data["about"]
        profile.links = [data[name] for name in self.LINK_FIELDS if data.get(name)]
        profile.allow_contact = data["allow_contact"]
        profile.link_sessions = data["link_sessions"]
        profile.save()
        return profile


class ContactForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX,
        validators=[validate_multi_line],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "They read it first. Only if they allow contact, it is mailed to them with your address to reply to."
        ),
    )

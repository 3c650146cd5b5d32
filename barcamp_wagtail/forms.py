"""The public forms (session proposals, next-edition sign-ups).

Visitor input is never trusted: only the fields declared here are read, invisible characters
are stripped at the edges of every field, single-line fields refuse control and bidi-override
characters, and links must be http(s). ``SpamProtectedForm`` holds the defences every public
form shares; the check against robots (reCAPTCHA and the check without Google) is
``spam_check.py``.
"""

import re
import secrets
import time
import unicodedata
from urllib.parse import urlsplit

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import blank_form_widgets
from .conf import get_setting
from .models import SessionProposal
from .models.interest import EMAIL_MAX as INTEREST_EMAIL_MAX
from .models.interest import NAME_MAX as INTEREST_NAME_MAX
from .models.proposal import ABSTRACT_MAX, EMAIL_MAX, LINK_MAX, NAME_MAX, TITLE_MAX, TOPIC_MAX
from .spam_check import SpamCheckMixin

FORM_TOKEN_SALT = "barcamp_wagtail.proposal.form"  # noqa: S105  (a salt, not a secret)

# C0 and C1 control characters, and the bidi embedding/override/isolate characters that can
# make a text read differently from what it is (U+202A–U+202E, U+2066–U+2069).
SINGLE_LINE_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Multi-line text keeps tabs and line breaks.
MULTI_LINE_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")

# Characters that show nothing (or only blank space) but are not whitespace to str.strip():
# fillers and blanks of some scripts, the combining grapheme joiner and variation selectors.
# Format characters (category Cf: U+200B–U+200F, U+2060–U+2064, U+FEFF, U+00AD, the tag
# characters …) are found by their category.
INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u2800\u3164\uffa0")


def is_invisible(character):
    """Whether ``character`` draws nothing a reader could see: whitespace, a format character,
    a separator, a filler or a variation selector."""
    if character.isspace() or character in INVISIBLE_EXTRA:
        return True
    category = unicodedata.category(character)
    # Control characters (Cc) are not stripped: the validators refuse them with a message.
    if category in ("Cf", "Zs", "Zl", "Zp"):
        return True
    # Variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF) only change the glyph before them.
    return "\ufe00" <= character <= "\ufe0f" or "\U000e0100" <= character <= "\U000e01ef"


def strip_invisible(value):
    """``value`` without invisible characters at either end: a text made only of them is empty.
    Inside the text they stay (a zero-width joiner holds an emoji sequence together)."""
    start, end = 0, len(value)
    while start < end and is_invisible(value[start]):
        start += 1
    while end > start and is_invisible(value[end - 1]):
        end -= 1
    return value[start:end]


class VisibleTextMixin:
    """A form field whose value loses invisible characters at both ends before it is validated,
    so that a title of zero-width spaces counts as empty."""

    def to_python(self, value):
        if isinstance(value, str):
            value = strip_invisible(value)
        return super().to_python(value)


def validate_single_line(value):
    if "\r" in value or "\n" in value:
        raise ValidationError(_("Please write this on one line."), code="line_break")
    if SINGLE_LINE_FORBIDDEN.search(value):
        raise ValidationError(_("This field contains characters that are not allowed."), code="control_character")


def validate_multi_line(value):
    if MULTI_LINE_FORBIDDEN.search(value):
        raise ValidationError(_("This field contains characters that are not allowed."), code="control_character")


def validate_web_link(value):
    if value and not value.lower().startswith(("http://", "https://")):
        raise ValidationError(_("Please enter a web address starting with https:// or http://."), code="scheme")


class TextField(VisibleTextMixin, forms.CharField):
    """Free text from a visitor."""


class SingleLineField(TextField):
    default_validators = [validate_single_line]


class EmailAddressField(VisibleTextMixin, forms.EmailField):
    """An e-mail address on one line."""

    default_validators = [*forms.EmailField.default_validators, validate_single_line]


class WebLinkField(forms.URLField):
    """An http(s) link; ``javascript:``, ``data:`` and every other scheme are refused."""

    default_validators = [URLValidator(schemes=["http", "https"])]

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)

    def to_python(self, value):
        value = strip_invisible(value or "")
        try:
            scheme = urlsplit(value).scheme
        except ValueError:
            scheme = ""
        if scheme:
            # Checked before URLField adds a scheme to anything that seems to lack one.
            validate_web_link(value)
        return super().to_python(value)


def make_form_token():
    """A signed token for one rendering of the form: when it was shown, and a nonce
    that makes a re-sent POST store one proposal."""
    return signing.dumps({"n": secrets.token_urlsafe(24), "t": time.time()}, salt=FORM_TOKEN_SALT)


def read_form_token(token):
    """(nonce, age in seconds) of a form token, or (None, None) when it was tampered with."""
    try:
        data = signing.loads(token or "", salt=FORM_TOKEN_SALT)
        return str(data["n"])[:64], time.time() - float(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None, None


class ProposalFields(forms.ModelForm):
    """The fields a visitor may write; nothing else of a proposal is read from the request."""

    title = SingleLineField(label=_("Title of your session"), max_length=TITLE_MAX)
    abstract = TextField(
        label=_("What is it about?"),
        max_length=ABSTRACT_MAX,
        validators=[validate_multi_line],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few sentences: what you want to show, ask or discuss."),
    )
    topic = SingleLineField(
        label=_("Topic"),
        max_length=TOPIC_MAX,
        required=False,
        help_text=_("One or two words, for example 'Open Data'."),
    )
    link = WebLinkField(
        label=_("Link"), max_length=LINK_MAX, required=False, help_text=_("Optional: slides, a project or a blog post.")
    )
    show_name = forms.BooleanField(
        label=_("My name may be shown publicly with the session."),
        required=False,
        help_text=_("Without this, the session appears without your name."),
    )

    class Meta:
        model = SessionProposal
        fields = ["title", "abstract", "format", "topic", "link", "show_name"]
        labels = {"format": _("Format")}


class SpamProtectedForm(SpamCheckMixin, forms.Form):
    """The defences of a public form, shared by every form visitors send: a honeypot field,
    a signed time trap with a nonce, and the spam check (reCAPTCHA after consent, or the check
    without Google) when the settings ask for it.

    Subclass it, or put it before a ``forms.ModelForm`` in the bases; pass ``client_address`` (see
    ``ratelimit.client_address``) so that Google is told who asked. ``recaptcha_action`` names
    the form for reCAPTCHA v3. After validation ``self.nonce`` is the token's nonce and
    ``self.spam_check`` names the check that passed. Render the checks with
    ``barcamp_wagtail/includes/spam_check.html``.
    """

    # The honeypot: hidden from people by CSS and aria-hidden, filled in by naive bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    form_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, client_address=None, **kwargs):
        super().__init__(*args, **kwargs)
        blank_form_widgets.use_for(self, initial=kwargs.get("initial"), instance=kwargs.get("instance"))
        if not self.is_bound:
            self.initial["form_token"] = make_form_token()
        self.nonce = None
        nonce = read_form_token(self.data.get(self.add_prefix("form_token")))[0] if self.is_bound else None
        self.add_spam_checks(client_address, nonce=nonce)

    def clean(self):
        cleaned_data = super().clean()
        self.clean_spam_checks(cleaned_data)
        return cleaned_data

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("This submission looks automated and was not stored."), code="honeypot")
        return ""

    def clean_form_token(self):
        nonce, age = read_form_token(self.cleaned_data.get("form_token"))
        if nonce is None:
            raise ValidationError(_("This form could not be checked. Please reload the page and try again."))
        if age < get_setting("PROPOSAL_MIN_SECONDS"):
            raise ValidationError(
                _("That was faster than a person can type. Please check your entries and send the form again."),
                code="too_fast",
            )
        if age > get_setting("PROPOSAL_MAX_SECONDS"):
            raise ValidationError(
                _("This form was open for too long. Please reload the page and send it again."), code="too_old"
            )
        self.nonce = nonce
        return self.cleaned_data["form_token"]

    def _post_clean(self):
        super()._post_clean()
        # A fresh token for the next attempt, so that the time trap does not reject a correction.
        if self.errors:
            data = self.data.copy()
            data["form_token"] = make_form_token()
            self.data = data


class ProposalForm(SpamProtectedForm, ProposalFields):
    """The public form: the proposal plus name, e-mail, consent and the spam defences."""

    name = SingleLineField(
        label=_("Your name"), max_length=NAME_MAX, help_text=_("As it should appear if you allow it to be shown.")
    )
    email = EmailAddressField(
        label=_("Your e-mail address"),
        max_length=EMAIL_MAX,
        help_text=_("Only the organisers see it. You get a link to change or withdraw your proposal."),
    )
    privacy_consent = forms.BooleanField(
        label=_("I agree that my proposal and the data above are stored as described in the privacy notice."),
        error_messages={"required": _("We can only store your proposal with your consent.")},
    )

    PERSON_FIELDS = ["title", "abstract", "format", "topic", "link", "name", "email", "show_name", "privacy_consent"]

    class Meta(ProposalFields.Meta):
        fields = [*ProposalFields.Meta.fields, "name", "email", "privacy_consent"]

    def __init__(self, *args, client_address=None, venue_code="", **kwargs):
        super().__init__(*args, client_address=client_address, **kwargs)
        self.venue_code = venue_code
        if venue_code:
            self.fields["venue_code"] = SingleLineField(
                label=_("Venue code"),
                max_length=40,
                required=False,
                help_text=_(
                    "At the barcamp? Type the code shown in the room, so that everyone on the venue's "
                    "Wi-Fi can send proposals."
                ),
            )
        self.order_fields(self.PERSON_FIELDS)

    def clean_venue_code(self):
        code = self.cleaned_data.get("venue_code", "")
        if code and not constant_time_compare(code.casefold(), self.venue_code.strip().casefold()):
            raise ValidationError(
                _("This is not the code shown at the venue. Leave the field empty if you are not there."),
                code="venue_code",
            )
        return code

    def proposal_fields(self):
        """The fields a person fills in, in order (not the honeypot, the token or the spam check)."""
        names = list(self.PERSON_FIELDS)
        if "venue_code" in self.fields:
            names.insert(names.index("privacy_consent"), "venue_code")
        return [self[name] for name in names]

    def save_for(self, event, language=None):
        proposal = super().save(commit=False)
        # On a multilingual site every translation's proposals go to the original event.
        proposal.event = event.programme_event
        proposal.nonce = self.nonce
        proposal.consent_at = timezone.now()
        proposal.spam_check = self.spam_check
        proposal.language = (language or get_language() or "")[:10]
        proposal.save()
        return proposal


class ProposalEditForm(ProposalFields):
    """What the submitter may change through the private link."""


class InterestForm(SpamProtectedForm):
    """The next-edition sign-up: an e-mail address, optionally a name, and the spam defences."""

    email = EmailAddressField(
        label=_("Your e-mail address"),
        max_length=INTEREST_EMAIL_MAX,
        help_text=_("We send you a link to confirm it. Without the confirmation we do not write to you."),
    )
    name = SingleLineField(label=_("Your name"), max_length=INTEREST_NAME_MAX, required=False)

    PERSON_FIELDS = ["email", "name"]
    recaptcha_action = "interest"

    def __init__(self, *args, **kwargs):
        # Its own ids: the block may sit on a page next to other forms.
        kwargs.setdefault("auto_id", "id_interest_%s")
        super().__init__(*args, **kwargs)

    def person_fields(self):
        """The fields a person fills in, in order (not the honeypot, the token or the captcha)."""
        return [self[name] for name in self.PERSON_FIELDS]

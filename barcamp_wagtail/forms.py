"""The public forms (session proposals, next-edition sign-ups), and the one place that talks
to reCAPTCHA.

Visitor input is never trusted: only the fields declared here are read, single-line fields
refuse control and bidi-override characters, links must be http(s), and every failure of
the reCAPTCHA service becomes a message on the form instead of a server error.
``SpamProtectedForm`` holds the defences every public form shares.
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
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox, ReCaptchaV3

from .conf import get_setting
from .models import SessionProposal
from .models.interest import EMAIL_MAX as INTEREST_EMAIL_MAX
from .models.interest import NAME_MAX as INTEREST_NAME_MAX
from .models.proposal import ABSTRACT_MAX, EMAIL_MAX, LINK_MAX, NAME_MAX, TITLE_MAX, TOPIC_MAX

FORM_TOKEN_SALT = "barcamp_wagtail.proposal.form"  # noqa: S105  (a salt, not a secret)

# C0 and C1 control characters, and the bidi embedding/override/isolate characters that can
# make a text read differently from what it is (U+202A–U+202E, U+2066–U+2069).
SINGLE_LINE_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Multi-line text keeps tabs and line breaks.
MULTI_LINE_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")

RECAPTCHA_UNAVAILABLE = _("We could not verify that you are human. Please try again in a moment.")


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


class GuardedReCaptchaField(ReCaptchaField):
    """django-recaptcha's field, made safe: the library catches only HTTPError, so a network
    failure, a timeout, a reply that is not JSON or one without "success" would be a server error."""

    default_error_messages = {
        "required": _("Please confirm that you are not a robot."),
        "captcha_invalid": _("The spam protection did not accept this submission. Please try again."),
        "captcha_error": RECAPTCHA_UNAVAILABLE,
    }
    client_address = None

    def get_remote_ip(self):
        # Not the library's guess from X-Forwarded-For, which any client can send.
        return self.client_address

    def validate(self, value):
        try:
            super().validate(value)
        except ValidationError:
            raise
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            # URLError and timeouts are OSErrors; bad JSON is a ValueError; {} is a KeyError.
            raise ValidationError(self.error_messages["captcha_error"], code="captcha_error") from error


def recaptcha_field(client_address=None, action="proposal"):
    """The reCAPTCHA field the settings ask for (v2 checkbox or v3), or None when it is switched off."""
    if not get_setting("PROPOSAL_RECAPTCHA"):
        return None
    if get_setting("PROPOSAL_RECAPTCHA_VERSION") == 3:
        widget = ReCaptchaV3(action=action, required_score=get_setting("PROPOSAL_RECAPTCHA_SCORE"))
    else:
        widget = ReCaptchaV2Checkbox(api_params={"hl": (get_language() or "en").split("-")[0]})
    field = GuardedReCaptchaField(widget=widget, label=_("Spam protection"))
    field.client_address = client_address
    return field


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


class SpamProtectedForm(forms.Form):
    """The defences of a public form, shared by every form visitors send: a honeypot field,
    a signed time trap with a nonce, and reCAPTCHA when the settings ask for it.

    Subclass it, or put it before a ``forms.ModelForm`` in the bases; pass ``client_address`` (see
    ``ratelimit.client_address``) so that Google is told who asked. ``recaptcha_action`` names
    the form for reCAPTCHA v3. After validation ``self.nonce`` is the token's nonce.
    """

    # The honeypot: hidden from people by CSS and aria-hidden, filled in by naive bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    form_token = forms.CharField(widget=forms.HiddenInput)

    recaptcha_action = "proposal"

    def __init__(self, *args, client_address=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_token"] = make_form_token()
        self.nonce = None
        captcha = recaptcha_field(client_address, action=self.recaptcha_action)
        if captcha is not None:
            self.fields["captcha"] = captcha

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

    def __init__(self, *args, client_address=None, **kwargs):
        super().__init__(*args, client_address=client_address, **kwargs)
        self.order_fields(self.PERSON_FIELDS)

    def proposal_fields(self):
        """The fields a person fills in, in order (not the honeypot, the token or the captcha)."""
        return [self[name] for name in self.PERSON_FIELDS]

    def save_for(self, event, language=None):
        proposal = super().save(commit=False)
        proposal.event = event
        proposal.nonce = self.nonce
        proposal.consent_at = timezone.now()
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

"""The "are you a person?" check of the public forms, and the one place that talks to reCAPTCHA.

Two ways through, both shown in the form:

- **Google reCAPTCHA** (django-recaptcha), loaded only after the visitor asks for it (two
  clicks: a button, then Google's checkbox): German law wants consent before Google's script
  runs. When the script cannot load (a blocker, the venue's network) the page says so plainly.
- **The check without Google** (``challenge.py``): a proof of work solved in the browser with
  a widget served from the site's own static files.

The form needs one of them to pass (fail closed). Every failure of Google's verification
(network, timeout, a reply that is no verdict) becomes a message on the form, never a server
error; after a few failures in a row a circuit breaker in the shared cache stops asking Google
for a while, so that a hanging verify endpoint does not hold a worker per submission.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox, ReCaptchaV3

from . import challenge
from .circuit_breaker import CircuitBreaker, CircuitOpen
from .conf import get_setting
from .shared_cache import shared_cache

RECAPTCHA = CircuitBreaker("recaptcha")

# URLError and timeouts are OSErrors; bad JSON is a ValueError; {} is a KeyError.
SERVICE_ERRORS = (OSError, ValueError, KeyError, TypeError, AttributeError)


def _key(nonce):
    return f"barcamp_wagtail:spamcheck:passed:{nonce}"


class ServiceFailure(Exception):
    """Google answered with an HTTP error (django-recaptcha turns that into a form error)."""


class TwoClickRecaptchaMixin:
    """Renders a button instead of Google's script: the script loads when the visitor presses it
    (``static/barcamp_wagtail/js/spam_check.js``)."""

    template_name = "barcamp_wagtail/widgets/recaptcha.html"
    version = 2

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        query = f"render={context['public_key']}" if self.version == 3 else f"render=explicit&{context['api_params']}"
        context.update(
            {
                "version": self.version,
                "action": getattr(self, "action", None) or "",
                "script_url": f"https://{context['recaptcha_domain']}/recaptcha/api.js?{query}",
                "available": not RECAPTCHA.is_open(),
                "fallback": challenge.enabled(),
                "spam_check_js": static("barcamp_wagtail/js/spam_check.js"),
            }
        )
        return context


class TwoClickReCaptchaV2(TwoClickRecaptchaMixin, ReCaptchaV2Checkbox):
    pass


class TwoClickReCaptchaV3(TwoClickRecaptchaMixin, ReCaptchaV3):
    version = 3


class GuardedReCaptchaField(ReCaptchaField):
    """django-recaptcha's field, made safe and optional.

    The library catches only HTTPError, so a network failure, a timeout, a reply that is not
    JSON or one without "success" would be a server error: each becomes a form error here, and
    counts as a failure for the circuit breaker. Whether an answer is needed at all is for the
    form to decide (the check without Google may have been used instead).
    """

    default_error_messages = {
        "captcha_invalid": _("The spam protection did not accept this submission. Please try again."),
        "captcha_error": _("We could not verify that you are human. Please try again in a moment."),
        "captcha_unavailable": _("Google reCAPTCHA cannot be reached at the moment. Please try again later."),
    }
    client_address = None
    ignored = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.required = False
        if challenge.enabled():
            self.error_messages["captcha_error"] = _(
                "We could not verify that you are human with Google. Please use the check without Google, "
                "or try again in a moment."
            )
            self.error_messages["captcha_unavailable"] = _(
                "Google reCAPTCHA cannot be reached at the moment. Please use the check without Google."
            )

    def get_remote_ip(self):
        # Not the library's guess from X-Forwarded-For, which any client can send.
        return self.client_address

    def clean(self, value):
        return "" if self.ignored else super().clean(value)

    def validate(self, value):
        if not value:
            return
        try:
            refusal = RECAPTCHA.call(self._verify, value, failures=(ServiceFailure, *SERVICE_ERRORS))
        except CircuitOpen as error:
            raise ValidationError(self.error_messages["captcha_unavailable"], code="captcha_unavailable") from error
        except (ServiceFailure, *SERVICE_ERRORS) as error:
            raise ValidationError(self.error_messages["captcha_error"], code="captcha_error") from error
        if refusal is not None:
            raise refusal

    def _verify(self, value):
        """Ask Google. Returns the refusal (a ValidationError) when Google said no; raises when
        Google could not be asked."""
        try:
            super().validate(value)
        except ValidationError as error:
            if error.code == "captcha_error":
                raise ServiceFailure from error
            return error
        return None


def recaptcha_field(client_address=None, action="proposal"):
    """The reCAPTCHA field the settings ask for (v2 checkbox or v3), or None when it is switched off."""
    if not get_setting("PROPOSAL_RECAPTCHA"):
        return None
    if get_setting("PROPOSAL_RECAPTCHA_VERSION") == 3:
        widget = TwoClickReCaptchaV3(action=action, required_score=get_setting("PROPOSAL_RECAPTCHA_SCORE"))
    else:
        widget = TwoClickReCaptchaV2(api_params={"hl": (get_language() or "en").split("-")[0]})
    field = GuardedReCaptchaField(widget=widget, label=_("Google reCAPTCHA"))
    field.client_address = client_address
    return field


class ChallengeWidget(forms.Widget):
    """The ALTCHA widget with a fresh challenge, in the page's language."""

    template_name = "barcamp_wagtail/widgets/challenge.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        language = (get_language() or "en").split("-")[0]
        context.update(
            {
                "challenge": challenge.new_challenge(),
                "language": language,
                "strings": {
                    "language": language,
                    "strings": {
                        "label": str(_("I am not a robot (checked in this browser, without Google)")),
                        "verifying": str(_("Checking … this takes a few seconds.")),
                        "verified": str(_("Checked: you can send the form.")),
                        "error": str(_("The check did not work. Please tick it again.")),
                        "expired": str(_("The check has expired. Please tick it again.")),
                        "verificationRequired": str(_("Please tick the check first.")),
                        "waitAlert": str(_("Checking … please wait.")),
                        "loading": str(_("Loading …")),
                        "reload": str(_("Reload")),
                        "verify": str(_("Check")),
                        "cancel": str(_("Cancel")),
                        "footer": "",
                        "ariaLinkLabel": "",
                    },
                },
                "widget_js": static("barcamp_wagtail/vendor/altcha/altcha.min.js"),
                "spam_check_js": static("barcamp_wagtail/js/spam_check.js"),
            }
        )
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class ChallengeField(forms.CharField):
    """The answer of the check without Google; verified here, accepted once."""

    widget = ChallengeWidget
    default_error_messages = {
        "invalid": _("The check without Google did not succeed. Please tick it again."),
    }
    ignored = False

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Check without Google"))
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        return "" if self.ignored else super().clean(value)

    def validate(self, value):
        super().validate(value)
        if value and not challenge.verify(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")


class SpamCheckMixin:
    """Adds the two checks to a form and decides which one the visitor used.

    After validation ``self.spam_check`` is ``"recaptcha"``, ``"challenge"`` or ``""`` (no check
    configured). Only the check the visitor answered is verified: an answer from Google wins.
    A form that passed but could not be stored (``remember_spam_check``) need not repeat the
    check when the same form (the same nonce) is sent again within a few minutes.
    """

    recaptcha_action = "proposal"
    remembered_seconds = 900

    def add_spam_checks(self, client_address, nonce=None):
        self.spam_check = ""
        captcha = recaptcha_field(client_address, action=self.recaptcha_action)
        if captcha is not None:
            self.fields["captcha"] = captcha
        if challenge.enabled():
            self.fields["challenge"] = ChallengeField()
        checks = [name for name in ("captcha", "challenge") if name in self.fields]
        self.spam_check_passed = (self.is_bound and nonce and checks and self._remembered().get(_key(nonce))) or ""
        if self.spam_check_passed:
            for name in checks:
                self.fields[name].ignored = True
        elif self.is_bound and len(checks) == 2:
            google = self.fields["captcha"].widget.value_from_datadict(
                self.data, self.files, self.add_prefix("captcha")
            )
            self.fields["challenge" if google else "captcha"].ignored = True

    @staticmethod
    def _remembered():
        return shared_cache(get_setting("PROPOSAL_RATE_CACHE"))

    def remember_spam_check(self, nonce):
        """The form passed the check but was not stored (the database was busy): sending it
        again need not repeat the check (a reCAPTCHA answer or a solved challenge counts once).
        The form shown again says so."""
        if self.spam_check and nonce:
            self._remembered().set(_key(nonce), self.spam_check, timeout=self.remembered_seconds)
            self.spam_check_passed = self.spam_check

    def clean_spam_checks(self, cleaned_data):
        checks = [name for name in ("captcha", "challenge") if name in self.fields]
        if not checks:
            return
        if self.spam_check_passed:
            self.spam_check = self.spam_check_passed
            return
        if cleaned_data.get("captcha"):
            self.spam_check = "recaptcha"
        elif cleaned_data.get("challenge"):
            self.spam_check = "challenge"
        elif not any(name in self._errors for name in checks):
            if len(checks) == 2:
                message = _(
                    "Please confirm that you are not a robot: with Google reCAPTCHA, or with the check without Google."
                )
            else:
                message = _("Please confirm that you are not a robot.")
            self.add_error(checks[0], ValidationError(message, code="required"))

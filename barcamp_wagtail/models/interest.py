"""Next-edition interest: visitors leave an e-mail address to hear about the next barcamp.

Double opt-in: an address counts only once its owner has confirmed it through the link in
the confirmation mail. Private like proposals: never a page, never in the search index, in an
export or an API; only organisers with the permission see confirmed addresses.
"""

import secrets

from django.core import signing
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..conf import get_setting
from .event import EventPage

CONFIRM_TOKEN_SALT = "barcamp_wagtail.interest.confirm"  # noqa: S105  (a salt, not a secret)

EMAIL_MAX = 254
NAME_MAX = 100


def new_confirm_key():
    return secrets.token_urlsafe(24)


class InterestSignupQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)

    def for_email(self, email):
        email = (email or "").strip()
        if not email:
            return self.none()
        return self.filter(email__iexact=email)


class InterestSignup(models.Model):
    """Someone who wants to hear about the next edition of an event."""

    # Nothing links to a sign-up from content: Wagtail's reference index need not follow its saves.
    wagtail_reference_index_ignore = True

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="interest_signups"
    )
    email = models.EmailField(_("e-mail"), max_length=EMAIL_MAX)
    name = models.CharField(_("name"), max_length=NAME_MAX, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, db_index=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation mail sent at"), null=True, blank=True)
    confirm_key = models.CharField(max_length=64, default=new_confirm_key, editable=False)

    objects = InterestSignupQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("next edition sign-up")
        verbose_name_plural = _("next edition sign-ups")
        constraints = [
            models.UniqueConstraint(Lower("email"), "event", name="barcamp_interest_unique_email_per_event"),
        ]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @classmethod
    def sign_up(cls, event, email, name="", language=""):
        """Store a sign-up, or find the one the address already has for this event.

        Returns the sign-up and whether a confirmation mail should go out: for a new or
        unconfirmed sign-up, unless one was sent moments ago (so that nobody can flood an
        address with confirmation mails by sending the form again and again).
        """
        email = email.strip()
        try:
            with transaction.atomic():
                signup = cls.objects.create(event=event, email=email, name=name, language=language)
        except IntegrityError:
            signup = cls.objects.filter(event=event).for_email(email).first()
            if signup is None:
                raise
            if signup.is_confirmed:
                # A confirmed address is not changed by whoever types it into the form.
                return signup, False
            signup.name = name or signup.name
            signup.language = language or signup.language
            signup.save(update_fields=["name", "language"])
        pause = get_setting("INTEREST_RESEND_MINUTES") * 60
        recent = signup.confirmation_sent_at and (timezone.now() - signup.confirmation_sent_at).total_seconds() < pause
        return signup, not recent

    def confirm_token(self):
        """The signed, expiring token of the confirmation link. Wagtail's routes allow only letters,
        digits, "_" and "-" in a path segment, so the signature's ":" separators become "/"."""
        return signing.dumps({"s": self.pk, "k": self.confirm_key}, salt=CONFIRM_TOKEN_SALT).replace(":", "/")

    @classmethod
    def from_confirm_token(cls, token, event):
        """The sign-up a confirmation link is for, while the link is valid; else None."""
        max_age = get_setting("INTEREST_CONFIRM_DAYS") * 24 * 3600
        try:
            data = signing.loads(token.strip("/").replace("/", ":"), salt=CONFIRM_TOKEN_SALT, max_age=max_age)
            signup = cls.objects.get(pk=int(data["s"]), event=event)
        except (signing.BadSignature, cls.DoesNotExist, KeyError, TypeError, ValueError):
            return None
        if not secrets.compare_digest(signup.confirm_key, str(data["k"])):
            return None
        return signup

    def confirm(self):
        """Count the address; confirming again changes nothing."""
        if self.confirmed_at is None:
            self.confirmed_at = timezone.now()
            self.save(update_fields=["confirmed_at"])

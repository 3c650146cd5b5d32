"""Participants of an event: registrations, their seats per day, the waiting list, check-ins and the
opt-in networking directory.

Private by default: plain models, never pages, never in the search index, the API or a public
export. Who holds a seat is decided by ``seats.py`` under a lock per event and day; the database
keeps at most one booking per seat number (``barcamp_one_booking_per_seat``), so no code path can
seat more people than there are seats.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable

# Limits shared by the database and the forms.
NAME_MAX = 100
EMAIL_MAX = 254
ORGANISATION_MAX = 100
BADGE_NAME_MAX = 40
NEEDS_MAX = 500
ROLE_MAX = 100
ABOUT_MAX = 500
LINK_MAX = 300
LINKS_MAX = 3
MESSAGE_MAX = 1000

LINK_SALT = "barcamp_wagtail.participants.link"


def new_access_key():
    return secrets.token_urlsafe(24)


class PrivateModel(models.Model):
    """Base of the participants' private rows: they link to no content, so Wagtail's reference index
    skips them (it would otherwise cost a write transaction after every save)."""

    wagtail_reference_index_ignore = True

    class Meta:
        abstract = True


class EventRegistrationMixin(RoutablePageMixin, models.Model):
    """What an event page needs for registration: dates, seats, the directory switch, and the routes
    participants use. Kept here so that everything about participants lives in one package."""

    registration_enabled = models.BooleanField(
        _("take registrations"), default=False, help_text=_("Visitors register on the event's page.")
    )
    registration_opens = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: as soon as registrations are switched on.")
    )
    registration_closes = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: open until the event ends.")
    )
    capacity = models.PositiveIntegerField(
        _("seats per day"),
        null=True,
        blank=True,
        help_text=_("How many participants can come each day. Days can have their own number below."),
    )
    venue_capacity = models.PositiveIntegerField(
        _("people allowed in the building"),
        null=True,
        blank=True,
        help_text=_("For the count at the door (fire safety). Empty: the seats of the day."),
    )
    registration_privacy_notice = RichTextField(
        _("privacy notice for registrations"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Who stores the registration, why and for how long."),
    )
    directory_enabled = models.BooleanField(
        _("networking directory"),
        default=False,
        help_text=_("Participants may publish a profile that only other participants of this event see."),
    )
    badge_logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo on badges"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    registration_panels = [
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("venue_capacity")]),
                InlinePanel("registration_days", label=_("seats on one day")),
                FieldPanel("registration_privacy_notice"),
                FieldPanel("directory_enabled"),
                FieldPanel("badge_logo"),
            ],
            heading=capfirst(_("participants")),
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.registration_enabled and not self.capacity:
            raise ValidationError({"capacity": _("How many seats are there? Registration needs a number.")})
        if self.registration_opens and self.registration_closes and self.registration_closes <= self.registration_opens:
            raise ValidationError({"registration_closes": _("Registration must close after it opens.")})

    def event_days(self):
        """Every day of the event, in the site's time zone."""
        first, last = timezone.localtime(self.start).date(), timezone.localtime(self.end).date()
        return [first + datetime.timedelta(days=offset) for offset in range((last - first).days + 1)]

    def registration_is_open(self, now=None):
        if not self.registration_enabled or not self.capacity:
            return False
        now = now or timezone.now()
        if self.registration_opens and now < self.registration_opens:
            return False
        return now < (self.registration_closes or self.end)

    def participants_url(self, name, *args):
        """An absolute URL of a participants route, built from the Wagtail Site (never the request)."""
        return self.get_full_url().rstrip("/") + "/" + self.reverse_subpage(name, args=args).lstrip("/")

    # Views are imported inside the routes: views → forms → models would be a cycle.
    @path("register/", name="register")
    def register_view(self, request):
        from .views import register

        return register(request, self)

    @path("register/thanks/", name="register_thanks")
    def register_thanks_view(self, request):
        from .views import register_thanks

        return register_thanks(request, self)

    @path("participants/<str:token>/", name="participant")
    def participant_view(self, request, token):
        from .views import participant_page

        return participant_page(request, self, token)

    @path("participants/<str:token>/directory/", name="directory")
    def directory_view(self, request, token):
        from .views import directory

        return directory(request, self, token)

    @path("participants/<str:token>/directory/<int:profile_id>/", name="directory_profile")
    def directory_profile_view(self, request, token, profile_id):
        from .views import directory_profile

        return directory_profile(request, self, token, profile_id)


class RegistrationDay(Orderable):
    """A day with its own number of seats (a smaller room on the second day, say)."""

    event = ParentalKey("barcamp_wagtail.EventPage", on_delete=models.CASCADE, related_name="registration_days")
    day = models.DateField(_("day"))
    capacity = models.PositiveIntegerField(_("seats"))

    panels = [FieldRowPanel([FieldPanel("day"), FieldPanel("capacity")])]

    class Meta(Orderable.Meta):
        verbose_name = _("seats on one day")
        verbose_name_plural = _("seats per day")

    def __str__(self):
        return f"{self.day:%Y-%m-%d}: {self.capacity}"


class ParticipantQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False, cancelled_at__isnull=True)

    def active(self):
        return self.filter(cancelled_at__isnull=True)

    def for_email(self, email):
        email = (email or "").strip()
        return self.filter(email__iexact=email) if email else self.none()

    def seated(self):
        """Confirmed participants holding a seat on at least one day."""
        return self.confirmed().filter(bookings__status=Booking.Status.SEATED).distinct()


class Participant(PrivateModel):
    """One person's registration for an event. Private: only organisers and the person see it."""

    class Source(models.TextChoices):
        FORM = "form", _("registration form")
        INVITATION = "invitation", _("next-edition sign-up")
        WALK_IN = "walk_in", _("added by the organisers")

    event = models.ForeignKey(
        "barcamp_wagtail.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    email = models.EmailField(_("e-mail"), max_length=EMAIL_MAX, blank=True)
    organisation = models.CharField(_("organisation"), max_length=ORGANISATION_MAX, blank=True)
    badge_name = models.CharField(_("name on the lanyard"), max_length=BADGE_NAME_MAX, blank=True)
    needs = models.TextField(_("dietary or accessibility needs"), max_length=NEEDS_MAX, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    source = models.CharField(_("came through"), max_length=12, choices=Source.choices, default=Source.FORM)
    privacy_consent = models.BooleanField(_("agreed to the privacy notice"), default=False)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("address confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    nonce = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    access_key = models.CharField(max_length=64, default=new_access_key, editable=False)
    voter_code = models.OneToOneField(
        "barcamp_wagtail.VoterCode",
        verbose_name=_("voter code"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participant",
        editable=False,
    )
    voter_code_version = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        permissions = [("manage_participants", _("Can add, cancel, mail and check in participants"))]
        constraints = [
            # One live registration per address and event; cancelled ones stay for the record.
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=Q(cancelled_at__isnull=True) & ~Q(email=""),
                name="barcamp_participant_unique_email_per_event",
            ),
            *[
                models.CheckConstraint(
                    condition=LessThanOrEqual(Length(field), limit), name=f"barcamp_participant_{field}_length"
                )
                for field, limit in [
                    ("name", NAME_MAX),
                    ("email", EMAIL_MAX),
                    ("organisation", ORGANISATION_MAX),
                    ("badge_name", BADGE_NAME_MAX),
                    ("needs", NEEDS_MAX),
                ]
            ],
        ]

    def __str__(self):
        return self.name

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    @property
    def lanyard_name(self):
        """The big name on the badge: the one given for it, else the first name."""
        return self.badge_name or (self.name.split() or [""])[0]

    def token(self):
        """The private link's token: the id and an HMAC of a random key kept with the registration.
        Only letters, digits and "-" (a Wagtail route segment); revoked by a new key."""
        # SHA-1 named, as Django's default was: a new algorithm would void every mailed link.
        digest = salted_hmac(LINK_SALT, f"{self.pk}:{self.access_key}", algorithm="sha1").hexdigest()[:32]
        return f"{self.pk}-{digest}"

    @classmethod
    def from_token(cls, token, event):
        """The registration a private link is for, or None for a guessed, changed or foreign link."""
        number, _sep, digest = (token or "").partition("-")
        if not number.isdigit() or len(digest) != 32:
            return None
        participant = cls.objects.filter(pk=int(number), event=event).first()
        if participant is None or not constant_time_compare(participant.token().partition("-")[2], digest):
            return None
        return participant

    def revoke_links(self):
        self.access_key = new_access_key()

    def link(self):
        return self.event.participants_url("participant", self.token())


class Booking(PrivateModel):
    """A participant's place on one day: a seat, a seat offered from the waiting list, or a place in
    the waiting list. A seat number is held by at most one booking (enforced by the database)."""

    class Status(models.TextChoices):
        SEATED = "seated", _("registered")
        OFFERED = "offered", _("seat offered")
        WAITING = "waiting", _("waiting list")
        CANCELLED = "cancelled", _("cancelled")
        EXPIRED = "expired", _("offer expired")
        REQUESTED = "requested", _("address not confirmed yet")

    HOLDS_SEAT = (Status.SEATED, Status.OFFERED)
    ACTIVE = (Status.SEATED, Status.OFFERED, Status.WAITING)

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="bookings"
    )
    event = models.ForeignKey(
        "barcamp_wagtail.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("day"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    seat = models.PositiveIntegerField(_("seat number"), null=True, blank=True)
    queue_number = models.IntegerField(_("place in the queue"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["day", "queue_number", "pk"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.UniqueConstraint(fields=["participant", "day"], name="barcamp_one_booking_per_day"),
            models.UniqueConstraint(
                fields=["event", "day", "seat"], condition=Q(seat__isnull=False), name="barcamp_one_booking_per_seat"
            ),
            models.UniqueConstraint(
                fields=["event", "day", "queue_number"],
                condition=Q(queue_number__isnull=False),
                name="barcamp_one_booking_per_queue_place",
            ),
            models.CheckConstraint(
                condition=Q(seat__isnull=True) | Q(status__in=["seated", "offered"]),
                name="barcamp_only_seated_bookings_hold_seats",
            ),
        ]

    def __str__(self):
        return f"{self.participant} {self.day:%Y-%m-%d} {self.status}"


class DayLedger(PrivateModel):
    """The row locked while seats of one event day are handed out, and the day's queue counter.

    Not edited by anyone: a page revision could otherwise write back an old counter."""

    event = models.ForeignKey("barcamp_wagtail.EventPage", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    next_queue_number = models.IntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "day"], name="barcamp_one_ledger_per_day")]

    def __str__(self):
        return f"{self.event_id} {self.day}"


class CheckIn(PrivateModel):
    """A participant in the building on one day: in since ``checked_in_at``, out when ``checked_out_at`` is set."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="check_ins"
    )
    event = models.ForeignKey("barcamp_wagtail.EventPage", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [models.UniqueConstraint(fields=["participant", "day"], name="barcamp_one_check_in_per_day")]

    def __str__(self):
        return f"{self.participant} {self.day:%Y-%m-%d}"


class CheckInRequest(PrivateModel):
    """A request from a door phone, kept by the id its page made up: a retried request is answered
    with the first answer instead of being applied twice."""

    client_id = models.CharField(max_length=64, unique=True)
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+", null=True)
    result = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.client_id


class Profile(PrivateModel):
    """A participant's entry in the networking directory; deleting it withdraws it."""

    participant = models.OneToOneField(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("role"), max_length=ROLE_MAX, blank=True)
    offers = models.JSONField(_("topics I can offer"), default=list, blank=True)
    seeks = models.JSONField(_("topics I am looking for"), default=list, blank=True)
    about = models.TextField(_("about me"), max_length=ABOUT_MAX, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    allow_contact = models.BooleanField(_("others may ask to contact me"), default=True)
    link_sessions = models.BooleanField(_("show the sessions I host"), default=True)
    created_at = models.DateTimeField(_("published at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["participant__name", "pk"]
        verbose_name = _("directory profile")
        verbose_name_plural = _("directory profiles")

    def __str__(self):
        return str(self.participant)


class ContactRequest(PrivateModel):
    """One participant asking another for contact. The message is mailed, with the sender's address
    to reply to, only once the recipient has allowed it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ALLOWED = "allowed", _("allowed")
        DECLINED = "declined", _("declined")

    sender = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="contacts_sent")
    recipient = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="contacts_received")
    message = models.TextField(_("message"), max_length=MESSAGE_MAX)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "recipient"], condition=Q(status="pending"), name="barcamp_one_open_contact_request"
            ),
            models.CheckConstraint(condition=~Q(sender=models.F("recipient")), name="barcamp_no_contact_to_self"),
        ]

    def __str__(self):
        return f"{self.sender_id} → {self.recipient_id}"


class Invitation(PrivateModel):
    """A next-edition sign-up invited to register for an event: at most one mail per address and event."""

    signup = models.ForeignKey("barcamp_wagtail.InterestSignup", on_delete=models.CASCADE, related_name="invitations")
    event = models.ForeignKey("barcamp_wagtail.EventPage", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["signup", "event"], name="barcamp_one_invitation_per_event")]

    def __str__(self):
        return f"{self.signup_id} → {self.event_id}"


class BulkMail(PrivateModel):
    """A message organisers sent to participants through the site, kept for the rate limit and the record."""

    class Audience(models.TextChoices):
        SEATED = "seated", _("everyone with a seat")
        WAITING = "waiting", _("everyone on the waiting list")
        CONFIRMED = "confirmed", _("everyone registered (seat or waiting list)")

    event = models.ForeignKey("barcamp_wagtail.EventPage", on_delete=models.CASCADE, related_name="+")
    audience = models.CharField(_("to"), max_length=10, choices=Audience.choices)
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=5000)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recipients = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject

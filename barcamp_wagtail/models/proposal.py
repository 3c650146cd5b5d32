"""Session proposals: the call for sessions (a page) and what visitors send in (a private model)."""

import ipaddress
import secrets

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..admin_forms import ProposalPageForm
from ..conf import get_setting
from ..view_restrictions import OneQueryViewRestrictionsMixin
from .event import EventPage
from .session import SessionPage

EDIT_TOKEN_SALT = "barcamp_wagtail.proposal.edit"  # noqa: S105  (a salt, not a secret)

# Limits shared by the database and the form: one number for both.
TITLE_MAX = 120
ABSTRACT_MAX = 500
TOPIC_MAX = 50
NAME_MAX = 100
EMAIL_MAX = 254
LINK_MAX = 300
NONCE_MAX = 64
LENGTH_LIMITS = {
    "title": TITLE_MAX,
    "abstract": ABSTRACT_MAX,
    "topic": TOPIC_MAX,
    "name": NAME_MAX,
    "email": EMAIL_MAX,
    "link": LINK_MAX,
}
LENGTH_CONSTRAINTS = {f"barcamp_proposal_{field}_length" for field in LENGTH_LIMITS}


def split_addresses(value):
    return [address.strip() for address in value.replace(";", ",").replace("\n", ",").split(",") if address.strip()]


def split_networks(value):
    return [network.strip() for network in value.replace(";", ",").replace("\n", ",").split(",") if network.strip()]


def validate_network_list(value):
    for network in split_networks(value):
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError as error:
            raise ValidationError(
                _("'%(network)s' is not an address range such as 203.0.113.0/28."),
                params={"network": network},
                code="invalid",
            ) from error


def validate_address_list(value):
    for address in split_addresses(value):
        try:
            validate_email(address)
        except ValidationError as error:
            raise ValidationError(
                _("'%(address)s' is not a valid e-mail address."), params={"address": address}, code="invalid"
            ) from error


class ProposalPage(OneQueryViewRestrictionsMixin, RoutablePageMixin, Page):
    """The call for sessions of one event: the public proposal form and its rules.

    Visitors never write into the page tree: what they send is stored as a private
    ``SessionProposal``; organisers accept it in the admin, which creates a ``SessionPage``.
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown above the form: what makes a good session, what happens next."),
    )
    submissions_open = models.DateTimeField(
        _("submissions open"), null=True, blank=True, help_text=_("Empty: open as soon as the page is published.")
    )
    submissions_close = models.DateTimeField(
        _("submissions close"), null=True, blank=True, help_text=_("Empty: open until the event ends.")
    )
    notification_emails = models.TextField(
        _("notify"),
        blank=True,
        max_length=1000,
        validators=[validate_address_list],
        help_text=_("E-mail addresses of the organisers told about each new proposal, separated by commas."),
    )
    privacy_notice = RichTextField(
        _("privacy notice"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Who stores the proposal, why, for how long, and that reCAPTCHA is provided by Google."),
    )
    privacy_url = models.URLField(_("privacy policy link"), blank=True)
    notify_submitters = models.BooleanField(
        _("tell submitters the decision"),
        default=True,
        help_text=_(
            "E-mail the submitter when a proposal is accepted or declined, and when its session's room "
            "or time changes afterwards."
        ),
    )
    venue_code = models.CharField(
        _("venue code"),
        max_length=40,
        blank=True,
        help_text=_(
            "Shown on the projector on the day: visitors who type it into the form are limited per "
            "browser rather than per address, so that a whole venue behind one address can send proposals."
        ),
    )
    venue_networks = models.TextField(
        _("venue networks"),
        max_length=1000,
        blank=True,
        validators=[validate_network_list],
        help_text=_(
            "Address ranges of the venue's Wi-Fi as seen by this server (for example 203.0.113.0/28), "
            "separated by commas: visitors from there are limited per browser without a code."
        ),
    )
    votes_enabled = models.BooleanField(
        _("online interest votes"),
        default=False,
        help_text=_("Participants mark the sessions they want to attend, with the voter code on their badge."),
    )
    votes_open = models.DateTimeField(
        _("votes open"), null=True, blank=True, help_text=_("Empty: open as soon as votes are switched on.")
    )
    votes_close = models.DateTimeField(
        _("votes close"), null=True, blank=True, help_text=_("Empty: open until the event ends.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel(
            [FieldPanel("submissions_open"), FieldPanel("submissions_close")], heading=capfirst(_("submissions"))
        ),
        FieldPanel("notification_emails"),
        FieldPanel("notify_submitters"),
        MultiFieldPanel([FieldPanel("privacy_notice"), FieldPanel("privacy_url")], heading=capfirst(_("privacy"))),
        MultiFieldPanel([FieldPanel("venue_code"), FieldPanel("venue_networks")], heading=capfirst(_("on the day"))),
        MultiFieldPanel(
            [FieldPanel("votes_enabled"), FieldRowPanel([FieldPanel("votes_open"), FieldPanel("votes_close")])],
            heading=capfirst(_("online votes")),
        ),
    ]

    base_form_class = ProposalPageForm
    parent_page_types = ["barcamp_wagtail.EventPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("session proposal form")
        verbose_name_plural = _("session proposal forms")

    def clean(self):
        super().clean()
        if self.submissions_open and self.submissions_close and self.submissions_close <= self.submissions_open:
            raise ValidationError({"submissions_close": _("Submissions must close after they open.")})
        if self.votes_open and self.votes_close and self.votes_close <= self.votes_open:
            raise ValidationError({"votes_close": _("Votes must close after they open.")})

    @property
    def event(self):
        """The event above, in one query (the event's own model straight away, where Wagtail's
        ``get_parent().specific`` takes two); kept as the parent, as ``get_parent()`` keeps it."""
        parent = getattr(self, "_cached_parent_obj", None)
        if parent is None:
            from .event import EventPage

            events = EventPage.objects.filter(path=self.path[: -self.steplen]).order_by()[:1]  # path is unique
            parent = next(iter(events), None) or self.get_parent()
            self._cached_parent_obj = parent
        return parent.specific

    @classmethod
    def for_event(cls, event):
        """The event's live proposal page, or None."""
        return cls.objects.live().child_of(event).first()

    def notification_addresses(self):
        return split_addresses(self.notification_emails)

    def privacy_policy_url(self):
        """The full privacy policy: the page's own link, else the site-wide ``PRIVACY_URL``."""
        return self.privacy_url or get_setting("PRIVACY_URL") or ""

    def has_privacy_information(self):
        """Whether the consent checkbox points at something: a notice on the page or a policy link."""
        return bool(strip_tags(self.privacy_notice or "").strip() or self.privacy_policy_url())

    def venue_network_list(self):
        return [ipaddress.ip_network(network, strict=False) for network in split_networks(self.venue_networks)]

    def is_open(self, now=None, event=None):
        now = now or timezone.now()
        event = event or self.event
        if self.submissions_open and now < self.submissions_open:
            return False
        # An explicit closing date wins: some barcamps take proposals until the last day.
        return now < (self.submissions_close or event.end)

    def votes_are_open(self, now=None, event=None):
        """Whether online interest votes are taken at ``now``."""
        if not self.votes_enabled:
            return False
        now = now or timezone.now()
        if self.votes_open and now < self.votes_open:
            return False
        return now < (self.votes_close or (event or self.event).end)

    def subpage_full_url(self, name, *args):
        """An absolute URL of one of the page's routes, built from the Wagtail Site (never the request)."""
        return self.get_full_url().rstrip("/") + "/" + self.reverse_subpage(name, args=args).lstrip("/")

    # The routes: see barcamp_wagtail/views.py for what they do.
    @path("")
    def proposal_form(self, request):
        from ..views.proposals import proposal_form

        return proposal_form(request, self)

    @path("thanks/", name="thanks")
    def proposal_thanks(self, request):
        from ..views.proposals import proposal_thanks

        return proposal_thanks(request, self)

    @path("edit/<path:token>/", name="edit")
    def proposal_edit(self, request, token):
        from ..views.proposals import proposal_edit

        return proposal_edit(request, self, token)

    @path("vote/", name="vote")
    def interest_vote(self, request):
        from ..views.votes import interest_vote

        return interest_vote(request, self)


def new_edit_key():
    return secrets.token_urlsafe(24)


class SpamCheck(models.TextChoices):
    RECAPTCHA = "recaptcha", _("Google reCAPTCHA")
    CHALLENGE = "challenge", _("check without Google")


class SessionProposal(models.Model):
    """A session proposed by a visitor. Private: never a page, never in the search index or the API."""

    # Nothing links to a proposal from content: Wagtail's reference index need not follow its saves.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    event = models.ForeignKey(EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="proposals")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    abstract = models.CharField(_("what it is about"), max_length=ABSTRACT_MAX)
    format = models.CharField(
        _("format"), max_length=20, choices=SessionPage.Format.choices, default=SessionPage.Format.DISCUSSION
    )
    topic = models.CharField(_("topic"), max_length=TOPIC_MAX, blank=True)
    link = models.URLField(_("link"), max_length=LINK_MAX, blank=True)
    name = models.CharField(_("name"), max_length=NAME_MAX, blank=True)
    email = models.EmailField(_("e-mail"), max_length=EMAIL_MAX, blank=True)
    show_name = models.BooleanField(_("name may be shown publicly"), default=False)
    privacy_consent = models.BooleanField(_("agreed to the privacy notice"), default=False)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    spam_check = models.CharField(
        _("spam check"),
        max_length=10,
        choices=SpamCheck.choices,
        blank=True,
        help_text=_("How the sender was told apart from a robot; the check without Google deserves a closer look."),
    )
    mail_held_back = models.BooleanField(
        _("mail held back"),
        default=False,
        help_text=_("A mail to this address was not sent: the address had reached its limit of mails."),
    )
    # The decision (a status) and the session's placement (see host_notices.placement_of) the
    # submitter was last told about: each mail goes out once. Empty: nothing was told.
    decision_mailed = models.CharField(max_length=10, blank=True, editable=False)
    placement_mailed = models.CharField(max_length=100, blank=True, editable=False)
    nonce = models.CharField(max_length=NONCE_MAX, unique=True, editable=False)
    edit_key = models.CharField(max_length=64, default=new_edit_key, editable=False)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    hand_count = models.PositiveIntegerField(
        _("hand count"), null=True, blank=True, help_text=_("Hands raised for it in the plenary.")
    )
    session = models.ForeignKey(
        SessionPage,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("session proposal")
        verbose_name_plural = _("session proposals")
        permissions = [("moderate_sessionproposal", _("Can accept, decline and erase session proposals"))]
        # SQLite does not enforce varchar lengths: the same limits as the form, checked by the database.
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length(field), limit), name=f"barcamp_proposal_{field}_length"
            )
            for field, limit in LENGTH_LIMITS.items()
        ]

    # Written only by mail.py, with an UPDATE that one caller wins: saving an object loaded
    # before a mail went out must not set them back (the mail would go out again).
    MAIL_STATE_FIELDS = frozenset({"decision_mailed", "placement_mailed", "mail_held_back"})

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.MAIL_STATE_FIELDS
            ]
        super().save(*args, **kwargs)

    def get_constraints(self):
        """The constraints a ``full_clean()`` checks: not the length limits, which only repeat the
        fields' ``max_length`` for SQLite (which does not enforce it) and would cost a query each
        on every proposal sent; the database still enforces them when the row is written."""
        return [
            (model, [constraint for constraint in constraints if constraint.name not in LENGTH_CONSTRAINTS])
            for model, constraints in super().get_constraints()
        ]

    @property
    def interest(self):
        """How many want to attend: the hand count when the plenary counted, else the online votes."""
        if self.hand_count is not None:
            return self.hand_count
        count = getattr(self, "vote_count", None)
        return count if count is not None else self.votes.count()

    def inbox_flags(self):
        """What deserves a closer look, for the inbox list: the spam check without Google, a
        mail held back by the cap."""
        flags = []
        if self.spam_check == SpamCheck.CHALLENGE:
            flags.append(str(_("checked without Google")))
        if self.mail_held_back:
            flags.append(str(_("mail held back")))
        return " · ".join(flags)

    inbox_flags.short_description = _("look closer")

    @property
    def public_name(self):
        """The name as it may appear in public: only with consent."""
        return self.name if self.show_name else ""

    def edit_token(self):
        """The signed token of the private edit link. Wagtail's URLs allow only letters, digits, "_"
        and "-" in a path segment, so the signature's ":" separators become "/"."""
        return signing.dumps({"p": self.pk, "k": self.edit_key}, salt=EDIT_TOKEN_SALT).replace(":", "/")

    @classmethod
    def from_edit_token(cls, token, event):
        """The proposal an edit link is for, while the link may still do something; else None.
        What it may do is ``link_allows()``."""
        try:
            data = signing.loads(token.strip("/").replace("/", ":"), salt=EDIT_TOKEN_SALT)
            proposal = cls.objects.select_related("event").get(
                pk=int(data["p"]), event=event.programme_event, status__in=[cls.Status.SUBMITTED, cls.Status.ACCEPTED]
            )
        except (signing.BadSignature, cls.DoesNotExist, KeyError, TypeError, ValueError):
            return None
        if not secrets.compare_digest(proposal.edit_key, str(data["k"])):
            return None
        return proposal

    def link_allows(self, page, now=None):
        """What the private link may do now: ``"edit"`` (look, change, withdraw) while the
        proposal is pending and the call for sessions is open; ``"withdraw"`` until the event
        starts, also once it was accepted; else None (the link no longer works)."""
        now = now or timezone.now()
        event = self.event
        if self.status == self.Status.SUBMITTED and page.is_open(now=now, event=event):
            return "edit"
        if self.status in (self.Status.SUBMITTED, self.Status.ACCEPTED) and now < event.start:
            return "withdraw"
        return None

    def revoke_edit_links(self):
        self.edit_key = new_edit_key()

    @transaction.atomic
    def withdraw(self):
        """The submitter takes the proposal back. An accepted session goes offline and the
        organisers are told, as the programme changes."""
        was_accepted = self.status == self.Status.ACCEPTED
        if self.session_id and self.session.live:
            self.session.unpublish()
        self.status = self.Status.WITHDRAWN
        self.decided_at = timezone.now()
        self.revoke_edit_links()
        self.save()
        if was_accepted:
            from .. import mail

            mail.enqueue_on_commit("withdrawal", self.pk)

    @transaction.atomic
    def accept(self, user=None):
        """Create (or update) the public session page under the event and publish it.
        The host name is shown only if the submitter allowed it."""
        session = self.session.specific if self.session_id else None
        if session is None:
            session = SessionPage(slug=self._free_slug())
            self._fill_session(session)
            # A fresh parent: treebeard places the child by the parent's stored child count.
            EventPage.objects.get(pk=self.event_id).add_child(instance=session)
        else:
            self._fill_session(session)
        # The moderate permission is the permission to publish what was accepted.
        session.save_revision(user=user).publish(user=user, skip_permission_checks=True)
        self.session = session
        self.status = self.Status.ACCEPTED
        self.decided_at = timezone.now()
        # The private link stays: until the event starts it can withdraw the session.
        self.save()
        self._tell_submitter()
        return session

    def decline(self):
        """Keep the proposal private; a session page made earlier goes offline."""
        if self.session_id and self.session.live:
            self.session.unpublish()
        self.status = self.Status.DECLINED
        self.decided_at = timezone.now()
        self.revoke_edit_links()
        self.save()
        self._tell_submitter()

    def _tell_submitter(self):
        """The decision mail, after the commit (mail.decision sends it once per decision)."""
        from .. import mail

        mail.enqueue_on_commit("decision", self.pk)

    def _fill_session(self, session):
        session.title = self.title
        session.abstract = self.abstract
        session.format = self.format
        session.hosts = self.public_name
        session.topics.set([self.topic] if self.topic else [])

    def _free_slug(self):
        base = slugify(self.title)[:70] or "session"
        taken = set(Page.objects.child_of(self.event).values_list("slug", flat=True))
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

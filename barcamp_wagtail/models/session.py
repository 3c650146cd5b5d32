from django.db import models
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from ..admin_forms import SessionPageForm
from ..api import fields as api
from ..view_restrictions import OneQueryViewRestrictionsMixin
from .event import Room, TimeSlot


class SessionTopic(TaggedItemBase):
    content_object = ParentalKey("barcamp_wagtail.SessionPage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("session topic")
        verbose_name_plural = _("session topics")


class SessionPage(OneQueryViewRestrictionsMixin, Page):
    """One session of a barcamp. Room and time slot stay empty until it is scheduled."""

    class Format(models.TextChoices):
        TALK = "talk", _("talk")
        WORKSHOP = "workshop", _("workshop")
        DISCUSSION = "discussion", _("discussion")
        DEMO = "demo", _("demo")
        OTHER = "other", _("other")

    abstract = models.TextField(
        _("abstract"), max_length=500, blank=True, help_text=_("What the session is about, in one paragraph.")
    )
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    hosts = models.CharField(
        _("hosts"), max_length=255, blank=True, help_text=_("Names as they are shown publicly, separated by commas.")
    )
    topics = ClusterTaggableManager(_("topics"), through=SessionTopic, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.DISCUSSION)
    language = models.CharField(_("language"), max_length=35, blank=True)
    room = models.ForeignKey(
        Room, verbose_name=_("room"), null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    time_slot = models.ForeignKey(
        TimeSlot,
        verbose_name=_("time slot"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    notes = RichTextField(
        _("notes"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Results and documentation, written after the session."),
    )
    slides_url = models.URLField(_("slides"), blank=True)
    pad_url = models.URLField(_("pad"), blank=True, help_text=_("Link to the shared notes."))

    content_panels = Page.content_panels + [
        FieldPanel("abstract"),
        FieldPanel("description"),
        FieldPanel("hosts"),
        FieldRowPanel([FieldPanel("format"), FieldPanel("language")]),
        FieldPanel("topics"),
        FieldRowPanel([FieldPanel("room"), FieldPanel("time_slot")], heading=capfirst(_("schedule"))),
        MultiFieldPanel(
            [FieldPanel("notes"), FieldPanel("slides_url"), FieldPanel("pad_url")],
            heading=capfirst(_("documentation")),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("abstract"),
        index.SearchField("description"),
        index.SearchField("hosts"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("format"),
    ]

    # For headless front ends (docs/api.md): what the session page shows.
    api_fields = [
        APIField("abstract"),
        APIField("description", serializer=api.PublicRichTextField()),
        APIField("format", serializer=api.FormatField()),
        APIField("language"),
        APIField("hosts", serializer=api.HostsField()),
        APIField("topics", serializer=api.SessionTopicsField()),
        APIField("room", serializer=api.SessionRoomField()),
        APIField("slot", serializer=api.SessionSlotField(source="time_slot")),
        APIField("start", serializer=api.SessionTimeField()),
        APIField("end", serializer=api.SessionTimeField(end=True)),
        APIField("event", serializer=api.SessionEventField()),
        APIField("url", serializer=api.PageUrlField()),
        APIField("calendar_url", serializer=api.SessionCalendarUrlField()),
        APIField("documentation", serializer=api.DocumentationField()),
    ]

    base_form_class = SessionPageForm
    parent_page_types = ["barcamp_wagtail.EventPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("barcamp session")
        verbose_name_plural = _("barcamp sessions")

    @property
    def event(self):
        return self.get_parent().specific

    @property
    def calendar_url(self):
        """This session's iCal file, served by its event (see docs/exports.md)."""
        return self.event.session_calendar_url(self.programme_session)

    @cached_property
    def programme_session(self):
        """The session whose room and time slot this one shows: itself, or on a multilingual
        site the original of its translations (the programme is the original event's)."""
        from ..multilingual import original_session

        return original_session(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        placed = self.programme_session
        if placed is not self:
            # Shown, never saved: moving a session in the planner moves the original.
            self.room, self.time_slot = placed.room, placed.time_slot
        return context

    @property
    def interest(self):
        """How many people want to attend, from the accepted proposal it came from; None when unknown.

        Read by the planner's capacity warning and the grid proposal. Querysets passed through
        ``plenary.with_interest()`` carry it already; otherwise it costs one query.
        """
        if hasattr(self, "proposal_interest"):
            return self.proposal_interest
        from .plenary import session_interest

        return session_interest(self)

    @property
    def language_name(self):
        from ..conf import session_languages

        return dict(session_languages()).get(self.language, self.language)

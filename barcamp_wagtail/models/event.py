import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..api import fields as api
from ..blocks import EventBodyBlock
from ..participants.models import EventRegistrationMixin
from ..view_restrictions import OneQueryViewRestrictionsMixin
from .exports import ScheduleExportsMixin


class EventPage(OneQueryViewRestrictionsMixin, ScheduleExportsMixin, EventRegistrationMixin, Page):
    """A barcamp: when and where it happens, who runs it, its rooms and time slots.

    Sessions (and the schedule, press and proposal pages) live below it.
    """

    teaser = models.CharField(
        _("teaser"), max_length=300, blank=True, help_text=_("One or two sentences for listings and link previews.")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("address"), max_length=500, blank=True)
    venue_map_url = models.URLField(_("map link"), blank=True)
    body = StreamField(EventBodyBlock(), verbose_name=_("body"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    registration_info = RichTextField(
        _("registration"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("How to take part: tickets, costs, deadlines."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("teaser"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=capfirst(_("dates"))),
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("venue_address"), FieldPanel("venue_map_url")],
            heading=capfirst(_("venue")),
        ),
        FieldPanel("body"),
        FieldPanel("registration_info"),
        FieldPanel("contact_email"),
        InlinePanel("organisers", heading=capfirst(_("organisers")), label=_("organiser")),
        InlinePanel("rooms", heading=capfirst(_("rooms")), label=_("room")),
        InlinePanel("time_slots", heading=capfirst(_("time slots")), label=_("time slot")),
        *EventRegistrationMixin.registration_panels,
    ]

    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("venue_name"),
        index.SearchField("body"),
    ]

    # For headless front ends (docs/api.md): what the event page shows, without its contact
    # address or the registration text (both may hold a person's e-mail address).
    api_fields = [
        APIField("teaser"),
        APIField("start", serializer=api.LocalDateTimeField()),
        APIField("end", serializer=api.LocalDateTimeField()),
        APIField("venue", serializer=api.VenueField()),
        APIField("rooms", serializer=api.RoomsField()),
        APIField("time_slots", serializer=api.TimeSlotsField()),
        APIField("topics", serializer=api.EventTopicsField()),
        APIField("organisers", serializer=api.OrganisersField()),
        APIField("sponsors", serializer=api.SponsorsField()),
        APIField("exports", serializer=api.ExportLinksField()),
        APIField("url", serializer=api.PageUrlField()),
    ]

    subpage_types = [
        "barcamp_wagtail.SessionPage",
        "barcamp_wagtail.SchedulePage",
        "barcamp_wagtail.ProposalPage",
        "barcamp_wagtail.PressReleasePage",
    ]

    class Meta:
        verbose_name = _("barcamp event")
        verbose_name_plural = _("barcamp events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})

    @property
    def is_multi_day(self):
        return timezone.localtime(self.start).date() != timezone.localtime(self.end).date()

    @property
    def programme_event(self):
        """The event whose rooms, slots, placements and proposals this one shows: itself, or on a
        multilingual site the original of its translations (``barcamp_wagtail.multilingual``)."""
        from ..multilingual import programme_owner

        return programme_owner(self)

    def sessions(self):
        """The programme's published sessions (the original event's, see ``programme_event``),
        in programme order."""
        from .session import SessionPage

        return (
            SessionPage.objects.live()
            .child_of(self.programme_event)
            .select_related("room", "time_slot")
            .prefetch_related("topics")
            .order_by("time_slot__day", "time_slot__start", "room__sort_order", "title")
        )

    def localized_sessions(self):
        """``sessions()`` as this event shows them: a translated event shows each session's
        live translation below it, where there is one."""
        from ..multilingual import translate_session_pages

        sessions = self.sessions()
        return sessions if self.programme_event is self else translate_session_pages(list(sessions), self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sessions"] = self.localized_sessions()
        return context

    # Views are imported inside the routes: views → grid → models would be a cycle.
    @path("now/", name="display")
    def display_view(self, request):
        """A self-refreshing "now and next" screen for the whole venue."""
        from ..views.display import display

        return display(request, self)

    @path("now/<int:room_id>/", name="room_display")
    def room_display_view(self, request, room_id):
        """The "now and next" screen for one room's door."""
        from ..views.display import display

        return display(request, self, room_id=room_id)

    @path("now/data/", name="display_data")
    def display_data_view(self, request):
        from ..views.display import display_json

        return display_json(request, self)

    @path("next-edition/", name="interest")
    def interest_view(self, request):
        """The sign-up for news of the next edition: the form's target and its own page."""
        from ..views.interest import interest_signup

        return interest_signup(request, self)

    @path("next-edition/thanks/", name="interest_thanks")
    def interest_thanks_view(self, request):
        from ..views.interest import interest_thanks

        return interest_thanks(request, self)

    @path("next-edition/confirm/<path:token>/", name="interest_confirm")
    def interest_confirm_view(self, request, token):
        from ..views.interest import interest_confirm

        return interest_confirm(request, self, token)


class EventOrganiser(Orderable):
    """An organisation or person running the event, shown on its page."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="organisers")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("For example 'organiser' or 'partner'."))
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")

    def __str__(self):
        return self.name


class Room(Orderable):
    """A room (or any place) where sessions run: a column of the schedule grid."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Number of seats."))
    description = models.TextField(_("description"), max_length=500, blank=True)

    panels = [FieldPanel("name"), FieldPanel("capacity"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self):
        return self.name


class TimeSlot(models.Model):
    """A row of the schedule grid. Times are wall-clock times at the venue
    (the site's time zone); an end before the start means the next day."""

    class Kind(models.TextChoices):
        SESSION = "session", _("session")
        BREAK = "break", _("break")
        PLENARY = "plenary", _("plenary")

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="time_slots")
    day = models.DateField(_("day"))
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SESSION)
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("Optional, for example 'Lunch' or 'Session round 1'.")
    )

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("label")]),
    ]

    class Meta:
        ordering = ["day", "start"]
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")

    def __str__(self):
        text = f"{self.day:%Y-%m-%d} {self.start:%H:%M}–{self.end:%H:%M}"
        return f"{text} {self.label}" if self.label else text

    def clean(self):
        super().clean()
        if self.start is not None and self.start == self.end:
            raise ValidationError({"end": _("A time slot must end after it starts.")})

    @property
    def start_datetime(self):
        return timezone.make_aware(datetime.datetime.combine(self.day, self.start))

    @property
    def end_datetime(self):
        day = self.day if self.end > self.start else self.day + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day, self.end))

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..api.fields import ScheduleGridField
from ..view_restrictions import OneQueryViewRestrictionsMixin
from .event import EventPage, Room, TimeSlot
from .session import SessionPage


class SchedulePage(OneQueryViewRestrictionsMixin, RoutablePageMixin, Page):
    """The public programme of its parent event: a grid on large screens, a list on phones.

    The grid fragment is cached per schedule version, language, host and filters (see
    ``barcamp_wagtail.schedule_page``); ``schedule`` exposes the same grid to the API.
    Below its URL live the web app manifest and the service worker that keep the page
    available offline (``barcamp_wagtail.views.offline``): a worker's scope can only cover
    the page from a URL at or below it.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["barcamp_wagtail.EventPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")

    api_fields = [APIField("schedule", serializer=ScheduleGridField())]

    @property
    def event(self):
        """The parent event, in one query."""
        if not hasattr(self, "_event"):
            self._event = EventPage.objects.get(path=self.path[: -self.steplen])
        return self._event

    @property
    def schedule(self):
        """The event's grid (``barcamp_wagtail.grid.published_grid()``), for the API."""
        from ..grid import published_grid

        return published_grid(self.event)

    grid_template = "barcamp_wagtail/includes/schedule_grid.html"

    def get_grid_template(self, request):
        """The template of the cached grid fragment; override to change the grid alone."""
        return self.grid_template

    def get_context(self, request, *args, **kwargs):
        from ..schedule_page import schedule_context

        context = super().get_context(request, *args, **kwargs)
        context.update(schedule_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        from ..views.offline import mark_private_for_signed_in

        return mark_private_for_signed_in(request, super().serve(request, *args, **kwargs))

    # Wagtail's page URLs allow no dots: the file names come with the responses.
    @path("offline/manifest/", name="offline_manifest")
    def offline_manifest_view(self, request):
        from ..views.offline import manifest

        return manifest(request, self)

    @path("offline/service-worker/", name="offline_service_worker")
    def offline_service_worker_view(self, request):
        from ..views.offline import service_worker

        return service_worker(request, self)


class ScheduleChange(models.Model):
    """One change made in the schedule planner, kept so that it can be read and undone.

    Changes saved together (the two halves of a swap) share a ``batch``; undo acts on the batch.
    """

    class Action(models.TextChoices):
        PLACE = "place", _("placed")
        MOVE = "move", _("moved")
        SWAP = "swap", _("swapped")
        REMOVE = "remove", _("removed")
        CREATE = "create", _("created")
        UNDO = "undo", _("undone")

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="schedule_changes")
    session = models.ForeignKey(SessionPage, null=True, on_delete=models.SET_NULL, related_name="schedule_changes")
    # Kept so the history stays readable after a session, room or slot is deleted.
    session_title = models.CharField(_("session"), max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    timestamp = models.DateTimeField(_("time"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    batch = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    from_room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    from_slot = models.ForeignKey(TimeSlot, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    to_room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    to_slot = models.ForeignKey(TimeSlot, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-timestamp", "-pk"]
        verbose_name = _("schedule change")
        verbose_name_plural = _("schedule changes")

    def __str__(self):
        return f"{self.get_action_display()}: {self.session_title}"


class ScheduleStamp(models.Model):
    """A counter per event, part of its ``schedule_version()``.

    Publishing, unpublishing, moving or deleting pages and editing rooms or slots change the
    version by themselves; a change written in place without a revision (erasing a name for
    privacy) moves this counter instead, so every cached rendering is replaced at once.
    """

    event = models.OneToOneField(EventPage, on_delete=models.CASCADE, primary_key=True, related_name="+")
    counter = models.PositiveBigIntegerField(_("counter"), default=0)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("schedule stamp")
        verbose_name_plural = _("schedule stamps")

    def __str__(self):
        return f"{self.event_id}: {self.counter}"

from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from barcamp_wagtail.models import EventPage, EventSeriesPage, PressReleasePage
from barcamp_wagtail.routing import ShortRouteMixin


class HomePage(ShortRouteMixin, Page):
    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["barcamp_wagtail.EventPage", "barcamp_wagtail.EventSeriesPage", "barcamp_wagtail.PressIndexPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        """Barcamps still to come first (soonest first), then those that are over (latest first),
        whether filed in a series or not, and the latest press releases."""
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.live().descendant_of(self)
        now = timezone.now()
        context["upcoming_events"] = events.filter(end__gte=now).order_by("start")
        context["past_events"] = events.filter(end__lt=now).order_by("-start")
        context["series"] = EventSeriesPage.objects.live().child_of(self).order_by("title")
        context["press_releases"] = (
            PressReleasePage.objects.live().descendant_of(self).order_by("-dateline_date", "-first_published_at")[:3]
        )
        return context

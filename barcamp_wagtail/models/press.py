import datetime

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import RICH_TEXT_FEATURES, PressReleaseBodyBlock
from ..press_draft.publishing import PressReleasePageForm, check_publishable
from ..view_restrictions import OneQueryViewRestrictionsMixin
from .event import EventPage


class PressIndexPage(OneQueryViewRestrictionsMixin, RoutablePageMixin, Page):
    """Lists the press releases below it, newest first, and offers them as RSS and Atom feeds."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    # Anywhere a page type allows it (sessions allow no children).
    subpage_types = ["barcamp_wagtail.PressReleasePage"]
    releases_per_page = 10
    releases_in_feed = 20

    class Meta:
        verbose_name = _("press index")
        verbose_name_plural = _("press indexes")

    def releases(self):
        """The published releases, newest first."""
        return (
            PressReleasePage.objects.live()
            .public()
            .child_of(self)
            .order_by("-dateline_date", "-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["rss_feed_url"] = self.feed_url("rss_feed", request)
        context["atom_feed_url"] = self.feed_url("atom_feed", request)
        return context

    @path("")
    def index_route(self, request):
        paginator = Paginator(self.releases(), self.releases_per_page)
        # get_page() turns a missing, invalid or out-of-range number into the first or last page.
        page_of_releases = paginator.get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"releases": page_of_releases})

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        from ..feeds import PressReleaseRssFeed

        return PressReleaseRssFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        from ..feeds import PressReleaseAtomFeed

        return PressReleaseAtomFeed(self)(request)

    def feed_url(self, name, request=None):
        """The absolute URL of one of the feeds (``rss_feed`` or ``atom_feed``), from the Site."""
        return self.get_full_url(request) + self.reverse_subpage(name)


class PressReleasePage(OneQueryViewRestrictionsMixin, Page):
    """A press release: dateline, lead and a body of press blocks, about one event.

    Embargo: schedule its publication ("go live" date); until then it is neither served nor listed.
    """

    dateline_place = models.CharField(pgettext_lazy("dateline", "place"), max_length=100, blank=True)
    dateline_date = models.DateField(_("date"), default=timezone.localdate)
    lead = models.TextField(_("lead"), max_length=1000, help_text=_("The first paragraph: who, what, when, where."))
    body = StreamField(PressReleaseBodyBlock(), verbose_name=_("body"), blank=True)
    event = models.ForeignKey(
        EventPage,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty for the event this release is filed under."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("dateline_place"), FieldPanel("dateline_date")], heading=capfirst(_("dateline"))),
        FieldPanel("lead"),
        FieldPanel("body"),
        PageChooserPanel("event", page_type="barcamp_wagtail.EventPage"),
    ]

    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]

    base_form_class = PressReleasePageForm
    parent_page_types = ["barcamp_wagtail.EventPage", "barcamp_wagtail.PressIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")

    def publish(self, revision, *args, **kwargs):
        """Refuse (``PublishingRefused``) a revision whose quotes are still to be filled in, on every
        road to publication: the editor, workflow approvals, scheduled publishing."""
        check_publishable(revision.as_object())
        return super().publish(revision, *args, **kwargs)

    @property
    def related_event(self):
        """The event chosen, else the event this release is filed under (or None)."""
        if self.event_id:
            return self.event
        parent = self.get_parent()
        if parent is not None and isinstance(parent.specific, EventPage):
            return parent.specific
        return None

    @property
    def published_at(self):
        """When the release appeared: first publication, else the dateline date at midnight."""
        if self.first_published_at:
            return self.first_published_at
        return timezone.make_aware(datetime.datetime.combine(self.dateline_date, datetime.time()))

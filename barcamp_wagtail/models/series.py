"""An event series: the editions of one barcamp, year after year.

Membership is the page tree: an edition belongs to the series it is filed under. So Wagtail's
page permissions on a series page reach every edition below it, URLs nest
(``/barcamp/2027/``), and moving an event into or out of a series in the explorer is all it
takes. ``EventPage`` keeps its other parents: an event filed elsewhere simply has no series.
The listing, its queries and the "next edition" live in ``barcamp_wagtail/series.py``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import RICH_TEXT_FEATURES
from ..routing import ShortRouteMixin
from ..view_restrictions import OneQueryViewRestrictionsMixin
from .event import EventPage


class EventSeriesPage(OneQueryViewRestrictionsMixin, ShortRouteMixin, Page):
    """Lists its editions (the event pages below it): those to come first, then those that are
    over with their press releases and documentation."""

    teaser = models.CharField(
        _("teaser"), max_length=300, blank=True, help_text=_("One or two sentences for listings and link previews.")
    )
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("teaser"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("teaser"), index.SearchField("intro")]

    subpage_types = ["barcamp_wagtail.EventPage"]

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def editions(self):
        """The editions split into upcoming and past, with press releases and documentation;
        remembered on the page so that the template and the JSON-LD share one set of queries."""
        if not hasattr(self, "_editions"):
            from ..series import series_editions

            self._editions = series_editions(self)
        return self._editions

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["editions"] = self.editions()
        return context


class NextEditionInvitation(models.Model):
    """A promise made by "Copy as next edition": the confirmed next-edition sign-ups of ``source``
    are invited to register for ``event`` as soon as its registration opens (once each)."""

    # Links no content that Wagtail would need to follow.
    wagtail_reference_index_ignore = True

    event = models.OneToOneField(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="next_edition_invitation"
    )
    source = models.ForeignKey(EventPage, verbose_name=_("sign-ups of"), on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("next edition invitation")
        verbose_name_plural = _("next edition invitations")

    def __str__(self):
        return f"{self.source_id} → {self.event_id}"

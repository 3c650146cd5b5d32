from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.images import get_image_model_string
from wagtail.search import index


class Sponsor(index.Indexed, models.Model):
    """A company or organisation supporting barcamps, kept once and shown on any page
    through the sponsor blocks."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at most 240 × 120 pixels; the sponsor's name is its alternative text."),
    )
    url = models.URLField(_("link"), blank=True)
    description = models.TextField(_("short description"), max_length=500, blank=True)

    panels = [FieldPanel("name"), FieldPanel("logo"), FieldPanel("url"), FieldPanel("description")]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("sponsor")
        verbose_name_plural = _("sponsors")

    def __str__(self):
        return self.name

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


def sponsor_tiers(page):
    """The sponsors shown in ``page.body``, as ``[(tier name, [sponsor, …]), …]`` in page order.

    Single sponsor blocks form tiers without a name. A sponsor is listed once, in its first place.
    Meant for other renderings of an event, such as the PDF booklet.
    """
    tiers, seen = [], set()

    def add(name, sponsors):
        fresh = [s for s in sponsors if s is not None and s.pk not in seen]
        seen.update(s.pk for s in fresh)
        if fresh:
            tiers.append((name, fresh))

    for block in getattr(page, "body", None) or []:
        if block.block_type == "sponsor":
            add("", [block.value["sponsor"]])
        elif block.block_type == "sponsor_wall":
            for tier in block.value["tiers"]:
                add(tier["name"], list(tier["sponsors"]))
    return tiers

"""StreamField blocks for barcamp pages. Each block's template lives in
``templates/barcamp_wagtail/blocks/`` and can be overridden by the host."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("heading 2")), ("h3", _("heading 3")), ("h4", _("heading 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("heading")
        template = "barcamp_wagtail/blocks/heading_block.html"
        preview_value = {"text": "Barcamp Südwestfalen + Ruhrgebiet", "level": "h2"}
        description = _("A section heading.")


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("image")
        template = "barcamp_wagtail/blocks/captioned_image_block.html"
        description = _("An image with an optional caption and credit.")


class EventBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul"],
        template="barcamp_wagtail/blocks/paragraph_block.html",
        preview_value="<p>Jede und jeder kann eine Session anbieten.</p>",
        description=_("Formatted text."),
    )
    image = CaptionedImageBlock()

"""StreamField blocks for barcamp pages. Each block's template lives in
``templates/barcamp_wagtail/blocks/`` and can be overridden by the host."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
SPONSOR_MODEL = "barcamp_wagtail.Sponsor"


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


def _first_sponsor():
    from .models import Sponsor

    return Sponsor.objects.select_related("logo").first()


class SponsorBlock(blocks.StructBlock):
    sponsor = SnippetChooserBlock(SPONSOR_MODEL, label=_("sponsor"))
    show_description = blocks.BooleanBlock(label=_("show the description"), required=False, default=True)

    class Meta:
        icon = "pick"
        label = _("sponsor")
        template = "barcamp_wagtail/blocks/sponsor_block.html"
        preview_value = {"show_description": True}
        description = _("One sponsor with logo, link and short description.")

    def get_preview_value(self):
        return self.to_python({"sponsor": getattr(_first_sponsor(), "pk", None), "show_description": True})


class SponsorTierBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("tier name"), max_length=100, required=False, help_text=_("For example 'Gold'."))
    sponsors = blocks.ListBlock(SnippetChooserBlock(SPONSOR_MODEL, label=_("sponsor")), label=_("sponsors"))

    class Meta:
        icon = "group"
        label = _("tier")


class SponsorWallBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=200, required=False)
    tiers = blocks.ListBlock(SponsorTierBlock(), label=_("tiers"))

    class Meta:
        icon = "group"
        label = _("sponsor wall")
        template = "barcamp_wagtail/blocks/sponsor_wall_block.html"
        preview_value = {"heading": "Sponsoren", "tiers": []}
        description = _("The sponsors' logos grouped by tier, in the order you set.")

    def get_preview_value(self):
        sponsor = _first_sponsor()
        tier = {"name": "Gold", "sponsors": [sponsor.pk] if sponsor else []}
        return self.to_python({"heading": "Sponsoren", "tiers": [tier]})


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    person = blocks.CharBlock(label=_("person"), max_length=200)
    role = blocks.CharBlock(label=_("role"), max_length=200, required=False)
    organisation = blocks.CharBlock(label=_("organisation"), max_length=200, required=False)
    photo = ImageChooserBlock(label=_("photo"), required=False)

    class Meta:
        icon = "openquote"
        label = _("quote")
        template = "barcamp_wagtail/blocks/quote_block.html"
        preview_value = {
            "text": "Das Barcamp war der passende Rahmen, um erste Ergebnisse vorzustellen.",
            "person": "Marie Ting",
            "role": "Leiterin des Regionalmarketings Südwestfalen",
            "organisation": "Südwestfalen Agentur GmbH",
        }
        description = _("A quotation with the name, role and organisation of the person quoted.")


class QuoteToFillBlock(blocks.StructBlock):
    """A quotation still to be asked for: a drafted press release holds one where a quote belongs.
    A draft with an empty one can be saved; publishing it is refused (see ``press_draft.publishing``).
    Filled in, it shows like a quote."""

    prompt = blocks.CharBlock(
        label=_("whom to ask, about what"),
        max_length=300,
        required=False,
        help_text=_("A note for the editors; it is not published."),
    )
    text = blocks.TextBlock(label=_("quotation"), required=False)
    person = blocks.CharBlock(label=_("person"), max_length=200, required=False)
    role = blocks.CharBlock(label=_("role"), max_length=200, required=False)
    organisation = blocks.CharBlock(label=_("organisation"), max_length=200, required=False)
    photo = ImageChooserBlock(label=_("photo"), required=False)

    class Meta:
        icon = "openquote"
        label = _("quote to fill in")
        template = "barcamp_wagtail/blocks/quote_to_fill_block.html"
        preview_value = {
            "prompt": "Ein Zitat der Veranstalterin: Was hat den Tag ausgemacht?",
            "text": "",
            "person": "",
        }
        description = _("A placeholder for a quotation: the page cannot be published until it is filled in.")


class KeyFigureBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("number"), max_length=20, help_text=_("For example '40' or 'about 40'."))
    label = blocks.CharBlock(label=_("label"), max_length=100)

    class Meta:
        icon = "order"
        label = _("figure")


class KeyFiguresBlock(blocks.StructBlock):
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("figures"), min_num=1)

    class Meta:
        icon = "table"
        label = _("key figures")
        template = "barcamp_wagtail/blocks/key_figures_block.html"
        preview_value = {
            "figures": [
                {"number": "40", "label": "Teilnehmende"},
                {"number": "30", "label": "Sessions"},
                {"number": "5", "label": "Räume"},
            ]
        }
        description = _("A few numbers with a label each, for example the number of participants.")


class PressContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=200)
    role = blocks.CharBlock(label=_("role"), max_length=200, required=False)
    email = blocks.EmailBlock(label=_("e-mail"), required=False)
    phone = blocks.CharBlock(label=_("phone"), max_length=50, required=False)

    class Meta:
        icon = "mail"
        label = _("press contact")
        template = "barcamp_wagtail/blocks/press_contact_block.html"
        preview_value = {
            "name": "Christoph Neumann",
            "role": "Geschäftsführer WELTENRAUM",
            "email": "christoph@derweltenraum.com",
        }
        description = _("Who answers the press's questions.")


class AboutBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("organisation"), max_length=200)
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)
    url = blocks.URLBlock(label=_("website"), required=False)

    class Meta:
        icon = "info-circle"
        label = _("about an organisation")
        template = "barcamp_wagtail/blocks/about_block.html"
        preview_value = {
            "name": "visibleRuhr eG",
            "text": "<p>Die erste Genossenschaft der digitalen Transformation.</p>",
        }
        description = _("A short standard text about an organiser or partner.")


class DownloadDocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"), max_length=200, required=False, help_text=_("Leave empty to use the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("document")


class DownloadPhotoBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("photo"))
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)
    credit = blocks.CharBlock(label=_("credit"), max_length=120)

    class Meta:
        icon = "image"
        label = _("photo")


class DownloadsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=200, required=False)
    documents = blocks.ListBlock(DownloadDocumentBlock(), label=_("documents"), default=[])
    photos = blocks.ListBlock(DownloadPhotoBlock(), label=_("photos"), default=[])

    class Meta:
        icon = "download"
        label = _("downloads")
        template = "barcamp_wagtail/blocks/downloads_block.html"
        preview_value = {"heading": "Pressematerial", "documents": [], "photos": []}
        description = _("Press kit and photos to download, each photo with its credit.")


class CallToActionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("text"))
    link_text = blocks.CharBlock(label=_("link text"), max_length=100)
    url = blocks.URLBlock(label=_("link"), required=False)
    email = blocks.EmailBlock(label=_("e-mail"), required=False, help_text=_("Used when no link is given."))

    class Meta:
        icon = "comment"
        label = _("call to action")
        template = "barcamp_wagtail/blocks/call_to_action_block.html"
        preview_value = {
            "text": "Beim nächsten Barcamp dabei sein?",
            "link_text": "Schreib uns",
            "email": "christoph@derweltenraum.com",
        }
        description = _("An invitation with a link or an e-mail address.")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("url") and not value.get("email"):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Give a link or an e-mail address."))}
            )
        return value


def _event_of(page):
    """The event a page's sign-up form is for: the event itself, or a press release's event."""
    if page is None:
        return None
    page = getattr(page, "specific", page)
    from .models import EventPage

    if isinstance(page, EventPage):
        return page
    return getattr(page, "related_event", None)


class NextEditionSignupBlock(blocks.StructBlock):
    """The "tell me about the next barcamp" form. It posts to the event's ``next-edition/`` route;
    on a press release, to the release's event. Addresses count only once confirmed by e-mail."""

    heading = blocks.CharBlock(label=_("heading"), max_length=200, required=False)
    text = blocks.TextBlock(label=_("text"), required=False)
    privacy_note = blocks.TextBlock(
        label=_("privacy note"),
        required=False,
        help_text=_("Shown below the form: what the address is used for and how long it is kept."),
    )

    class Meta:
        icon = "mail"
        label = _("next edition sign-up")
        template = "barcamp_wagtail/blocks/next_edition_signup_block.html"
        preview_value = {
            "heading": "Beim nächsten Mal dabei sein?",
            "text": "Wir sagen dir Bescheid, sobald das nächste Barcamp feststeht.",
            "privacy_note": "Wir nutzen deine Adresse nur für diese eine Nachricht.",
        }
        description = _("A form where visitors leave their e-mail address to hear about the next edition.")

    def get_context(self, value, parent_context=None):
        from .forms import InterestForm

        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        event = _event_of(page)
        url = event.url if event is not None and event.live else None
        if url:
            context["form"] = InterestForm()
            context["action"] = url + event.reverse_subpage("interest")
        elif page is None:
            # Wagtail's block preview: the form as it will look, going nowhere.
            context["form"] = InterestForm()
        return context


class EventBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"),
        icon="pilcrow",
        features=RICH_TEXT_FEATURES,
        template="barcamp_wagtail/blocks/paragraph_block.html",
        preview_value="<p>Jede und jeder kann eine Session anbieten.</p>",
        description=_("Formatted text."),
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    sponsor = SponsorBlock()
    sponsor_wall = SponsorWallBlock()
    downloads = DownloadsBlock()
    call_to_action = CallToActionBlock()
    press_contact = PressContactBlock()
    about = AboutBlock()
    next_edition_signup = NextEditionSignupBlock()


class PressReleaseBodyBlock(EventBodyBlock):
    """The body of a press release: the blocks of an event page, and quotes still to be filled in."""

    quote_to_fill = QuoteToFillBlock()

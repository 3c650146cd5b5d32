import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.exceptions import ValidationError

from barcamp_wagtail import blocks

from .press_factories import make_document, make_image, make_sponsor

pytestmark = pytest.mark.django_db

ALL_PRESS_BLOCKS = [
    blocks.SponsorBlock,
    blocks.SponsorWallBlock,
    blocks.QuoteBlock,
    blocks.KeyFiguresBlock,
    blocks.PressContactBlock,
    blocks.AboutBlock,
    blocks.DownloadsBlock,
    blocks.CallToActionBlock,
]


@pytest.fixture(autouse=True)
def _fresh_rendition_cache():
    """Wagtail caches renditions by image id, and ids come back after each test's rollback."""
    cache.clear()


def render(block_class, raw_value):
    block = block_class()
    return BeautifulSoup(block.render(block.to_python(raw_value)), "html.parser")


def test_a_sponsor_links_as_sponsored_with_its_name_as_alternative_text():
    sponsor = make_sponsor(
        "Devspire", url="https://devspire.example/", logo=make_image(), description="Builds software."
    )

    html = render(blocks.SponsorBlock, {"sponsor": sponsor.pk, "show_description": True})

    link = html.find("a")
    assert link["href"] == "https://devspire.example/"
    assert link["rel"] == ["sponsored", "noopener"]
    assert link.img["alt"] == "Devspire"
    assert "Builds software." in html.get_text()


def test_sponsor_logos_are_scaled_into_the_same_box():
    wide = make_sponsor("Wide", logo=make_image("Wide", 1000, 100))
    tall = make_sponsor("Tall", logo=make_image("Tall", 100, 1000))

    html = render(blocks.SponsorWallBlock, {"heading": "", "tiers": [{"name": "", "sponsors": [wide.pk, tall.pk]}]})

    sizes = [(int(img["width"]), int(img["height"])) for img in html.find_all("img")]
    assert sizes == [(240, 24), (12, 120)]


def test_a_sponsor_without_logo_or_link_shows_its_name_escaped():
    sponsor = make_sponsor("<b>Küberit</b> Systeme", url="")

    html = render(blocks.SponsorBlock, {"sponsor": sponsor.pk, "show_description": False})

    assert html.find("a") is None
    assert html.find("b") is None
    assert "<b>Küberit</b> Systeme" in html.get_text()


def test_the_sponsor_wall_keeps_the_editors_tier_order():
    gold, silver, bronze = make_sponsor("Gold Inc"), make_sponsor("Silver Ltd"), make_sponsor("Bronze AG")
    value = {
        "heading": "Thanks to our sponsors",
        "tiers": [
            {"name": "Silver", "sponsors": [silver.pk]},
            {"name": "Gold", "sponsors": [gold.pk, bronze.pk]},
        ],
    }

    html = render(blocks.SponsorWallBlock, value)

    assert [h.get_text() for h in html.find_all("h3")] == ["Silver", "Gold"]
    assert [li.get_text(strip=True) for li in html.find_all("li")] == ["Silver Ltd", "Gold Inc", "Bronze AG"]
    assert all(a["rel"] == ["sponsored", "noopener"] for a in html.find_all("a"))


def test_a_quote_shows_person_role_and_organisation_and_escapes_the_text():
    value = {
        "text": "<script>alert(1)</script> A great day",
        "person": "Marie Ting",
        "role": "Head of regional marketing",
        "organisation": "Südwestfalen Agentur GmbH",
        "photo": make_image("Portrait").pk,
    }

    html = render(blocks.QuoteBlock, value)

    assert html.find("script") is None
    assert html.blockquote.get_text(strip=True) == "<script>alert(1)</script> A great day"
    assert html.figcaption.get_text() == "Marie Ting, Head of regional marketing, Südwestfalen Agentur GmbH"
    assert html.img["alt"] == "Marie Ting"


def test_key_figures_pair_each_number_with_its_label():
    html = render(
        blocks.KeyFiguresBlock,
        {"figures": [{"number": "40", "label": "participants"}, {"number": "30", "label": "sessions"}]},
    )

    assert [
        (dt.get_text(), dd.get_text()) for dt, dd in zip(html.find_all("dt"), html.find_all("dd"), strict=True)
    ] == [
        ("40", "participants"),
        ("30", "sessions"),
    ]


def test_a_press_contact_offers_mail_and_phone_links():
    html = render(
        blocks.PressContactBlock,
        {
            "name": "Christoph Neumann",
            "role": "Managing director",
            "email": "christoph@example.org",
            "phone": "+49 2371 123",
        },
    )

    hrefs = [a["href"] for a in html.find_all("a")]
    assert hrefs == ["mailto:christoph@example.org", "tel:+492371123"]
    assert "Managing director" in html.get_text()


def test_the_about_block_keeps_rich_text_but_escapes_the_name():
    html = render(
        blocks.AboutBlock, {"name": "<i>visibleRuhr</i> eG", "text": "<p>A <b>cooperative</b>.</p>", "url": ""}
    )

    assert html.h2.get_text() == "About <i>visibleRuhr</i> eG"
    assert html.find("b").get_text() == "cooperative"


def test_downloads_list_documents_and_photos_with_their_credits():
    document, photo = make_document("Press kit"), make_image("Group photo")
    value = {
        "heading": "",
        "documents": [{"document": document.pk, "title": ""}],
        "photos": [{"image": photo.pk, "caption": "The plenary", "credit": "Jane Doe"}],
    }

    html = render(blocks.DownloadsBlock, value)

    links = html.find_all("a")
    assert links[0].get_text() == "Press kit"
    assert links[0]["href"] == document.url
    assert "Photo: Jane Doe" in html.figcaption.get_text()
    assert links[1]["href"] == photo.file.url
    assert html.img["alt"] == "The plenary"


def test_a_call_to_action_links_to_a_mail_address_when_no_link_is_given():
    html = render(
        blocks.CallToActionBlock,
        {"text": "Join the next barcamp?", "link_text": "Write to us", "url": "", "email": "christoph@example.org"},
    )

    assert html.a["href"] == "mailto:christoph@example.org"
    assert html.a.get_text() == "Write to us"


def test_a_call_to_action_needs_a_link_or_an_address():
    block = blocks.CallToActionBlock()

    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "Join us", "link_text": "Go", "url": "", "email": ""}))


@pytest.mark.parametrize("block_class", ALL_PRESS_BLOCKS)
def test_every_press_block_has_a_preview_label_icon_and_description(block_class):
    make_sponsor("Devspire")
    block = block_class()

    preview = block.render(block.get_preview_value())

    assert block.meta.icon and block.meta.label and block.meta.description
    assert block.meta.template.startswith("barcamp_wagtail/blocks/")
    assert preview.strip()


def test_event_pages_offer_the_press_and_sponsor_blocks():
    names = set(blocks.EventBodyBlock().child_blocks)

    assert {
        "sponsor",
        "sponsor_wall",
        "quote",
        "key_figures",
        "press_contact",
        "about",
        "image",
        "downloads",
        "call_to_action",
    } <= names

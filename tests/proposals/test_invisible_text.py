"""Text made of invisible characters is no text: it is stripped at the edges of every public field."""

import re
from urllib.parse import urlsplit

import pytest

from barcamp_wagtail.models import SessionProposal

pytestmark = pytest.mark.django_db

INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200c\u200d",  # zero-width non-joiner and joiner
    "\u200e\u200f",  # left-to-right and right-to-left marks
    "\u2060",  # word joiner
    "\ufeff",  # byte order mark
    "\u00ad",  # soft hyphen
    "\u3164",  # Hangul filler
    "\u2800",  # Braille blank
    "\u180e",  # Mongolian vowel separator
    "\ufe0f",  # variation selector
    "\U000e0020\U000e0041",  # tag characters
    "\u2028",  # line separator
    "\u00a0\u3000",  # no-break and ideographic spaces
]


@pytest.mark.parametrize("invisible", INVISIBLE, ids=[f"U+{ord(text[0]):04X}" for text in INVISIBLE])
@pytest.mark.parametrize("field", ["title", "abstract", "name", "email"])
def test_a_required_field_of_invisible_characters_counts_as_empty(proposal_page, visitor, field, invisible):
    response = visitor.send(proposal_page, {field: invisible * 3})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not SessionProposal.objects.exists()


def test_invisible_characters_are_stripped_at_the_edges_of_every_field(proposal_page, visitor):
    edge = "\u200b\ufeff\u2060 "
    visitor.send(
        proposal_page,
        {
            "title": edge + "Open Data" + edge,
            "abstract": edge + "Worum es geht." + edge,
            "topic": edge + "Daten" + edge,
            "link": edge + "https://example.org/slides" + edge,
            "name": edge + "Ada" + edge,
            "email": edge + "ada@example.org" + edge,
        },
    )

    proposal = SessionProposal.objects.get()
    assert (proposal.title, proposal.abstract, proposal.topic) == ("Open Data", "Worum es geht.", "Daten")
    assert (proposal.link, proposal.name, proposal.email) == ("https://example.org/slides", "Ada", "ada@example.org")


def test_an_optional_field_of_invisible_characters_is_stored_empty(proposal_page, visitor):
    visitor.send(proposal_page, {"topic": "\u200b\u200b", "link": "\ufeff"})

    proposal = SessionProposal.objects.get()
    assert (proposal.topic, proposal.link) == ("", "")


def test_joiners_inside_a_text_are_kept(proposal_page, visitor):
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    visitor.send(proposal_page, {"title": f"Barcamp mit {family}"})

    assert SessionProposal.objects.get().title == f"Barcamp mit {family}"


def test_a_hidden_direction_override_inside_a_title_is_still_refused(proposal_page, visitor):
    response = visitor.send(proposal_page, {"title": "\u200bAdmin \u202egnp.exe"})

    assert "This field contains characters that are not allowed." in response.content.decode()
    assert not SessionProposal.objects.exists()


def test_the_private_edit_link_strips_invisible_characters_too(
    proposal_page, visitor, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visitor.send(proposal_page)
    link = re.search(r"https?://\S+/edit/\S+", mailoutbox[0].body).group(0)

    response = client.post(urlsplit(link).path, {"title": "\u200b\u200b", "abstract": "x", "format": "talk"})

    assert "This field is required." in response.content.decode()
    assert SessionProposal.objects.get().title == "Open Data für Kommunen"

"""Voter codes as cut-out cards: a PDF with every code and a QR code that opens the vote page
with the code filled in, made from the voter codes screen."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from barcamp_wagtail.models import VoterCode
from barcamp_wagtail.voter_sheet import MAX_CARDS
from tests.export_helpers import pdf_reader, pdf_text

from .conftest import Participant, new_code

pytestmark = pytest.mark.django_db


def sheet_url(event):
    return reverse("barcamp_wagtail_voter_sheet", args=[event.pk])


def codes_url(event):
    return reverse("barcamp_wagtail_voter_codes", args=[event.pk])


def qr_codes(content, scale=4):
    """The texts of every QR code on every page, read from the rendered pages like a phone would."""
    import pypdfium2
    import zxingcpp

    texts = []
    document = pypdfium2.PdfDocument(content)
    try:
        for index in range(len(document)):
            image = document[index].render(scale=scale).to_pil()
            texts += [result.text for result in zxingcpp.read_barcodes(image) if result.format.name == "QRCode"]
    finally:
        document.close()
    return texts


def test_moderator_gets_cards_with_every_new_code_and_a_qr_code_that_opens_the_vote_page_with_it(
    event, proposal_page, moderator_client
):
    response = moderator_client.post(sheet_url(event), {"count": 12, "language": "en"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert VoterCode.objects.filter(event=event).count() == 12
    text = pdf_text(response.content)
    assert len(pdf_reader(response.content).pages) == 2  # ten cards to a sheet
    assert text.count("Your voter code") == 12
    scanned = qr_codes(response.content)
    assert len(scanned) == 12
    vote_url = proposal_page.subpage_full_url("vote")
    for url in scanned:
        assert url.startswith(vote_url + "?code=")
        code = parse_qs(urlsplit(url).query)["code"][0]
        assert code in text  # the same code is printed on the card
        assert VoterCode.find(event, code) is not None
    assert len(set(scanned)) == 12


def test_a_scanned_card_opens_the_vote_page_with_the_code_filled_in_and_it_lets_the_participant_vote(
    event, proposal_page, moderator_client
):
    content = moderator_client.post(sheet_url(event), {"count": 1, "language": "en"}).content
    url = qr_codes(content)[0]
    participant = Participant(proposal_page)
    code = parse_qs(urlsplit(url).query)["code"][0]

    page = participant.client.get(url.replace("http://testserver", ""))

    assert f'value="{code}"' in page.content.decode()
    assert participant.enter(code).status_code == 303


def test_cards_speak_german_with_du(event, proposal_page, moderator_client):
    content = moderator_client.post(sheet_url(event), {"count": 1, "language": "de"}).content

    text = pdf_text(content)
    assert "Dein Abstimmungscode" in text
    assert pdf_reader(content).trailer["/Root"]["/Lang"] == "de"


def test_codes_just_made_on_the_screen_can_be_printed_as_cards(event, proposal_page, moderator_client):
    codes = VoterCode.generate(event, 3)

    response = moderator_client.post(sheet_url(event), {"codes": " ".join(codes), "language": "en"})

    assert response.status_code == 200
    assert VoterCode.objects.filter(event=event).count() == 3  # nothing new was made
    text = pdf_text(response.content)
    assert all(code in text for code in codes)
    assert sorted(parse_qs(urlsplit(url).query)["code"][0] for url in qr_codes(response.content)) == sorted(codes)


def test_codes_of_another_event_or_made_up_are_refused_with_a_message(event, proposal_page, moderator_client):
    from tests.factories import make_event

    other = make_event(title="Other camp", slug="other-camp")
    foreign = new_code(other)

    data = {"codes": f"{foreign}\nABCDE-FGHJK", "language": "en"}
    response = moderator_client.post(sheet_url(event), data, follow=True)

    assert response.redirect_chain[-1][0] == codes_url(event)
    assert "Not voter codes of this event" in response.content.decode()
    assert foreign.replace("-", "") in response.content.decode()


@pytest.mark.parametrize("count", ["0", str(MAX_CARDS + 1), "many", ""])
def test_a_bad_number_of_cards_makes_no_code_and_says_why(event, proposal_page, moderator_client, count):
    response = moderator_client.post(sheet_url(event), {"count": count, "language": "en"}, follow=True)

    assert response.redirect_chain[-1][0] == codes_url(event)
    assert not VoterCode.objects.exists()
    messages = [str(message) for message in response.context["messages"]]
    assert messages and all(message for message in messages)


def test_without_a_live_proposal_form_no_card_is_made(event, moderator_client):
    response = moderator_client.post(sheet_url(event), {"count": 5, "language": "en"}, follow=True)

    assert "the cards would lead nowhere" in response.content.decode()
    assert not VoterCode.objects.exists()


def test_when_the_pdf_cannot_be_rendered_no_code_is_kept(event, proposal_page, moderator_client, monkeypatch):
    import barcamp_wagtail.voter_sheet as voter_sheet

    def broken(html, images=None):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(voter_sheet, "html_to_pdf", broken)

    with pytest.raises(RuntimeError):
        moderator_client.post(sheet_url(event), {"count": 5, "language": "en"})

    assert not VoterCode.objects.exists()


def test_only_moderators_get_cards(event, proposal_page, other_editor_client, client):
    assert other_editor_client.post(sheet_url(event), {"count": 5, "language": "en"}).status_code == 403
    assert client.post(sheet_url(event), {"count": 5, "language": "en"}).status_code in (302, 403)
    assert not VoterCode.objects.exists()


def test_cards_are_made_by_post_only(event, proposal_page, moderator_client):
    assert moderator_client.get(sheet_url(event)).status_code == 405
    assert not VoterCode.objects.exists()


def test_the_voter_codes_screen_offers_the_cards(event, proposal_page, moderator_client):
    html = moderator_client.get(codes_url(event)).content.decode()
    made = moderator_client.post(codes_url(event), {"count": 2}).content.decode()

    assert f'action="{sheet_url(event)}"' in html
    assert "Make codes as cards (PDF)" in html
    assert "Print these codes as cards (PDF)" in made


def test_the_pdf_uses_no_outside_resource(event, proposal_page, moderator_client, monkeypatch):
    import barcamp_wagtail.exporters.pdf as pdf

    fetched = []
    original = pdf.resolve_site_file
    monkeypatch.setattr(pdf, "resolve_site_file", lambda url: fetched.append(url) or original(url))

    moderator_client.post(sheet_url(event), {"count": 1, "language": "en"})

    # The QR codes are inline SVG: the stylesheet is all there is to fetch.
    assert fetched and all(url.endswith(".css") for url in fetched)

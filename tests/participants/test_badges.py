"""Badges: a PDF with each participant's name and a QR code of the vote page with their voter code."""

import io

import pypdfium2
import pytest
import zxingcpp
from django.urls import reverse
from pypdf import PdfReader

from barcamp_wagtail.participants.codes import current_code

from ..factories import make_proposal_page
from .conftest import make_participant, make_registration_event

pytestmark = pytest.mark.django_db


def pdf_text(pdf):
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def decoded_qr_codes(pdf, scale=4):
    texts = []
    document = pypdfium2.PdfDocument(pdf)
    for index in range(len(document)):
        image = document[index].render(scale=scale).to_pil()
        texts += [result.text for result in zxingcpp.read_barcodes(image)]
    return texts


@pytest.mark.parametrize("layout", ["a4-90x55", "a6"])
def test_the_badge_pdf_has_every_name_and_a_decodable_qr_code_of_the_vote_page(editor_client, layout):
    event = make_registration_event(capacity=5)
    page = make_proposal_page(event, votes_enabled=True)
    people = [
        make_participant(event, "Ada Lovelace", organisation="Analytical Engines"),
        make_participant(event, "Grace Hopper", badge_name="Amazing Grace"),
    ]
    make_participant(event, "Not Confirmed", confirm=False)
    response = editor_client.get(reverse("barcamp_wagtail_participants_badges", args=[event.pk]), {"layout": layout})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for name in ("Ada Lovelace", "Analytical Engines", "Grace Hopper", "Amazing Grace", "Ada"):
        assert name in text
    assert "Not Confirmed" not in text
    codes = {current_code(person) for person in people}
    for code in codes:
        assert code in text
    decoded = decoded_qr_codes(response.content)
    vote = page.subpage_full_url("vote")
    assert sorted(decoded) == sorted(f"{vote}?code={code}" for code in codes)


def test_badges_escape_what_participants_typed(editor_client):
    event = make_registration_event(capacity=5)
    make_participant(event, "<img src='file:///etc/passwd'> Mallory")
    response = editor_client.get(reverse("barcamp_wagtail_participants_badges", args=[event.pk]))
    assert "<img src='file:///etc/passwd'> Mallory" in pdf_text(response.content)


def test_an_unknown_layout_is_a_clear_400(editor_client):
    event = make_registration_event(capacity=5)
    response = editor_client.get(reverse("barcamp_wagtail_participants_badges", args=[event.pk]), {"layout": "xx"})
    assert response.status_code == 400

"""The "now and next" screen's QR code leads to the event's schedule page when there is one."""

import pytest

from tests.factories import make_event
from tests.schedule_helpers import make_schedule_page

pytestmark = pytest.mark.django_db


def test_the_qr_code_points_to_the_schedule_page_when_the_event_has_one(client):
    event = make_event()
    make_schedule_page(event, slug="programme")

    html = client.get(event.url + "now/").content.decode()

    assert "http://localhost/barcamp-test/programme/" in html


def test_without_a_schedule_page_the_qr_code_points_to_the_event(client):
    event = make_event()

    html = client.get(event.url + "now/").content.decode()

    assert "The whole programme: http://localhost/barcamp-test/<" in html.replace("\n", "").replace(
        "</figcaption>", "<"
    )

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from barcamp_wagtail.models import InterestSignup, PressReleasePage
from tests.demo_helpers import past_edition

from .conftest import Visitor

pytestmark = pytest.mark.django_db


def signup_blocks(release):
    return [block for block in release.body if block.block_type == "next_edition_signup"]


def test_the_demo_release_carries_the_sign_up_form_once():
    call_command("load_demo", "--no-admin", verbosity=0)
    release = PressReleasePage.objects.live().get()
    revisions = release.revisions.count()
    call_command("load_demo", "--no-admin", verbosity=0)
    release = PressReleasePage.objects.live().get()

    assert len(signup_blocks(release)) == 1
    assert release.revisions.count() == revisions


def test_the_demo_form_signs_up_for_the_demo_event(client):
    call_command("load_demo", "--no-admin", verbosity=0)
    event = past_edition()  # the release's event: news of the next edition come from it
    release = PressReleasePage.objects.live().get()

    html = BeautifulSoup(client.get(release.url).content, "html.parser")
    response = Visitor().send(release)

    assert html.find("form", class_="barcamp-interest-form")["action"] == f"{event.url}next-edition/"
    assert response.status_code == 303
    assert InterestSignup.objects.get().event == event

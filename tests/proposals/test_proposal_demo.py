import pytest
from django.core.management import call_command

from barcamp_wagtail.models import ProposalPage, SessionProposal
from tests.demo_helpers import next_edition

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_open_proposal_form_and_loads_it_once():
    call_command("load_demo", "--no-admin", verbosity=0)
    first = (ProposalPage.objects.count(), SessionProposal.objects.count())
    call_command("load_demo", "--no-admin", verbosity=0)

    assert (ProposalPage.objects.count(), SessionProposal.objects.count()) == first == (1, 3)
    page = ProposalPage.objects.get()
    assert page.is_open()
    assert page.get_parent().specific == next_edition()  # the call for sessions of the barcamp to come


def test_the_demo_form_takes_a_proposal(client):
    from .conftest import Visitor

    call_command("load_demo", "--no-admin", verbosity=0)
    event = next_edition()
    page = ProposalPage.objects.get()

    event_html = client.get(event.url).content.decode()
    response = Visitor().send(page)

    assert page.url in event_html
    assert response.status_code == 303
    assert SessionProposal.objects.count() == 4

import pytest
from django.core.management import call_command

from barcamp_wagtail.models import SessionProposal

pytestmark = pytest.mark.django_db


def test_the_demo_proposals_have_hand_counts_loaded_once():
    call_command("load_demo", "--no-admin", verbosity=0)
    first = dict(SessionProposal.objects.values_list("title", "hand_count"))
    SessionProposal.objects.filter(nonce="demo-proposal-2").update(hand_count=99)  # counted again on the day
    call_command("load_demo", "--no-admin", verbosity=0)

    assert sorted(first.values()) == [12, 21, 34]
    assert SessionProposal.objects.get(nonce="demo-proposal-2").hand_count == 99
    assert SessionProposal.objects.get(nonce="demo-proposal-1").hand_count == 34

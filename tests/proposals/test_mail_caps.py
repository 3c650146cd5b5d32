"""Mail bombing through the form: one address gets at most the capped number of mails per hour
and per day, the proposals are stored all the same, and the inbox says when a mail was held back."""

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache

from barcamp_wagtail import mail_caps
from barcamp_wagtail.models import SessionProposal

from .conftest import Visitor

pytestmark = pytest.mark.django_db

INBOX = "/admin/barcamp_wagtail/sessionproposal/"
VICTIM = "victim@example.org"


def flood(page, count, committed, address=VICTIM, first=1):
    for number in range(first, first + count):
        with committed():
            response = Visitor(REMOTE_ADDR=f"198.51.100.{number}").send(
                page, {"email": address, "title": f"Spam {number}"}
            )
        assert response.status_code == 303


def test_twenty_proposals_naming_one_address_send_it_only_the_capped_number(proposal_page, moderator, committed):
    flood(proposal_page, 20, committed)

    to_victim = [message for message in mail.outbox if message.to == [VICTIM]]
    to_organisers = [message for message in mail.outbox if "orga@example.org" in message.to]
    assert len(to_victim) == 6
    assert SessionProposal.objects.count() == 20
    assert len(to_organisers) == 20
    held_back = SessionProposal.objects.filter(mail_held_back=True)
    assert held_back.count() == 14
    assert "The confirmation to the submitter was not sent" in to_organisers[-1].body
    assert "The confirmation to the submitter was not sent" not in to_organisers[0].body

    listing = moderator.get(INBOX).content.decode()
    filtered = moderator.get(INBOX, {"mail_held_back__exact": "1"}).content.decode()
    inspect = moderator.get(f"{INBOX}inspect/{held_back.first().pk}/").content.decode()
    assert listing.count("mail held back") >= 14
    assert "Spam 20" in filtered and "Spam 1<" not in filtered
    assert "mail held back" in inspect.lower()


def test_the_cap_counts_per_day_too(proposal_page, settings, committed):
    settings.BARCAMP_WAGTAIL |= {"MAIL_CAP_PER_HOUR": 2, "MAIL_CAP_PER_DAY": 3}

    with time_machine.travel("2026-09-01 08:00 +0000", tick=False) as traveller:
        flood(proposal_page, 3, committed)
        traveller.shift(3700)
        flood(proposal_page, 3, committed, first=10)

    assert len([message for message in mail.outbox if message.to == [VICTIM]]) == 3


def test_other_addresses_are_not_held_back_by_one_that_is(proposal_page, committed):
    flood(proposal_page, 8, committed)

    flood(proposal_page, 1, committed, address="someone@example.org", first=50)

    assert [message.to for message in mail.outbox].count(["someone@example.org"]) == 1


def test_the_cap_is_counted_in_the_configured_shared_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
    }
    settings.BARCAMP_WAGTAIL = {"MAIL_CAP_CACHE": "shared", "MAIL_CAP_PER_HOUR": 1}
    from django.core.cache import caches

    assert mail_caps.allow(VICTIM)
    assert not mail_caps.allow("  Victim@Example.org ")
    stored = [key for key in caches["shared"]._cache if "mailcap" in key]
    assert stored and not any("victim" in key.lower() for key in stored)
    cache.clear()

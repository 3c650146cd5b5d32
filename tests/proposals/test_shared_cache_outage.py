"""The shared cache (Redis) is gone: pages and exports are still served, proposals are still
stored and mailed, and the rate limit and mail cap still count, in the process's own memory.

The app's caches are Django's own Redis backend pointed at a port where nothing listens: a
real connection refused, as when Redis is stopped. Wagtail's and Django's own caches stay in
the process ("default"), as docs/deployment.md advises: Wagtail itself fails without them."""

import socket

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from barcamp_wagtail import shared_cache
from barcamp_wagtail.models import SessionProposal
from tests.factories import make_room, make_session, make_slot
from tests.schedule_helpers import make_schedule_page

from .conftest import Visitor

pytestmark = pytest.mark.django_db


SHARED = {
    "PROPOSAL_RATE_CACHE": "shared",
    "MAIL_CAP_CACHE": "shared",
    "CIRCUIT_CACHE": "shared",
    "SCHEDULE_CACHE": "shared",
    "EXPORT_CACHE": "shared",
}


def forget_outage():
    """What this process counted meanwhile, and that the cache was down, is forgotten."""
    shared_cache._down_until.clear()
    LocMemCache("barcamp_wagtail-fallback-shared", {}).clear()


@pytest.fixture(autouse=True)
def redis_gone(settings, proposal_settings):
    """Every cache of the app is a Redis server that is not running."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    working = settings.CACHES
    settings.BARCAMP_WAGTAIL |= SHARED
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "retry": Retry(NoBackoff(), 0)},
        },
    }
    forget_outage()
    yield
    settings.CACHES = working
    forget_outage()


def test_the_cache_really_is_unreachable():
    from redis.exceptions import ConnectionError as RedisConnectionError

    with pytest.raises(RedisConnectionError):
        caches["shared"].get("anything")


def test_schedule_page_and_pdf_are_served_while_the_shared_cache_is_down(client, event):
    room, slot = make_room(event), make_slot(event)
    make_session(event, "Served without Redis", room=room, time_slot=slot)
    schedule = make_schedule_page(event)

    page = client.get(schedule.url)
    pdf = client.get(event.export_url("pdf-grid-a4"))

    assert page.status_code == 200
    assert "Served without Redis" in page.content.decode()
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


def test_a_proposal_is_stored_and_mailed_while_the_shared_cache_is_down(proposal_page, committed):
    with committed():
        response = Visitor().send(proposal_page, {"title": "Sent while Redis is down"})

    assert response.status_code == 303
    assert SessionProposal.objects.filter(title="Sent while Redis is down").exists()
    assert [message.to for message in mail.outbox if message.to == ["ada@example.org"]] == [["ada@example.org"]]


def test_the_rate_limit_still_counts_while_the_shared_cache_is_down(proposal_page, settings):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RATE_LIMIT": 2}

    statuses = [Visitor().send(proposal_page, {"title": f"Try {number}"}).status_code for number in range(3)]

    assert statuses == [303, 303, 429]
    assert SessionProposal.objects.count() == 2


def test_the_mail_cap_still_counts_while_the_shared_cache_is_down(proposal_page, settings, committed):
    settings.BARCAMP_WAGTAIL |= {"MAIL_CAP_PER_HOUR": 1}

    for number in range(2):
        with committed():
            Visitor(REMOTE_ADDR=f"198.51.100.{number}").send(proposal_page, {"title": f"Capped {number}"})

    assert len([message for message in mail.outbox if message.to == ["ada@example.org"]]) == 1
    assert SessionProposal.objects.filter(mail_held_back=True).count() == 1

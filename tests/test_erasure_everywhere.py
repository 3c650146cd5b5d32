"""An erased name leaves every public rendering at once: the schedule page, every export, the
API, and the caches that held them (the pickled entries are gone, not only unreachable)."""

import io
import json
import pickle

import pytest
from django.core.cache import caches
from django.core.management import call_command
from wagtail.contrib.frontend_cache.backends import BaseBackend

from barcamp_wagtail.exporters import get_exporters
from barcamp_wagtail.models import SessionProposal

from .export_helpers import pdf_text
from .factories import make_event, make_room, make_slot
from .schedule_helpers import make_schedule_page

pytestmark = pytest.mark.django_db

NAME = "Grace Hopper"


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def programme():
    """A session accepted from Grace's proposal, hosted with Alan, on the published schedule."""
    event = make_event(title="Erasure camp")
    room, slot = make_room(event, "Plenum"), make_slot(event, "10:00", "10:45")
    proposal = SessionProposal.objects.create(
        event=event,
        title="Compilers for everyone",
        abstract="How a compiler works.",
        topic="Software",
        name=NAME,
        email="grace@example.org",
        show_name=True,
        privacy_consent=True,
        nonce="nonce-erasure",
    )
    session = proposal.accept()
    session.hosts = f"{NAME}, Alan Turing"
    session.room, session.time_slot = room, slot
    session.save_revision().publish()
    event.refresh_from_db()  # accept() added a child: the tree's child count moved on
    page = make_schedule_page(event)
    return event, session, page


def public_texts(client, event, session, page):
    """What a visitor can read, by URL: the page (plain and filtered), every export (PDFs as
    their text), the session's calendar file and the API."""
    texts = {
        page.url: client.get(page.url).content.decode(),
        f"{page.url}?topic=software": client.get(page.url, {"topic": "software"}).content.decode(),
        session.url: client.get(session.url).content.decode(),
        event.session_calendar_url(session): client.get(event.session_calendar_url(session)).content.decode(),
        "api": client.get(f"/api/v2/pages/{page.pk}/", {"format": "json"}).content.decode(),
    }
    for identifier, exporter in get_exporters().items():
        response = client.get(event.export_url(identifier))
        assert response.status_code == 200, identifier
        content = response.content
        texts[identifier] = pdf_text(content) if exporter.extension == "pdf" else content.decode()
    return texts


def cached_texts():
    """Every value in the local-memory cache, unpickled, as text."""
    cache = caches["default"]
    values = []
    for pickled in list(cache._cache.values()):
        value = pickle.loads(pickled)  # noqa: S301  (our own test cache)
        values.append(value.decode("utf-8", "replace") if isinstance(value, bytes) else json.dumps(value, default=str))
    return values


@pytest.fixture
def erase(django_capture_on_commit_callbacks):
    """``barcamp_privacy erase`` for Grace, its transaction committed (callbacks run)."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            call_command("barcamp_privacy", "erase", "grace@example.org", stdout=io.StringIO())

    return run


def test_an_erased_name_is_gone_from_the_page_every_export_and_the_api_at_once(client, programme, erase):
    event, session, page = programme
    before = public_texts(client, event, session, page)
    assert all(NAME in text for text in before.values()), [url for url, text in before.items() if NAME not in text]
    assert any(NAME in text for text in cached_texts())

    erase()

    after = public_texts(client, event, session, page)
    assert [url for url, text in after.items() if NAME in text] == []
    assert all("Alan Turing" in text for text in after.values())


def test_erasure_deletes_the_cached_renderings_that_held_the_name(client, programme, erase):
    event, session, page = programme
    public_texts(client, event, session, page)

    erase()

    assert not any(NAME in text for text in cached_texts())


def test_erasure_renders_the_pdfs_again_when_they_are_rendered_on_publish(client, programme, settings, erase):
    event, _session, _page = programme
    settings.BARCAMP_WAGTAIL = {"EXPORT_RENDER_ON_PUBLISH": True, "EXPORT_TASK_BACKEND": "default"}
    grid = get_exporters()["pdf-grid-a4"]
    client.get(event.export_url("pdf-grid-a4"))

    erase()

    from barcamp_wagtail.exporters.cache import cache_key, get_cache

    cached = get_cache().get(cache_key(grid, event))
    assert cached is not None
    assert NAME not in pdf_text(cached) and "Alan Turing" in pdf_text(cached)


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)


def test_erasure_purges_the_pages_and_exports_from_the_front_end_cache(programme, settings, erase):
    event, session, page = programme
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
    settings.WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged = []

    erase()

    purged = set(RecordingBackend.purged)
    assert {session.full_url, page.full_url, event.full_url} <= purged
    assert {event.full_url + event.reverse_subpage("export", kwargs={"identifier": "ical"})} <= purged

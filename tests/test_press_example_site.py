import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from barcamp_wagtail import blocks
from barcamp_wagtail.models import PressIndexPage, PressReleasePage, Sponsor

from .demo_helpers import past_edition
from .press_factories import make_press_index, make_release

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rendition_cache():
    """Wagtail caches renditions by image id, and ids come back after each test's rollback."""
    cache.clear()


def press_counts():
    return {
        "sponsors": Sponsor.objects.count(),
        "indexes": PressIndexPage.objects.count(),
        "releases": PressReleasePage.objects.count(),
        "revisions": sum(page.revisions.count() for page in PressReleasePage.objects.all()),
    }


def test_the_demo_press_release_loads_once(client):
    call_command("load_demo", "--no-admin", verbosity=0)
    first = press_counts()
    call_command("load_demo", "--no-admin", verbosity=0)

    # The published release has two revisions: as written, then with the next-edition sign-up form
    # (demo_interest); the drafted one (demo_press_draft) has one.
    assert press_counts() == first == {"sponsors": 2, "indexes": 1, "releases": 2, "revisions": 3}
    assert past_edition().revisions.count() == 2


def test_the_demo_press_release_quotes_the_organisers_and_thanks_the_sponsors(client):
    call_command("load_demo", "--no-admin", verbosity=0)
    release = PressReleasePage.objects.live().get()

    response = client.get(release.url)

    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert response.status_code == 200
    assert release.related_event == past_edition()
    for name in ("Marie Ting", "Christoph Neumann", "Katja Kohlstedt", "Devspire", "Küberit Systeme", "Dortmund"):
        assert name in text
    assert "rund 40" in text
    assert "christoph@derweltenraum.com" in text
    feed = client.get(release.get_parent().url + "feed/rss/").content.decode()
    assert release.title in feed


def test_the_demo_event_shows_its_sponsors_logos(client):
    call_command("load_demo", "--no-admin", verbosity=0)

    page = BeautifulSoup(client.get(past_edition().url).content, "html.parser")

    logos = page.select(".barcamp-sponsor-wall img")
    assert [logo["alt"] for logo in logos] == ["Devspire", "Küberit Systeme"]
    assert all(int(logo["width"]) <= 240 and int(logo["height"]) <= 120 for logo in logos)


def test_press_blocks_and_pages_have_german_labels():
    with translation.override("de"):
        assert str(blocks.SponsorWallBlock().meta.label) == "Sponsorenwand"
        assert str(blocks.KeyFiguresBlock().meta.label) == "Kennzahlen"
        assert str(blocks.PressContactBlock().meta.label) == "Pressekontakt"
        assert str(PressReleasePage._meta.verbose_name) == "Pressemitteilung"
        assert str(Sponsor._meta.verbose_name_plural) == "Sponsoren"


def test_a_press_release_reads_german_for_a_german_browser(client):
    index = make_press_index()
    release = make_release(index, "Barcamp")

    listing = client.get(index.url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    page = client.get(release.url, HTTP_ACCEPT_LANGUAGE="de").content.decode()

    assert "Abonnieren:" in listing
    assert "Pressemitteilung" in page

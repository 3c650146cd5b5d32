import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from barcamp_wagtail.models import PressIndexPage, PressReleasePage

from .factories import make_event, make_home, make_session
from .press_factories import list_block, make_document, make_image, make_press_index, make_release, make_sponsor

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _fresh_rendition_cache():
    cache.clear()


def parse_feed(response):
    return ET.fromstring(response.content)  # noqa: S314  (our own output)


def add_release_url(parent):
    return reverse("wagtailadmin_pages:add", args=("barcamp_wagtail", "pressreleasepage", parent.pk))


def release_form_data(body=None, **overrides):
    data = {
        "title": "Barcamp Südwestfalen + Ruhrgebiet: a full house",
        "slug": "barcamp-full-house",
        "dateline_place": "Iserlohn",
        "dateline_date": "2026-10-19",
        "lead": "About 40 people from many trades met at WELTENRAUM.",
        "body": streamfield(body or []),
        "event": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def every_block(sponsors, image, document):
    return [
        ("heading", {"text": "Outlook", "level": "h2"}),
        ("paragraph", rich_text("<p>The second edition takes place in Dortmund.</p>")),
        ("image", {"image": image.pk, "caption": "The plenary", "credit": "Jane Doe"}),
        (
            "quote",
            {
                "text": "A great day.",
                "person": "Christoph Neumann",
                "role": "Managing director",
                "organisation": "WELTENRAUM",
                "photo": "",
            },
        ),
        ("key_figures", {"figures": list_block([{"number": "40", "label": "participants"}])}),
        ("sponsor", {"sponsor": sponsors[0].pk, "show_description": "on"}),
        (
            "sponsor_wall",
            {
                "heading": "Sponsors",
                "tiers": list_block([{"name": "Gold", "sponsors": list_block([s.pk for s in sponsors])}]),
            },
        ),
        (
            "downloads",
            {
                "heading": "Press kit",
                "documents": list_block([{"document": document.pk, "title": ""}]),
                "photos": list_block([{"image": image.pk, "caption": "Group photo", "credit": "Jane Doe"}]),
            },
        ),
        (
            "call_to_action",
            {"text": "Join the next barcamp?", "link_text": "Write to us", "url": "", "email": "christoph@example.org"},
        ),
        (
            "press_contact",
            {"name": "Christoph Neumann", "role": "WELTENRAUM", "email": "christoph@example.org", "phone": ""},
        ),
        ("about", {"name": "visibleRuhr eG", "text": rich_text("<p>A cooperative.</p>"), "url": ""}),
    ]


def test_editor_creates_a_press_release_with_every_block(editor_client):
    event = make_event()
    sponsors = [make_sponsor("Devspire", url="https://devspire.example/"), make_sponsor("Küberit Systeme", url="")]
    body = every_block(sponsors, make_image("Plenary"), make_document("Press kit"))

    response = editor_client.post(add_release_url(event), release_form_data(body))

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    release = PressReleasePage.objects.get(slug="barcamp-full-house")
    assert release.live
    assert [block.block_type for block in release.body] == [name for name, _ in body]
    assert release.related_event == event
    page = BeautifulSoup(editor_client.get(release.url).content, "html.parser")
    text = page.get_text(" ", strip=True)
    assert "Iserlohn" in page.find(class_="barcamp-dateline").get_text()
    assert "Christoph Neumann , Managing director , WELTENRAUM" in text
    assert page.find("a", href="https://devspire.example/")["rel"] == ["sponsored", "noopener"]
    assert page.find("a", href="mailto:christoph@example.org") is not None
    assert "About visibleRuhr eG" in text


def test_a_release_in_a_press_index_links_to_the_chosen_event(editor_client):
    index = make_press_index()
    event = make_event(title="Barcamp Dortmund")

    response = editor_client.post(add_release_url(index), release_form_data(event=str(event.pk)))

    assert response.status_code == 302
    release = PressReleasePage.objects.get(slug="barcamp-full-house")
    assert release.related_event == event
    assert f'href="{event.url}"' in editor_client.get(release.url).content.decode()


def test_an_embargoed_release_is_neither_served_nor_listed_nor_in_the_feeds(editor_client, client):
    index = make_press_index()
    go_live_at = (datetime.datetime.now() + datetime.timedelta(days=30)).strftime("%Y-%m-%d %H:%M")

    response = editor_client.post(add_release_url(index), release_form_data(go_live_at=go_live_at))

    assert response.status_code == 302
    release = PressReleasePage.objects.get(slug="barcamp-full-house")
    assert not release.live
    assert release.scheduled_revision is not None
    assert client.get(release.url or f"{index.url}{release.slug}/").status_code == 404
    listing = client.get(index.url).content.decode()
    assert release.title not in listing
    for feed in ("feed/rss/", "feed/atom/"):
        assert release.title not in client.get(index.url + feed).content.decode()


def test_press_releases_are_listed_newest_first_and_drafts_are_left_out(client):
    index = make_press_index()
    make_release(index, "Older", day=datetime.date(2026, 1, 1))
    make_release(index, "Newer", day=datetime.date(2026, 6, 1))
    make_release(index, "Draft", day=datetime.date(2026, 7, 1), publish=False)

    page = BeautifulSoup(client.get(index.url).content, "html.parser")

    assert [h.get_text(strip=True) for h in page.select(".barcamp-press-list h2")] == ["Newer", "Older"]


@pytest.mark.parametrize(
    ("parameter", "expected_titles"),
    [
        ("", ["Release 11", "Release 2"]),
        ("?page=2", ["Release 1", "Release 0"]),
        ("?page=abc", ["Release 11", "Release 2"]),
        ("?page=999", ["Release 1", "Release 0"]),
        ("?page=-1", ["Release 1", "Release 0"]),
    ],
)
def test_the_press_index_pages_through_releases_and_forgives_bad_page_numbers(client, parameter, expected_titles):
    index = make_press_index()
    for number in range(12):
        make_release(index, f"Release {number}", day=datetime.date(2026, 1, 1) + datetime.timedelta(days=number))

    response = client.get(index.url + parameter)

    assert response.status_code == 200
    titles = [
        h.get_text(strip=True) for h in BeautifulSoup(response.content, "html.parser").select(".barcamp-press-list h2")
    ]
    assert titles[:1] + titles[-1:] == expected_titles


def test_the_rss_feed_lists_releases_with_absolute_links_from_the_site(client):
    index = make_press_index()
    release = make_release(index, "Barcamp <was> a success", lead="About 40 people & more <b>met</b>.")

    response = client.get(index.url + "feed/rss/", HTTP_HOST="127.0.0.1")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse_feed(response).find("channel")
    assert channel.findtext("title") == "Press"
    assert channel.findtext("link") == "http://localhost/press/"
    item = channel.find("item")
    assert item.findtext("title") == "Barcamp <was> a success"
    assert item.findtext("link") == "http://localhost/press/barcamp-was-a-success/"
    # The description is HTML to feed readers: the lead's markup arrives as text.
    assert item.findtext("description") == "About 40 people &amp; more &lt;b&gt;met&lt;/b&gt;."
    assert item.findtext("pubDate")
    assert release.full_url == item.findtext("link")


def test_the_atom_feed_lists_releases_with_dates_and_absolute_links(client):
    index = make_press_index()
    make_release(index, "First", day=datetime.date(2026, 1, 1))
    make_release(index, "Second", day=datetime.date(2026, 2, 1))

    response = client.get(index.url + "feed/atom/", HTTP_HOST="127.0.0.1")

    feed = parse_feed(response)
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://localhost/press/feed/atom/"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Second", "First"]
    assert entries[0].find(f"{ATOM}link").get("href") == "http://localhost/press/second/"
    assert entries[0].findtext(f"{ATOM}published")
    assert feed.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Test"


def test_the_press_index_announces_its_feeds_in_the_head(client):
    index = make_press_index()

    head = BeautifulSoup(client.get(index.url).content, "html.parser").head

    assert head.find("link", type="application/rss+xml")["href"] == "http://localhost/press/feed/rss/"
    assert head.find("link", type="application/atom+xml")["href"] == "http://localhost/press/feed/atom/"


def test_press_pages_go_under_events_and_press_indexes_only():
    home = make_home()
    event = make_event()
    session = make_session(event)
    index = make_press_index()

    assert PressIndexPage.can_create_at(home)
    assert not PressIndexPage.can_create_at(session)
    assert PressReleasePage.can_create_at(event)
    assert PressReleasePage.can_create_at(index)
    assert not PressReleasePage.can_create_at(home)


@pytest.mark.parametrize("parent_kind", ["event", "index"])
def test_editor_previews_a_new_press_release(editor_client, parent_kind):
    parent = make_event() if parent_kind == "event" else make_press_index()
    url = reverse("wagtailadmin_pages:preview_on_add", args=("barcamp_wagtail", "pressreleasepage", parent.pk))

    posted = editor_client.post(url, release_form_data())
    preview = editor_client.get(url)

    assert posted.json()["is_valid"]
    assert preview.status_code == 200
    assert "About 40 people from many trades" in preview.content.decode()


def test_editor_previews_a_press_index(editor_client):
    index = make_press_index()
    make_release(index, "Listed release")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(index.pk,))

    editor_client.post(url, nested_form_data({"title": "Press room", "slug": "press", "intro": rich_text("")}))
    preview = editor_client.get(url)

    assert preview.status_code == 200
    assert "Listed release" in preview.content.decode()


def test_the_press_index_needs_the_same_queries_for_many_releases(client, django_assert_max_num_queries):
    index = make_press_index()
    for number in range(3):
        make_release(index, f"Release {number}")
    client.get(index.url)
    with django_assert_max_num_queries(12) as few:
        client.get(index.url)
    # Counted now: Django keeps the last 9,000 queries, and the releases below push these out.
    expected = len(few.captured_queries)
    for number in range(3, 10):
        make_release(index, f"Release {number}")
    client.get(index.url)  # the example site's menu, emptied by the new pages, read again

    with django_assert_max_num_queries(expected):
        client.get(index.url)


def test_an_embargoed_release_appears_when_its_time_has_come(editor_client, client):
    index = make_press_index()
    go_live_at = (datetime.datetime.now() + datetime.timedelta(days=30)).strftime("%Y-%m-%d %H:%M")
    editor_client.post(add_release_url(index), release_form_data(go_live_at=go_live_at))
    release = PressReleasePage.objects.get(slug="barcamp-full-house")
    # The embargo ends: move the scheduled time into the past, as the clock would.
    revision = release.scheduled_revision
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()

    call_command("publish_scheduled", verbosity=0)

    assert client.get(release.url).status_code == 200
    assert release.title in client.get(index.url + "feed/atom/").content.decode()


def test_the_press_release_editor_opens_with_the_press_blocks(editor_client):
    response = editor_client.get(add_release_url(make_event()))

    assert response.status_code == 200
    content = response.content.decode()
    for label in ("sponsor wall", "key figures", "press contact", "call to action"):
        assert label in content

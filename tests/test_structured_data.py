import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from barcamp_wagtail import structured_data
from barcamp_wagtail.models import EventOrganiser

from .factories import make_event
from .press_factories import make_image, make_press_index, make_release

pytestmark = pytest.mark.django_db

HOSTILE = "Barcamp </script><script>alert(1)</script> & <!-- more"


def head_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode(), BeautifulSoup(response.content, "html.parser").head


def json_ld(head):
    (script,) = head.find_all("script", type="application/ld+json")
    return json.loads(script.string)


def open_graph(head):
    return {meta["property"]: meta["content"] for meta in head.find_all("meta", property=True)}


def same_instant(iso_text, value):
    return datetime.datetime.fromisoformat(iso_text) == value


def make_full_event(**fields):
    event = make_event(
        title=fields.pop("title", "Barcamp Südwestfalen + Ruhrgebiet"),
        teaser="About 40 people talk about digitalisation.",
        venue_name="WELTENRAUM",
        venue_address="Hauptstraße 1\n58636 Iserlohn",
        **fields,
    )
    EventOrganiser.objects.create(event=event, name="visibleRuhr eG", url="https://visibleruhr.example/", sort_order=0)
    EventOrganiser.objects.create(event=event, name="WELTENRAUM", sort_order=1)
    return event


def test_an_event_page_describes_itself_as_a_schema_org_event(client):
    event = make_full_event()

    _, head = head_of(client, event)

    assert json_ld(head) == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": "2026-10-16T09:00:00+02:00",
        "endDate": "2026-10-16T17:00:00+02:00",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "url": event.full_url,
        "description": event.teaser,
        "location": {
            "@type": "Place",
            "name": "WELTENRAUM",
            "address": {"@type": "PostalAddress", "streetAddress": "Hauptstraße 1 58636 Iserlohn"},
        },
        "organizer": [
            {"@type": "Organization", "name": "visibleRuhr eG", "url": "https://visibleruhr.example/"},
            {"@type": "Organization", "name": "WELTENRAUM"},
        ],
    }
    assert event.full_url.startswith("http://localhost/")


def test_an_event_without_venue_organisers_or_offers_leaves_them_out(client):
    event = make_event()

    data = json_ld(head_of(client, event)[1])

    assert "location" not in data
    assert "offers" not in data
    assert "organizer" not in data


def test_an_event_page_has_open_graph_tags(client):
    event = make_full_event()

    tags = open_graph(head_of(client, event)[1])

    assert tags["og:title"] == event.title
    assert tags["og:type"] == "website"
    assert tags["og:url"] == event.full_url
    assert tags["og:description"] == event.teaser
    assert tags["og:site_name"] == "Test"


def test_a_press_release_describes_itself_as_a_news_article_about_its_event(client):
    event = make_full_event()
    release = make_release(event, "A full house in Iserlohn")

    data = json_ld(head_of(client, release)[1])

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == release.title
    assert data["description"] == release.lead
    assert same_instant(data["datePublished"], release.first_published_at)
    assert same_instant(data["dateModified"], release.last_published_at)
    assert data["publisher"] == {"@type": "Organization", "name": "Test", "url": "http://localhost"}
    assert [author["name"] for author in data["author"]] == ["visibleRuhr eG", "WELTENRAUM"]
    assert data["about"] == {
        "@type": "Event",
        "name": event.title,
        "startDate": "2026-10-16T09:00:00+02:00",
        "url": event.full_url,
    }
    assert data["url"] == release.full_url
    assert data["locationCreated"] == {"@type": "Place", "name": "Iserlohn"}


def test_a_release_without_event_is_written_by_the_publisher(client):
    release = make_release(make_press_index(), "News")

    data = json_ld(head_of(client, release)[1])

    assert data["author"] == [data["publisher"]]
    assert "about" not in data


def test_a_press_release_has_article_open_graph_tags(client):
    release = make_release(make_press_index(), "News")

    tags = open_graph(head_of(client, release)[1])

    assert tags["og:type"] == "article"
    assert tags["og:description"] == release.lead
    assert same_instant(tags["article:published_time"], release.first_published_at)


@pytest.mark.parametrize("kind", ["event", "release"])
def test_a_title_cannot_break_out_of_the_json_ld_script(client, kind):
    event = make_event(title=HOSTILE, teaser=HOSTILE)
    page = event if kind == "event" else make_release(event, HOSTILE, lead=HOSTILE)

    html, head = head_of(client, page)

    assert "</script><script>" not in html
    assert "<!--" not in html
    data = json_ld(head)
    assert (data.get("name") or data.get("headline")) == HOSTILE
    assert open_graph(head)["og:title"] == HOSTILE


def test_offers_appear_only_when_the_event_provides_them():
    event = make_full_event()
    offer = {"@type": "Offer", "price": "0", "priceCurrency": "EUR", "url": "https://tickets.example/"}

    without = structured_data.event_data(event)
    event.structured_data_offers = lambda: [offer]
    with_offers = structured_data.event_data(event)

    assert "offers" not in without
    assert with_offers["offers"] == [offer]


def test_a_release_with_an_image_offers_it_to_link_previews(client):
    cache.clear()
    image = make_image("Plenary", 1600, 900)
    release = make_release(
        make_press_index(), "News", body=[("image", {"image": image, "caption": "The plenary", "credit": "Jane"})]
    )

    head = head_of(client, release)[1]

    tags = open_graph(head)
    assert tags["og:image"].startswith("http://localhost/")
    assert tags["og:image"].endswith(".fill-1200x630-c50.png")
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"] == "Plenary"
    assert json_ld(head)["image"] == [tags["og:image"]]

"""The series page: its editions in the order visitors read them, its JSON-LD, its query count,
and the banner on an edition that is over."""

import json

import pytest
from bs4 import BeautifulSoup
from django.utils.formats import date_format

from barcamp_wagtail.models import EventPage, EventSeriesPage
from tests.factories import make_event, make_session
from tests.press_factories import make_press_index, make_release

from .conftest import days_from_today, make_edition, make_series

pytestmark = pytest.mark.django_db

# The series page, whatever the number of editions, releases and sessions (series.py: six of them, the rest is
# the page itself, its site and its head tags).
QUERIES = 15


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup):
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]


def edition_titles(section):
    return [item.find("h3").get_text(strip=True) for item in section.select(".barcamp-series__edition")]


def test_the_series_page_lists_upcoming_editions_soonest_first_then_past_ones_latest_first(client, series, editions):
    draft = make_edition(series, "Barcamp Ruhr 5 (draft)", 30)
    draft.unpublish()

    soup = soup_of(client, series)

    upcoming = soup.find("section", class_="barcamp-series__upcoming")
    past = soup.find("section", class_="barcamp-series__past")
    assert edition_titles(upcoming) == ["Barcamp Ruhr 3", "Barcamp Ruhr 4"]
    assert edition_titles(past) == ["Barcamp Ruhr 2", "Barcamp Ruhr 1"]
    assert "draft" not in soup.get_text()
    assert "Zeche" in upcoming.get_text() and "Depot" in past.get_text()
    assert upcoming.find("a", string="Barcamp Ruhr 3")["href"] == editions["third"].url


def test_past_editions_show_their_press_releases_and_documentation(client, series, editions):
    filed_below = make_release(editions["second"], "Second edition: 60 people came")
    press_index = make_press_index()
    chosen = make_release(press_index, "First edition: a success", slug="first-success", event=editions["first"])
    make_release(editions["second"], "Embargoed", slug="embargoed", publish=False)
    make_session(editions["second"], "Open data", notes="<p>What we learnt</p>", slides_url="https://slides.example/1")
    make_session(editions["second"], "Just talk")
    make_session(editions["first"], "Pad only", pad_url="https://pad.example/x")

    soup = soup_of(client, series)

    second, first = soup.find("section", class_="barcamp-series__past").select(".barcamp-series__edition")
    assert [a["href"] for a in second.select(".barcamp-series__releases a")] == [filed_below.url]
    assert [a["href"] for a in first.select(".barcamp-series__releases a")] == [chosen.url]
    assert "Embargoed" not in soup.get_text()
    documentation = second.find("details", class_="barcamp-series__documentation")
    assert "1 session with notes or slides" in documentation.summary.get_text()
    assert documentation.find("a", string="slides")["href"] == "https://slides.example/1"
    assert "Just talk" not in second.get_text()
    assert first.find("a", string="pad")["href"] == "https://pad.example/x"


def test_a_series_without_editions_says_none_is_announced(client, series):
    soup = soup_of(client, series)

    assert "The next edition has not been announced yet." in soup.get_text()
    assert soup.find("section", class_="barcamp-series__past") is None


def test_the_series_json_ld_is_an_event_series_with_its_editions_as_sub_events(client, series, editions):
    data = json_ld(soup_of(client, series))

    assert len(data) == 1
    series_data = data[0]
    assert series_data["@context"] == "https://schema.org"
    assert series_data["@type"] == "EventSeries"
    assert series_data["name"] == "Barcamp Ruhr"
    assert series_data["url"] == "http://localhost/barcamp-ruhr/"
    assert series_data["description"] == "The barcamp of the Ruhr, every year somewhere else."
    sub_events = series_data["subEvent"]
    assert [event["name"] for event in sub_events] == [f"Barcamp Ruhr {n}" for n in (1, 2, 3, 4)]
    assert all(event["@type"] == "Event" for event in sub_events)
    second = sub_events[1]
    assert second["url"] == editions["second"].full_url
    assert second["startDate"].startswith(days_from_today(-40).isoformat())
    assert second["location"]["name"] == "Depot"
    assert second["location"]["address"]["streetAddress"] == "Dortmund"


def test_an_edition_json_ld_points_to_its_series_as_super_event(client, series, editions):
    (data,) = json_ld(soup_of(client, editions["third"]))

    assert data["@type"] == "Event"
    assert data["superEvent"] == {"@type": "EventSeries", "name": "Barcamp Ruhr", "url": series.full_url}


def test_an_event_outside_a_series_has_no_super_event_and_no_banner(client, series, editions):
    lone = make_event(title="Barcamp anywhere", day=days_from_today(-10))

    soup = soup_of(client, lone)

    (data,) = json_ld(soup)
    assert "superEvent" not in data
    assert soup.find(class_="barcamp-next-edition") is None


def test_a_past_edition_shows_a_banner_linking_to_the_next_edition(client, editions):
    for edition in ("first", "second"):
        banner = soup_of(client, editions[edition]).find("aside", class_="barcamp-next-edition")

        assert "The next edition:" in banner.get_text()
        link = banner.find("a")
        assert link["href"] == editions["third"].url
        assert link.get_text(strip=True) == "Barcamp Ruhr 3"
        assert "Zeche" in banner.get_text()
        assert date_format(days_from_today(60), "DATE_FORMAT") in banner.get_text()


def test_an_edition_still_to_come_shows_no_banner(client, editions):
    assert soup_of(client, editions["third"]).find(class_="barcamp-next-edition") is None


def test_a_past_edition_shows_no_banner_while_no_later_edition_is_published(client, series, editions):
    EventPage.objects.get(pk=editions["third"].pk).unpublish()
    EventPage.objects.get(pk=editions["fourth"].pk).unpublish()

    assert soup_of(client, editions["second"]).find(class_="barcamp-next-edition") is None


def _fill(series, count):
    for number in range(count):
        edition = make_edition(series, f"Edition {number}", -30 * (number + 1), venue_name="Hall")
        make_release(edition, f"Release {number}", slug=f"release-{number}")
        make_session(edition, f"Session {number}", notes="<p>Notes</p>")


def test_the_series_page_needs_the_same_queries_for_many_editions(client, django_assert_max_num_queries):
    few, many = make_series(title="Few", slug="few"), make_series(title="Many", slug="many")
    _fill(few, 2)
    _fill(many, 12)
    client.get(few.url)  # Wagtail's site root paths are cached after the first request

    with django_assert_max_num_queries(QUERIES) as few_queries:
        assert client.get(few.url).status_code == 200
    with django_assert_max_num_queries(QUERIES) as many_queries:
        html = client.get(many.url).content.decode()

    assert html.count('class="barcamp-series__edition"') == 12
    assert html.count("Release ") == 12
    assert len(many_queries.captured_queries) == len(few_queries.captured_queries)


def test_a_series_holds_editions_and_events_may_still_live_outside_one():
    from example_site.home.models import HomePage

    assert EventSeriesPage.allowed_subpage_models() == [EventPage]
    assert EventSeriesPage.can_create_at(HomePage())
    assert EventPage.can_create_at(EventSeriesPage())
    assert EventPage.can_create_at(HomePage())

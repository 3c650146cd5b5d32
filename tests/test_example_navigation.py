"""The example site's main navigation, kept in the default cache: served without its query once
read, and changed at once when a page in it is published, renamed, unpublished, moved or
deleted, or when a page joins the menu."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from barcamp_wagtail.models import EventSeriesPage, PressIndexPage

from .factories import make_event, make_home

pytestmark = pytest.mark.django_db


def menu(client, url="/"):
    nav = BeautifulSoup(client.get(url).content, "html.parser").find("nav", class_="site-nav")
    return [(link.get_text(), link["href"]) for link in nav.find_all("a")]


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in context.captured_queries]


@pytest.fixture
def press():
    press = PressIndexPage(title="Presse", slug="presse", show_in_menus=True)
    make_home().add_child(instance=press)
    press.save_revision().publish()
    return press


def test_the_menu_is_read_once_and_then_served_from_the_cache(client, press):
    event = make_event(title="Barcamp Menü")

    first = queries(client, event.url)
    second = queries(client, event.url)

    assert menu(client, event.url) == [("Home", "/"), ("Presse", "/presse/")]
    assert len(second) == len(first) - 1
    assert any("show_in_menus" in sql.partition(" WHERE ")[2] for sql in first)
    assert not any("show_in_menus" in sql.partition(" WHERE ")[2] for sql in second)


def test_a_publish_a_new_title_an_unpublish_and_a_deletion_show_at_once(client, press):
    assert menu(client) == [("Home", "/"), ("Presse", "/presse/")]

    series = EventSeriesPage(title="Reihe", slug="reihe", show_in_menus=True)
    make_home().add_child(instance=series)
    series.save_revision().publish()
    assert menu(client) == [("Home", "/"), ("Presse", "/presse/"), ("Reihe", "/reihe/")]

    press.title = "Pressemitteilungen"
    press.save_revision().publish()
    assert ("Pressemitteilungen", "/presse/") in menu(client)

    press.unpublish()
    assert menu(client) == [("Home", "/"), ("Reihe", "/reihe/")]

    series.delete()
    assert menu(client) == [("Home", "/")]


def test_a_move_and_a_page_joining_the_menu_show_at_once(client, press):
    series = EventSeriesPage(title="Reihe", slug="reihe")
    make_home().add_child(instance=series)
    series.save_revision().publish()
    assert menu(client) == [("Home", "/"), ("Presse", "/presse/")]

    series.show_in_menus = True
    series.save_revision().publish()
    assert menu(client) == [("Home", "/"), ("Presse", "/presse/"), ("Reihe", "/reihe/")]

    series.move(press.get_parent(), pos="first-child")  # before the press page in the tree
    assert menu(client) == [("Home", "/"), ("Reihe", "/reihe/"), ("Presse", "/presse/")]

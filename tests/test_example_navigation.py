"""The example site's main navigation, kept in the app's schedule cache: served without its
query once read, and changed at once when a page in it is published, renamed, unpublished,
moved or deleted, or when a page joins the menu; a change another process made while the cache
is not shared shows after five minutes at most."""

import time
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.cache.backends import locmem
from django.db import connection
from django.test.utils import CaptureQueriesContext

from barcamp_wagtail.models import EventSeriesPage, PressIndexPage
from example_site.home.navigation_cache import CACHE_KEY, MENU_SECONDS

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


@pytest.fixture
def shared(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared-test"},
    }
    settings.BARCAMP_WAGTAIL = {"SCHEDULE_CACHE": "shared"}
    yield caches["shared"]
    caches["shared"].clear()


def test_the_menu_lives_in_the_schedule_cache_every_app_server_shares(client, press, shared):
    """Not in the default cache, which the deployment guide leaves to each process: there a
    publish handled by one server would not reach the menus of the others."""
    assert menu(client) == [("Home", "/"), ("Presse", "/presse/")]
    assert shared.get(CACHE_KEY) is not None
    assert caches["default"].get(CACHE_KEY) is None

    press.title = "Pressemitteilungen"
    press.save_revision().publish()

    assert shared.get(CACHE_KEY) is None
    assert ("Pressemitteilungen", "/presse/") in menu(client)


def test_a_change_no_signal_of_this_process_saw_shows_after_five_minutes_at_most(client, press, monkeypatch):
    """As where another process changed the tree and this one keeps its menu in its own memory."""
    assert menu(client) == [("Home", "/"), ("Presse", "/presse/")]
    type(press).objects.filter(pk=press.pk).update(title="Pressemitteilungen")  # no signal
    assert menu(client) == [("Home", "/"), ("Presse", "/presse/")]

    later = time.time() + MENU_SECONDS + 1
    monkeypatch.setattr(locmem, "time", SimpleNamespace(time=lambda: later))

    assert menu(client) == [("Home", "/"), ("Pressemitteilungen", "/presse/")]


def test_a_schedule_cache_turned_off_reads_the_menu_on_every_request(client, press, settings):
    settings.BARCAMP_WAGTAIL = {"SCHEDULE_CACHE_TIMEOUT": 0}
    event = make_event(title="Barcamp Menü")

    first = queries(client, event.url)
    second = queries(client, event.url)

    assert any("show_in_menus" in sql.partition(" WHERE ")[2] for sql in second)
    assert len(second) <= len(first)
    assert caches["default"].get(CACHE_KEY) is None

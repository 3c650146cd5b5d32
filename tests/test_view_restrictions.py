"""View restrictions of the app's pages (``barcamp_wagtail/view_restrictions.py``): the
restrictions Wagtail's own method finds, for every page, with restrictions anywhere above it or
none; one query instead of two for a page without any; with an alias on the way, Wagtail's own
answer."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from barcamp_wagtail.view_restrictions import OneQueryViewRestrictionsMixin

from .factories import make_home
from .test_routing import tree  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def restrict(*pages):
    """A restriction on each of ``pages``, of each kind in turn."""
    kinds = [
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "geheim"},
        {"restriction_type": PageViewRestriction.LOGIN},
        {"restriction_type": PageViewRestriction.GROUPS},
    ]
    for number, page in enumerate(pages):
        restriction = PageViewRestriction.objects.create(page=page, **kinds[number % len(kinds)])
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            restriction.groups.add(Group.objects.get(name="Editors"))


def app_pages():
    """Every page of the tree whose type has the mixin, as its own type."""
    pages = list(Page.objects.order_by("path").specific())
    return [page for page in pages if isinstance(page, OneQueryViewRestrictionsMixin)]


@pytest.mark.parametrize("restricted", ["none", "the root", "everywhere"])
def test_every_page_has_the_restrictions_wagtail_finds(tree, restricted):  # noqa: F811
    if restricted == "the root":
        restrict(Page.get_first_root_node())
    if restricted == "everywhere":
        restrict(Page.get_first_root_node(), make_home(), tree["series"], tree["second"], tree["hidden"])
    pages = app_pages()

    answers = {page.pk: set(page.get_view_restrictions()) for page in pages}

    assert len(pages) == 12  # the series, three events, their sessions, a draft, schedules, calls for sessions
    assert answers == {page.pk: set(Page.get_view_restrictions(page)) for page in pages}
    expected = {"none": {0}, "the root": {1}, "everywhere": {3, 4}}[restricted]
    assert {len(found) for found in answers.values()} == expected


def test_a_page_without_restrictions_costs_one_query_instead_of_two(tree):  # noqa: F811
    page = app_pages()[-1]

    with CaptureQueriesContext(connection) as ours:
        assert not list(page.get_view_restrictions())
    with CaptureQueriesContext(connection) as wagtails:
        assert not list(Page.get_view_restrictions(page))

    assert (len(ours), len(wagtails)) == (1, 2)


def test_opening_the_call_for_sessions_costs_one_query_less(client, tree, monkeypatch):  # noqa: F811
    client.get("/reihe/zwei/propose/")  # the site's root paths and the menu cached, as on a live site
    with CaptureQueriesContext(connection) as ours:
        assert client.get("/reihe/zwei/propose/").status_code == 200
    monkeypatch.setattr(OneQueryViewRestrictionsMixin, "get_view_restrictions", Page.get_view_restrictions)
    with CaptureQueriesContext(connection) as wagtails:
        assert client.get("/reihe/zwei/propose/").status_code == 200

    assert len(ours) == len(wagtails) - 1


def test_a_restriction_above_the_home_page_guards_the_pages_below(client, tree):  # noqa: F811
    restrict(Page.get_first_root_node())

    response = client.get("/reihe/zwei/propose/")

    assert response.status_code == 200
    assert "password" in response.content.decode().lower()
    assert "privacy_consent" not in response.content.decode()


def test_below_an_alias_the_source_pages_restriction_applies(client, tree):  # noqa: F811
    alias = tree["series"].create_alias(recursive=True, update_slug="reihe-kopie")
    restrict(tree["series"])  # the source's password; the alias has none of its own
    below = [page for page in app_pages() if page.path.startswith(alias.path)]

    response = client.get("/reihe-kopie/zwei/propose/")

    assert alias.alias_of_id == tree["series"].pk and len(below) == 12
    for page in below:
        assert set(page.get_view_restrictions()) == set(Page.get_view_restrictions(page)) != set()
    assert "password" in response.content.decode().lower()
    assert "privacy_consent" not in response.content.decode()

"""View restrictions of a page found by routing (``barcamp_wagtail/view_restrictions.py``): the
restrictions Wagtail's own method finds, for every page on every path, in one query instead of
two; with an alias on the way, Wagtail's own answer."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from barcamp_wagtail import view_restrictions
from barcamp_wagtail.view_restrictions import ViewRestrictionsFromRouteMixin

from .factories import make_home
from .test_routing import FOUND, tree  # noqa: F401  (tree: the fixture)

pytestmark = pytest.mark.django_db


def routed(path):
    """The page that answers ``path`` from the home page."""
    request = RequestFactory().get(path)
    return make_home().route(request, [part for part in path.split("/") if part]).page


def restrict(*pages):
    """A restriction of each kind on ``pages``, the tree's root first."""
    kinds = [
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "geheim"},
        {"restriction_type": PageViewRestriction.LOGIN},
        {"restriction_type": PageViewRestriction.GROUPS},
    ]
    for number, page in enumerate(pages):
        restriction = PageViewRestriction.objects.create(page=page, **kinds[number % len(kinds)])
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            restriction.groups.add(Group.objects.get(name="Editors"))


@pytest.mark.parametrize("path", FOUND)
def test_every_routed_page_has_the_restrictions_wagtail_finds(tree, path):  # noqa: F811
    restrict(Page.get_first_root_node(), make_home(), tree["series"], tree["second"], tree["hidden"])
    page = routed(path)

    ours = set(page.get_view_restrictions())
    wagtails = set(Page.get_view_restrictions(page))

    assert getattr(page, view_restrictions.ANCESTORS, None) is not None  # ours, not the fallback
    assert ours == wagtails
    assert len(ours) >= 3  # the root's, the home page's and the series'


def test_the_paths_compared_lead_to_different_pages(tree):  # noqa: F811
    assert len({routed(path).pk for path in FOUND}) == 8  # both exports answer from the event


def test_the_restrictions_cost_one_query_instead_of_two(client, tree, monkeypatch):  # noqa: F811
    client.get("/reihe/zwei/propose/")  # the site's root paths and the menu cached, as on a live site
    with CaptureQueriesContext(connection) as ours:
        assert client.get("/reihe/zwei/propose/").status_code == 200
    monkeypatch.setattr(ViewRestrictionsFromRouteMixin, "get_view_restrictions", Page.get_view_restrictions)
    with CaptureQueriesContext(connection) as wagtails:
        assert client.get("/reihe/zwei/propose/").status_code == 200

    assert len(ours) == len(wagtails) - 1
    assert sum("wagtailcore_pageviewrestriction" in query["sql"] for query in ours) == 1


def test_a_restriction_above_the_home_page_guards_the_pages_below(client, tree):  # noqa: F811
    restrict(Page.get_first_root_node())

    response = client.get("/reihe/zwei/propose/")

    assert response.status_code == 200
    assert "password" in response.content.decode().lower()
    assert "privacy_consent" not in response.content.decode()


def test_below_an_alias_the_source_pages_restriction_applies(client, tree):  # noqa: F811
    alias = tree["series"].create_alias(recursive=True, update_slug="reihe-kopie")
    restrict(tree["series"])  # the source's password; the alias has none of its own

    page = routed("/reihe-kopie/zwei/propose/")
    response = client.get("/reihe-kopie/zwei/propose/")

    assert page.alias_of_id is not None and alias.alias_of_id == tree["series"].pk
    assert set(page.get_view_restrictions()) == set(Page.get_view_restrictions(page)) != set()
    assert "password" in response.content.decode().lower()
    assert "privacy_consent" not in response.content.decode()

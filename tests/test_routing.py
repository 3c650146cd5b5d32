"""Routing below the app's pages (``barcamp_wagtail.routing``): the same page as Wagtail's own
walk for every path, a page that is not there, a draft, a parent that is not live, a slug that
repeats under another parent, the event's own URLs; and fewer queries than the walk."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from barcamp_wagtail.models import EventSeriesPage, SessionPage
from barcamp_wagtail.routing import ShortRouteMixin

from .factories import make_event, make_home, make_proposal_page, make_session
from .schedule_helpers import make_schedule_page

pytestmark = pytest.mark.django_db


def stepping_over_the_mixin(page, request, path_components):
    return super(ShortRouteMixin, page).route(request, path_components)


@pytest.fixture
def wagtails_walk(monkeypatch):
    """Route as Wagtail's own walk does: the mixin stepped over at every level, for the time
    of the call."""

    def walk(page, request, path_components):
        with monkeypatch.context() as patch:
            patch.setattr(ShortRouteMixin, "route", stepping_over_the_mixin)
            return page.route(request, path_components)

    return walk


def ours(page, request, path_components):
    return page.route(request, path_components)


def answer(route, path):
    """(page id, view name, args, kwargs) for ``path`` from the home page, or "404"."""
    request = RequestFactory().get(path)
    home = make_home()
    try:
        result = route(home, request, [part for part in path.split("/") if part])
    except Http404:
        return "404"
    page, args, kwargs = result
    if args and callable(args[0]):  # a routable page's view, its arguments
        view, view_args, view_kwargs = args
        return page.pk, view.__name__, tuple(view_args), view_kwargs
    return page.pk, args, kwargs


@pytest.fixture
def tree():
    """home / series / two editions with the same child slugs / sessions, a draft, a schedule, a
    call for sessions; and an event that is not live with a live session below it."""
    home = make_home()
    series = EventSeriesPage(title="Reihe", slug="reihe")
    home.add_child(instance=series)
    series.save_revision().publish()
    first = make_event(parent=series, title="Ausgabe Eins", slug="eins")
    second = make_event(parent=series, title="Ausgabe Zwei", slug="zwei")
    for event in (first, second):
        make_schedule_page(event)
        make_proposal_page(event)
        make_session(event, title="Offene Daten", slug="offene-daten")
    make_session(second, title="Entwurf", slug="entwurf", publish=False)
    hidden = make_event(parent=series, title="Versteckt", slug="versteckt")
    make_session(hidden, title="Darunter", slug="darunter")
    hidden.unpublish()
    return {"series": series, "first": first, "second": second, "hidden": hidden}


# The paths that lead to a page, and those that answer 404.
FOUND = [
    "/reihe/",
    "/reihe/eins/",
    "/reihe/zwei/programme/",
    "/reihe/eins/offene-daten/",
    "/reihe/zwei/offene-daten/",
    "/reihe/zwei/propose/",
    "/reihe/versteckt/darunter/",  # live, below a page that is not
    "/reihe/zwei/exports/ical/",  # the event's own URLs
    "/reihe/zwei/exports/frab-xml/",
]
NOT_FOUND = [
    "/reihe/zwei/entwurf/",  # a draft
    "/reihe/versteckt/",  # not live
    "/reihe/drei/",
    "/reihe/eins/nicht-da/",
    "/reihe/eins/offene-daten/weiter/",  # below a session: nothing
    "/reihe/zwei/programme/offline/",  # no such URL of the schedule page
    "/reihe/zwei/propose/nicht-da/",
    "/nirgends/eins/",
]
PATHS = FOUND + NOT_FOUND


@pytest.mark.parametrize("path", PATHS)
def test_every_path_leads_where_wagtails_own_walk_leads(tree, wagtails_walk, path):
    assert answer(ours, path) == answer(wagtails_walk, path)


def test_the_answers_differ_where_they_should(tree):
    """The comparison above is not empty: the paths lead to different pages and to 404."""
    answers = [answer(ours, path) for path in PATHS]
    assert answers[len(FOUND) :] == ["404"] * len(NOT_FOUND)
    assert len({repr(found) for found in answers}) == len(FOUND) + 1  # the 404s alike, the rest apart


def test_a_slug_that_repeats_under_another_edition_is_that_editions_page(client, tree):
    first = client.get("/reihe/eins/offene-daten/")
    second = client.get("/reihe/zwei/offene-daten/")

    assert first.status_code == second.status_code == 200
    assert first.context["page"].get_parent().pk == tree["first"].pk
    assert second.context["page"].get_parent().pk == tree["second"].pk


def test_a_private_event_still_guards_the_pages_below_it(client, tree):
    PageViewRestriction.objects.create(page=tree["second"], restriction_type="password", password="geheim")

    response = client.get("/reihe/zwei/propose/")

    assert response.status_code == 200
    assert "password" in response.content.decode().lower()
    assert "privacy_consent" not in response.content.decode()


def test_a_page_three_levels_below_the_home_page_costs_two_queries_to_find(tree, wagtails_walk):
    request = RequestFactory().get("/reihe/zwei/propose/")
    home = make_home()

    with CaptureQueriesContext(connection) as ours:
        page = home.route(request, ["reihe", "zwei", "propose"]).page
    with CaptureQueriesContext(connection) as wagtails:
        assert wagtails_walk(home, request, ["reihe", "zwei", "propose"]).page.pk == page.pk

    assert len(ours) == 2  # the pages on the path; the call for sessions as itself
    assert len(wagtails) == 6  # per level: the child, then the child as itself
    assert page.get_parent().pk == tree["second"].pk


def test_the_session_pages_parent_is_known_without_a_query(tree):
    request = RequestFactory().get("/reihe/eins/offene-daten/")
    session = make_home().route(request, ["reihe", "eins", "offene-daten"]).page

    with CaptureQueriesContext(connection) as context:
        parent = session.get_parent()

    assert isinstance(session, SessionPage)
    assert parent.pk == tree["first"].pk and isinstance(parent, Page)
    assert len(context) == 0

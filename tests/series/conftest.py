"""A series with two editions that are over and two to come, dated relative to today."""

import datetime

import pytest
from django.utils import timezone

from barcamp_wagtail.models import EventSeriesPage
from tests.factories import make_event, make_home

# Registering through an invitation link: no time trap, a generous rate limit, Google answering "human".
from tests.proposals.conftest import proposal_settings, recaptcha  # noqa: F401

TODAY = timezone.localdate()


def days_from_today(days):
    return TODAY + datetime.timedelta(days=days)


def make_series(parent=None, title="Barcamp Ruhr", slug="barcamp-ruhr", **fields):
    series = EventSeriesPage(title=title, slug=slug, **fields)
    (parent or make_home()).add_child(instance=series)
    series.save_revision().publish()
    return series


def make_edition(series, title, days, **fields):
    return make_event(parent=series, title=title, day=days_from_today(days), **fields)


@pytest.fixture
def series(db):
    return make_series(teaser="The barcamp of the Ruhr, every year somewhere else.")


@pytest.fixture
def editions(series):
    """first (over, 400 days ago), second (over, 40 days ago), third (in 60 days), fourth (in 400)."""
    return {
        "second": make_edition(series, "Barcamp Ruhr 2", -40, venue_name="Depot", venue_address="Dortmund"),
        "fourth": make_edition(series, "Barcamp Ruhr 4", 400, venue_address="Hagen"),
        "first": make_edition(series, "Barcamp Ruhr 1", -400, venue_name="Weltenraum", venue_address="Iserlohn"),
        "third": make_edition(series, "Barcamp Ruhr 3", 60, venue_name="Zeche", venue_address="Bochum"),
    }

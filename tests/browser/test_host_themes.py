"""The app's pages inside a host site it does not know: a base.html with nothing but a content
block (as bakerydemo's), in a dark theme. They must look right (the grid or the list, not both)
and keep WCAG AA contrast with the host's colours, in Chromium, checked by axe-core.
"""

import datetime
import json

import pytest
from django.core.cache import caches
from django.utils import timezone

from ..factories import make_event, make_proposal_page, make_room, make_session, make_slot
from ..schedule_helpers import make_schedule_page
from .conftest import DESKTOP, PHONE, axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DAY = timezone.localdate() + datetime.timedelta(days=30)

# A host theme that knows nothing of the app: dark, its own fonts and link colour, and none of
# the optional blocks (extra_css, extra_head, extra_js) ...
DARK_BASE = """{% load i18n %}{% get_current_language as LANGUAGE_CODE %}<!DOCTYPE html>
<html lang="{{ LANGUAGE_CODE }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ page.title }} · Dark Host</title>
  <style>
    :root { color-scheme: dark; }
    body { margin: 0; background: #14161a; color: #e8e6e3; font-family: Georgia, serif; }
    a { color: #8fc1ff; }
    header, footer { padding: 1rem; background: #0b0c0e; }
  </style>
</head>
<body>
  <header><a href="/">Dark Host</a></header>
  <main>{% block content %}{% endblock %}</main>
  <footer>Dark Host</footer>
</body>
</html>
"""


# ... or the blocks `wagtail start` makes: extra_css and extra_js.
DARK_WAGTAIL_START = DARK_BASE.replace("</head>", "{% block extra_css %}{% endblock %}</head>").replace(
    "</body>", "{% block extra_js %}{% endblock %}</body>"
)


@pytest.fixture(params=["without-blocks"])
def dark_host(request, settings, templates_dir):
    base = {"without-blocks": DARK_BASE, "wagtail-start": DARK_WAGTAIL_START}[request.param]
    (templates_dir / "base.html").write_text(base)
    # Earlier tests of the same worker sent proposals from this address: a fresh rate limit, so
    # that the empty form is answered with its errors rather than with the limit's notice.
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA": False, "PROPOSAL_RATE_LIMIT": 1000}
    for cache in caches.all():
        cache.clear()
    return request.param


@pytest.fixture
def programme(live_server, dark_host):
    event = make_event(title="Barcamp im Dunkeln", day=DAY, teaser="Ein Barcamp auf einer fremden Website.")
    plenum, workshop = make_room(event, "Plenum", sort_order=0), make_room(event, "Werkstatt", sort_order=1)
    first = make_slot(event, "10:00", "10:45", day=DAY)
    make_slot(event, "10:45", "11:00", day=DAY, kind="break", label="Kaffee")
    second = make_slot(event, "11:00", "11:45", day=DAY)
    make_session(event, "Offene Daten", room=plenum, time_slot=first, hosts="Ada Lovelace", topics=["Open Data"])
    make_session(event, "Sketchnotes", room=workshop, time_slot=first, hosts="Grace Hopper")
    make_session(event, "Barrierefreiheit", room=plenum, time_slot=second, topics=["Web"])
    return {"event": event, "schedule": make_schedule_page(event), "proposal": make_proposal_page(event)}


def contrast_violations(page):
    return [violation for violation in axe_violations(page) if violation[0] == "color-contrast"]


@pytest.mark.parametrize("dark_host", ["without-blocks", "wagtail-start"], indirect=True)
def test_the_schedule_in_a_dark_host_shows_the_grid_alone_with_readable_contrast(
    live_server, programme, new_page, shots, dark_host
):
    page = new_page(viewport=DESKTOP)
    # During the first round: the "now" badge and the current slot's outline show.
    page.clock.install(time=timezone.make_aware(datetime.datetime.combine(DAY, datetime.time(10, 10))))
    page.goto(live_server.url + programme["schedule"].url)
    page.locator(".barcamp-schedule__grid .barcamp-favourite").first.click()
    assert page.locator(".barcamp-schedule__grid .barcamp-favourite").first.get_attribute("aria-pressed") == "true"

    assert page.locator(".barcamp-schedule__grid").is_visible()
    assert not page.locator(".barcamp-schedule__list").is_visible()
    time_column = page.locator(".barcamp-schedule-table tbody th").first
    assert time_column.evaluate("cell => getComputedStyle(cell).color") == "rgb(232, 230, 227)"
    shots(page, "dark-grid")
    assert not contrast_violations(page), json.dumps(contrast_violations(page), indent=2)


def test_the_schedule_in_a_dark_host_shows_the_list_alone_on_a_phone(live_server, programme, new_page, shots):
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + programme["schedule"].url)

    assert page.locator(".barcamp-schedule__list").first.is_visible()
    assert not page.locator(".barcamp-schedule__grid").first.is_visible()
    shots(page, "dark-list")
    assert not contrast_violations(page), json.dumps(contrast_violations(page), indent=2)


@pytest.mark.parametrize("dark_host", ["wagtail-start"], indirect=True)
def test_the_event_page_and_a_form_with_errors_read_well_in_a_dark_host(live_server, programme, new_page, shots):
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + programme["event"].url)
    shots(page, "dark-event")
    violations = contrast_violations(page)

    page.goto(live_server.url + programme["proposal"].url)
    with page.expect_navigation():
        page.locator("form.barcamp-form button[type=submit]").click()
    page.locator(".barcamp-field--error").first.wait_for()
    assert page.locator(".barcamp-field--error").count() >= 3
    shots(page, "dark-form-errors")
    violations += contrast_violations(page)

    assert not violations, json.dumps(violations, indent=2)


@pytest.mark.parametrize("brand", [{"--barcamp-accent": "#ffd166", "--barcamp-on-accent": "#14161a"}])
def test_brand_colours_set_by_the_host_reach_the_now_badge(live_server, programme, new_page, brand):
    page = new_page(viewport=DESKTOP)
    page.clock.install(time=timezone.make_aware(datetime.datetime.combine(DAY, datetime.time(10, 10))))
    page.goto(live_server.url + programme["schedule"].url)
    page.add_style_tag(content=":root {" + "".join(f"{name}: {value};" for name, value in brand.items()) + "}")

    badge = page.locator(".barcamp-now:visible").first
    colours = badge.evaluate("badge => [getComputedStyle(badge).backgroundColor, getComputedStyle(badge).color]")
    assert colours == ["rgb(255, 209, 102)", "rgb(20, 22, 26)"]
    assert not contrast_violations(page)

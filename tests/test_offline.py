"""The offline schedule's web app manifest and service worker, as browsers fetch them."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import caches

from .factories import make_event, make_room, make_session, make_slot
from .schedule_helpers import make_schedule_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule():
    event = make_event(title="Barcamp Südwestfalen")
    room = make_room(event, "Werkstatt")
    make_session(event, "Kreislaufwirtschaft", room=room, time_slot=make_slot(event, "11:00", "11:40"))
    # No grid of an earlier test's page may answer for this one.
    caches["default"].clear()
    return make_schedule_page(event)


def worker_url(page):
    return page.url + page.reverse_subpage("offline_service_worker")


def manifest_url(page):
    return page.url + page.reverse_subpage("offline_manifest")


def test_the_schedule_page_links_its_worker_and_manifest_below_its_own_url(client, schedule):
    html = client.get(schedule.url).content.decode()

    assert f'data-offline-worker="{worker_url(schedule)}"' in html
    assert f'data-offline-manifest="{manifest_url(schedule)}"' in html
    assert f'data-offline-scope="{schedule.url}"' in html
    assert worker_url(schedule).startswith(schedule.url)
    assert "barcamp_wagtail/js/offline.js" in html


def test_the_service_worker_is_javascript_allowed_to_control_the_schedule_page(client, schedule):
    response = client.get(worker_url(schedule))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    # Its own URL lies one level below the page: the header widens the scope to the page.
    assert response["Service-Worker-Allowed"] == schedule.url
    assert response["Cache-Control"] == "no-cache"
    config = json.loads(re.search(r"^const CONFIG = (.*);$", response.content.decode(), re.M).group(1))
    assert config["scope"] == schedule.url
    assert config["cache"] == f"barcamp-wagtail-offline-{schedule.pk}"
    assert config["networkTimeout"] == 4000
    assert "/static/barcamp_wagtail/css/schedule.css" in config["assets"]
    assert all(url.startswith("/static/") for url in config["assets"])


def test_the_service_worker_changes_with_the_files_it_keeps(client, schedule, settings):
    before = client.get(worker_url(schedule)).content
    settings.STATIC_URL = "/assets/"

    after = client.get(worker_url(schedule)).content

    assert before != after
    assert b"/assets/barcamp_wagtail/js/schedule.js" in after


def test_the_manifest_makes_the_schedule_page_an_installable_app(client, schedule):
    response = client.get(manifest_url(schedule))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == manifest["scope"] == manifest["id"] == schedule.url
    assert manifest["name"] == "Programme – Barcamp Südwestfalen"
    assert manifest["short_name"] == "Barcamp Südwestfalen"
    assert manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_the_manifest_speaks_the_visitors_language(client, schedule):
    manifest = json.loads(client.get(manifest_url(schedule), HTTP_ACCEPT_LANGUAGE="de").content)

    assert manifest["lang"] == "de"
    assert manifest["description"] == "Das Programm von Barcamp Südwestfalen, auch ohne Verbindung."


def test_a_site_can_turn_the_offline_schedule_off(client, schedule, settings):
    settings.BARCAMP_WAGTAIL = {"SCHEDULE_OFFLINE": False}

    html = client.get(schedule.url).content.decode()

    assert "data-offline-worker" not in html
    assert "offline.js" not in html
    assert client.get(worker_url(schedule)).status_code == 404
    assert client.get(manifest_url(schedule)).status_code == 404


def test_the_page_is_private_for_signed_in_users_so_the_worker_keeps_only_the_public_page(
    client, schedule, django_user_model
):
    assert "private" not in client.get(schedule.url).get("Cache-Control", "")

    client.force_login(django_user_model.objects.create_user("editor", password="x"))  # noqa: S106

    assert "private" in client.get(schedule.url)["Cache-Control"]


def test_the_offline_note_tells_the_time_the_copy_was_made_in_the_sites_time_zone(client, schedule, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    html = client.get(schedule.url, HTTP_ACCEPT_LANGUAGE="de").content.decode()

    note = re.search(r'<p class="barcamp-notice barcamp-offline-note"[^>]*>', html).group(0)
    generated = re.search(r'data-generated="([^"]+)"', note).group(1)
    assert generated.endswith(("+01:00", "+02:00"))
    time = generated[11:16]
    assert f'data-label-today="Keine Verbindung: Das ist das Programm mit Stand von {time} Uhr."' in note
    assert " hidden>" in note


def test_the_phone_list_names_each_sessions_room_for_the_favourites_calendar(client, schedule):
    html = client.get(schedule.url).content.decode()

    assert '<li data-room="Werkstatt"><span class="barcamp-schedule__room">' in html

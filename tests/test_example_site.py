import contextlib
import os

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page, ReferenceIndex
from wagtail.search.models import IndexEntry

from barcamp_wagtail.models import EventPage, Room, SessionPage, TimeSlot
from example_site.home.management.commands import load_demo as load_demo_command
from example_site.home.models import HomePage

from .demo_helpers import next_edition, past_edition

pytestmark = pytest.mark.django_db


def counts():
    return {model.__name__: model.objects.count() for model in (HomePage, EventPage, Room, TimeSlot, SessionPage)} | {
        "revisions": sum(s.revisions.count() for s in SessionPage.objects.all())
    }


def test_demo_content_loads_once_and_a_second_run_changes_nothing():
    call_command("load_demo", "--no-admin", verbosity=0)
    first = counts()
    call_command("load_demo", "--no-admin", verbosity=0)

    assert counts() == first
    assert first["EventPage"] == 2
    assert first["SessionPage"] == 30
    assert first["Room"] >= 3
    assert TimeSlot.objects.filter(kind="session").count() >= 2


def named(content_type_id, object_id):
    """An indexed object by what it is, not by its id (ids differ between two loads on PostgreSQL)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    instance = model.objects.get(pk=object_id)
    return model.__name__, getattr(instance, "url_path", None) or str(instance)


def index_rows():
    """Wagtail's search index and reference index as they stand, each object named."""
    search = [
        (named(content_type, object_id), *texts)
        for content_type, object_id, *texts in IndexEntry.objects.values_list(
            "content_type_id", "object_id", "title", "autocomplete", "body"
        )
    ]
    references = [
        (named(content_type, object_id), named(to_content_type, to_object_id), model_path)
        for content_type, object_id, to_content_type, to_object_id, model_path in ReferenceIndex.objects.values_list(
            "content_type_id", "object_id", "to_content_type_id", "to_object_id", "model_path"
        )
    ]
    return sorted(search, key=repr), sorted(references, key=repr)


class RolledBack(Exception):
    pass


def indexes_after_load_demo(capture_on_commit):
    """The indexes after ``load_demo`` and its commit; then all of it is rolled back."""
    try:
        with transaction.atomic():
            with capture_on_commit(execute=True):
                call_command("load_demo", "--no-admin", verbosity=0)
            rows = index_rows()
            found = [page.title for page in Page.objects.live().search("Potenzialanalyse")]
            below_root = Page.objects.filter(depth__gt=1)  # Wagtail 7.0 indexes the root, 7.4 does not
            pages = {named(content_type, pk) for pk, content_type in below_root.values_list("pk", "content_type_id")}
            raise RolledBack
    except RolledBack:
        return rows, found, pages


def test_the_demos_search_and_reference_indexes_are_those_of_wagtails_update_after_every_save(
    django_capture_on_commit_callbacks, monkeypatch
):
    # load_demo updates each object's index entries once, at the end (demo_indexing.py) ...
    rows, found, pages = indexes_after_load_demo(django_capture_on_commit_callbacks)
    # ... and Wagtail, without it, after every save.
    monkeypatch.setattr(load_demo_command, "indexed_once", contextlib.nullcontext)
    assert indexes_after_load_demo(django_capture_on_commit_callbacks)[0] == rows

    assert pages <= {name for name, *_ in rows[0]}  # every page
    assert len(rows[1]) > 40
    assert "Potenzialanalyse Dortmund-Südwestfalen: erste Ergebnisse" in found


def test_demo_sessions_cover_the_seed_topics():
    call_command("load_demo", "--no-admin", verbosity=0)

    topics = {tag.name for session in SessionPage.objects.all() for tag in session.topics.all()}

    assert {"Digitalisierung", "Nachhaltigkeit", "Persönliche Entwicklung"} <= topics


def test_demo_creates_the_admin_login_it_prints(capsys, django_user_model):
    call_command("load_demo")

    assert "admin / barcamp" in capsys.readouterr().out
    assert django_user_model.objects.get(username="admin").is_superuser


def test_example_site_serves_home_event_and_session(client):
    call_command("load_demo", "--no-admin", verbosity=0)
    event = past_edition()
    session = SessionPage.objects.first()

    home = client.get("/")
    event_page = client.get(event.url)
    session_page = client.get(session.url)

    assert home.status_code == event_page.status_code == session_page.status_code == 200
    assert "Barcamp Südwestfalen + Ruhrgebiet" in home.content.decode()
    assert session.title in event_page.content.decode()
    assert "WELTENRAUM" in event_page.content.decode()


def test_each_edition_has_one_schedule_page_and_the_past_one_shows_the_programme(client):
    from barcamp_wagtail.models import SchedulePage

    call_command("load_demo", "--no-admin", verbosity=0)
    call_command("load_demo", "--no-admin", verbosity=0)
    page = SchedulePage.objects.child_of(past_edition()).get()
    html = client.get(page.url).content.decode()

    assert SchedulePage.objects.count() == 2
    assert SchedulePage.objects.child_of(next_edition()).count() == 1
    assert "Runde 1" in html
    assert SessionPage.objects.first().title in html


# Two editions, dated relative to the day the demo is loaded


def test_the_demo_shows_one_edition_that_is_over_and_one_to_come_whatever_the_day():
    import datetime

    import time_machine
    from django.utils import timezone

    from barcamp_wagtail.models import PressReleasePage, ProposalPage

    for today in (datetime.date(2027, 3, 3), datetime.date(2031, 8, 20)):
        with time_machine.travel(datetime.datetime.combine(today, datetime.time(12), tzinfo=datetime.UTC)):
            call_command("load_demo", "--no-admin", verbosity=0)
            past, upcoming = past_edition(), next_edition()
            release = PressReleasePage.objects.live().get()
            proposals = ProposalPage.objects.get()

            assert past.end < timezone.now() < upcoming.start
            assert release.dateline_date <= timezone.localdate()
            assert proposals.is_open() and proposals.votes_are_open()
            assert "Dortmund" in upcoming.venue_address
            assert timezone.localtime(upcoming.start).weekday() == timezone.localtime(past.start).weekday() == 4
        EventPage.objects.all().delete()  # the next day, someone loads a fresh demo
        PressReleasePage.objects.all().delete()


def test_the_demo_proposals_private_edit_links_work(client):
    from barcamp_wagtail.models import ProposalPage, SessionProposal

    call_command("load_demo", "--no-admin", verbosity=0)
    page = ProposalPage.objects.get()
    proposal = SessionProposal.objects.get(nonce="demo-proposal-1")

    response = client.get(page.url + page.reverse_subpage("edit", args=[proposal.edit_token()]))

    assert response.status_code == 200
    assert proposal.title in response.content.decode()


def test_the_past_edition_keeps_its_documentation_and_thanks_its_sponsors_with_sponsored_links(client):
    from bs4 import BeautifulSoup

    call_command("load_demo", "--no-admin", verbosity=0)
    past = past_edition()
    documented = SessionPage.objects.child_of(past).exclude(notes="")

    html = BeautifulSoup(client.get(past.url).content, "html.parser")
    links = html.select(".barcamp-sponsor-wall a")

    assert documented.count() >= 3
    assert "Dortmund" in client.get(documented.get(title__startswith="Was nehmen wir mit").url).content.decode()
    assert "Sponsoren der ersten Auflage" in html.get_text()
    assert len(links) == 2 and all("sponsored" in link["rel"] and link["href"].startswith("https://") for link in links)


def test_the_demo_logo_font_draws_every_letter_of_the_sponsors_names():
    from fontTools.ttLib import TTFont

    from example_site.home.demo_press import LOGO_FONT, SPONSORS

    characters = TTFont(LOGO_FONT).getBestCmap()

    for name, *_rest in SPONSORS:
        assert all(ord(letter) in characters for letter in name), name


def test_a_visitor_finds_the_press_releases_the_series_and_the_next_edition_from_home_and_event(client):
    from bs4 import BeautifulSoup

    from barcamp_wagtail.models import EventSeriesPage, PressIndexPage, PressReleasePage, ProposalPage

    call_command("load_demo", "--no-admin", verbosity=0)
    press, upcoming, series = PressIndexPage.objects.get(), next_edition(), EventSeriesPage.objects.get()

    for url in ("/", past_edition().url, upcoming.url):
        nav = BeautifulSoup(client.get(url).content, "html.parser").find("nav", class_="site-nav")
        assert {link["href"] for link in nav.find_all("a")} >= {"/", press.url, series.url}, url
    # The series lists the next edition first; the past edition's banner leads to it, too.
    series_page = BeautifulSoup(client.get(series.url).content, "html.parser")
    assert series_page.select(".barcamp-series__upcoming h3 a")[0]["href"] == upcoming.url
    past_page = BeautifulSoup(client.get(past_edition().url).content, "html.parser")
    assert past_page.select_one(".barcamp-next-edition a")["href"] == upcoming.url
    home = BeautifulSoup(client.get("/").content, "html.parser")
    release = BeautifulSoup(client.get(PressReleasePage.objects.live().get().url).content, "html.parser")
    event = client.get(upcoming.url).content.decode()

    assert home.find("nav", class_="site-nav").find("a", attrs={"aria-current": "page"})["href"] == "/"
    assert [link["href"] for link in home.select("#home-upcoming ~ ul a")][0] == upcoming.url
    assert release.find("a", href=upcoming.url) is not None  # the outlook links to the next edition
    assert ProposalPage.objects.get().url in event


@pytest.mark.skipif(bool(os.environ.get("EXAMPLE_SITE_POSTGRES")), reason="the example site runs on PostgreSQL")
def test_the_example_sites_sqlite_connections_use_wal_normal_sync_and_immediate_transactions(tmp_path):
    """What docs/deployment.md tells a site on SQLite to copy: concurrent writes are kept (WAL,
    immediate transactions, a lock timeout) and commits do not wait for the disk (synchronous=NORMAL)."""
    from django.db.utils import ConnectionHandler

    from example_site.settings import DATABASES

    connection = ConnectionHandler({"default": {**DATABASES["default"], "NAME": str(tmp_path / "site.sqlite3")}})[
        "default"
    ]
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            journal_mode = cursor.fetchone()[0]
            cursor.execute("PRAGMA synchronous")
            synchronous = cursor.fetchone()[0]
        assert (journal_mode, synchronous) == ("wal", 1)  # 1 is NORMAL, 2 FULL
        assert connection.transaction_mode == "IMMEDIATE"
        assert connection.get_connection_params()["timeout"] == 20
    finally:
        connection.close()

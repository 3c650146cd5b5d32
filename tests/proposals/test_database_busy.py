"""A database that cannot take a write: another connection holds a write lock (SQLite past its
busy timeout, PostgreSQL past its lock_timeout). The public forms answer 503 with Retry-After
and the visitor's text; nothing is lost, and cached exports are still served."""

import contextlib
import sqlite3
import threading

import psycopg
import pytest
from django.core.cache import cache
from django.db import connection

from barcamp_wagtail.models import InterestSignup, SessionProposal
from tests.factories import make_room, make_session, make_slot
from tests.interest.conftest import Visitor as SignupVisitor
from tests.interest.conftest import add_signup_block

from .conftest import Visitor, make_proposal

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BUSY = "The site is very busy right now"


@contextlib.contextmanager
def write_locked(*tables):
    """Hold a write lock from another connection (in another thread) until the block ends; make
    this connection give up after a second instead of the configured timeout."""
    settings = connection.settings_dict
    held, release = threading.Event(), threading.Event()
    errors = []

    def hold():
        try:
            if connection.vendor == "sqlite":
                other = sqlite3.connect(settings["NAME"], timeout=5)
                other.execute("BEGIN IMMEDIATE")
            else:
                other = psycopg.connect(
                    dbname=settings["NAME"],
                    user=settings["USER"],
                    password=settings["PASSWORD"],
                    host=settings["HOST"],
                    port=settings["PORT"],
                )
                for table in tables:
                    other.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
            held.set()
            release.wait(30)
            other.rollback()
            other.close()
        except Exception as error:  # noqa: BLE001  (reported to the test below)
            errors.append(error)
            held.set()

    if connection.vendor == "sqlite":
        options = settings["OPTIONS"]
        timeout = options.get("timeout")
        options["timeout"] = 1
        connection.close()
    else:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '1s'")
    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(10)
    assert not errors, errors
    try:
        yield
    finally:
        release.set()
        thread.join(10)
        if connection.vendor == "sqlite":
            options["timeout"] = timeout
            connection.close()
        else:
            with connection.cursor() as cursor:
                cursor.execute("RESET lock_timeout")


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_locked_database_answers_503_with_the_typed_proposal_and_nothing_is_lost(proposal_page):
    visitor = Visitor()
    visitor.open(proposal_page)

    with write_locked("barcamp_wagtail_sessionproposal"):
        response = visitor.send(proposal_page, {"title": "Trotz Stau"}, reopen=False)

    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert BUSY in html
    assert "Trotz Stau" in html and "ada@example.org" in html and "Welche Daten Städte" in html
    assert not SessionProposal.objects.exists()

    # Sent again as it came back, the form is stored once, without repeating the spam check.
    again = visitor.client.post(proposal_page.url, form_data(html))
    assert again.status_code == 303
    assert SessionProposal.objects.get().title == "Trotz Stau"


def form_data(html):
    """The fields of the form as the browser would send them."""
    import re
    from html import unescape

    data = {}
    for tag in re.findall(r"<(?:input|textarea|select)\b[^>]*>(?:[^<]*</textarea>)?", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name:
            continue
        if tag.startswith("<textarea"):
            data[name.group(1)] = unescape(re.search(r">([^<]*)</textarea>", tag).group(1)).lstrip("\n")
        elif 'type="checkbox"' in tag:
            if " checked" in tag:
                data[name.group(1)] = "on"
        else:
            value = re.search(r'value="([^"]*)"', tag)
            data[name.group(1)] = unescape(value.group(1)) if value else ""
    data["format"] = "talk"
    return data


def test_the_private_link_answers_503_when_the_database_is_locked(proposal_page, event, client):
    proposal = make_proposal(event)
    url = proposal_page.url + proposal_page.reverse_subpage("edit", args=[proposal.edit_token()])

    with write_locked("barcamp_wagtail_sessionproposal"):
        response = client.post(url, {"action": "save", "title": "Neuer Titel", "abstract": "x", "format": "talk"})

    assert response.status_code == 503
    assert "Neuer Titel" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "A proposed session"


def test_the_next_edition_sign_up_answers_503_with_the_typed_address(event):
    add_signup_block(event)
    visitor = SignupVisitor()
    visitor.open(event.url)

    with write_locked("barcamp_wagtail_interestsignup"):
        response = visitor.send(event, {"email": "spaeter@example.org"}, reopen=False)

    assert response.status_code == 503
    assert "spaeter@example.org" in response.content.decode()
    assert not InterestSignup.objects.exists()


def test_a_cached_export_is_still_served_while_the_database_is_write_locked(event, client, settings):
    settings.LANGUAGES = [("en", "English")]
    room, slot = make_room(event), make_slot(event)
    make_session(event, "Im Cache", room=room, time_slot=slot)
    calendar = event.url + "exports/ical/"
    pdf = event.url + "exports/pdf-grid-a4/"
    warm = client.get(calendar), client.get(pdf)
    assert [response.status_code for response in warm] == [200, 200]

    with write_locked("barcamp_wagtail_sessionproposal", "wagtailcore_page"):
        served = client.get(calendar), client.get(pdf)

    assert [response.status_code for response in served] == [200, 200]
    assert b"Im Cache" in served[0].content
    assert served[1].content.startswith(b"%PDF")

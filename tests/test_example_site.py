import pytest
from django.core.management import call_command

from barcamp_wagtail.models import EventPage, Room, SessionPage, TimeSlot
from example_site.home.models import HomePage

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
    assert first["SessionPage"] == 30
    assert first["Room"] >= 3
    assert TimeSlot.objects.filter(kind="session").count() >= 2


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
    event = EventPage.objects.get()
    session = SessionPage.objects.first()

    home = client.get("/")
    event_page = client.get(event.url)
    session_page = client.get(session.url)

    assert home.status_code == event_page.status_code == session_page.status_code == 200
    assert "Barcamp Südwestfalen + Ruhrgebiet" in home.content.decode()
    assert session.title in event_page.content.decode()
    assert "WELTENRAUM" in event_page.content.decode()


def test_demo_has_one_schedule_page_that_shows_the_programme(client):
    from barcamp_wagtail.models import SchedulePage

    call_command("load_demo", "--no-admin", verbosity=0)
    call_command("load_demo", "--no-admin", verbosity=0)
    page = SchedulePage.objects.get()
    html = client.get(page.url).content.decode()

    assert page.get_parent().specific == EventPage.objects.get()
    assert "Runde 1" in html
    assert SessionPage.objects.first().title in html

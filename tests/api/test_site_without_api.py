"""A host site that does not serve the API still runs the app: the models' ``api_fields`` need
neither ``wagtail.api.v2`` nor ``rest_framework`` in ``INSTALLED_APPS``.

In a subprocess with its own settings and an in-memory database (migrated there, then visited in
the same process): changing INSTALLED_APPS in-process would re-run every app's ready().
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.own_site

VISIT = """
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment
from tests.factories import make_event, make_room, make_session, make_slot
from tests.schedule_helpers import make_schedule_page

call_command("migrate", verbosity=0)
setup_test_environment()
event = make_event(title="Ohne API")
room, slot = make_room(event, "Werkstatt"), make_slot(event, "11:00", "11:40")
session = make_session(event, "Kreislaufwirtschaft", room=room, time_slot=slot, topics=["Nachhaltigkeit"])
schedule = make_schedule_page(event)
client = Client()
for url in (event.url, session.url, schedule.url, event.export_url("ical"), "/api/v2/pages/"):
    print(url, client.get(url).status_code)
"""


def run(*args):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("BARCAMP_", "DJANGO_"))}
    env |= {"DJANGO_SETTINGS_MODULE": "tests.settings_without_api", "BARCAMP_TEST_SQLITE": ":memory:"}
    result = subprocess.run(  # noqa: S603  (our own command line)
        [sys.executable, "-m", "django", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_site_without_the_api_apps_checks_migrates_and_serves_every_page():
    run("check")
    output = run("shell", "-c", VISIT).splitlines()
    statuses = dict(line.rsplit(" ", 1) for line in output if line.startswith("/"))

    assert statuses.pop("/api/v2/pages/") == "404"
    assert set(statuses.values()) == {"200"}, statuses
    assert len(statuses) == 4

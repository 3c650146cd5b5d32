import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import Tags, run_checks


def ids(messages):
    return {message.id for message in messages}


def test_a_correct_configuration_passes():
    assert not [m for m in run_checks(tags=[Tags.compatibility]) if m.id.startswith("barcamp_wagtail")]


@pytest.mark.own_site
def test_a_missing_required_app_is_reported():
    # A subprocess: changing INSTALLED_APPS in-process re-runs every app's ready().
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings_without_snippets"},
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    assert "barcamp_wagtail.E001" in result.stderr
    assert "'wagtail.snippets'" in result.stderr


def test_settings_that_are_not_a_dict_are_reported(settings):
    settings.BARCAMP_WAGTAIL = ["oops"]

    assert "barcamp_wagtail.E002" in ids(run_checks(tags=[Tags.compatibility]))


def test_an_unknown_setting_is_reported(settings):
    settings.BARCAMP_WAGTAIL = {"SESION_LANGUAGES": []}

    assert "barcamp_wagtail.W001" in ids(run_checks(tags=[Tags.compatibility]))


def test_malformed_session_languages_are_reported(settings):
    settings.BARCAMP_WAGTAIL = {"SESSION_LANGUAGES": ["de", "en"]}

    assert "barcamp_wagtail.E003" in ids(run_checks(tags=[Tags.compatibility]))

"""What a host site meets when it adds the app: commands that run, and checks that explain.

Management commands run in a subprocess with their own settings: changing INSTALLED_APPS
in-process would re-run every app's ready().
"""

import copy
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks

ROOT = Path(__file__).resolve().parent.parent


def manage(tmp_path, *args, recaptcha=True, recaptcha_first=False):
    # Nothing of this process's test set-up (the browser tests allow async-unsafe calls).
    env = {key: value for key, value in os.environ.items() if not key.startswith(("BARCAMP_", "DJANGO_"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "tests.settings_host_without_keys",
        "BARCAMP_TEST_SQLITE": str(tmp_path / "host.sqlite3"),
        "BARCAMP_TEST_RECAPTCHA": "1" if recaptcha else "0",
        "BARCAMP_TEST_RECAPTCHA_FIRST": "1" if recaptcha_first else "0",
    }
    return subprocess.run(  # noqa: S603  (our own command line)
        [sys.executable, "-m", "django", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=180
    )


@pytest.mark.own_site
@pytest.mark.parametrize(
    ("recaptcha", "recaptcha_first"),
    [(False, False), (True, False), (True, True)],
    ids=["off", "on", "on-listed-first"],
)
def test_migrate_runs_on_a_host_without_recaptcha_keys(tmp_path, recaptcha, recaptcha_first):
    result = manage(tmp_path, "migrate", "--plan", recaptcha=recaptcha, recaptcha_first=recaptcha_first)

    assert result.returncode == 0, result.stderr
    # Said as a warning while the forms use reCAPTCHA; not a word about it when they do not.
    assert ("django_recaptcha.recaptcha_test_key_error" in result.stderr) == recaptcha


@pytest.mark.own_site
def test_check_deploy_refuses_the_test_keys_while_the_forms_use_recaptcha(tmp_path):
    result = manage(tmp_path, "check", "--deploy")

    assert result.returncode == 1
    assert "barcamp_wagtail.E030" in result.stderr


@pytest.mark.own_site
def test_check_deploy_accepts_missing_keys_when_recaptcha_is_off(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "ERROR", recaptcha=False)

    assert result.returncode == 0, result.stderr
    assert "barcamp_wagtail.E030" not in result.stderr


def ids(messages):
    return {message.id for message in messages}


def test_a_host_base_with_only_extra_css_gets_the_head_and_no_warning(templates_dir):
    # What `wagtail start` makes: extra_css and extra_js, no extra_head.
    (templates_dir / "base.html").write_text(
        "<html><head>{% block extra_css %}{% endblock %}</head>"
        "<body>{% block content %}{% endblock %}{% block extra_js %}{% endblock %}</body></html>"
    )

    assert not {"barcamp_wagtail.W502", "barcamp_wagtail.W503"} & ids(run_checks())


def test_a_host_base_without_a_content_block_is_reported(templates_dir):
    (templates_dir / "base.html").write_text(
        "<html><head>{% block extra_head %}{% endblock %}</head><body>{% block main %}{% endblock %}</body></html>"
    )

    messages = {message.id: message for message in run_checks()}
    assert "barcamp_wagtail.W503" in messages
    assert "content" in messages["barcamp_wagtail.W503"].msg


def test_a_site_without_a_base_template_is_reported(settings, tmp_path):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path]
    settings.TEMPLATES = templates

    assert "barcamp_wagtail.W504" in ids(run_checks())


def test_a_host_base_that_extends_a_layout_is_read_through_the_chain(templates_dir):
    (templates_dir / "layout.html").write_text(
        "<html><head>{% block extra_head %}{% endblock %}</head><body>{% block content %}{% endblock %}</body></html>"
    )
    (templates_dir / "base.html").write_text('{% extends "layout.html" %}{% block title %}Site{% endblock %}')

    assert not {"barcamp_wagtail.W502", "barcamp_wagtail.W503", "barcamp_wagtail.W504"} & ids(run_checks())

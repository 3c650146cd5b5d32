from unittest import mock

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

# Some checks of newer Django and Wagtail versions read the database.
pytestmark = pytest.mark.django_db

REAL_KEYS = {"RECAPTCHA_PUBLIC_KEY": "6Lc-real-public-key", "RECAPTCHA_PRIVATE_KEY": "6Lc-real-private-key"}


def ids(messages):
    return {message.id for message in messages}


def test_check_deploy_fails_with_googles_test_keys():
    with pytest.raises(SystemCheckError, match="barcamp_wagtail.E030"):
        call_command("check", "--deploy", verbosity=0)


def test_check_deploy_accepts_real_keys(settings):
    for name, value in REAL_KEYS.items():
        setattr(settings, name, value)

    assert "barcamp_wagtail.E030" not in ids(run_checks(include_deployment_checks=True))


def test_check_deploy_accepts_test_keys_when_recaptcha_is_off(settings):
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA": False}

    assert "barcamp_wagtail.E030" not in ids(run_checks(include_deployment_checks=True))


def test_missing_keys_count_as_test_keys(settings):
    del settings.RECAPTCHA_PUBLIC_KEY
    del settings.RECAPTCHA_PRIVATE_KEY

    assert "barcamp_wagtail.E030" in ids(run_checks(include_deployment_checks=True))


def test_the_test_keys_do_not_fail_ordinary_checks():
    assert "barcamp_wagtail.E030" not in ids(run_checks())


def test_a_long_recaptcha_timeout_is_reported(settings):
    settings.RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 10

    assert "barcamp_wagtail.W030" in ids(run_checks())


def test_a_wrong_recaptcha_version_is_reported(settings):
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA_VERSION": "v3"}

    assert "barcamp_wagtail.E031" in ids(run_checks())


def test_a_client_address_header_must_be_a_meta_key(settings):
    settings.BARCAMP_WAGTAIL = {"CLIENT_ADDRESS_HEADER": "X-Forwarded-For"}

    assert "barcamp_wagtail.E032" in ids(run_checks())


@pytest.mark.parametrize("app", ["wagtail_modeladmin", "django_recaptcha"])
def test_the_proposal_apps_are_required(app):
    from barcamp_wagtail.checks import check_required_apps

    # Patched rather than removed from INSTALLED_APPS: reloading the URLconf without an app
    # fails on Wagtail 8 for reasons unrelated to this check.
    with mock.patch("barcamp_wagtail.checks.apps.is_installed", side_effect=lambda name: name != app):
        messages = check_required_apps(None)

    assert [message.id for message in messages] == ["barcamp_wagtail.E001"]
    assert app in messages[0].msg

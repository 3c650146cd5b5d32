import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

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


def test_modeladmin_is_a_required_app(settings):
    settings.INSTALLED_APPS = [app for app in settings.INSTALLED_APPS if app != "wagtail_modeladmin"]

    assert "barcamp_wagtail.E001" in ids(run_checks())

import pytest
from django.core.checks import run_checks

pytestmark = pytest.mark.django_db


def ids(messages):
    return {message.id for message in messages}


@pytest.mark.parametrize(
    "value", [0, -1, "7", 1.5, True, None], ids=["zero", "negative", "text", "fraction", "bool", "none"]
)
@pytest.mark.parametrize("name", ["INTEREST_CONFIRM_DAYS", "INTEREST_RESEND_MINUTES"])
def test_a_bad_interest_setting_is_reported(settings, name, value):
    settings.BARCAMP_WAGTAIL = {name: value}

    assert "barcamp_wagtail.E040" in ids(run_checks())


def test_the_default_interest_settings_pass(settings):
    settings.BARCAMP_WAGTAIL = {"INTEREST_CONFIRM_DAYS": 14, "INTEREST_RESEND_MINUTES": 5}

    assert "barcamp_wagtail.E040" not in ids(run_checks())

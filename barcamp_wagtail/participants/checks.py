"""System checks of the participants' settings (imported by ``barcamp_wagtail.checks``)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from ..conf import DEFAULTS, get_setting

WHOLE_NUMBERS = [
    "PARTICIPANT_CONFIRM_DAYS",
    "PARTICIPANT_OFFER_HOURS",
    "PARTICIPANT_RETENTION_DAYS",
    "DIRECTORY_OPEN_DAYS",
    "CONTACT_RATE_LIMIT",
    "CONTACT_RATE_WINDOW",
    "BULK_MAIL_LIMIT",
    "BULK_MAIL_WINDOW",
    "CHECKIN_POLL_SECONDS",
]


@register(Tags.compatibility)
def check_participant_settings(app_configs, **kwargs):
    if not isinstance(getattr(settings, "BARCAMP_WAGTAIL", {}), dict):
        return []
    return [
        Error(
            f"BARCAMP_WAGTAIL['{name}'] must be a whole number of at least 1.",
            hint=f"The default is {DEFAULTS[name]}. See docs/participants.md.",
            id="barcamp_wagtail.E060",
        )
        for name in WHOLE_NUMBERS
        if isinstance(get_setting(name), bool) or not isinstance(get_setting(name), int) or get_setting(name) < 1
    ]

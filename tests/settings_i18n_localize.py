"""``settings_i18n`` with wagtail-localize: translations are made through its own code path."""

from tests.settings_i18n import *  # noqa: F403
from tests.settings_i18n import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "wagtail_localize", "wagtail_localize.locales"]

"""Test settings of a host that does not serve Wagtail's API: neither ``wagtail.api.v2`` nor
``rest_framework`` installed (the example site then has no /api/v2/ URLs)."""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in {"wagtail.api.v2", "rest_framework"}]

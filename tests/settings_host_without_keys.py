"""Test settings of a host that added the app before it had reCAPTCHA keys of its own.

BARCAMP_TEST_RECAPTCHA=0 switches the app's reCAPTCHA off; BARCAMP_TEST_RECAPTCHA_FIRST=1 lists
django_recaptcha before barcamp_wagtail (its ready() then runs first). Used by test_host_checks.py.
"""

import os

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

del RECAPTCHA_PUBLIC_KEY, RECAPTCHA_PRIVATE_KEY  # noqa: F821  (from the star import)
SILENCED_SYSTEM_CHECKS = []
BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA": os.environ.get("BARCAMP_TEST_RECAPTCHA", "1") == "1"}

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "django_recaptcha"]
if os.environ.get("BARCAMP_TEST_RECAPTCHA_FIRST") == "1":
    INSTALLED_APPS.insert(0, "django_recaptcha")
else:
    INSTALLED_APPS.append("django_recaptcha")

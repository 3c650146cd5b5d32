"""Test settings of a site that addresses its visitors with "Sie"."""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = ["barcamp_wagtail.formal_german", *INSTALLED_APPS]

"""Test settings listing the formal German catalogue where it has no effect, for the system check."""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "barcamp_wagtail.formal_german"]

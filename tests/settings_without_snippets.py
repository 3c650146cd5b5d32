"""Test settings missing an app that barcamp_wagtail needs, for the system check."""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "wagtail.snippets"]

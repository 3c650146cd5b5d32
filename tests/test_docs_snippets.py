"""The installation snippets of README.md and docs/integrators.md, pasted into a host's settings.

The host-site job (.ci/jobs/30-host-site) applies every snippet to a site made with
``wagtail start``; these tests keep the quick part of that promise in the normal suite.
"""

from collections import Counter

import pytest

from .host_site.snippets import of_kind, snippets

# INSTALLED_APPS of a site made with `wagtail start`, and of one that has routable pages already.
STOCK_APPS = [
    "home",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
WITH_ROUTABLE_PAGES = [*STOCK_APPS[:3], "wagtail.contrib.routable_page", *STOCK_APPS[3:]]
NEEDED = {"barcamp_wagtail", "wagtail_modeladmin", "django_recaptcha", "wagtail.contrib.routable_page"}
STOCK_MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]


def test_every_snippet_says_where_it_goes():
    assert {snippet.kind for snippet in snippets()} >= {"shell", "settings", "urls", "css", "template"}


def paste_settings(installed_apps):
    settings = {"INSTALLED_APPS": list(installed_apps), "MIDDLEWARE": list(STOCK_MIDDLEWARE)}
    for snippet in of_kind("settings"):
        exec(compile(snippet.text, f"{snippet.document}:{snippet.line}", "exec"), settings)  # noqa: S102
    return settings


@pytest.mark.parametrize("installed_apps", [STOCK_APPS, WITH_ROUTABLE_PAGES], ids=["stock", "routable-pages-already"])
def test_the_pasted_settings_add_each_app_once_and_keep_the_hosts(installed_apps):
    apps = paste_settings(installed_apps)["INSTALLED_APPS"]

    assert not [app for app, count in Counter(apps).items() if count > 1]
    assert NEEDED <= set(apps)
    assert apps[: len(installed_apps)] == installed_apps


def test_the_pasted_settings_put_the_locale_middleware_between_sessions_and_common():
    middleware = paste_settings(STOCK_APPS)["MIDDLEWARE"]

    locale = middleware.index("django.middleware.locale.LocaleMiddleware")
    assert middleware.index("django.contrib.sessions.middleware.SessionMiddleware") < locale
    assert locale < middleware.index("django.middleware.common.CommonMiddleware")

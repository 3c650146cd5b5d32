"""Settings of the floor site: Wagtail's own apps, the example site's middleware and languages."""

import os

from example_site.settings import LANGUAGE_CODE, LANGUAGES, MIDDLEWARE, TIME_ZONE  # noqa: F401

SECRET_KEY = "floor-benchmark-only"  # noqa: S105  (a throwaway site)
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "benchmarks.floor_site.rawhtml",
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
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
ROOT_URLCONF = "benchmarks.floor_site.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["FLOOR_SQLITE"]}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "floor"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
WAGTAIL_SITE_NAME = "floor"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"

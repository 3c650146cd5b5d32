"""Settings of the example site. Not for production: see docs/integrators.md."""

import os
from pathlib import Path

import django

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-site-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "barcamp_wagtail",
    "example_site.home",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail_modeladmin",
    "django_recaptcha",
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

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "example_site.urls"
WSGI_APPLICATION = "example_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

# SQLite keeps every concurrent write only with immediate transactions and WAL. Connections
# are kept (CONN_MAX_AGE) instead of being reopened, with their pragmas run again, per request.
# synchronous=NORMAL: a commit writes the WAL without waiting for the disk (fsync at checkpoints
# only), so writers no longer queue behind each other's fsync; a crash of the app loses nothing,
# a power cut may lose the last commits (docs/deployment.md).
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("EXAMPLE_SITE_DB", str(BASE_DIR / "db.sqlite3")),
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }
}
# EXAMPLE_SITE_POSTGRES=<database name> runs the example site on PostgreSQL (host, user and password
# from PGHOST, PGUSER, PGPASSWORD). A write waiting for a lock gives up after 5 s and any statement
# after 15 s, so that a blocked write answers 503 instead of holding a worker (docs/deployment.md).
if os.environ.get("EXAMPLE_SITE_POSTGRES"):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ["EXAMPLE_SITE_POSTGRES"],
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {"options": "-c lock_timeout=5000 -c statement_timeout=15000"},
        }
    }
    INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.postgres"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

WAGTAIL_SITE_NAME = "Barcamp Südwestfalen + Ruhrgebiet"
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's API v2 at /api/v2/ (docs/api.md): up to 100 pages per listing request.
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "barcamp@example.org"

# DEMO_RECAPTCHA=0 leaves reCAPTCHA out, for a demo without internet access.
BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA": os.environ.get("DEMO_RECAPTCHA", "1") == "1"}

# reCAPTCHA on the session proposal form. These are Google's public test keys: every
# submission passes. `check --deploy` fails with them (barcamp_wagtail.E030); set your own.
RECAPTCHA_PUBLIC_KEY = os.environ.get("RECAPTCHA_PUBLIC_KEY", "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI")
RECAPTCHA_PRIVATE_KEY = os.environ.get("RECAPTCHA_PRIVATE_KEY", "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe")
RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 3
SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]

"""Test settings: the example site, on SQLite or (BARCAMP_TEST_DB=postgresql) PostgreSQL."""

import importlib.util
import os

from example_site.settings import *  # noqa: F403
from example_site.settings import BASE_DIR, INSTALLED_APPS

ARTIFACTS = BASE_DIR.parent / "test-artifacts"
ARTIFACTS.mkdir(exist_ok=True)

DEBUG = False
SECRET_KEY = "tests-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = ARTIFACTS / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

if os.environ.get("BARCAMP_TEST_DB") == "postgresql":
    INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.postgres"]
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("PGDATABASE", "barcamp_wagtail"),
            "USER": os.environ.get("PGUSER", "postgres"),
            "PASSWORD": os.environ.get("PGPASSWORD", ""),
            "HOST": os.environ.get("PGHOST", "127.0.0.1"),
            "PORT": os.environ.get("PGPORT", "5432"),
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("BARCAMP_TEST_SQLITE", str(ARTIFACTS / "tests.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL;",
            },
            "TEST": {"NAME": str(ARTIFACTS / "tests.sqlite3")},
        }
    }

# A database-backed task worker for the export rendering tests, where the installed
# django-tasks provides one (0.7 to 0.11 ship it; later versions need django-tasks-db).
if importlib.util.find_spec("django_tasks.backends.database"):
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks", "django_tasks.backends.database"]
    TASKS_DATABASE_BACKEND = "django_tasks.backends.database.DatabaseBackend"
elif importlib.util.find_spec("django_tasks_db"):
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks", "django_tasks_db"]
    TASKS_DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
else:
    TASKS_DATABASE_BACKEND = None
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if TASKS_DATABASE_BACKEND:
    TASKS["database"] = {"BACKEND": TASKS_DATABASE_BACKEND}

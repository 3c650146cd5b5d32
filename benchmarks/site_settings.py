"""The example site as the benchmarks run it: DEBUG off, the database in BARCAMP_BENCH_DB, and
the app's caches in their own local-memory cache ("barcamp"), so that "cold" empties the
app's renderings and nothing else (Wagtail's own caches stay as a running site has them)."""

import os

from example_site.settings import *  # noqa: F403
from example_site.settings import DATABASES

DEBUG = False
ALLOWED_HOSTS = ["*"]
DATABASES["default"]["NAME"] = os.environ["BARCAMP_BENCH_DB"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "barcamp": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "barcamp"},
}
BARCAMP_WAGTAIL = {"SCHEDULE_CACHE": "barcamp", "EXPORT_CACHE": "barcamp", "PROPOSAL_RECAPTCHA": False}
# The data is built once for every run; the search index plays no part in what is measured.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}

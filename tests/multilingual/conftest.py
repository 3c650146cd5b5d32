"""The multilingual site: these tests run under tests/settings_i18n.py (the CI job
``25-multilingual``, with and without wagtail-localize) and, through the fixture below, in the
default suite on SQLite and PostgreSQL."""

import pytest
from django.conf import settings as django_settings

from tests.settings_i18n import LANGUAGES, ROOT_URLCONF

from .translate import make_bilingual_home


@pytest.fixture(autouse=True)
def multilingual_site(settings):
    """What tests/settings_i18n.py sets, for a run under the default settings; a no-op under it."""
    settings.WAGTAIL_I18N_ENABLED = True
    settings.LANGUAGE_CODE = "de"
    settings.LANGUAGES = LANGUAGES
    settings.WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
    settings.ROOT_URLCONF = ROOT_URLCONF
    return django_settings


@pytest.fixture
def homes(multilingual_site, db):
    """The German home page and its English translation, as a multilingual site has them."""
    return make_bilingual_home()

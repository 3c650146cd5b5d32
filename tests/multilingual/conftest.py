"""The multilingual site: these tests run under tests/settings_i18n.py (the CI job
``25-multilingual``, with and without wagtail-localize) and, through the fixture below, in the
default suite on SQLite and PostgreSQL."""

import pytest

from .translate import make_bilingual_home, make_bilingual_programme, use_multilingual_settings


@pytest.fixture(autouse=True)
def multilingual_site(settings):
    """What tests/settings_i18n.py sets, for a run under the default settings; a no-op under it."""
    use_multilingual_settings(settings)
    return settings


@pytest.fixture
def homes(multilingual_site, db):
    """The German home page and its English translation, as a multilingual site has them."""
    return make_bilingual_home()


@pytest.fixture
def programme(homes):
    return make_bilingual_programme(homes[0])

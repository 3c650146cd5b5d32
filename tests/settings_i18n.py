"""Test settings of a multilingual site: Wagtail's localisation on, German and English page trees,
URLs with the language prefix (``i18n_patterns``) as a typical site has them. The default test
settings run the same tests through the ``multilingual_site`` fixture (tests/multilingual/conftest.py).
"""

from tests.settings import *  # noqa: F403

WAGTAIL_I18N_ENABLED = True
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
ROOT_URLCONF = "tests.urls_i18n"

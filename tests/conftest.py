import copy

import pytest
from django.core.cache import caches
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    """Tests read English unless they ask for German (the example site defaults to German)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts from empty caches: rate limits, mail caps and cached pages of an earlier
    test in the same worker (whose ids come back after its rollback) must not answer for it."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def templates_dir(settings, tmp_path):
    """A template folder in ``tmp_path`` that takes precedence over the example site's and the app's."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    return tmp_path


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "password")
    client.force_login(user)
    return client


def pytest_collection_modifyitems(items):
    """Mark the browser tests, so that a job can leave them out (``-m "not browser"``)."""
    for item in items:
        if "/tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)

import pytest
from django.core.cache import caches
from django.core.checks import run_checks

from .factories import make_event, make_room, make_session, make_slot
from .schedule_helpers import make_schedule_page


def ids(messages):
    return {message.id for message in messages}


def test_a_schedule_cache_that_does_not_exist_is_reported(settings):
    settings.BARCAMP_WAGTAIL = {"SCHEDULE_CACHE": "schedule"}

    assert "barcamp_wagtail.E004" in ids(run_checks())


@pytest.mark.parametrize("timeout", [-1, "3600", 1.5, True])
def test_a_schedule_cache_timeout_that_is_not_whole_seconds_is_reported(settings, timeout):
    settings.BARCAMP_WAGTAIL = {"SCHEDULE_CACHE_TIMEOUT": timeout}

    assert "barcamp_wagtail.E005" in ids(run_checks())


@pytest.mark.django_db
def test_the_schedule_uses_the_configured_cache(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "schedule": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "schedule-test"},
    }
    settings.BARCAMP_WAGTAIL = {"SCHEDULE_CACHE": "schedule"}
    event = make_event()
    make_session(event, "Open Data", room=make_room(event), time_slot=make_slot(event))
    page = make_schedule_page(event)

    client.get(page.url)

    # The page's facts and its grid, and the example site's menu, which lives beside them.
    assert len(caches["schedule"]._cache) == 3
    assert list(caches["default"]._cache) == [":2:wagtail_site_root_paths"]  # Wagtail's own


@pytest.mark.django_db
def test_a_zero_timeout_turns_the_cache_off(client, settings):
    settings.BARCAMP_WAGTAIL = {"SCHEDULE_CACHE_TIMEOUT": 0}
    event = make_event()
    room, slot = make_room(event), make_slot(event)
    session = make_session(event, "Open Data", room=room, time_slot=slot)
    page = make_schedule_page(event)
    client.get(page.url)
    # Written without a revision, so the version does not see it: only an uncached page does.
    type(session).objects.filter(pk=session.pk).update(title="Renamed quietly")

    assert "Renamed quietly" in client.get(page.url).content.decode()

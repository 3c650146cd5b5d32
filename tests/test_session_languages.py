"""The languages an editor can give a session: the site's content languages, not Django's list
of every language it knows."""

import re

import pytest
from django.conf import global_settings

from .factories import make_event, make_session

pytestmark = pytest.mark.django_db


def language_choices(editor_client, session):
    html = editor_client.get(f"/admin/pages/{session.pk}/edit/").content.decode()
    select = re.search(r'<select name="language"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def test_a_site_that_sets_no_languages_offers_the_language_of_its_language_code(editor_client, settings):
    # A stock `wagtail start` site: LANGUAGE_CODE only, Django's global LANGUAGES.
    settings.LANGUAGES = global_settings.LANGUAGES
    del settings.WAGTAIL_CONTENT_LANGUAGES
    settings.LANGUAGE_CODE = "en-us"
    session = make_session(make_event())

    assert language_choices(editor_client, session) == ["", "en"]


def test_a_site_with_content_languages_offers_those(editor_client, settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
    session = make_session(make_event())

    assert language_choices(editor_client, session) == ["", "de", "en"]


def test_the_setting_wins_over_the_content_languages(editor_client, settings):
    settings.BARCAMP_WAGTAIL = {"SESSION_LANGUAGES": [("de", "Deutsch"), ("tr", "Türkçe")]}
    session = make_session(make_event())

    assert language_choices(editor_client, session) == ["", "de", "tr"]

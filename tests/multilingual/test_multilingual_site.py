"""An event on a site with German and English page trees: one programme, shown in each language."""

import json
import re
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import caches
from django.urls import reverse
from django_recaptcha.client import RecaptchaResponse
from lxml import etree

from barcamp_wagtail.models import EventPage, SessionPage, SessionProposal
from tests.export_helpers import pdf_text
from tests.factories import make_event, make_room, make_session, make_slot
from tests.press_factories import make_press_index, make_release
from tests.proposals.conftest import VALID, Visitor
from tests.schedule_helpers import make_many_sessions, make_schedule_page

from .translate import FUTURE_DAY, translate

pytestmark = pytest.mark.django_db


def test_the_translations_live_under_language_prefixes(programme):
    assert programme["event"].url.startswith("/de/")
    assert programme["english_event"].url.startswith("/en/")
    assert programme["english_event"].locale.language_code == "en"


def test_translated_schedule_shows_the_original_grid_with_translated_titles(client, programme):
    html = client.get(programme["english_schedule"].url).content.decode()

    assert client.get(programme["english_schedule"].url).status_code == 200
    # The rooms are the original event's, once each (not the copies made for the translation).
    assert html.count('<th scope="col">Großer Saal</th>') == 1
    assert html.count('<th scope="col">Werkstatt</th>') == 1
    assert "Coffee and code" in html and "Kaffee und Code" not in html
    # A session without a translation keeps its title and links to the original.
    assert "Nur auf Deutsch" in html
    assert f'href="{programme["german_only"].url}"' in html
    assert f'href="{programme["english_coffee"].url}"' in html


def test_german_and_english_schedules_show_the_same_grid(client, programme):
    german = client.get(programme["schedule"].url).content.decode()
    english = client.get(programme["english_schedule"].url).content.decode()

    def grid_shape(html):
        table = html[html.index('<div class="barcamp-schedule__days">') :]
        return re.findall(r'<th scope="(?:col|row)">([^<]*)', table), table.count('class="barcamp-schedule-session"')

    assert grid_shape(german)[1] == grid_shape(english)[1] == 4  # two sessions, in the table and the list
    assert [h for h in grid_shape(german)[0] if h in ("Großer Saal", "Werkstatt")] == [
        h for h in grid_shape(english)[0] if h in ("Großer Saal", "Werkstatt")
    ]


def test_a_session_moved_in_the_original_moves_in_the_translation_at_once(client, programme):
    client.get(programme["english_schedule"].url)  # cached
    coffee = programme["coffee"]
    coffee.time_slot = programme["slots"][1]
    coffee.room = programme["rooms"][1]
    coffee.save_revision().publish()

    html = client.get(programme["english_schedule"].url).content.decode()
    afternoon = html[html.index("2:00") :] if "2:00" in html else html
    assert "Coffee and code" in afternoon
    session_page = client.get(programme["english_coffee"].url).content.decode()
    assert "Werkstatt" in session_page


def test_translated_session_page_shows_the_original_placement(client, programme):
    html = client.get(programme["english_coffee"].url).content.decode()

    assert "<h1>Coffee and code</h1>" in html
    assert "Großer Saal" in html
    assert "Not scheduled yet" not in html and "Noch nicht eingeplant" not in html


def test_translated_event_page_lists_the_programme_in_its_own_words(client, programme):
    html = client.get(programme["english_event"].url).content.decode()

    assert "Coffee and code" in html and "Nur auf Deutsch" in html
    assert html.count("Großer Saal") >= 1
    rooms = re.search(r'<section class="barcamp-rooms".*?</section>', html, re.S).group(0)
    assert rooms.count("<li>") == 2


@pytest.mark.parametrize("count", [4, 40])
def test_translated_schedule_queries_do_not_grow_with_sessions(
    client, homes, django_assert_max_num_queries, django_assert_num_queries, count
):
    home, _english_home = homes
    event = make_event(home, slug="many")
    rooms = [make_room(event, f"Room {n}", sort_order=n) for n in range(4)]
    slots = [make_slot(event, f"{hour:02d}:00", f"{hour:02d}:45") for hour in range(8, 12)]
    sessions = make_many_sessions(event, count, rooms, slots)
    schedule = make_schedule_page(event)
    english_event = translate(event, "en")
    english_schedule = translate(schedule, "en")
    for session in sessions[:2]:
        translate(session, "en", title=f"{session.title} (en)")
    client.get(english_schedule.url)
    caches["default"].clear()

    # The same counts for 4 and 40 sessions. Warm: Wagtail's routing and serving on a localised
    # site (the example home page finds the pages below it in two queries, and the view
    # restrictions in one), the version of the translation, where its original is and the
    # original's version (three), the page's translations (hreflang and language links). Cold
    # adds the original event, its rooms with its slots, its sessions, the translated sessions
    # and the original's URL, and the example site's menu (emptied with the default cache; warm,
    # it is cached).
    with django_assert_num_queries(18):
        cold = client.get(english_schedule.url)
    with django_assert_num_queries(11):
        warm = client.get(english_schedule.url)

    assert cold.status_code == warm.status_code == 200
    assert cold.content.decode().count('class="barcamp-schedule-session"') == 2 * count
    assert "Session 0 (en)" in warm.content.decode()
    assert english_event.pk != event.pk


def test_every_page_of_the_app_names_its_translations_with_hreflang(client, programme, homes):
    home, english_home = homes
    index = make_press_index(home, title="Presse", slug="presse")
    release = make_release(index, title="Ein Erfolg")
    english_index = translate(index, "en", title="Press")
    english_release = translate(release, "en", title="A success")
    pages = [
        (programme["event"], programme["english_event"]),
        (programme["schedule"], programme["english_schedule"]),
        (programme["coffee"], programme["english_coffee"]),
        (programme["proposals"], programme["english_proposals"]),
        (index, english_index),
        (release, english_release),
    ]
    for german, english in pages:
        for shown in (german, english):
            html = client.get(shown.url).content.decode()
            assert f'<link rel="alternate" hreflang="de" href="{german.full_url}">' in html, shown.url
            assert f'<link rel="alternate" hreflang="en" href="{english.full_url}">' in html, shown.url


def test_a_page_without_translation_has_no_alternates_or_language_links(client, programme):
    html = client.get(programme["german_only"].url).content.decode()

    assert 'hreflang="' not in html
    assert "barcamp-languages" not in html


def test_language_links_name_each_language_in_its_own_words(client, programme):
    html = client.get(programme["english_schedule"].url).content.decode()
    nav = re.search(r'<nav class="barcamp-languages".*?</nav>', html, re.S).group(0)

    assert f'href="{programme["schedule"].url}" hreflang="de" lang="de" rel="alternate">Deutsch</a>' in nav
    assert 'aria-current="page">English</a>' in nav


def test_exports_of_the_translation_are_in_english_with_translated_titles(client, programme):
    english_event, event = programme["english_event"], programme["event"]

    ical = client.get(english_event.export_url("ical")).content.decode()
    assert "SUMMARY:Coffee and code" in ical and "SUMMARY:Nur auf Deutsch" in ical
    assert "Großer Saal" in ical

    frab = etree.fromstring(client.get(english_event.export_url("frab-xml")).content)
    titles = sorted(e.text for e in frab.iter("title"))
    assert "Coffee and code" in titles and "Nur auf Deutsch" in titles
    assert {e.get("name") for e in frab.iter("room")} >= {"Großer Saal", "Werkstatt"}

    c3voc = json.loads(client.get(english_event.export_url("c3voc-json")).content)
    rooms = c3voc["schedule"]["conference"]["days"][0]["rooms"]
    talks = [talk["title"] for talks in rooms.values() for talk in talks]
    assert sorted(talks) == ["Coffee and code", "Nur auf Deutsch"]

    german_ical = client.get(event.export_url("ical")).content.decode()
    assert "SUMMARY:Kaffee und Code" in german_ical


def test_pdf_of_the_translation_is_in_english_whatever_the_browser_asks(client, programme):
    def pdf(event, browser_language):
        return pdf_text(client.get(event.export_url("pdf-grid-a4"), HTTP_ACCEPT_LANGUAGE=browser_language).content)

    english, german = pdf(programme["english_event"], "de"), pdf(programme["event"], "en")

    assert "Coffee and code" in english and "Barcamp Sauerland (English)" in english
    assert "Kaffee und Code" in german
    assert "Großer Saal" in english and "Großer Saal" in german
    assert FUTURE_DAY.strftime("%A") in english  # English labels and dates, not German ones
    assert "Zeit" not in english and "Time" in english


def test_session_calendar_of_a_translation_holds_the_original_placement(client, programme):
    response = client.get(programme["english_coffee"].url)
    link = re.search(r'href="([^"]+/exports/sessions/\d+/ical/)"', response.content.decode()).group(1)
    ical = client.get(link).content.decode()

    assert "SUMMARY:Coffee and code" in ical
    assert "LOCATION:Großer Saal" in ical or "Großer Saal" in ical


def test_a_proposal_sent_in_english_belongs_to_the_original_event_and_is_answered_in_english(
    client, programme, settings, django_capture_on_commit_callbacks
):
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 1000}
    visitor = Visitor()
    with (
        mock.patch("django_recaptcha.fields.client.submit", return_value=RecaptchaResponse(is_valid=True)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = visitor.send(programme["english_proposals"], {"email": "ada@example.org"})

    assert response.status_code == 303
    proposal = SessionProposal.objects.get()
    assert proposal.event_id == programme["event"].pk
    assert proposal.language == "en"
    to_visitor = next(m for m in mail.outbox if m.to == ["ada@example.org"])
    assert programme["english_proposals"].full_url in to_visitor.body
    assert "Barcamp Sauerland (English)" in to_visitor.body
    edit_link = re.search(r"(http://\S+/edit/\S+)", to_visitor.body).group(1)
    edit = visitor.client.get(edit_link.replace("http://localhost", ""))
    assert edit.status_code == 200
    assert VALID["title"] in edit.content.decode()


def test_editing_a_translated_session_offers_the_original_rooms(editor_client, programme):
    english_coffee = programme["english_coffee"]
    html = editor_client.get(f"/admin/pages/{english_coffee.pk}/edit/").content.decode()
    saal = programme["rooms"][0]

    assert re.search(rf'<option value="{saal.pk}" selected>Großer Saal</option>', html)
    copies = EventPage.objects.get(pk=programme["english_event"].pk).rooms.values_list("pk", flat=True)
    for copy in copies:
        assert f'<option value="{copy}"' not in html


def test_each_translation_of_a_press_index_has_its_own_feed_in_its_language(client, homes):
    home, _english_home = homes
    index = make_press_index(home, title="Presse", slug="presse")
    make_release(index, title="Ein Erfolg")
    english_index = translate(index, "en", title="Press")
    english_only = make_release(english_index, title="News in English")

    english = client.get(english_index.url + english_index.reverse_subpage("rss_feed")).content.decode()
    german = client.get(index.url + index.reverse_subpage("rss_feed")).content.decode()

    assert "<language>en</language>" in english and "News in English" in english
    assert "Ein Erfolg" not in english
    assert "<language>de</language>" in german and "Ein Erfolg" in german and "News in English" not in german
    assert english_only.locale.language_code == "en"


def test_a_site_without_localisation_shows_no_language_links(client, settings, homes):
    settings.WAGTAIL_I18N_ENABLED = False
    home, _english_home = homes
    event = make_event(home, slug="solo")
    session = make_session(event, "Solo")

    html = client.get(session.url).content.decode()
    assert "hreflang" not in html
    assert SessionPage.objects.get(pk=session.pk).title == "Solo"


def test_the_planner_of_a_translation_leads_to_the_originals_planner(editor_client, programme):
    response = editor_client.get(reverse("barcamp_wagtail_planner", args=[programme["english_event"].pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("barcamp_wagtail_planner", args=[programme["event"].pk])
    assert editor_client.get(response["Location"]).status_code == 200

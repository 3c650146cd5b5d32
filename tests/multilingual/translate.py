"""Translating pages as an editor does: with wagtail-localize where it is installed (through
its own code path: a translation source, string translations, then the translated page), else
with Wagtail's "copy for translation". And the bilingual site the tests share."""

import datetime

from django.apps import apps
from django.core.cache import caches
from wagtail.models import Locale

from tests.factories import make_event, make_home, make_proposal_page, make_room, make_session, make_slot
from tests.schedule_helpers import make_schedule_page
from tests.settings_i18n import LANGUAGES, ROOT_URLCONF

FUTURE_DAY = datetime.date.today() + datetime.timedelta(days=30)


def use_multilingual_settings(settings):
    """Apply what tests/settings_i18n.py sets to pytest-django's ``settings`` fixture."""
    settings.WAGTAIL_I18N_ENABLED = True
    settings.LANGUAGE_CODE = "de"
    settings.LANGUAGES = LANGUAGES
    settings.WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
    settings.ROOT_URLCONF = ROOT_URLCONF


def locale(language):
    return Locale.objects.get_or_create(language_code=language)[0]


def make_bilingual_home():
    home = make_home()
    german = locale("de")
    if home.locale_id != german.pk:
        type(home).objects.filter(pk=home.pk).update(locale=german)
        home.refresh_from_db()
    english_home = home.get_translation_or_none(locale("en")) or translate(home, "en")
    return home, english_home


def make_bilingual_programme(home):
    """A German event with two rooms and two slots, translated into English with one of its two
    placed sessions; the schedule page and the call for sessions are translated too."""
    event = make_event(home, title="Barcamp Sauerland", day=FUTURE_DAY, slug="barcamp")
    saal = make_room(event, "Großer Saal", sort_order=0)
    werkstatt = make_room(event, "Werkstatt", sort_order=1)
    morning = make_slot(event, "10:00", "10:45", day=FUTURE_DAY)
    afternoon = make_slot(event, "14:00", "14:45", day=FUTURE_DAY)
    coffee = make_session(event, "Kaffee und Code", room=saal, time_slot=morning, abstract="Wir trinken Kaffee.")
    german_only = make_session(event, "Nur auf Deutsch", room=werkstatt, time_slot=morning)
    schedule = make_schedule_page(event, title="Programm", slug="programm")
    proposals = make_proposal_page(event, title="Session vorschlagen", slug="vorschlagen")

    english_event = translate(event, "en", title="Barcamp Sauerland (English)")
    english_schedule = translate(schedule, "en", title="Programme")
    english_coffee = translate(coffee, "en", title="Coffee and code", abstract="We drink coffee.")
    english_proposals = translate(proposals, "en", title="Propose a session")
    caches["default"].clear()
    return {
        "event": event,
        "english_event": english_event,
        "rooms": (saal, werkstatt),
        "slots": (morning, afternoon),
        "coffee": coffee,
        "english_coffee": english_coffee,
        "german_only": german_only,
        "schedule": schedule,
        "english_schedule": english_schedule,
        "proposals": proposals,
        "english_proposals": english_proposals,
    }


def translate(page, language, **words):
    """The published translation of ``page`` into ``language``; ``words`` maps field names to
    their translation (the others keep the original's text)."""
    target = locale(language)
    if apps.is_installed("wagtail_localize"):
        return _translate_with_wagtail_localize(page.specific, target, words)
    translation = page.specific.copy_for_translation(target)
    for name, value in words.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def _translate_with_wagtail_localize(page, target, words):
    from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(page)
    wanted = {str(getattr(page, name)): value for name, value in words.items()}
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        if segment.string.data in wanted:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=target,
                context=segment.context,
                defaults={"data": wanted[segment.string.data]},
            )
    translation, _created = source.create_or_update_translation(target, publish=True, fallback=True)
    translation = translation.specific
    if not translation.live:
        # wagtail-localize publishes once the transaction commits, which a test never does.
        translation.get_latest_revision().publish()
    translation.refresh_from_db()
    return translation

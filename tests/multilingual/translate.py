"""Translating pages as an editor does: with wagtail-localize where it is installed (through
its own code path: a translation source, string translations, then the translated page), else
with Wagtail's "copy for translation"."""

from django.apps import apps
from wagtail.models import Locale

from tests.factories import make_home


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
    translation.refresh_from_db()
    return translation.specific

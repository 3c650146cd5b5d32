"""Events on multilingual sites (``WAGTAIL_I18N_ENABLED``): one programme for every translation.

An event and its translations share a ``translation_key``. The programme belongs to the
original, the first of them created (the source of every translation): its rooms, its time
slots, where its sessions are placed and the proposals sent to any of its translations. A
translation shows that programme with its own words: a session that has a live translation
below the translated event appears under its translated title and links to it; the others
appear as they are. Wagtail's "copy for translation" (and wagtail-localize, which uses it)
copies an event's rooms and slots into the translation, as it copies every ``ParentalKey``
child: those copies are never read.

With ``WAGTAIL_I18N_ENABLED`` off, every function here answers without a query, so single-language
sites pay nothing for it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Subquery
from django.utils import translation
from wagtail.models import Page


def i18n_enabled():
    return bool(getattr(settings, "WAGTAIL_I18N_ENABLED", False))


def _group(path):
    """The pages sharing the translation key of the page at ``path``, the original first."""
    key = Page.objects.filter(path=path).values("translation_key")[:1]
    return Page.objects.filter(translation_key=Subquery(key)).order_by("pk")


def programme_owner(event):
    """The event whose programme ``event`` shows: the original of its translations (one query),
    or ``event`` itself on a single-language site or when it is the original."""
    if not i18n_enabled():
        return event
    cached = getattr(event, "_programme_owner", None)
    if cached is not None:
        return cached
    from .models import EventPage

    owner = (
        EventPage.objects.filter(pk__in=Subquery(_group(event.path).values("pk")[:1]))
        .only("id", "path", "depth", "title", "url_path", "locale_id", "translation_key")
        .first()
    )
    owner = event if owner is None or owner.pk == event.pk else owner
    event._programme_owner = owner
    return owner


def programme_owner_path(path):
    """The tree path of the original of the event at ``path`` (``path`` itself when it is one)."""
    if not i18n_enabled():
        return path
    first = _group(path).values_list("path", flat=True).first()
    return first or path


def page_language(page):
    """The language of ``page``'s locale on a multilingual site, else None (the active language)."""
    if not i18n_enabled():
        return None
    return page.locale.language_code


def in_page_language(page):
    """A context manager rendering in ``page``'s language (a no-op on a single-language site)."""
    language = page_language(page)
    return translation.override(language) if language else translation.override(translation.get_language())


@dataclass(frozen=True)
class SessionTranslation:
    """What a translated event shows of a session instead of the original's words."""

    pk: int
    title: str
    slug: str
    abstract: str
    description: str


def session_translations(event):
    """The live sessions below the translated ``event``, by ``translation_key`` (one query)."""
    from .grid import children_path_range
    from .models import SessionPage

    rows = SessionPage.objects.filter(
        live=True, depth=event.depth + 1, path__range=children_path_range(event.path)
    ).values_list("translation_key", "id", "title", "slug", "abstract", "description")
    return {key: SessionTranslation(*values) for key, *values in rows}


def translate_grid_sessions(sessions, event, owner_url):
    """Show the owner's ``GridSession`` records in the words of the translated ``event``.

    A session with a translation takes its title, abstract, description and slug (so its URL
    is the translation's); one without keeps its own and links below the original event. The
    primary key stays the original's: it names the session in the programme (calendar links).
    """
    translations = session_translations(event)
    for session in sessions:
        found = translations.get(session.translation_key)
        if found is None:
            session.event_url = owner_url
            continue
        session.title, session.slug = found.title, found.slug
        session.abstract, session.description = found.abstract, found.description


def translate_session_pages(sessions, event):
    """``translate_grid_sessions()`` for page objects: each original is replaced by its live
    translation below ``event``, which takes the original's room, time slot and topics (in
    memory only: the placement stays the original's). Two queries whatever the number."""
    from .models import SessionPage

    keys = {session.translation_key: session for session in sessions}
    from .grid import children_path_range

    translated = SessionPage.objects.filter(
        live=True,
        depth=event.depth + 1,
        path__range=children_path_range(event.path),
        translation_key__in=list(keys),
    )
    by_key = {page.translation_key: page for page in translated}
    result = []
    for session in sessions:
        page = by_key.get(session.translation_key)
        if page is None:
            result.append(session)
            continue
        page.room, page.time_slot = session.room, session.time_slot
        for name in ("topic_tags", "_prefetched_objects_cache", "proposal_interest"):
            if hasattr(session, name):
                setattr(page, name, getattr(session, name))
        result.append(page)
    return result


def original_session(session):
    """The session whose placement ``session`` (a translation, perhaps) shows: the original
    of its translations with its room and time slot, or ``session`` itself."""
    if not i18n_enabled():
        return session
    from .models import SessionPage

    original = (
        SessionPage.objects.filter(pk__in=Subquery(_group(session.path).values("pk")[:1]))
        .select_related("room", "time_slot")
        .first()
    )
    return session if original is None or original.pk == session.pk else original


def translations(page, request=None):
    """The live translations of ``page`` including itself, as ``(language code, language name,
    full URL, URL)`` (the full one for ``hreflang``, the other for links), in the order of
    ``WAGTAIL_CONTENT_LANGUAGES``; empty on a single-language site or when ``page`` has no live
    translation. Two queries (the pages with their locales, the sites)."""
    if not i18n_enabled() or getattr(page, "translation_key", None) is None:
        return []
    cached = getattr(page, "_barcamp_translations", None)
    if cached is not None:
        return cached
    from wagtail.coreutils import get_content_languages

    languages = get_content_languages()
    order = list(languages)
    pages = Page.objects.filter(translation_key=page.translation_key, live=True).select_related("locale").order_by("pk")
    found = {}
    for other in pages:
        code = other.locale.language_code
        if other.pk == page.pk:
            page._barcamp_language = code
        shown = page if other.pk == page.pk else other
        full_url = shown.get_full_url(request)
        if full_url and code not in found:
            found[code] = (code, str(languages.get(code, code)), full_url, shown.get_url(request))
    result = [] if len(found) < 2 else sorted(found.values(), key=lambda item: _rank(order, item[0]))
    page._barcamp_translations = result
    return result


def _rank(order, code):
    return order.index(code) if code in order else len(order)


def localized(page, language):
    """The live translation of ``page`` in ``language`` (a mail's reader's), else ``page`` itself.
    One query on a multilingual site, none otherwise."""
    if page is None or not language or not i18n_enabled():
        return page
    found = (
        type(page)
        .objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .exclude(pk=page.pk)
        .first()
    )
    return found or page

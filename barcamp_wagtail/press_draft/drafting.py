"""Write the draft of a press release from an event's facts and file it below a press index.

The words come from Django templates in ``templates/barcamp_wagtail/press_draft/``, rendered in
the language of the release: an integrator overrides ``press_draft/<name>`` for every language or
``press_draft/<language>/<name>`` for one (``press_draft/de/lead.txt``). The figures, topics,
sponsors and contact become the press blocks editors know (key figures, sponsor wall, press
contact), and the quotes placeholders they must fill in before the release can be published.
"""

import re

from django.conf import settings
from django.template.loader import select_template
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log

from .facts import event_facts

TEMPLATE_DIR = "barcamp_wagtail/press_draft"
# Topics shown as key figures; the sentence about the topics names them all.
TOPIC_FIGURES = 5
# Line breaks and indentation of the templates between block tags are not part of the text.
BLOCK_TAG_SPACE = re.compile(r"\s*(</?(?:p|ul|ol|li|h2|h3|h4)>)\s*")


def release_language(event):
    """The language a release about ``event`` is written in: the event's locale when the site
    offers it, else the site's language."""
    available = [code for code, _name in settings.LANGUAGES]
    code = getattr(getattr(event, "locale", None), "language_code", "") or settings.LANGUAGE_CODE
    for candidate in (code, code.split("-")[0]):
        if candidate in available:
            return candidate
    return settings.LANGUAGE_CODE


def render_text(name, context, language):
    template = select_template([f"{TEMPLATE_DIR}/{language}/{name}", f"{TEMPLATE_DIR}/{name}"])
    text = template.render(context)
    if name.endswith(".html"):
        return BLOCK_TAG_SPACE.sub(r"\1", " ".join(text.split()))
    return " ".join(text.split())


def key_figures(facts):
    figures = []
    if facts.registration_used:
        figures.append(
            (
                facts.registered,
                npgettext("press figure", "registered participant", "registered participants", facts.registered),
            )
        )
        if facts.checked_in:
            figures.append(
                (
                    facts.checked_in,
                    npgettext("press figure", "participant on site", "participants on site", facts.checked_in),
                )
            )
    elif facts.participants is not None:
        figures.append(
            (facts.participants, npgettext("press figure", "participant", "participants", facts.participants))
        )
    figures.append((facts.session_count, npgettext("press figure", "session", "sessions", facts.session_count)))
    figures.append((facts.room_count, npgettext("press figure", "room", "rooms", facts.room_count)))
    for name, count in facts.topics[:TOPIC_FIGURES]:
        label = npgettext("press figure", "session on %(topic)s", "sessions on %(topic)s", count) % {"topic": name}
        figures.append((count, label))
    return {"figures": [{"number": str(number), "label": label[:100]} for number, label in figures]}


def quote_to_fill(prompt):
    return {"prompt": prompt[:300], "text": "", "person": "", "role": "", "organisation": "", "photo": None}


def sponsor_wall(facts):
    return {
        "heading": _("Thanks to the sponsors"),
        "tiers": [{"name": name, "sponsors": sponsors} for name, sponsors in facts.sponsor_tiers],
    }


def press_contact(facts):
    organiser = facts.organisers[0] if facts.organisers else None
    name = organiser.name if organiser else facts.event.title
    return {
        "name": name[:200],
        "role": (organiser.role if organiser else "")[:200],
        "email": facts.contact_email,
        "phone": "",
    }


def release_body(facts, context, language):
    organiser = facts.organisers[0].name if facts.organisers else ""
    body = [("key_figures", key_figures(facts))]
    if facts.topics:
        body.append(("paragraph", render_text("topics.html", context, language)))
    body.append(
        (
            "quote_to_fill",
            quote_to_fill(
                _("A quote from %(organiser)s: what made this barcamp special?") % {"organiser": organiser}
                if organiser
                else _("A quote from the organisers: what made this barcamp special?")
            ),
        )
    )
    if facts.organisers:
        body.append(("paragraph", render_text("organisers.html", context, language)))
    body.append(
        ("quote_to_fill", quote_to_fill(_("A quote from a participant or session host: what will they take home?")))
    )
    if facts.documented:
        body.append(("heading", {"text": _("Documentation of the sessions"), "level": "h2"}))
        body.append(("paragraph", render_text("documentation.html", context, language)))
    if facts.next_edition is not None:
        body.append(("heading", {"text": _("Outlook: the next edition"), "level": "h2"}))
        body.append(("paragraph", render_text("next_edition.html", context, language)))
    if facts.sponsor_tiers:
        body.append(("paragraph", render_text("thanks.html", context, language)))
        body.append(("sponsor_wall", sponsor_wall(facts)))
    if facts.contact_email:
        body.append(("press_contact", press_contact(facts)))
    return body


def text_list(items):
    """``a, b and c`` in the active language; items are escaped unless marked safe."""
    items = [conditional_escape(item) for item in items]
    if len(items) < 2:
        return mark_safe("".join(items))  # noqa: S308  (escaped above)
    return format_html(_("{items} and {last}"), items=mark_safe(", ".join(items[:-1])), last=items[-1])  # noqa: S308


def linked(name, url):
    return format_html('<a href="{}">{}</a>', url, name) if url else name


def organiser_list(facts):
    return text_list(
        format_html("{} ({})", linked(o.name, o.url), o.role) if o.role else linked(o.name, o.url)
        for o in facts.organisers
    )


def topic_list(facts):
    return text_list(
        ngettext("%(topic)s (one session)", "%(topic)s (%(count)d sessions)", count) % {"topic": name, "count": count}
        for name, count in facts.topics
    )


def when_where(first_day, last_day, city, language):
    context = {"first_day": first_day, "last_day": last_day, "city": city}
    return render_text("when_where.txt", context, language)


def draft_context(facts, language):
    """What the text templates are given (documented for integrators in docs/press.md)."""
    event = facts.event
    next_edition = facts.next_edition
    context = {
        "event": event,
        "facts": facts,
        "city": facts.city,
        "first_day": facts.first_day,
        "last_day": facts.last_day,
        "when_where": when_where(facts.first_day, facts.last_day, facts.city, language),
        "participant_count": facts.participant_count,
        "session_count": facts.session_count,
        "room_count": facts.room_count,
        "topics": facts.topics,
        "topic_list": topic_list(facts),
        "organisers": facts.organisers,
        "organiser_list": organiser_list(facts),
        "sponsor_tiers": facts.sponsor_tiers,
        "sponsor_list": text_list(sponsor.name for _tier, sponsors in facts.sponsor_tiers for sponsor in sponsors),
        "documented": facts.documented,
        "next_edition": next_edition,
    }
    if next_edition is not None:
        context["next_edition_link"] = format_html(
            '<a linktype="page" id="{}">{}</a>', next_edition.pk, next_edition.title
        )
        context["next_when_where"] = when_where(
            facts.next_edition_first_day, facts.next_edition_last_day, facts.next_edition_city, language
        )
    return context


def press_index_for(event):
    """The press index a release about ``event`` is filed under: the nearest one in the page tree
    (below the event, next to it, next to a page above it), within the event's site; None when the
    site has none. One query."""
    from ..models import PressIndexPage

    steplen = event.steplen
    site_root_path = event.path[: 2 * steplen]
    best, best_key = None, None
    for index in PressIndexPage.objects.filter(path__startswith=site_root_path).order_by("path"):
        shared = 0
        while shared < min(len(index.path), len(event.path)) and index.path[shared] == event.path[shared]:
            shared += 1
        shared_depth = shared // steplen
        key = (-shared_depth, index.depth, index.path)
        if best_key is None or key < best_key:
            best, best_key = index, key
    return best


def draft_fields(event, language, participants=None):
    """The draft's title, dateline, lead and body (as block data) about ``event`` in ``language``.
    Its queries do not grow with the number of sessions, topics or sponsors."""
    facts = event_facts(event, participants=participants)
    with translation.override(language):
        context = draft_context(facts, language)
        title = render_text("title.txt", context, language)[:255]
        return {
            "title": title,
            "draft_title": title,
            "dateline_place": facts.city[:100],
            "dateline_date": facts.last_day,
            "lead": render_text("lead.txt", context, language)[:1000],
            "body": release_body(facts, context, language),
        }


def draft_press_release(event, index, *, user=None, language=None, participants=None):
    """Create a draft ``PressReleasePage`` about ``event`` below ``index``, written in ``language``
    (default: the event's), and return it. Never published here: it goes through the site's
    moderation or an editor's "Publish"."""
    from ..models import PressReleasePage

    fields = draft_fields(event, language or release_language(event), participants)
    slug = slugify(fields["title"], allow_unicode=True)[:200] or "press-release"
    page = PressReleasePage(slug=find_available_slug(index, slug), event=event, live=False, owner=user, **fields)
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=False)
    log(instance=page, action="wagtail.create", user=user)
    return page

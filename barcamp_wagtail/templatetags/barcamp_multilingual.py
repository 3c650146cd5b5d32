"""Tags linking a page of the app to its translations on a multilingual site (``hreflang``
alternates in the head, a visible language switch in the page). Both render nothing on a
single-language site or for a page without a live translation; see ``barcamp_wagtail.multilingual``.
"""

from django import template

from ..multilingual import translations

register = template.Library()


def _translations(context):
    page = context.get("page")
    return translations(page, context.get("request")) if page is not None else []


@register.inclusion_tag("barcamp_wagtail/includes/hreflang_links.html", takes_context=True)
def hreflang_links(context):
    """``<link rel="alternate" hreflang="…">`` for the page and each of its live translations."""
    return {"translations": _translations(context)}


@register.inclusion_tag("barcamp_wagtail/includes/language_links.html", takes_context=True)
def language_links(context):
    """Links to the page's live translations, each named in its own language."""
    found = _translations(context)
    return {"translations": found, "current": getattr(context.get("page"), "_barcamp_language", "") if found else ""}

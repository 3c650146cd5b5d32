"""schema.org JSON-LD and Open Graph data for event pages, event series and press releases.

The builders return plain dicts and lists, so a host can extend them (override the template
``barcamp_wagtail/includes/structured_data.html`` or wrap these functions in its own tag).
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# The characters that could end a <script> element or open a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

SCHEMA_ORG = "https://schema.org"


def json_ld_script(data):
    """``data`` as a ``<script type="application/ld+json">`` element that no value can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def site_name(page, request=None):
    site = page.get_site()
    return (site.site_name if site else "") or getattr(settings, "WAGTAIL_SITE_NAME", "") or page.title


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


def first_image(page):
    """The first image in ``page.body`` (an image block, else a download photo), or None."""
    for block in getattr(page, "body", None) or []:
        if block.block_type == "image" and block.value.get("image"):
            return block.value["image"]
        if block.block_type == "downloads":
            for photo in block.value.get("photos") or []:
                if photo.get("image"):
                    return photo["image"]
    return None


def image_data(page, request=None):
    """A link-preview rendition of the page's first image: dict with url, width, height, alt; or None."""
    image = first_image(page)
    site = page.get_site()
    if image is None or site is None:
        return None
    rendition = image.get_rendition("fill-1200x630-c50")
    url = rendition.url if "://" in rendition.url else site.root_url + rendition.url
    return {"url": url, "width": rendition.width, "height": rendition.height, "alt": image.default_alt_text}


def organisation(name, url=""):
    data = {"@type": "Organization", "name": name}
    if url:
        data["url"] = url
    return data


def event_summary(event, request=None):
    """The fields of a schema.org ``Event`` that need no further query: dates, place, link."""
    data = {
        "@type": "Event",
        "name": event.title,
        "startDate": _iso(event.start),
        "endDate": _iso(event.end),
        "eventAttendanceMode": f"{SCHEMA_ORG}/OfflineEventAttendanceMode",
        "eventStatus": f"{SCHEMA_ORG}/EventScheduled",
        "url": event.get_full_url(request),
    }
    if event.teaser:
        data["description"] = event.teaser
    if event.venue_name or event.venue_address:
        place = {"@type": "Place", "name": event.venue_name or event.venue_address}
        if event.venue_address:
            place["address"] = {"@type": "PostalAddress", "streetAddress": " ".join(event.venue_address.split())}
        data["location"] = place
    return data


def series_reference(series, request=None):
    return {"@type": "EventSeries", "name": series.title, "url": series.get_full_url(request)}


def event_data(event, request=None):
    """schema.org ``Event`` for an :class:`~barcamp_wagtail.models.EventPage`; an edition of a
    series points to it as its ``superEvent``."""
    from .series import series_of

    data = {"@context": SCHEMA_ORG, **event_summary(event, request)}
    series = series_of(event)
    if series is not None:
        data["superEvent"] = series_reference(series, request)
    organisers = [organisation(o.name, o.url) for o in event.organisers.all()]
    if organisers:
        data["organizer"] = organisers
    image = image_data(event, request)
    if image:
        data["image"] = [image["url"]]
    # Ticket data is not part of the event model; a subclass or host may provide it.
    offers = getattr(event, "structured_data_offers", None)
    offers = offers() if callable(offers) else offers
    if offers:
        data["offers"] = offers
    return data


def event_series_data(series, request=None):
    """schema.org ``EventSeries`` for an :class:`~barcamp_wagtail.models.EventSeriesPage`, its
    published editions as ``subEvent`` in order of date (no query per edition)."""
    data = {"@context": SCHEMA_ORG, **series_reference(series, request)}
    if series.teaser:
        data["description"] = series.teaser
    editions = sorted(series.editions().all, key=lambda edition: (edition.start, edition.pk))
    if editions:
        data["subEvent"] = [event_summary(edition, request) for edition in editions]
    return data


def news_article_data(release, request=None):
    """schema.org ``NewsArticle`` for a :class:`~barcamp_wagtail.models.PressReleasePage`."""
    publisher = organisation(site_name(release, request), release.get_site().root_url if release.get_site() else "")
    event = release.related_event
    authors = [organisation(o.name, o.url) for o in event.organisers.all()] if event else []
    data = {
        "@context": SCHEMA_ORG,
        "@type": "NewsArticle",
        "headline": release.title[:110],
        "description": release.lead,
        "datePublished": _iso(release.published_at),
        "dateModified": _iso(release.last_published_at or release.published_at),
        "author": authors or [publisher],
        "publisher": publisher,
        "url": release.get_full_url(request),
        "mainEntityOfPage": release.get_full_url(request),
    }
    image = image_data(release, request)
    if image:
        data["image"] = [image["url"]]
    if release.dateline_place:
        data["locationCreated"] = {"@type": "Place", "name": release.dateline_place}
    if event:
        data["about"] = {
            "@type": "Event",
            "name": event.title,
            "startDate": _iso(event.start),
            "url": event.get_full_url(request),
        }
    return data


def open_graph(page, request=None):
    """Open Graph properties as (property, content) pairs."""
    from .models import EventPage, EventSeriesPage, PressReleasePage

    page = page.specific
    properties = [
        ("og:title", page.seo_title or page.title),
        ("og:url", page.get_full_url(request)),
        ("og:site_name", site_name(page, request)),
    ]
    description = page.search_description
    if isinstance(page, (EventPage, EventSeriesPage)):
        description = description or page.teaser
        properties.append(("og:type", "website"))
    elif isinstance(page, PressReleasePage):
        description = description or page.lead
        properties.append(("og:type", "article"))
        properties.append(("article:published_time", _iso(page.published_at)))
        if page.last_published_at:
            properties.append(("article:modified_time", _iso(page.last_published_at)))
    else:
        properties.append(("og:type", "website"))
    if description:
        properties.append(("og:description", description))
    image = image_data(page, request)
    if image:
        properties += [
            ("og:image", image["url"]),
            ("og:image:width", str(image["width"])),
            ("og:image:height", str(image["height"])),
            ("og:image:alt", image["alt"]),
        ]
    return properties


def json_ld_data(page, request=None):
    """The JSON-LD of an event page or a press release, else None."""
    from .models import EventPage, EventSeriesPage, PressReleasePage

    page = page.specific
    if isinstance(page, EventPage):
        return event_data(page, request)
    if isinstance(page, EventSeriesPage):
        return event_series_data(page, request)
    if isinstance(page, PressReleasePage):
        return news_article_data(page, request)
    return None

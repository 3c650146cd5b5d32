"""``{% next_edition_banner page %}``: on an edition that is over, "The next edition: …" with the
date, the place and a link to the soonest edition of its series still to come (series.py)."""

from django import template

from .. import series

register = template.Library()


@register.inclusion_tag("barcamp_wagtail/includes/next_edition_banner.html", name="next_edition_banner")
def next_edition_banner(event):
    return {"next_edition": series.next_edition(event)}

"""``{% next_edition_banner page %}``: on an edition that is over, "The next edition: …" with the
date, the place and a link to the soonest edition of its series still to come (series.py)."""

from django import template

from .. import series

register = template.Library()


@register.inclusion_tag("barcamp_wagtail/includes/next_edition_banner.html", name="next_edition_banner")
def next_edition_banner(event):
    return {"next_edition": series.next_edition(event)}


@register.inclusion_tag("barcamp_wagtail/admin/promised_invitation.html", name="promised_invitation")
def promised_invitation(event):
    """For the participants overview: whose sign-ups "Copy as next edition" promised to invite,
    and whether they have been invited."""
    from ..models import NextEditionInvitation

    return {"promise": NextEditionInvitation.objects.filter(event=event).select_related("source").first()}

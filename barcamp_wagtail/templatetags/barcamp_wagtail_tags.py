"""Template tags for integrators: ``{% load barcamp_wagtail_tags %}``."""

from django import template

from .. import direct_post
from ..grid import schedule_grid as build_schedule_grid
from ..models import EventPage, SchedulePage

register = template.Library()


@register.simple_tag
def schedule_grid(event):
    """``{% schedule_grid event as grid %}``: the event's programme as days × slots × rooms.

    Accepts an EventPage or a SchedulePage (then its event). See ``barcamp_wagtail.grid``.
    """
    if isinstance(event, SchedulePage):
        event = event.event
    if not isinstance(event, EventPage):
        raise template.TemplateSyntaxError("schedule_grid needs an EventPage or a SchedulePage.")
    return build_schedule_grid(event)


@register.simple_tag
def event_schedule_page(event):
    """``{% event_schedule_page event as schedule_page %}``: the event's live schedule page, or None."""
    return SchedulePage.objects.live().child_of(event).first()


@register.simple_tag
def form_action(page, form):
    """``{% form_action page "register" %}`` (an event) or ``{% form_action page "propose" %}`` (a
    proposal page): the URL the public form posts to, the short one of ``barcamp_wagtail.urls``
    when the site includes them (see ``barcamp_wagtail.direct_post``)."""
    return direct_post.form_action(page, form)

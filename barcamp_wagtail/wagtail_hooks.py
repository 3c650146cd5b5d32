"""All admin wiring of barcamp_wagtail: URLs, buttons and menus."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from .models import EventPage
from .planner.views import PlannerView, can_plan


@hooks.register("register_admin_urls")
def register_planner_url():
    return [path("barcamp/planner/<int:event_id>/", PlannerView.as_view(), name="barcamp_wagtail_planner")]


def _planner_button(page, user, priority):
    if page.specific_class is not EventPage or not can_plan(user, page):
        return
    yield Button(
        _("Schedule planner"),
        reverse("barcamp_wagtail_planner", args=[page.pk]),
        icon_name="table",
        attrs={"title": _("Plan rooms and time slots of this event")},
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def planner_header_button(page, user, view_name, next_url=None):
    yield from _planner_button(page, user, priority=12)


@hooks.register("register_page_listing_buttons")
def planner_listing_button(page, user, next_url=None):
    yield from _planner_button(page, user, priority=12)

"""All admin wiring of barcamp_wagtail: snippets, buttons and admin URLs."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import EventPage, Sponsor


class SponsorViewSet(SnippetViewSet):
    model = Sponsor
    icon = "pick"
    menu_label = _("Sponsors")
    list_display = ["name", "url"]
    search_fields = ["name"]
    add_to_admin_menu = True
    menu_order = 300


register_snippet(SponsorViewSet)


@hooks.register("register_admin_urls")
def register_next_edition_url():
    return [
        path(
            "barcamp/events/<int:page_id>/next-edition/",
            admin_views.next_edition,
            name="barcamp_wagtail_next_edition",
        )
    ]


def _next_edition_button(page, user, priority):
    if issubclass(page.specific_class or type(page), EventPage) and admin_views.can_copy_as_next_edition(page, user):
        yield Button(
            _("Copy as next edition"),
            reverse("barcamp_wagtail_next_edition", args=[page.pk]),
            icon_name="copy",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def next_edition_header_button(page, user, view_name, next_url=None):
    yield from _next_edition_button(page, user, priority=35)


@hooks.register("register_page_listing_more_buttons")
def next_edition_listing_button(page, user, next_url=None):
    yield from _next_edition_button(page, user, priority=25)

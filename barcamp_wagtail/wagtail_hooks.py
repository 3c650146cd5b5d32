"""All admin wiring of barcamp_wagtail: menus, snippets, modeladmin, buttons and admin URLs."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import IndexView

from .admin_views import next_edition as next_edition_views
from .admin_views import plenary as plenary_views
from .admin_views import proposals as proposal_views
from .exporters.base import HOOK_NAME
from .models import EventPage, InterestSignup, SessionProposal, Sponsor
from .planner.views import GridProposalView, PlannerTargetsView, PlannerView, can_plan, plannable_events

# Spreadsheet programs run a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def admin_column(label):
    def decorate(method):
        method.short_description = label
        return method

    return decorate


def neutralise_formula(value):
    """Text a spreadsheet shows as text: a leading formula character gets a quote before it."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class FormulaSafeIndexView(IndexView):
    """A modeladmin list whose CSV and XLSX exports neutralise formulas, which modeladmin does not."""

    def preprocess_field_value(self, field, value, export_format):
        return super().preprocess_field_value(field, neutralise_formula(value), export_format)


class ProposalIndexView(FormulaSafeIndexView):
    """The inbox list."""


class ProposalPermissionHelper(PermissionHelper):
    """Proposals come from visitors only; moderators read, decide and delete them."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False


class RefusalAs403Mixin:
    """Refusals are answered with 403 rather than Wagtail's redirect to the dashboard."""

    def index_view(self, request):
        return proposal_views.refuse_with_403(super().index_view)(request)

    def create_view(self, request):
        return proposal_views.refuse_with_403(super().create_view)(request)

    def edit_view(self, request, instance_pk):
        return proposal_views.refuse_with_403(super().edit_view)(request, instance_pk)

    def inspect_view(self, request, instance_pk):
        return proposal_views.refuse_with_403(super().inspect_view)(request, instance_pk)

    def delete_view(self, request, instance_pk):
        return proposal_views.refuse_with_403(super().delete_view)(request, instance_pk)


class SessionProposalAdmin(RefusalAs403Mixin, ModelAdmin):
    model = SessionProposal
    menu_label = _("Session proposals")
    menu_icon = "mail"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = ProposalIndexView
    permission_helper_class = ProposalPermissionHelper
    index_template_name = "barcamp_wagtail/admin/proposal_index.html"
    inspect_template_name = "barcamp_wagtail/admin/proposal_inspect.html"
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "abstract",
        "format",
        "topic",
        "link",
        "name",
        "email",
        "show_name",
        "privacy_consent",
        "consent_at",
        "language",
        "event",
        "status",
        "session",
        "created_at",
        "updated_at",
        "decided_at",
    ]
    list_display = ["title", "event", "status", "format", "topic", "public_name", "created_at"]
    list_filter = ["event", "status", "topic", "created_at"]
    list_select_related = ["event"]
    search_fields = ["title", "abstract", "topic", "name", "email"]
    # No e-mail address in files that get passed around; the public name only with consent.
    list_export = [
        "title",
        "abstract",
        "format_label",
        "topic",
        "link",
        "public_name",
        "status_label",
        "event",
        "created_at",
    ]
    export_filename = "session-proposals"

    @admin_column(_("public name"))
    def public_name(self, obj):
        return obj.public_name

    @admin_column(_("format"))
    def format_label(self, obj):
        return obj.get_format_display()

    @admin_column(_("status"))
    def status_label(self, obj):
        return obj.get_status_display()


modeladmin_register(SessionProposalAdmin)


@hooks.register("register_admin_urls")
def register_proposal_admin_urls():
    return [
        path("barcamp/proposals/decide/", proposal_views.decide, name="barcamp_wagtail_decide"),
        path("barcamp/proposals/privacy/", proposal_views.privacy_request, name="barcamp_wagtail_privacy"),
    ]


# Next-edition sign-ups


class InterestIndexView(FormulaSafeIndexView):
    """The sign-up list. Its exports hold only confirmed addresses, whatever the filters show."""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(queryset.confirmed(), spreadsheet_format)


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("confirmed")), ("no", _("not confirmed yet"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.confirmed()
        if self.value() == "no":
            return queryset.unconfirmed()
        return queryset


class InterestSignupAdmin(RefusalAs403Mixin, ModelAdmin):
    """Who wants to hear about the next edition. Needs the view permission on sign-ups."""

    model = InterestSignup
    menu_label = _("Next edition sign-ups")
    menu_icon = "group"
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = InterestIndexView
    # Sign-ups come from visitors only: nobody adds or edits them here; deleting erases one.
    permission_helper_class = ProposalPermissionHelper
    list_display = ["email", "name", "event", "confirmed", "created_at"]
    list_filter = [ConfirmedFilter, "event"]
    list_select_related = ["event"]
    search_fields = ["email", "name"]
    list_export = ["email", "name", "event", "language", "confirmed_at"]
    export_filename = "next-edition-sign-ups"

    @admin_column(_("confirmed"))
    def confirmed(self, obj):
        return obj.is_confirmed

    confirmed.boolean = True


modeladmin_register(InterestSignupAdmin)


# Sponsors and the next edition


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
            next_edition_views.next_edition,
            name="barcamp_wagtail_next_edition",
        )
    ]


def _next_edition_button(page, user, priority):
    if issubclass(page.specific_class or type(page), EventPage) and next_edition_views.can_copy_as_next_edition(
        page, user
    ):
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


# The schedule planner


@hooks.register("register_admin_urls")
def register_planner_url():
    return [
        path("barcamp/planner/<int:event_id>/", PlannerView.as_view(), name="barcamp_wagtail_planner"),
        path(
            "barcamp/planner/<int:event_id>/propose/",
            GridProposalView.as_view(),
            name="barcamp_wagtail_planner_propose",
        ),
        path(
            "barcamp/planner/<int:event_id>/targets/",
            PlannerTargetsView.as_view(),
            name="barcamp_wagtail_planner_targets",
        ),
    ]


# Events in the planner's menu; beyond these, the menu leads to the page search for events.
PLANNER_MENU_EVENTS = 8


class PlannerMenu(Menu):
    """One item per event the user may plan, read once per request."""

    def menu_items_for_request(self, request):
        if not hasattr(request, "_barcamp_planner_menu"):
            events = plannable_events(request.user)
            items = [
                MenuItem(
                    event.title,
                    reverse("barcamp_wagtail_planner", args=[event.pk]),
                    name=f"barcamp-planner-{event.pk}",
                    icon_name="table",
                    order=n,
                )
                for n, event in enumerate(events[:PLANNER_MENU_EVENTS])
            ]
            if len(events) > PLANNER_MENU_EVENTS:
                search = reverse("wagtailadmin_pages:search") + "?content_type=barcamp_wagtail.eventpage"
                items.append(
                    MenuItem(_("All events"), search, name="barcamp-planner-all", icon_name="search", order=len(items))
                )
            request._barcamp_planner_menu = items
        return request._barcamp_planner_menu


@hooks.register("register_admin_menu_item")
def register_planner_menu_item():
    return SubmenuMenuItem(_("Schedule planner"), PlannerMenu(), name="barcamp-planner", icon_name="table", order=240)


@hooks.register("insert_editor_js")
def planner_header_button_script():
    return format_html('<script src="{}" defer></script>', static("barcamp_wagtail/js/header-buttons.js"))


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


# Schedule exports: the built-in exporters, registered like any a site adds.


@hooks.register(HOOK_NAME)
def register_builtin_exporters():
    from .exporters.c3voc_json import C3vocJsonExporter
    from .exporters.frab_xml import FrabXmlExporter
    from .exporters.ical import ICalExporter
    from .exporters.pdf import BookletExporter, DoorSignsExporter, GridA3Exporter, GridA4Exporter

    return [
        GridA4Exporter,
        GridA3Exporter,
        DoorSignsExporter,
        BookletExporter,
        ICalExporter,
        FrabXmlExporter,
        C3vocJsonExporter,
    ]


# The day itself: the plenary board and voter codes


@hooks.register("register_admin_urls")
def register_plenary_urls():
    return [
        path("barcamp/plenary/<int:event_id>/", plenary_views.moderate, name="barcamp_wagtail_plenary"),
        path("barcamp/plenary/<int:event_id>/board/", plenary_views.board, name="barcamp_wagtail_plenary_board"),
        path(
            "barcamp/plenary/<int:event_id>/board/state/",
            plenary_views.board_state,
            name="barcamp_wagtail_plenary_state",
        ),
        path("barcamp/plenary/<int:event_id>/codes/", plenary_views.voter_codes, name="barcamp_wagtail_voter_codes"),
    ]


def _plenary_button(page, user, priority):
    if page.specific_class is not EventPage or not user.has_perm(proposal_views.MODERATE_PERMISSION):
        return
    yield Button(
        _("Plenary"),
        reverse("barcamp_wagtail_plenary", args=[page.pk]),
        icon_name="group",
        attrs={"title": _("Step through the pitches and count hands")},
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def plenary_header_button(page, user, view_name, next_url=None):
    yield from _plenary_button(page, user, priority=13)


@hooks.register("register_page_listing_more_buttons")
def plenary_listing_button(page, user, next_url=None):
    yield from _plenary_button(page, user, priority=13)

"""All admin wiring of barcamp_wagtail: menus, snippets, modeladmin, buttons and admin URLs.

Who sees which list, row, button and menu item follows ``barcamp_wagtail.permissions``: an
organiser sees the proposals and sign-ups of the events whose pages they may edit, and acts on
those whose pages they may publish.
"""

import datetime
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import label_for_field, lookup_field
from django.db.models import Count
from django.http import Http404
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as format_datetime
from django.utils.encoding import force_str
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import HistoryView, IndexView, InspectView

from .admin_views import next_edition as next_edition_views
from .admin_views import plenary as plenary_views
from .admin_views import proposals as proposal_views
from .admin_views import sponsors as sponsor_views
from .admin_views.access import BadQuery, CheckedImageChooser, guarded, with_checked_pks
from .exporters.base import HOOK_NAME
from .models import EventPage, InterestSignup, Participant, SessionProposal, Sponsor
from .participants import access as participant_access
from .participants import admin_views as participant_views
from .permissions import (
    DELETE_PROPOSALS,
    DELETE_SIGNUPS,
    MODERATE_PROPOSALS,
    VIEW_PROPOSALS,
    VIEW_SIGNUPS,
    can_copy_as_next_edition,
    can_plan,
)
from .planner.views import GridProposalView, PlannerTargetsView, PlannerView, plannable_events
from .press_draft import admin_views as press_draft_views
from .untrusted import object_id
from .voter_sheet import voter_sheet

# Words in the admin's lists wrap between words, not inside them (Wagtail breaks anywhere).
ADMIN_LISTS_CSS = "barcamp_wagtail/css/admin_lists.css"

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


# Unambiguous in every language, and parsed as a date by every spreadsheet program.
EXPORT_DATETIME_FORMAT = "Y-m-d H:i"


def export_datetime(value):
    """A date and time as spreadsheet programs read it, in the site's time zone, to the minute."""
    return format_datetime(timezone.localtime(value), EXPORT_DATETIME_FORMAT)


class EventScopedIndexView(IndexView):
    """A modeladmin list of one event's private records (proposals, sign-ups).

    Its CSV and XLSX exports suit spreadsheets, which modeladmin's do not: formulas neutralised,
    times in the site's time zone (not UTC with microseconds), and empty cells empty (not the
    list's "-" placeholder, which turned into "'-" and hid hand counts of 0). A query string it
    cannot answer (a malformed filter, a NUL byte) gets 400 rather than modeladmin's 500, and
    only the declared filters are read: Django's admin would filter by any lookup the query
    string names (``?event__owner__password__startswith=…``), a way to probe data a list
    never shows.
    """

    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {
            IndexView.FORMAT_CSV: export_datetime,
            IndexView.FORMAT_XLSX: lambda value: timezone.make_naive(value) if timezone.is_aware(value) else value,
        },
    }

    def get_heading(self, queryset, field):
        # modeladmin title-cases headings ("Worum Es Geht"): the label as written, first letter up.
        return capfirst(force_str(label_for_field(field, model=self.model, model_admin=self.model_admin)))

    def to_row_dict(self, item):
        row = OrderedDict()
        for field in self.list_export:
            _field, _attr, value = lookup_field(field, item, self.model_admin)
            row[field] = "" if value is None else value
        return row

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters as error:
            raise BadQuery from error

    def get_filters(self, request):
        filter_specs, has_filters, remaining, use_distinct = super().get_filters(request)
        if remaining:
            raise IncorrectLookupParameters(f"Unknown filter: {', '.join(sorted(remaining))}")
        return filter_specs, has_filters, remaining, use_distinct

    def get_context_data(self, **kwargs):
        try:
            return super().get_context_data(**kwargs)
        except IncorrectLookupParameters as error:
            raise BadQuery from error

    def preprocess_field_value(self, field, value, export_format):
        return super().preprocess_field_value(field, neutralise_formula(value), export_format)


class ProposalIndexView(EventScopedIndexView):
    """The inbox list."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_moderate"] = MODERATE_PROPOSALS.any_event(self.request.user)
        return context


class ProposalInspectView(InspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_decide"] = MODERATE_PROPOSALS.allows(self.request.user, self.instance.event)
        return context


class ScopedHistoryView(HistoryView):
    """modeladmin shows any record's history to every admin user: only to those who may read it."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_read_obj(user, self.instance)


class EventScopedPermissionHelper(PermissionHelper):
    """Records visitors sent about one event: nobody creates or edits them here; reading and
    deleting follow the event's rules (``read_rule``, ``delete_rule``)."""

    read_rule = None
    delete_rule = None

    def user_can_list(self, user):
        return self.read_rule.any_event(user)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_read_obj(self, user, obj):
        return self.read_rule.allows(user, obj.event)

    def user_can_inspect_obj(self, user, obj):
        return self.inspect_view_enabled and self.user_can_read_obj(user, obj)

    def user_can_delete_obj(self, user, obj):
        return self.delete_rule.allows(user, obj.event)


class ProposalPermissionHelper(EventScopedPermissionHelper):
    read_rule = VIEW_PROPOSALS
    delete_rule = DELETE_PROPOSALS


class SignupPermissionHelper(EventScopedPermissionHelper):
    read_rule = VIEW_SIGNUPS
    delete_rule = DELETE_SIGNUPS


class EventFilter(admin.SimpleListFilter):
    """The events of the list, only those the user may read (Django's related filter would list
    every event of the site). The parameter keeps the name of Django's related filter."""

    title = _("event")
    parameter_name = "event__page_ptr__exact"

    def lookups(self, request, model_admin):
        events = model_admin.permission_helper.read_rule.events(request.user).order_by("title", "pk")
        return [(event.pk, event.title) for event in events]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        pk = object_id(self.value(), EventPage)
        return queryset.filter(event_id=pk) if pk else queryset.none()


class EventScopedModelAdmin(ModelAdmin):
    """A list of private records, each belonging to an event: the list, its filters, counts and
    exports hold the events the user may read (``permission_helper_class.read_rule``).

    Refusals are answered with 403 rather than Wagtail's redirect to the dashboard; an id that
    cannot be one with 404; a query string that cannot be answered with 400.
    """

    history_view_class = ScopedHistoryView

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(event__in=self.permission_helper.read_rule.events(request.user))

    def index_view(self, request):
        return guarded(super().index_view)(request)

    def create_view(self, request):
        return guarded(super().create_view)(request)

    def _instance_view(self, view, request, instance_pk):
        if object_id(instance_pk, self.model) is None:
            raise Http404
        return guarded(view)(request, instance_pk)

    def edit_view(self, request, instance_pk):
        return self._instance_view(super().edit_view, request, instance_pk)

    def inspect_view(self, request, instance_pk):
        return self._instance_view(super().inspect_view, request, instance_pk)

    def delete_view(self, request, instance_pk):
        return self._instance_view(super().delete_view, request, instance_pk)

    def history_view(self, request, instance_pk):
        return self._instance_view(super().history_view, request, instance_pk)


class SessionProposalAdmin(EventScopedModelAdmin):
    model = SessionProposal
    menu_label = _("Session proposals")
    menu_icon = "mail"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = ProposalIndexView
    inspect_view_class = ProposalInspectView
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
        "spam_check",
        "mail_held_back",
        "event",
        "status",
        "session",
        "created_at",
        "updated_at",
        "decided_at",
    ]
    list_display = [
        "title",
        "event",
        "status_label",
        "format_label",
        "topic",
        "public_name",
        "hand_count",
        "vote_count",
        "inbox_flags",
        "created_at",
    ]
    list_filter = [EventFilter, "status", "topic", "spam_check", "mail_held_back", "created_at"]
    list_select_related = ["event"]
    search_fields = ["title", "abstract", "topic", "name", "email"]
    index_view_extra_css = [ADMIN_LISTS_CSS]
    # No e-mail address in files that get passed around; the public name only with consent.
    list_export = [
        "title",
        "abstract",
        "format_label",
        "topic",
        "link",
        "public_name",
        "status_label",
        "hand_count",
        "vote_count",
        "event",
        "created_at",
    ]
    export_filename = "session-proposals"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(vote_count=Count("votes", distinct=True))

    @admin_column(_("public name"))
    def public_name(self, obj):
        return obj.public_name

    @admin_column(_("format"))
    def format_label(self, obj):
        return capfirst(obj.get_format_display())

    format_label.admin_order_field = "format"

    @admin_column(_("status"))
    def status_label(self, obj):
        return capfirst(obj.get_status_display())

    status_label.admin_order_field = "status"

    @admin_column(_("votes"))
    def vote_count(self, obj):
        return obj.vote_count

    vote_count.admin_order_field = "vote_count"


modeladmin_register(SessionProposalAdmin)


@hooks.register("register_admin_urls")
def register_proposal_admin_urls():
    return [
        path("barcamp/proposals/decide/", proposal_views.decide, name="barcamp_wagtail_decide"),
        path("barcamp/proposals/privacy/", proposal_views.privacy_request, name="barcamp_wagtail_privacy"),
    ]


# Next-edition sign-ups


class InterestIndexView(EventScopedIndexView):
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


class InterestSignupAdmin(EventScopedModelAdmin):
    """Who wants to hear about the next edition, for the events whose sign-ups the user may read."""

    model = InterestSignup
    menu_label = _("Next edition sign-ups")
    menu_icon = "group"
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = InterestIndexView
    # Sign-ups come from visitors only: nobody adds or edits them here; deleting erases one.
    permission_helper_class = SignupPermissionHelper
    list_display = ["email", "name", "event", "confirmed", "created_at"]
    list_filter = [ConfirmedFilter, EventFilter]
    list_select_related = ["event"]
    search_fields = ["email", "name"]
    index_view_extra_css = [ADMIN_LISTS_CSS]
    list_export = ["email", "name", "event", "language_label", "confirmed_at"]
    export_filename = "next-edition-sign-ups"

    @admin_column(_("language"))
    def language_label(self, obj):
        return dict(settings.LANGUAGES).get(obj.language, obj.language)

    @admin_column(_("confirmed"))
    def confirmed(self, obj):
        return obj.is_confirmed

    confirmed.boolean = True


modeladmin_register(InterestSignupAdmin)


# Sponsors and the next edition


class SponsorChooserViewSet(SnippetChooserViewSet):
    choose_view_class = sponsor_views.SponsorChooseView
    choose_results_view_class = sponsor_views.SponsorChooseResultsView

    def get_urlpatterns(self):
        patterns = with_checked_pks(super().get_urlpatterns(), self.model)
        if self.creation_form_class is None and self.form_fields is None and self.exclude_form_fields is None:
            # Without a creation form, Wagtail's chooser answers a POST to "create" with a 500.
            patterns = [pattern for pattern in patterns if getattr(pattern, "name", None) != "create"]
        return patterns


class SponsorViewSet(SnippetViewSet):
    """Sponsors are shared by all events. The list is searched in the database by name: Wagtail's
    SQLite full-text search fails on a lone quote, and a site has a few dozen sponsors at most.
    Malformed ids in URLs answer 404."""

    model = Sponsor
    icon = "pick"
    menu_label = _("Sponsors")
    list_display = ["name", "url"]
    search_fields = ["name"]
    search_backend_name = None
    add_to_admin_menu = True
    menu_order = 300
    chooser_viewset_class = SponsorChooserViewSet
    panels = [
        FieldPanel("name"),
        FieldPanel("logo", widget=CheckedImageChooser),
        FieldPanel("url"),
        FieldPanel("description"),
    ]

    def get_urlpatterns(self):
        return with_checked_pks(super().get_urlpatterns(), self.model)


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


@hooks.register("register_admin_urls")
def register_press_draft_url():
    return [
        path(
            "barcamp/events/<int:page_id>/press-release/",
            press_draft_views.draft_press_release_view,
            name="barcamp_wagtail_press_draft",
        )
    ]


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


# Schedule exports: the built-in exporters, registered like any a site adds.


@hooks.register(HOOK_NAME)
def register_builtin_exporters():
    from .exporters.c3voc_json import C3vocJsonExporter
    from .exporters.frab_xml import FrabXmlExporter
    from .exporters.ical import ICalExporter
    from .exporters.pdf import (
        BookletExporter,
        DoorSignsExporter,
        GridA1Exporter,
        GridA2Exporter,
        GridA3Exporter,
        GridA4Exporter,
    )

    return [
        GridA4Exporter,
        GridA3Exporter,
        GridA2Exporter,
        GridA1Exporter,
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
        path("barcamp/plenary/<int:event_id>/codes/cards/", voter_sheet, name="barcamp_wagtail_voter_sheet"),
    ]


# Buttons on an event's page header and in the page listing, each shown only to those who may use it.


@dataclass(frozen=True)
class EventButton:
    label: str
    url_name: str
    icon: str
    allowed: object  # allowed(user, event) -> bool
    header_priority: int
    listing_priority: int
    in_more_menu: bool = True  # in the listing's "More" menu, or a button of its own
    title: str = ""

    def button(self, page, user, priority):
        if not issubclass(page.specific_class or type(page), EventPage) or not self.allowed(user, page):
            return None
        attrs = {"title": self.title} if self.title else {}
        url = reverse(self.url_name, args=[page.pk])
        return Button(self.label, url, icon_name=self.icon, attrs=attrs, priority=priority)


EVENT_BUTTONS = [
    EventButton(
        _("Schedule planner"),
        "barcamp_wagtail_planner",
        "table",
        can_plan,
        header_priority=12,
        listing_priority=12,
        in_more_menu=False,
        title=_("Plan rooms and time slots of this event"),
    ),
    EventButton(
        _("Plenary"),
        "barcamp_wagtail_plenary",
        "group",
        MODERATE_PROPOSALS.allows,
        header_priority=13,
        listing_priority=13,
        title=_("Step through the pitches and count hands"),
    ),
    EventButton(
        _("Participants"),
        "barcamp_wagtail_participants",
        "group",
        participant_access.can_view,
        header_priority=14,
        listing_priority=14,
        title=_("Registrations, waiting list, badges and check-in"),
    ),
    EventButton(
        _("Draft a press release"),
        "barcamp_wagtail_press_draft",
        "doc-full",
        press_draft_views.can_draft,
        header_priority=30,
        listing_priority=24,
        title=_("Write a draft press release from this event's figures, topics and sponsors"),
    ),
    EventButton(
        _("Copy as next edition"),
        "barcamp_wagtail_next_edition",
        "copy",
        can_copy_as_next_edition,
        header_priority=35,
        listing_priority=25,
    ),
]


def _event_buttons(page, user, header=False, more_menu=False):
    for spec in EVENT_BUTTONS:
        if not header and spec.in_more_menu != more_menu:
            continue
        button = spec.button(page, user, spec.header_priority if header else spec.listing_priority)
        if button is not None:
            yield button


@hooks.register("register_page_header_buttons")
def event_header_buttons(page, user, view_name, next_url=None):
    yield from _event_buttons(page, user, header=True)


@hooks.register("register_page_listing_buttons")
def event_listing_buttons(page, user, next_url=None):
    yield from _event_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def event_listing_more_buttons(page, user, next_url=None):
    yield from _event_buttons(page, user, more_menu=True)


# Participants: registrations, the waiting list, badges and the door (barcamp_wagtail/participants/)


class ParticipantIndexView(EventScopedIndexView):
    """The registrations of the events the user may see; the exports leave e-mail addresses out."""


class ParticipantPermissionHelper(EventScopedPermissionHelper):
    """Registrations come from the form or the organisers' "Add a participant"; cancelling keeps the
    record and passes the seat on, so nobody edits or deletes them here (erasing is a privacy request)."""

    read_rule = participant_access.VIEW_PARTICIPANTS

    def user_can_delete_obj(self, user, obj):
        return False


class ParticipantStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "booking"

    def lookups(self, request, model_admin):
        return [
            ("seated", _("registered")),
            ("offered", _("seat offered")),
            ("waiting", _("waiting list")),
            ("unconfirmed", _("address not confirmed yet")),
            ("cancelled", _("cancelled")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "unconfirmed":
            return queryset.filter(confirmed_at__isnull=True, cancelled_at__isnull=True)
        if value == "cancelled":
            return queryset.filter(cancelled_at__isnull=False)
        if value in ("seated", "offered", "waiting"):
            return queryset.confirmed().filter(bookings__status=value).distinct()
        return queryset


class ParticipantAdmin(EventScopedModelAdmin):
    model = Participant
    menu_label = _("Participants")
    menu_icon = "group"
    menu_order = 255
    add_to_admin_menu = True
    index_view_class = ParticipantIndexView
    permission_helper_class = ParticipantPermissionHelper
    inspect_view_enabled = True
    inspect_template_name = "barcamp_wagtail/participants/admin/inspect.html"
    inspect_view_fields = [
        "name",
        "email",
        "organisation",
        "badge_name",
        "needs",
        "event",
        "source",
        "language",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "consent_at",
    ]
    list_display = ["name", "organisation", "event", "days_and_status", "source", "created_at"]
    list_filter = [ParticipantStatusFilter, EventFilter, "source"]
    list_select_related = ["event"]
    search_fields = ["name", "email", "organisation"]
    # For the door, name tags and catering: no e-mail addresses in files that get passed around.
    list_export = [
        "name",
        "organisation",
        "badge_name",
        "days_and_status",
        "needs",
        "source_label",
        "event",
        "created_at",
    ]
    export_filename = "participants"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bookings")

    @admin_column(_("days"))
    def days_and_status(self, obj):
        if obj.is_cancelled:
            return str(_("cancelled"))
        if not obj.is_confirmed:
            return str(_("address not confirmed yet"))
        return "; ".join(
            f"{booking.day:%Y-%m-%d} {booking.get_status_display()}"
            for booking in obj.bookings.all()
            if booking.status in ("seated", "offered", "waiting")
        )

    @admin_column(_("came through"))
    def source_label(self, obj):
        return obj.get_source_display()


modeladmin_register(ParticipantAdmin)


@hooks.register("register_admin_urls")
def register_participant_urls():
    views = participant_views
    return [
        path("barcamp/participants/<int:event_id>/", views.overview, name="barcamp_wagtail_participants"),
        path("barcamp/participants/<int:event_id>/add/", views.walk_in, name="barcamp_wagtail_participants_walk_in"),
        path("barcamp/participants/<int:event_id>/mail/", views.bulk_mail, name="barcamp_wagtail_participants_mail"),
        path("barcamp/participants/<int:event_id>/invite/", views.invite, name="barcamp_wagtail_participants_invite"),
        path(
            "barcamp/participants/<int:event_id>/badges/", views.badge_pdf, name="barcamp_wagtail_participants_badges"
        ),
        path("barcamp/participants/<int:event_id>/door/", views.door, name="barcamp_wagtail_participants_door"),
        path(
            "barcamp/participants/<int:event_id>/door/api/",
            views.door_api,
            name="barcamp_wagtail_participants_door_api",
        ),
        path(
            "barcamp/participants/cancel/<int:participant_id>/",
            views.cancel,
            name="barcamp_wagtail_participants_cancel",
        ),
        path(
            "barcamp/participants/move-up/<int:booking_id>/", views.move_up, name="barcamp_wagtail_participants_move_up"
        ),
    ]

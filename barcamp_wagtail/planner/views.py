"""The planner's views: the board of one event, the targets of a picked session, the grid proposal.

The board is built in ``board.py``, the operations and their warnings live in ``operations.py``,
the posted form in ``forms.py``; every change is one POST that works without JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..admin_views.access import event_or_404
from ..models import EventPage, ScheduleChange, SchedulePage
from ..permissions import can_add_sessions, can_plan
from .board import planner_board
from .forms import PlannerActionForm
from .grid_proposal import propose_for_event
from .operations import apply_plan, find_conflicts

# The planner shows the latest changes; "the whole history" shows up to HISTORY_LENGTH.
HISTORY_SHOWN = 8
HISTORY_LENGTH = 50


def planner_url(event):
    return reverse("barcamp_wagtail_planner", args=[event.pk])


def plannable_events(user):
    """The events ``user`` may plan: the coming ones by date, then the past ones, latest first."""
    now = timezone.now()
    events = list(EventPage.objects.filter(end__gte=now).order_by("start", "pk"))
    events += EventPage.objects.filter(end__lt=now).order_by("-start", "-pk")
    return [event for event in events if can_plan(user, event)]


class PlannerView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "barcamp_wagtail/planner/planner.html"
    page_title = gettext_lazy("Schedule planner")
    header_icon = "table"

    def dispatch(self, request, event_id):
        self.event = event_or_404(event_id)
        if not can_plan(request.user, self.event):
            # A plain 403 (Wagtail would redirect PermissionDenied to the dashboard).
            return TemplateResponse(
                request, "barcamp_wagtail/planner/forbidden.html", {"event": self.event}, status=403
            )
        if self.event.programme_event is not self.event:
            # A translation shows its original's programme (multilingual sites): it is planned there.
            return redirect(planner_url(self.event.programme_event))
        return super().dispatch(request, event_id)

    def get_page_subtitle(self):
        return self.event.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.event.pk]), "label": self.event.title},
            {"url": "", "label": self.page_title},
        ]

    def post(self, request, event_id):
        form = PlannerActionForm(self.event, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        plan = form.plan()
        if plan.action == "create" and not can_add_sessions(request.user, self.event):
            raise PermissionDenied
        if plan.action != "create":
            plan.moves = [
                move for move in plan.moves if (move.room, move.slot) != (move.session.room, move.session.time_slot)
            ]
        if not plan.moves:
            messages.info(request, _("Nothing to change: every session is already there."))
            return redirect(planner_url(self.event))
        conflicts = find_conflicts(self.event, plan)
        if conflicts and not form.cleaned_data["confirm"]:
            return self.render_to_response(self.get_context_data(form=form, conflicts=conflicts))
        changes = apply_plan(self.event, plan, request.user)
        messages.success(request, _("Saved and published: the public schedule shows it now."))
        # Back to the session just changed, so that the keyboard carries on from there.
        return redirect(f"{planner_url(self.event)}#session-{changes[0].session_id}")

    def get_context_data(self, form=None, conflicts=None, **kwargs):
        context = super().get_context_data(**kwargs)
        board = planner_board(self.event, pick=None if form else _number(self.request.GET.get("pick")))
        topics = board.topics()
        topic = self.request.GET.get("topic", "")
        whole_history = self.request.GET.get("history") == "all"
        history = list(
            ScheduleChange.objects.filter(event=self.event)
            .select_related("user", "from_room", "from_slot", "to_room", "to_slot")
            .order_by("-timestamp", "-pk")[: HISTORY_LENGTH if whole_history else HISTORY_SHOWN + 1]
        )
        context.update(
            {
                "event": self.event,
                "board": board,
                "topics": topics,
                "topic": topic if topic in dict(topics) else "",
                "history": history[:HISTORY_LENGTH] if whole_history else history[:HISTORY_SHOWN],
                "more_history": not whole_history and len(history) > HISTORY_SHOWN,
                "form": form,
                "conflicts": conflicts,
                "confirm_data": _confirm_data(form) if conflicts else [],
                "schedule_page": SchedulePage.objects.live().child_of(self.event).first(),
                "planner_url": planner_url(self.event),
                "propose_url": reverse("barcamp_wagtail_planner_propose", args=[self.event.pk]),
                "targets_url": reverse("barcamp_wagtail_planner_targets", args=[self.event.pk]),
            }
        )
        return context


def _number(value):
    return int(value) if value and value.isdigit() else None


class PlannerTargetsView(PlannerView):
    """Where a picked session may go, for the planner's script: the target button of each cell
    (with its warnings), rendered by the template the page itself uses without JavaScript."""

    def get(self, request, event_id):
        board = planner_board(self.event, pick=_number(request.GET.get("session")))
        if board.picked is None:
            return JsonResponse({"error": _("This session is not in the programme any more.")}, status=404)

        def render(target, cell=None):
            context = {"target": target, "cell": cell, "board": board}
            return render_to_string("barcamp_wagtail/planner/target.html", context, request)

        return JsonResponse(
            {
                "session": board.picked.session.pk,
                "cells": {cell.key: render(cell.target, cell) for cell in board.cells() if cell.target},
                "remove": render(board.remove_target) if board.remove_target else None,
            }
        )


def _confirm_data(form):
    """The submitted fields, to post them again with ``confirm`` set."""
    return [(name, value) for name, value in form.data.items() if name not in ("confirm", "csrfmiddlewaretoken")]


class GridProposalView(PlannerView):
    """ "Propose a grid": a preview of the allocator's placements and notes; "Apply" places them."""

    template_name = "barcamp_wagtail/planner/grid_proposal.html"
    page_title = gettext_lazy("Proposed grid")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        items.insert(-1, {"url": planner_url(self.event), "label": PlannerView.page_title})
        return items

    def post(self, request, event_id):
        proposal = propose_for_event(self.event)
        if request.POST.get("fingerprint") != proposal.fingerprint:
            messages.warning(request, _("The programme changed since the preview: please check this new proposal."))
            return self.render_to_response(self.get_context_data(proposal=proposal), status=409)
        if not proposal.placements:
            messages.info(request, _("Nothing to place."))
            return redirect(planner_url(self.event))
        changes = apply_plan(self.event, proposal.plan(), request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d session placed and published. Adjust it here; “Undo” on one of them takes the whole "
                "proposal back.",
                "%(count)d sessions placed and published. Adjust them here; “Undo” on one of them takes the whole "
                "proposal back.",
                len(changes),
            )
            % {"count": len(changes)},
        )
        return redirect(planner_url(self.event))

    def get_context_data(self, proposal=None, **kwargs):
        # The planner's grid context is not needed here: skip to the admin template mixin.
        context = super(PlannerView, self).get_context_data(**kwargs)
        context.update(
            {
                "event": self.event,
                "proposal": proposal or propose_for_event(self.event),
                "planner_url": planner_url(self.event),
            }
        )
        return context

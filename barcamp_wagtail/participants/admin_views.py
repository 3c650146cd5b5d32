"""The organisers' views of an event's participants, beside the modeladmin list (wired in wagtail_hooks.py):
the overview (counts per day against the seats, the waiting list), walk-ins, cancelling and moving
up, messages to participants, invitations of next-edition sign-ups, badges and the door.

Every view asks ``access`` whether the user may see or manage this event's participants; refusals
are plain 403 pages.
"""

import datetime
import json

from django import forms
from django.apps import apps
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import mail
from ..admin_views.access import event_or_404, forbidden
from ..conf import get_setting
from ..models import EventPage
from . import access, badges, checkin, registration, seats
from .admin_forms import BulkMailForm, InviteForm, WalkInForm
from .models import Booking, BulkMail, Participant

TEMPLATES = "barcamp_wagtail/participants/admin/"


def _event_for(request, event_id, manage=False):
    event = event_or_404(event_id)
    allowed = access.can_manage if manage else access.can_view
    return event if allowed(request.user, event) else None


def _overview(event):
    return redirect("barcamp_wagtail_participants", event.pk)


@require_GET
def overview(request, event_id):
    """Counts per day against the seats, and each day's waiting list in order."""
    event = _event_for(request, event_id)
    if event is None:
        return forbidden(request)
    waiting = (
        Booking.objects.filter(event=event, status__in=[Booking.Status.WAITING, Booking.Status.OFFERED])
        .select_related("participant")
        .order_by("day", "status", "queue_number", "pk")
    )
    context = {
        "event": event,
        "counts": seats.day_counts(event),
        "waiting": waiting,
        "can_manage": access.can_manage(request.user, event),
        "list_url": reverse("barcamp_wagtail_participant_modeladmin_index") + f"?event__id__exact={event.pk}",
        "registered": Participant.objects.filter(event=event).confirmed().count(),
        "unconfirmed": Participant.objects.filter(
            event=event, confirmed_at__isnull=True, cancelled_at__isnull=True
        ).count(),
        "invited": Participant.objects.filter(event=event, source=Participant.Source.INVITATION).confirmed().count(),
        "register_url": event.participants_url("register"),
        "layouts": badges.LAYOUTS.values(),
    }
    return TemplateResponse(request, TEMPLATES + "overview.html", context)


@require_http_methods(["GET", "POST"])
def walk_in(request, event_id):
    """Add someone at the door (or by phone): confirmed at once, seated when a seat is free."""
    event = _event_for(request, event_id, manage=True)
    if event is None:
        return forbidden(request)
    form = WalkInForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        participant = registration.add_walk_in(event, form.cleaned_data)
        if form.cleaned_data["check_in"]:
            today = timezone.localdate()
            if today in form.cleaned_data["days"]:
                checkin.apply(event, today, f"walk-in-{participant.pk}", "in", participant_id=participant.pk)
        statuses = list(participant.bookings.values_list("status", flat=True))
        if Booking.Status.WAITING in statuses:
            messages.warning(
                request, _("%(name)s was added to the waiting list: no seat is free.") % {"name": participant.name}
            )
        else:
            messages.success(request, _("%(name)s was added with a seat.") % {"name": participant.name})
        return _overview(event)
    return TemplateResponse(request, TEMPLATES + "walk_in.html", {"event": event, "form": form})


@require_POST
def cancel(request, participant_id):
    participant = get_object_or_404(Participant, pk=participant_id)
    if _event_for(request, participant.event_id, manage=True) is None:
        return forbidden(request)
    seats.cancel(participant)
    messages.success(
        request,
        _("The registration of %(name)s is cancelled; a freed seat was offered to the waiting list.")
        % {"name": participant.name},
    )
    return _overview(participant.event)


@require_POST
def move_up(request, booking_id):
    """Put someone first on a day's waiting list; a free seat is offered to them at once."""
    booking = get_object_or_404(Booking, pk=booking_id)
    if _event_for(request, booking.event_id, manage=True) is None:
        return forbidden(request)
    seats.move_to_front(booking)
    messages.success(request, _("%(name)s is now first on the waiting list.") % {"name": booking.participant.name})
    return _overview(booking.event)


def _audience(event, audience):
    confirmed = Participant.objects.filter(event=event).confirmed().exclude(email="")
    if audience == BulkMail.Audience.SEATED:
        return confirmed.filter(bookings__status__in=Booking.HOLDS_SEAT).distinct()
    if audience == BulkMail.Audience.WAITING:
        return (
            confirmed.filter(bookings__status=Booking.Status.WAITING)
            .exclude(bookings__status__in=Booking.HOLDS_SEAT)
            .distinct()
        )
    return confirmed.filter(bookings__status__in=Booking.ACTIVE).distinct()


@require_http_methods(["GET", "POST"])
def bulk_mail(request, event_id):
    """A message to the event's participants through the site, sent after commit, one mail each;
    at most ``BULK_MAIL_LIMIT`` messages per event in ``BULK_MAIL_WINDOW`` seconds."""
    event = _event_for(request, event_id, manage=True)
    if event is None:
        return forbidden(request)
    form = BulkMailForm(request.POST or None)
    window = timezone.now() - datetime.timedelta(seconds=get_setting("BULK_MAIL_WINDOW"))
    sent_recently = BulkMail.objects.filter(event=event, created_at__gte=window).count()
    limited = sent_recently >= get_setting("BULK_MAIL_LIMIT")
    status = 200
    if request.method == "POST" and limited:
        form.add_error(
            None, _("Too many messages were sent to this event's participants recently. Please try again later.")
        )
        status = 429
    elif request.method == "POST" and form.is_valid():
        with transaction.atomic():
            message = form.save(commit=False)
            message.event, message.sent_by = event, request.user
            recipients = list(_audience(event, message.audience).values_list("pk", flat=True))
            message.recipients = len(recipients)
            message.save()
            for participant_id in recipients:
                mail.enqueue_on_commit("participants_message", [message.pk, participant_id])
        messages.success(
            request,
            ngettext("The message goes to %(count)d person.", "The message goes to %(count)d people.", len(recipients))
            % {"count": len(recipients)},
        )
        return _overview(event)
    elif request.method == "POST":
        status = 400
    context = {
        "event": event,
        "form": form,
        "sent": BulkMail.objects.filter(event=event)[:20],
        "limited": limited,
        "audience_sizes": {value: _audience(event, value).count() for value, _label in BulkMail.Audience.choices},
        # The site's German says "Sie" to participants: the hint on how to write to them follows.
        "formal_german": apps.is_installed("barcamp_wagtail.formal_german"),
    }
    return TemplateResponse(request, TEMPLATES + "bulk_mail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def invite(request, event_id):
    """Invite the confirmed next-edition sign-ups of an earlier edition to register; once each."""
    event = _event_for(request, event_id, manage=True)
    if event is None:
        return forbidden(request)
    sources = EventPage.objects.exclude(pk=event.pk).filter(interest_signups__confirmed_at__isnull=False).distinct()
    previous = registration.previous_edition(event)
    form = InviteForm(request.POST or None, events=sources, initial={"source": previous})
    if request.method == "POST" and form.is_valid():
        if not event.registration_is_open():
            form.add_error(None, _("Registration for this event is not open: open it first, then invite."))
        else:
            count = registration.invite_signups(form.cleaned_data["source"], event)
            messages.success(
                request,
                ngettext("%(count)d sign-up invited.", "%(count)d sign-ups invited.", count) % {"count": count},
            )
            return _overview(event)
    context = {"event": event, "form": form, "has_sources": sources.exists()}
    return TemplateResponse(request, TEMPLATES + "invite.html", context, status=400 if form.errors else 200)


class BadgeForm(forms.Form):
    layout = forms.ChoiceField(choices=[(layout.identifier, layout.label) for layout in badges.LAYOUTS.values()])
    day = forms.DateField(required=False)


@require_GET
def badge_pdf(request, event_id):
    """The badges of everyone with a seat (on one day with ``?day=``), as a PDF."""
    event = _event_for(request, event_id)
    if event is None:
        return forbidden(request)
    form = BadgeForm(request.GET or {"layout": badges.DEFAULT_LAYOUT})
    if not form.is_valid():
        return HttpResponse(_("Unknown badge layout."), status=400, content_type="text/plain; charset=utf-8")
    participants = badges.badge_participants(event, form.cleaned_data.get("day"))
    pdf = badges.render_pdf(event, participants, form.cleaned_data["layout"])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="badges-{event.slug}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _door_day(event, value=None):
    days = event.event_days()
    if value:
        try:
            chosen = datetime.date.fromisoformat(value)
        except ValueError:
            chosen = None
        if chosen in days:
            return chosen
    today = timezone.localdate()
    return today if today in days else days[0]


def _capacity(event, day):
    return event.venue_capacity or seats.capacity_for(event, day)


@require_GET
def door(request, event_id):
    """The check-in page for a phone at the door."""
    event = _event_for(request, event_id, manage=True)
    if event is None:
        return forbidden(request)
    day = _door_day(event, request.GET.get("day"))
    context = {
        "event": event,
        "day": day,
        "days": event.event_days(),
        "capacity": _capacity(event, day),
        "present": checkin.present_count(event, day),
        "people": checkin.door_list(event, day),
        "api_url": reverse("barcamp_wagtail_participants_door_api", args=[event.pk]) + f"?day={day.isoformat()}",
        "poll_seconds": get_setting("CHECKIN_POLL_SECONDS"),
    }
    response = TemplateResponse(request, TEMPLATES + "door.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def door_api(request, event_id):
    """GET: the count and who is in; POST (JSON ``{"id", "action", "participant" or "code"}``): one action."""
    event = _event_for(request, event_id, manage=True)
    if event is None:
        return JsonResponse({"error": "forbidden"}, status=403)
    day = _door_day(event, request.GET.get("day"))
    if request.method == "GET":
        data = {
            "present": checkin.present_count(event, day),
            "capacity": _capacity(event, day),
            "people": checkin.door_list(event, day),
        }
    else:
        try:
            payload = json.loads(request.body or b"{}")
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            return JsonResponse({"error": "invalid"}, status=400)
        participant_id = payload.get("participant")
        data = checkin.apply(
            event,
            day,
            payload.get("id"),
            payload.get("action"),
            participant_id=participant_id if isinstance(participant_id, int) else None,
            code=str(payload.get("code") or "")[:500],
        )
        data["capacity"] = _capacity(event, day)
    response = JsonResponse(data)
    response["Cache-Control"] = "private, no-store"
    return response

"""The event page's participant routes: the registration form, the private page behind the link in the
mail (confirm, change, cancel, take an offered seat, the directory profile, contact requests) and
the directory.

Thin on purpose: validation lives in forms.py, seats in seats.py, the directory's rules in
directory.py, mail in ``barcamp_wagtail.mail``. Private pages answer 404 to a guessed or foreign
link, carry ``noindex`` and are never cached by anyone but the browser that asked.
"""

from functools import partial

from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import ratelimit
from ..conf import get_setting
from ..forms import read_form_token
from . import directory as directory_rules
from . import registration, seats
from .codes import current_code
from .forms import ContactForm, ParticipantChangeForm, ProfileForm, RegistrationForm
from .models import Booking, ContactRequest, Participant, Profile

TEMPLATES = "barcamp_wagtail/participants/"


def _private(response):
    """Headers of every page reached through a private link."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # same-origin, not no-referrer: Chromium would send "Origin: null" and fail the CSRF check.
    response["Referrer-Policy"] = "same-origin"
    return response


def _render(request, event, template, context=None, status=200):
    full_context = event.get_context(request)
    full_context.update({"event": event, "register_url": event.url + event.reverse_subpage("register")})
    full_context.update(context or {})
    return _private(TemplateResponse(request, TEMPLATES + template, full_context, status=status))


def _back(event, participant, done=""):
    url = event.url + event.reverse_subpage("participant", args=[participant.token()])
    return HttpResponseRedirect(url + (f"?done={done}" if done else ""), status=303)


def register(request, event):
    if not event.registration_is_open():
        return _render(request, event, "register.html", {"is_open": False})
    signup = registration.invited_signup(request.GET.get("invitation") or request.POST.get("invitation"), event)
    # The seats left are counted only for a page that shows them, not for a registration that is stored.
    context = {
        "is_open": True,
        "counts": SimpleLazyObject(partial(seats.seats_left, event)),
        "invitation": request.GET.get("invitation", ""),
    }
    if request.method != "POST":
        initial = {"email": signup.email, "name": signup.name} if signup else None
        return _render(
            request, event, "register.html", context | {"form": RegistrationForm(event=event, initial=initial)}
        )

    if not ratelimit.hit("registration", request):
        message = _("Too many registrations were sent from your connection. Please wait a while and try again.")
        response = _render(
            request,
            event,
            "register.html",
            context | {"form": RegistrationForm(event=event), "rate_limited": message},
            429,
        )
        response["Retry-After"] = str(int(get_setting("PROPOSAL_RATE_WINDOW")))
        return response

    nonce, _age = read_form_token(request.POST.get("form_token"))
    if nonce is not None and Participant.objects.filter(nonce=nonce).exists():
        return _thanks(event)  # a double click or a re-sent form
    form = RegistrationForm(request.POST, event=event, client_address=ratelimit.client_address(request))
    if not form.is_valid():
        return _render(request, event, "register.html", context | {"form": form})
    registration.register(event, form.cleaned_data, nonce=form.nonce, language=get_language(), signup=signup)
    return _thanks(event)


def _thanks(event):
    return HttpResponseRedirect(event.url + event.reverse_subpage("register_thanks"), status=303)


def register_thanks(request, event):
    return _render(request, event, "register_thanks.html", {"days": get_setting("PARTICIPANT_CONFIRM_DAYS")})


def _participant_or_404(request, event, token, template="participant.html"):
    participant = Participant.from_token(token, event)
    if participant is None or registration.confirmation_expired(participant):
        return None, _render(request, event, template, {"participant": None}, status=404)
    return participant, None


def participant_page(request, event, token):
    participant, missing = _participant_or_404(request, event, token)
    if missing:
        return missing
    invalid = {}
    if request.method == "POST" and not participant.is_cancelled:
        outcome = _participant_action(request, event, participant)
        if not isinstance(outcome, dict):
            return outcome
        invalid = outcome
    return _participant_render(request, event, participant, invalid)


def _participant_action(request, event, participant):
    """Apply one POSTed action: a redirect, or a dict of the invalid forms to show again."""
    action = request.POST.get("action", "")
    if action == "confirm":
        seats.confirm(participant)
        return _back(event, participant, "confirmed")
    if not participant.is_confirmed:
        return {}
    booking = _own_booking(participant, request.POST.get("booking", ""))
    if action == "accept" and booking:
        return _back(event, participant, "accepted" if seats.accept_offer(booking) else "too-late")
    if action == "decline" and booking:
        with transaction.atomic():
            seats.cancel_booking(booking)
        return _back(event, participant, "declined")
    if action == "rejoin" and booking:
        seats.rejoin_queue(booking)
        return _back(event, participant, "rejoined")
    if action == "cancel":
        if request.POST.get("sure") != "yes":
            return {"cancel_error": _("Please tick the box to confirm the cancellation.")}
        seats.cancel(participant)
        return _back(event, participant, "cancelled")
    if action == "change":
        form = ParticipantChangeForm(request.POST, event=event)
        if not form.is_valid():
            return {"change_form": form}
        data = form.cleaned_data
        with transaction.atomic():
            for field in ("name", "organisation", "badge_name", "needs"):
                setattr(participant, field, data[field])
            participant.save(update_fields=["name", "organisation", "badge_name", "needs"])
            seats.change_days(participant, data["days"])
        return _back(event, participant, "saved")
    if action in ("profile", "withdraw-profile", "allow", "decline-contact"):
        return _directory_action(request, event, participant, action)
    return {}


def _directory_action(request, event, participant, action):
    if not directory_rules.can_use(event, participant):
        return {}
    if action == "withdraw-profile":
        Profile.objects.filter(participant=participant).delete()
        return _back(event, participant, "withdrawn")
    if action in ("allow", "decline-contact"):
        contact_id = request.POST.get("contact", "")
        if contact_id.isdigit():
            directory_rules.answer_contact(participant, int(contact_id), allow=action == "allow")
        return _back(event, participant, "answered")
    form = ProfileForm(request.POST, topics=directory_rules.event_topics(event))
    if not form.is_valid():
        return {"profile_form": form}
    profile = Profile.objects.filter(participant=participant).first() or Profile(participant=participant)
    form.save_to(profile)
    return _back(event, participant, "published")


def _own_booking(participant, booking_id):
    if not booking_id.isdigit():
        return None
    return Booking.objects.select_related("event", "participant").filter(pk=booking_id, participant=participant).first()


def _participant_render(request, event, participant, invalid):
    bookings = list(participant.bookings.order_by("day"))
    if participant.is_confirmed:
        # An offer that ran out while nobody looked passes on before the page shows it.
        for day in {booking.day for booking in bookings if booking.status == Booking.Status.OFFERED}:
            seats.fill(event, day)
        bookings = list(participant.bookings.order_by("day"))
    rows = [(booking, seats.queue_position(booking)) for booking in bookings]
    active_days = [booking.day.isoformat() for booking in bookings if booking.status in Booking.ACTIVE]
    profile = Profile.objects.filter(participant=participant).first()
    can_network = participant.is_confirmed and directory_rules.can_use(event, participant)
    code = current_code(participant) if participant.voter_code_id else ""
    context = {
        "participant": participant,
        "bookings": rows,
        "done": request.GET.get("done", ""),
        "change_form": invalid.get("change_form")
        or ParticipantChangeForm(
            event=event,
            initial={
                "name": participant.name,
                "organisation": participant.organisation,
                "badge_name": participant.badge_name,
                "needs": participant.needs,
                "days": active_days,
            },
        ),
        "cancel_error": invalid.get("cancel_error", ""),
        "voter_code": code,
        "vote_url": _vote_url(event, code) if code else "",
        "can_network": can_network,
        "directory_url": event.url + event.reverse_subpage("directory", args=[participant.token()]),
        "directory_closes": directory_rules.closes_at(event),
        "profile": profile,
        "profile_form": invalid.get("profile_form")
        or (
            ProfileForm(initial=ProfileForm.initial_for(profile), topics=directory_rules.event_topics(event))
            if can_network
            else None
        ),
        "contact_requests": list(
            participant.contacts_received.filter(status=ContactRequest.Status.PENDING).select_related("sender")
        )
        if can_network
        else [],
    }
    return _render(request, event, "participant.html", context, status=400 if invalid else 200)


def vote_page_url(event):
    """The event's vote page, or "" when it has none."""
    from ..models import ProposalPage

    page = ProposalPage.for_event(event)
    return page.subpage_full_url("vote") if page is not None else ""


def _vote_url(event, code, page_url=None):
    """The vote page with the code filled in: what the badge's QR code and the private page link to.
    ``page_url``: ``vote_page_url(event)``, when the caller has it already."""
    from urllib.parse import urlencode

    page_url = vote_page_url(event) if page_url is None else page_url
    return page_url + "?" + urlencode({"code": code}) if page_url else ""


def _member_or_404(request, event, token):
    """The participant behind the link when they may use the directory; 404 for everyone else."""
    participant = Participant.from_token(token, event)
    if not directory_rules.can_use(event, participant):
        return {}, _render(request, event, "directory.html", {"viewer": None}, status=404)
    return participant, None


def directory(request, event, token):
    viewer, missing = _member_or_404(request, event, token)
    if missing:
        return missing
    entries = [
        (profile, event.url + event.reverse_subpage("directory_profile", args=[token, profile.pk]))
        for profile in directory_rules.profiles(event, viewer)
    ]
    context = {
        "viewer": viewer,
        "entries": entries,
        "own_url": event.url + event.reverse_subpage("participant", args=[token]),
        "closes": directory_rules.closes_at(event),
    }
    return _render(request, event, "directory.html", context)


def directory_profile(request, event, token, profile_id):
    viewer, missing = _member_or_404(request, event, token)
    if missing:
        return missing
    profile = directory_rules.profiles(event, viewer).filter(pk=profile_id).first()
    if profile is None:
        return _render(request, event, "directory.html", {"viewer": None}, status=404)
    form, sent, refused, status = ContactForm(), False, "", 200
    if request.method == "POST" and profile.allow_contact:
        form = ContactForm(request.POST)
        if form.is_valid():
            try:
                directory_rules.request_contact(viewer, profile, form.cleaned_data["message"])
            except directory_rules.ContactRefused as error:
                refused, status = str(error), 429
            except IntegrityError:
                refused, status = _("That did not work. Please try again."), 400
            else:
                form, sent = ContactForm(), True
        else:
            status = 400
    context = {
        "viewer": viewer,
        "profile": profile,
        "sessions": directory_rules.hosted_sessions(profile),
        "form": form,
        "sent": sent,
        "refused": refused,
        "directory_url": event.url + event.reverse_subpage("directory", args=[token]),
    }
    return _render(request, event, "directory_profile.html", context, status=status)

"""The event page's next-edition routes: the sign-up form's target, the thank-you page and
the confirmation link.

Thin on purpose: validation lives in forms.py, the rules in models/interest.py, mail in mail.py.
Whatever is typed in, the visitor reads the same neutral answer: nobody learns from the form
whether an address is already registered.
"""

from django.db import OperationalError, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import db_faults, mail, ratelimit
from ..conf import get_setting
from ..forms import InterestForm
from ..models import InterestSignup

PAGE_TEMPLATE = "barcamp_wagtail/interest_page.html"


def _render(request, event, template, context=None, status=200):
    full_context = event.get_context(request)
    interest_url = event.url + event.reverse_subpage("interest")
    full_context.update({"event": event, "interest_url": interest_url, **(context or {})})
    response = TemplateResponse(request, template, full_context, status=status)
    add_never_cache_headers(response)
    return response


def interest_signup(request, event):
    if request.method != "POST":
        return _render(request, event, PAGE_TEMPLATE, {"form": InterestForm()})

    if not ratelimit.hit("interest", request):
        message = _("Too many sign-ups were sent from your connection. Please wait a while and try again.")
        typed = {name: request.POST.get(name, "") for name in InterestForm.PERSON_FIELDS}
        context = {"form": InterestForm(initial=typed), "rate_limited": message}
        response = _render(request, event, PAGE_TEMPLATE, context, status=429)
        response["Retry-After"] = str(int(get_setting("PROPOSAL_RATE_WINDOW")))
        return response

    form = InterestForm(request.POST, client_address=ratelimit.client_address(request))
    if not form.is_valid():
        return _render(request, event, PAGE_TEMPLATE, {"form": form})
    try:
        with transaction.atomic():
            signup, send = InterestSignup.sign_up(
                event,
                form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                language=(get_language() or "")[:10],
            )
            if send:
                signup.confirmation_sent_at = timezone.now()
                signup.save(update_fields=["confirmation_sent_at"])
                mail.enqueue_on_commit("interest_confirmation", signup.pk)
    except OperationalError as error:
        if not db_faults.is_busy(error):
            raise
        form.remember_spam_check(form.nonce)
        return db_faults.retry_later(_render(request, event, PAGE_TEMPLATE, {"form": form, "busy": True}))
    return HttpResponseRedirect(event.url + event.reverse_subpage("interest_thanks"), status=303)


def interest_thanks(request, event):
    return _render(request, event, "barcamp_wagtail/interest_thanks.html")


def interest_confirm(request, event, token):
    """GET shows a button; only its POST confirms, so that mail scanners opening the link do not."""
    signup = InterestSignup.from_confirm_token(token, event)
    template = "barcamp_wagtail/interest_confirm.html"
    context = {"signup": signup, "days": get_setting("INTEREST_CONFIRM_DAYS")}
    if signup is None:
        response = _render(request, event, template, context, status=404)
    elif request.method == "POST":
        try:
            signup.confirm()
            response = _render(request, event, template, context | {"confirmed": True})
        except OperationalError as error:
            if not db_faults.is_busy(error):
                raise
            response = db_faults.retry_later(_render(request, event, template, context | {"busy": True}))
    else:
        response = _render(request, event, template, context | {"confirmed": signup.is_confirmed})
    # The token is in the URL: keep it out of other sites' Referer headers and out of search
    # engines. "same-origin", not "no-referrer": with no-referrer browsers send "Origin: null"
    # on the page's own forms, and Django's CSRF check refuses them.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response

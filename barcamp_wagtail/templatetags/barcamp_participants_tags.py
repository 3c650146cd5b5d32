"""Template tags of the participants' pages."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()

NOTICES = {
    "confirmed": lambda: _("Thank you: your address is confirmed."),
    "accepted": lambda: _("The seat is yours. See you there!"),
    "too-late": lambda: _("Sorry, the offer had run out: the seat went to the next person."),
    "declined": lambda: _("You gave the seat back. Thank you!"),
    "rejoined": lambda: _("You are on the waiting list again."),
    "saved": lambda: _("Your changes have been saved."),
    "published": lambda: _("Your profile is published in the directory."),
    "withdrawn": lambda: _("Your profile has been withdrawn from the directory."),
    "answered": lambda: _("Your answer has been saved."),
}


@register.simple_tag
def participant_notice(done):
    """The message shown after an action on the private page (``?done=<what>``); "" for anything else."""
    notice = NOTICES.get(done or "")
    return notice() if notice else ""


@register.simple_tag
def qr_svg(text):
    """A QR code of ``text`` as inline SVG, titled for screen readers."""
    from ..views.display import qr_code_svg

    return qr_code_svg(text, _("QR code of your voter code"))


@register.simple_tag
def registration_state(event):
    """What the event page says about registration; None when the event takes none."""
    from django.utils import timezone

    from ..participants.seats import seats_left

    if not event.registration_enabled or not event.capacity:
        return None
    is_open = event.registration_is_open()
    counts = seats_left(event) if is_open else []
    opens = event.registration_opens if event.registration_opens and event.registration_opens > timezone.now() else None
    return {
        "is_open": is_open,
        "counts": counts,
        "full": bool(counts) and not any(day["free"] for day in counts),
        "opens": opens,
        "url": event.url + event.reverse_subpage("register"),
    }

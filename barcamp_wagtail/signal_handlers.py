"""What publishing starts: the cached exports (``EXPORT_RENDER_ON_PUBLISH``), seats for the
waiting list, and the invitations "Copy as next edition" promised to a new edition."""

from django.db import transaction
from wagtail.signals import page_published

from .conf import get_setting
from .models import EventPage, SessionPage


def enqueue_export_rendering(sender, instance, **kwargs):
    if not get_setting("EXPORT_RENDER_ON_PUBLISH"):
        return
    event_id = instance.pk if isinstance(instance, EventPage) else instance.get_parent().pk

    def enqueue():
        from .tasks import render_cached_exports

        render_cached_exports.using(backend=get_setting("EXPORT_TASK_BACKEND")).enqueue(event_id)

    transaction.on_commit(enqueue)


def offer_added_seats(sender, instance, **kwargs):
    """More seats published on an event go to its waiting list (after the publish commits)."""
    from .participants import seats

    transaction.on_commit(lambda: seats.fill_all(EventPage.objects.get(pk=instance.pk)))


def send_promised_invitations(sender, instance, **kwargs):
    """A published edition whose registration is open invites the sign-ups promised to it."""
    from .series import send_due_invitations

    transaction.on_commit(lambda: send_due_invitations(EventPage.objects.get(pk=instance.pk)))


def register_signal_handlers():
    from . import host_notices

    host_notices.connect()
    page_published.connect(offer_added_seats, sender=EventPage, dispatch_uid="barcamp_participants_seats")
    page_published.connect(send_promised_invitations, sender=EventPage, dispatch_uid="barcamp_series_invitations")
    for model in (EventPage, SessionPage):
        page_published.connect(enqueue_export_rendering, sender=model, dispatch_uid=f"barcamp_exports_{model.__name__}")

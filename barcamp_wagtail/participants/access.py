"""Who may see and manage an event's participants in the admin.

One place: the model permission says what kind of work someone does (view, manage), the event's
page permissions say for which events. Swap these functions to change the rule everywhere.
"""

VIEW_PERMISSION = "barcamp_wagtail.view_participant"
MANAGE_PERMISSION = "barcamp_wagtail.manage_participants"


def _can_edit_event(user, event):
    return event.permissions_for_user(user).can_edit()


def can_view(user, event):
    return user.has_perm(VIEW_PERMISSION) and _can_edit_event(user, event)


def can_manage(user, event):
    return user.has_perm(MANAGE_PERMISSION) and _can_edit_event(user, event)


def viewable_event_ids(user):
    """Ids of the events whose participants ``user`` may see."""
    from ..models import EventPage

    if not user.has_perm(VIEW_PERMISSION):
        return []
    return [event.pk for event in EventPage.objects.all() if _can_edit_event(user, event)]

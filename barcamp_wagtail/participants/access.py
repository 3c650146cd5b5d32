"""Who may see and manage an event's participants in the admin, by the rules of
``barcamp_wagtail.permissions``: the model permission says what kind of work someone does (view,
manage), the event's page permissions (edit or publish) say for which events.
"""

from ..permissions import READ, EventRule

VIEW_PERMISSION = "barcamp_wagtail.view_participant"
MANAGE_PERMISSION = "barcamp_wagtail.manage_participants"

VIEW_PARTICIPANTS = EventRule("view_participants", (VIEW_PERMISSION, MANAGE_PERMISSION), READ)
MANAGE_PARTICIPANTS = EventRule("manage_participants", (MANAGE_PERMISSION,), READ)


def can_view(user, event):
    return VIEW_PARTICIPANTS.allows(user, event)


def can_manage(user, event):
    return MANAGE_PARTICIPANTS.allows(user, event)


def viewable_events(user):
    """The events whose participants ``user`` may see, as a queryset."""
    return VIEW_PARTICIPANTS.events(user)

"""Who may do what for which barcamp: the app's permissions, scoped by Wagtail's page permissions.

A model permission given to a group (Settings → Groups → Object permissions) says *what* its
members may do with proposals, votes and sign-ups; Wagtail's page permissions on an event (or a
page above it) say *for which* events. An agency running several clients' barcamps on one site
gives each client's group page permissions on that client's part of the page tree and the app's
permissions; the group then sees and changes those barcamps only. Superusers may do everything.

The rules, documented for integrators in docs/integrators.md:

- **read** an event's proposals or sign-ups (list, inspect, export): a permission on the model
  and the right to edit or publish the event's page (Wagtail's "Edit" or "Publish" on the event
  or above it; "Add" counts for the event's owner, as it does in Wagtail);
- **act** on them (accept, decline, delete; the plenary board, hand counts and voter codes;
  privacy exports and erasure): the permission for the action and the right to *publish* the
  event's page, since accepting publishes a session below it;
- **plan** (schedule planner, grid proposal): the right to publish pages below the event;
- **copy as next edition**: Wagtail's own rule for copying the event next to itself.

Every rule answers for one event (``allows``) and lists the events it allows (``events``), so
lists, filters, counts and exports are built from the same rule as the buttons and the views.
"""

from dataclasses import dataclass

from wagtail.permissions import page_permission_policy

from .models import EventPage


@dataclass(frozen=True)
class EventRule:
    """Any of ``permissions`` (app model permissions; none needed when empty) plus any of
    ``page_actions`` (Wagtail page permissions: "change", "publish", …) on the event."""

    name: str
    permissions: tuple = ()
    page_actions: frozenset = frozenset({"publish"})

    def has_model_permission(self, user):
        return not self.permissions or any(user.has_perm(permission) for permission in self.permissions)

    def allows(self, user, event):
        """Whether ``user`` may do this for ``event`` (any page of the event's type; no query)."""
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        if not self.has_model_permission(user):
            return False
        return page_permission_policy.user_has_any_permission_for_instance(user, self.page_actions, event)

    def events(self, user):
        """The events ``user`` may do this for, as a queryset (usable as a subquery)."""
        if not user.is_active:
            return EventPage.objects.none()
        if user.is_superuser:
            return EventPage.objects.all()
        if not self.has_model_permission(user):
            return EventPage.objects.none()
        pages = page_permission_policy.instances_user_has_any_permission_for(user, self.page_actions)
        return EventPage.objects.filter(pk__in=pages.values("pk"))

    def any_event(self, user):
        """Whether ``user`` may do this for at least one event: menus and buttons show only then.
        Remembered on the user object for the request, as Wagtail does with page permissions."""
        if user.is_superuser and user.is_active:
            return True
        cache = user.__dict__.setdefault("_barcamp_wagtail_rules", {})
        if self.name not in cache:
            cache[self.name] = self.events(user).exists()
        return cache[self.name]


READ = frozenset({"change", "publish"})
ACT = frozenset({"publish"})

VIEW_PROPOSALS = EventRule(
    "view_proposals",
    (
        "barcamp_wagtail.view_sessionproposal",
        "barcamp_wagtail.moderate_sessionproposal",
        "barcamp_wagtail.delete_sessionproposal",
    ),
    READ,
)
MODERATE_PROPOSALS = EventRule("moderate_proposals", ("barcamp_wagtail.moderate_sessionproposal",), ACT)
DELETE_PROPOSALS = EventRule("delete_proposals", ("barcamp_wagtail.delete_sessionproposal",), ACT)
VIEW_SIGNUPS = EventRule(
    "view_signups", ("barcamp_wagtail.view_interestsignup", "barcamp_wagtail.delete_interestsignup"), READ
)
DELETE_SIGNUPS = EventRule("delete_signups", ("barcamp_wagtail.delete_interestsignup",), ACT)


def can_plan(user, event):
    """The planner publishes what it saves: it needs the right to publish pages below the event."""
    return event.permissions_for_user(user).can_publish_subpage()


def can_add_sessions(user, event):
    """Typing a new session into the planner also creates a page below the event."""
    return event.permissions_for_user(user).can_add_subpage()


def can_copy_as_next_edition(user, event):
    """Wagtail's rule for copying the event next to itself: edit it, add pages where it lives."""
    parent = event.get_parent()
    return event.permissions_for_user(user).can_copy_to(parent)

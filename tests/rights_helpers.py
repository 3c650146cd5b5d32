"""Builders for the rights tests: an agency's site with two clients' barcamps and a group for each.

Client A's barcamp lives in a folder page the group "Client A" has page permissions on (rights
given on an ancestor); client B's barcamp is a page of its own the group "Client B" has
permissions on (rights given on the event itself). Every person has a proposal, a vote and a
sign-up in both barcamps under the same e-mail address, so that a leak shows.
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from barcamp_wagtail.models import InterestSignup, InterestVote, SessionProposal, VoterCode

from .factories import make_event, make_home, make_proposal_page, make_room, make_slot

PASSWORD = "rights-password"  # noqa: S105  (a test account)
DAY = timezone.localdate() + datetime.timedelta(days=30)
SHARED_EMAIL = "shared@example.org"

APP_PERMISSIONS = [
    "view_sessionproposal",
    "moderate_sessionproposal",
    "delete_sessionproposal",
    "view_interestsignup",
    "delete_interestsignup",
]
ALL_PAGE_PERMISSIONS = ("add", "change", "publish")


def make_group(name, page, page_permissions=ALL_PAGE_PERMISSIONS, app_permissions=APP_PERMISSIONS):
    """A Wagtail group with admin access, the app's permissions and page permissions on ``page``."""
    group = Group.objects.create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="barcamp_wagtail", codename__in=app_permissions),
    )
    for action in page_permissions:
        GroupPagePermission.objects.create(
            group=group,
            page=page,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page"),
        )
    return group


def make_member(django_user_model, username, *groups, password=PASSWORD):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", password)
    user.groups.add(*groups)
    return user


def fill_barcamp(event, name):
    """Rooms, slots, a call for sessions, and the private records visitors leave behind."""
    make_room(event, "Plenum")
    make_slot(event, "10:00", "10:45", day=DAY)
    make_proposal_page(event, votes_enabled=True)
    proposals = [
        SessionProposal.objects.create(
            event=event,
            title=f"{name} talk",
            abstract=f"About {name}.",
            topic=f"{name} topic",
            name=f"{name} Host",
            email=SHARED_EMAIL,
            show_name=True,
            privacy_consent=True,
            consent_at=timezone.now(),
            nonce=f"{name}-shared",
        ),
        SessionProposal.objects.create(
            event=event,
            title=f"{name} workshop",
            abstract="Hands on.",
            email=f"{name.lower()}@example.org",
            nonce=f"{name}-own",
        ),
    ]
    voter = VoterCode.objects.create(event=event, code_hash=f"{name}".ljust(64, "0"))
    InterestVote.objects.create(proposal=proposals[0], voter=voter)
    InterestSignup.objects.create(event=event, email=SHARED_EMAIL, name=f"{name} Fan", confirmed_at=timezone.now())
    InterestSignup.objects.create(event=event, email=f"{name.lower()}-fan@example.org", confirmed_at=timezone.now())
    return proposals


def make_two_barcamps():
    """Client A's barcamp "Alpha" in a folder, client B's barcamp "Beta" next to it."""
    home = make_home()
    folder = home.add_child(instance=Page(title="Client A", slug="client-a"))
    alpha = make_event(parent=folder, title="Barcamp Alpha", day=DAY)
    beta = make_event(parent=home, title="Barcamp Beta", day=DAY)
    fill_barcamp(alpha, "Alpha")
    fill_barcamp(beta, "Beta")
    return {"folder": folder, "alpha": alpha, "beta": beta}

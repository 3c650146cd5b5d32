"""Small builders for test data. Each returns saved, published objects."""

import datetime

from django.utils import timezone
from wagtail.models import Page, Site

from barcamp_wagtail.models import EventPage, ProposalPage, Room, SessionPage, TimeSlot
from example_site.home.models import HomePage

EVENT_DAY = datetime.date(2026, 10, 16)


def make_home():
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="home-page"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "Test"}
    )
    return home


def make_event(parent=None, title="Barcamp Test", day=EVENT_DAY, days=1, **fields):
    parent = parent or make_home()
    tz = timezone.get_current_timezone()
    event = EventPage(
        title=title,
        start=datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=tz),
        end=datetime.datetime.combine(day + datetime.timedelta(days=days - 1), datetime.time(17, 0), tzinfo=tz),
        **fields,
    )
    parent.add_child(instance=event)
    event.save_revision().publish()
    return event


def make_room(event, name="Plenum", capacity=40, sort_order=0):
    return Room.objects.create(event=event, name=name, capacity=capacity, sort_order=sort_order)


def make_slot(event, start="10:00", end="10:45", day=EVENT_DAY, kind=TimeSlot.Kind.SESSION, label=""):
    return TimeSlot.objects.create(
        event=event,
        day=day,
        start=datetime.time.fromisoformat(start),
        end=datetime.time.fromisoformat(end),
        kind=kind,
        label=label,
    )


def make_session(event, title="A session", room=None, time_slot=None, topics=(), publish=True, **fields):
    session = SessionPage(title=title, room=room, time_slot=time_slot, **fields)
    if topics:
        session.topics.add(*topics)
    event.add_child(instance=session)
    revision = session.save_revision()
    if publish:
        revision.publish()
    else:
        session.unpublish()
    session.refresh_from_db()
    return session


def make_proposal_page(event, **fields):
    """A published call for sessions below ``event``."""
    fields.setdefault("title", "Propose a session")
    fields.setdefault("slug", "propose")
    fields.setdefault("notification_emails", "orga@example.org, team@example.org")
    fields.setdefault("privacy_notice", "<p>We store your proposal until six months after the event.</p>")
    page = ProposalPage(**fields)
    event.add_child(instance=page)
    page.save_revision().publish()
    return page

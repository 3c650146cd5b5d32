"""The host site's event, made inside the host (``manage.py shell``) as an editor would in the admin:
an event below the home page with two rooms, three time slots, a call for sessions and a schedule
page, and an organiser account. The Site's address is the server's, so that mailed links work.

Prints one line ``CONTENT: {json}`` with what the browser flow needs.
"""

import datetime
import json
import os

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from barcamp_wagtail.models import EventPage, ProposalPage, Room, SchedulePage, TimeSlot

PASSWORD = os.environ["HOST_SITE_PASSWORD"]


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


site = Site.objects.get(is_default_site=True)
site.hostname, site.port = "127.0.0.1", int(os.environ["HOST_SITE_PORT"])
site.save()

event = EventPage.objects.filter(slug="barcamp").first()
if event is None:
    day = timezone.localdate() + datetime.timedelta(days=30)
    zone = timezone.get_current_timezone()
    event = publish(
        site.root_page.specific,
        EventPage(
            title="Barcamp am Fluss",
            slug="barcamp",
            teaser="Ein Tag, an dem alle das Programm machen.",
            start=datetime.datetime.combine(day, datetime.time(9), tzinfo=zone),
            end=datetime.datetime.combine(day, datetime.time(17), tzinfo=zone),
            venue_name="Stadthalle",
        ),
    )
    Room.objects.create(event=event, name="Plenum", capacity=80, sort_order=0)
    Room.objects.create(event=event, name="Werkstatt", capacity=20, sort_order=1)
    for start, end, kind, label in [("10:00", "10:45", "session", ""), ("10:45", "11:15", "break", "Kaffee"),
                                    ("11:15", "12:00", "session", "")]:  # fmt: skip
        TimeSlot.objects.create(
            event=event,
            day=day,
            start=datetime.time.fromisoformat(start),
            end=datetime.time.fromisoformat(end),
            kind=kind,
            label=label,
        )
    publish(
        event,
        ProposalPage(
            title="Propose a session",
            slug="propose",
            notification_emails="orga@example.org",
            privacy_notice="<p>We keep your proposal until six months after the event.</p>",
        ),
    )
    publish(event, SchedulePage(title="Programme", slug="programme"))
    get_user_model().objects.create_superuser("orga", "orga@example.org", PASSWORD)

rooms = list(Room.objects.filter(event=event).order_by("sort_order"))
slots = list(TimeSlot.objects.filter(event=event, kind="session").order_by("start"))
content = {
    "event_id": event.pk,
    "event": event.url,
    "proposal": ProposalPage.objects.child_of(event).get().url,
    "schedule": SchedulePage.objects.child_of(event).get().url,
    "first_cell": f"{slots[0].pk}:{rooms[0].pk}",
    # Ten minutes into the first round: the browser's clock, for the "now" marker.
    "during_first_round": (
        datetime.datetime.combine(slots[0].day, slots[0].start, tzinfo=timezone.get_current_timezone())
        + datetime.timedelta(minutes=10)
    ).isoformat(),
}
print("CONTENT: " + json.dumps(content))  # noqa: T201

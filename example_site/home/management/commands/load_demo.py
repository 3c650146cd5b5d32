import datetime
import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Site

from barcamp_wagtail.models import EventOrganiser, EventPage, Room, SessionPage, TimeSlot
from example_site.home import demo_content as demo
from example_site.home import (
    demo_dayof,
    demo_interest,
    demo_next_edition,
    demo_press,
    demo_press_draft,
    demo_proposals,
    demo_series,
)
from example_site.home.demo_indexing import indexed_once
from example_site.home.demo_schedule import load_schedule_page
from example_site.home.models import HomePage


class Command(BaseCommand):
    help = (
        "Load the demo: a series with the first Barcamp Südwestfalen + Ruhrgebiet (over, with its press "
        "release and documentation) and the second one in Dortmund (to come, its call for sessions open), "
        "dated relative to today. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create the demo admin login.")
        parser.add_argument("--port", type=int, help="Serve the demo site as 127.0.0.1 on this port.")

    @transaction.atomic
    def handle(self, *args, **options):
        with indexed_once():
            self.load(options)
        if not options["no_admin"]:
            self.admin_login()

    def load(self, options):
        home = self.home_page()
        if options["port"]:
            Site.objects.filter(root_page=home).update(hostname="127.0.0.1", port=options["port"])
        past_day, next_day = demo.edition_days(timezone.localdate())
        series = demo_series.load(home, [demo.EVENT["slug"], demo_next_edition.EVENT["slug"]])
        event = self.event(series, past_day)
        rooms = self.rooms(event)
        slots = self.slots(event)
        created = self.sessions(event, rooms, slots)
        next_edition = demo_next_edition.load(event, next_day)
        demo_press.load(home, event, next_edition)
        load_schedule_page(event)
        demo_interest.load(event)
        demo_press_draft.load(event)
        demo_proposals.load(next_edition)
        demo_dayof.load(next_edition)
        load_schedule_page(next_edition)
        self.stdout.write(f"Demo barcamp: {event.title} ({created} sessions created).")
        self.stdout.write(f"Next edition: {next_edition.title}, call for sessions open.")
        self.stdout.write(f"Series: {series.title}, with both editions.")
        if timezone.localtime(next_edition.end) < timezone.now():
            self.stdout.write(
                "The demo was loaded long ago and its next edition is over too: "
                "delete the database (example_site/db.sqlite3) and load it again for fresh dates."
            )

    def home_page(self):
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(
                instance=HomePage(
                    title="Barcamps in Südwestfalen und im Ruhrgebiet",
                    slug="barcamps",
                    intro=f"<p>{demo.EVENT['intro']}</p>",
                )
            )
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Barcamp")
            else:
                old_root = site.root_page
                site.root_page = home
                site.save()
                if old_root.specific_class is Page and not old_root.get_children().exists():
                    old_root.delete()
        return home

    def event(self, series, day):
        event = EventPage.objects.filter(slug=demo.EVENT["slug"]).first()
        if event is not None:
            return event
        tz = timezone.get_current_timezone()
        event = EventPage(
            title=demo.EVENT["title"],
            slug=demo.EVENT["slug"],
            teaser=demo.EVENT["teaser"],
            start=datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=tz),
            end=datetime.datetime.combine(day, datetime.time(17, 15), tzinfo=tz),
            venue_name=demo.EVENT["venue_name"],
            venue_address=demo.EVENT["venue_address"],
            contact_email=demo.EVENT["contact_email"],
            registration_info=demo.EVENT["registration"],
            body=[("paragraph", f"<p>{demo.EVENT['intro']}</p>")],
        )
        event.organisers = [EventOrganiser(name=name, role=role) for name, role in demo.ORGANISERS]
        series.add_child(instance=event)
        event.save_revision().publish()
        return event

    def rooms(self, event):
        rooms = []
        for order, (name, capacity, description) in enumerate(demo.ROOMS):
            room, _ = Room.objects.get_or_create(
                event=event, name=name, defaults={"capacity": capacity, "description": description, "sort_order": order}
            )
            rooms.append(room)
        return rooms

    def slots(self, event):
        slots = []
        for start, end, kind, label in demo.SLOTS:
            slot, _ = TimeSlot.objects.get_or_create(
                event=event,
                day=timezone.localtime(event.start).date(),
                start=datetime.time.fromisoformat(start),
                defaults={"end": datetime.time.fromisoformat(end), "kind": kind, "label": label},
            )
            slots.append(slot)
        return slots

    def sessions(self, event, rooms, slots):
        cells = [(slot, room) for slot in slots if slot.kind == TimeSlot.Kind.SESSION for room in rooms]
        existing = set(SessionPage.objects.child_of(event).values_list("slug", flat=True))
        created = 0
        for (title, topics, format_, hosts, abstract), (slot, room) in zip(demo.SESSIONS, cells, strict=True):
            slug = slugify(title)
            if slug in existing:
                continue
            session = SessionPage(
                title=title,
                slug=slug,
                abstract=abstract,
                hosts=hosts,
                format=format_,
                language="de",
                room=room,
                time_slot=slot,
                notes=demo.SESSION_NOTES.get(title, ""),
            )
            session.topics.add(*topics)
            event.add_child(instance=session)
            session.save_revision().publish()
            created += 1
        return created

    def admin_login(self):
        username = "admin"
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "barcamp")
        user_model = get_user_model()
        if not user_model.objects.filter(username=username).exists():
            user_model.objects.create_superuser(username, "admin@example.org", password)
            self.stdout.write(f"Admin login created: {username} / {password}")
        else:
            self.stdout.write(f"Admin login: {username} (password unchanged)")

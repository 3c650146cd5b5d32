"""The benchmark programme: the data shape of the pretalx and floor harnesses.

8 rooms × 13 half-hour slots a day (09:00–15:30); 100 sessions fill one day, 400 fill four
days (2027-06-05 on). Each session has one host, a topic out of four, a title of three to
seven words, a two-sentence abstract and a five-sentence description, published through a
revision as an editor would. The text is deterministic (``seed``).
"""

import datetime
import hashlib
import math
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Raise it when what build_event() makes changes: the kept databases are built anew.
DATA_VERSION = 1
ROOMS = 8
SLOTS_PER_DAY = 13
SLOT_MINUTES = 30
FIRST_DAY = datetime.date(2027, 6, 5)
TOPICS = ("Tech", "Society", "Making", "Meta")
WORDS = (
    "open source data privacy community python django web design testing "
    "security cloud edge devops accessibility education civic tech maps "
    "hardware radio music art climate energy mobility health science "
    "language learning writing video streaming gaming ethics policy law "
    "database search graph network protocol performance caching frontend "
    "backend mobile offline sync federation identity crypto documentation"
).split()


def _sentence(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _paragraph(rng, sentences, words=12):
    return " ".join(_sentence(rng, words) for _ in range(sentences))


def build_event(sessions, slug=None, parent=None, seed=42):
    """An event with ``sessions`` published sessions, one per cell, and a schedule page.

    Returns ``(event, schedule_page)``. Runs inside a configured Django with migrated tables.
    """
    from wagtail.models import Page, Site

    from barcamp_wagtail.models import EventPage, Room, SchedulePage, SessionPage, TimeSlot

    rng = random.Random(seed)
    days = max(1, math.ceil(sessions / (ROOMS * SLOTS_PER_DAY)))
    slug = slug or f"barcamp-{sessions}"
    if parent is None:
        parent = Site.objects.get(is_default_site=True).root_page
    start = datetime.datetime.combine(FIRST_DAY, datetime.time(9, 0))
    end = datetime.datetime.combine(FIRST_DAY + datetime.timedelta(days=days - 1), datetime.time(16, 0))
    from django.utils import timezone

    event = EventPage(
        title=f"Barcamp {sessions}",
        slug=slug,
        start=timezone.make_aware(start),
        end=timezone.make_aware(end),
        venue_name="Stadthalle",
        venue_address="Marktplatz 1\n57072 Siegen",
        teaser="Ein Barcamp für alle, die die Region gestalten.",
    )
    parent.add_child(instance=event)
    event.save_revision().publish()
    rooms = [
        Room.objects.create(event=event, name=f"Room {n + 1}", capacity=50 + 10 * n, sort_order=n) for n in range(ROOMS)
    ]
    slots = []
    for day in range(days):
        date = FIRST_DAY + datetime.timedelta(days=day)
        for number in range(SLOTS_PER_DAY):
            begin = datetime.datetime.combine(date, datetime.time(9, 0)) + datetime.timedelta(
                minutes=SLOT_MINUTES * number
            )
            finish = begin + datetime.timedelta(minutes=SLOT_MINUTES)
            slots.append(TimeSlot.objects.create(event=event, day=date, start=begin.time(), end=finish.time()))
    cells = [(slot, room) for slot in slots for room in rooms][:sessions]
    for number, (slot, room) in enumerate(cells):
        session = SessionPage(
            title=f"#{number:04d} {_sentence(rng, rng.randint(3, 7))[:-1]}",
            slug=f"session-{number:04d}",
            hosts=f"Speaker {number:04d} {rng.choice(WORDS).capitalize()}",
            abstract=_paragraph(rng, 2),
            description=f"<p>{_paragraph(rng, 5)}</p>",
            format=SessionPage.Format.TALK,
            language="en",
            room=room,
            time_slot=slot,
        )
        session.topics.add(TOPICS[number % len(TOPICS)])
        event.add_child(instance=session)
        session.save_revision().publish()
    schedule = SchedulePage(title="Schedule", slug="schedule")
    event.add_child(instance=schedule)
    schedule.save_revision().publish()
    return event, Page.objects.get(pk=schedule.pk).specific


def build_database(path, sizes):
    """Migrate a new SQLite database at ``path`` and build one event per size in it."""
    from django.core.management import call_command
    from django.db import transaction
    from wagtail.models import Page, Site

    from example_site.home.models import HomePage

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Home", slug="home-page"))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Bench"},
        )
        for page in root.get_children().exclude(pk=home.pk):
            page.delete()
        for size in sizes:
            build_event(size, parent=Page.objects.get(pk=home.pk))


def database_fingerprint(sizes):
    """Changes with DATA_VERSION, the app's migrations and the sizes: when to build anew."""
    digest = hashlib.sha256(str(DATA_VERSION).encode())
    for migration in sorted((ROOT / "barcamp_wagtail" / "migrations").glob("*.py")):
        digest.update(migration.name.encode())
    digest.update(repr(sorted(sizes)).encode())
    return digest.hexdigest()[:12]


if __name__ == "__main__":
    # python benchmarks/dataset.py DATABASE SIZE ...  (with DJANGO_SETTINGS_MODULE set)
    sys.path[:0] = [str(ROOT)]
    os.environ["BARCAMP_BENCH_DB"] = sys.argv[1]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.site_settings")
    import django

    django.setup()
    build_database(sys.argv[1], [int(size) for size in sys.argv[2:]])

"""How much the schedule page costs next to Wagtail serving the same HTML as a plain page.

    python benchmarks/schedule_page.py [--requests 25] [--json]

Builds a throwaway SQLite database with the test settings, then for 100 and 400 sessions
prints the median time of a request, its SQL queries and its peak Python memory
(tracemalloc) for: the schedule page with an empty cache, the schedule page with a warm
cache, and a plain Wagtail page whose template is a stored copy of the schedule's HTML.
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="barcamp-benchmark-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
os.environ["BARCAMP_TEST_SQLITE"] = str(WORKDIR / "benchmark.sqlite3")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

django.setup()
# Before the first template or cache is used: the stored copy's folder and a cache of the
# schedule's own, so that "cold" empties only the schedule's entries.
settings.TEMPLATES[0]["DIRS"] = [*settings.TEMPLATES[0]["DIRS"], WORKDIR]
settings.CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "schedule": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "schedule"},
}
settings.BARCAMP_WAGTAIL = {"SCHEDULE_CACHE": "schedule"}

from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.models import Page  # noqa: E402

from tests.factories import EVENT_DAY, make_event, make_room, make_slot  # noqa: E402
from tests.schedule_helpers import make_many_sessions, make_schedule_page  # noqa: E402

ROOMS = 10


def build(sessions):
    """An event with ROOMS rooms, one session per cell, over two days."""
    event = make_event(title=f"Benchmark {sessions}", slug=f"benchmark-{sessions}", days=2)
    rooms = [make_room(event, f"Room {n}", sort_order=n) for n in range(ROOMS)]
    slot_count = sessions // ROOMS
    slots = []
    for number in range(slot_count):
        day = EVENT_DAY + datetime.timedelta(days=number * 2 // slot_count)
        start = datetime.time(8 + (number % (slot_count // 2 or 1)) // 2, 30 * (number % 2))
        end = (datetime.datetime.combine(day, start) + datetime.timedelta(minutes=25)).time()
        slots.append(make_slot(event, start.isoformat("minutes"), end.isoformat("minutes"), day=day))
    make_many_sessions(event, sessions, rooms, slots, topics=("Digitalisierung", "Nachhaltigkeit"))
    schedule = make_schedule_page(event)
    return event, schedule


def measure(client, url, requests, before=None):
    """Median milliseconds, queries and peak KiB of GET ``url``."""
    timings = []
    for _ in range(requests):
        if before:
            before()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
    if before:
        before()
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        client.get(url)
    if before:
        before()
    tracemalloc.start()
    response = client.get(url)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(timings), len(queries), peak / 1024, response


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=25, help="requests per measurement (default 25)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    translation.activate("en")
    client = Client(headers={"accept-language": "en"})
    schedule_cache = caches["schedule"]
    rows = []
    for sessions in (100, 400):
        event, schedule = build(sessions)
        client.get(schedule.url)  # warm Wagtail's own caches (site root paths) for every case
        cold = measure(client, schedule.url, args.requests, before=schedule_cache.clear)
        warm = measure(client, schedule.url, args.requests)
        html = warm[3].content.decode()
        stored_template = f"stored_schedule_{sessions}.html"
        (WORKDIR / stored_template).write_text("{% verbatim %}" + html + "{% endverbatim %}", encoding="utf-8")
        plain = Page(title="Stored schedule", slug="stored-schedule")
        event.add_child(instance=plain)
        Page.template = stored_template  # a plain Page has no template of its own
        client.get(plain.url)
        stored = measure(client, plain.url, args.requests)
        size = len(html.encode()) / 1024
        rows += [
            (sessions, "schedule page, cold cache", *cold[:3], size),
            (sessions, "schedule page, warm cache", *warm[:3], size),
            (sessions, "plain page, same HTML", *stored[:3], len(stored[3].content) / 1024),
        ]

    if args.json:
        keys = ("sessions", "page", "median_ms", "queries", "peak_kib", "html_kib")
        print(json.dumps([dict(zip(keys, row, strict=True)) for row in rows]))
        return
    print(f"Median of {args.requests} requests each (Django test client, SQLite, {ROOMS} rooms).")
    print(f"{'sessions':>8}  {'page':<27} {'median ms':>9} {'queries':>7} {'peak KiB':>8} {'HTML KiB':>8}")
    for sessions, name, median, queries, peak, size in rows:
        print(f"{sessions:>8}  {name:<27} {median:>9.1f} {queries:>7} {peak:>8.0f} {size:>8.0f}")


if __name__ == "__main__":
    main()

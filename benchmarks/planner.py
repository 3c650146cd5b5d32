"""How heavy the schedule planner is on the demo barcamp: python benchmarks/planner.py

    python benchmarks/planner.py [--requests 20] [--browser] [--json] [--save FILE]

Builds a throwaway SQLite database with the test settings, loads the demo barcamp (5 rooms ×
10 slots, 30 sessions in the grid) and accepts eight proposals with their hand counts, as after
the morning's plenary (38 sessions, 8 waiting for a place). It then prints, for the planner as an
editor opens it: the size of its HTML, the median (and slowest) time of the request and its SQL
queries (Django test client). With --browser it also opens the planner in Chromium through a
live server and prints the median time until the page is interactive (Navigation Timing
``domInteractive``) and loaded (``loadEventEnd``), each load a new visit with the static files in
the browser's cache (served with a deployment's cache lifetime), beside the same figures for
Wagtail's own listing of the event's pages: the least any admin page costs. The goal on the demo: under 60 KB of HTML,
loaded in under 300 ms.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="barcamp-benchmark-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
os.environ["BARCAMP_TEST_SQLITE"] = str(WORKDIR / "benchmark.sqlite3")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

django.setup()
settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no request leaves the machine
settings.BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA": False}

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from barcamp_wagtail.models import EventPage, SessionPage, SessionProposal  # noqa: E402

PASSWORD = "benchmark"  # noqa: S105  (a throwaway account)
CHROMIUM = os.environ.get("BARCAMP_CHROMIUM", "/usr/bin/chromium")
# Proposals made on the day, on top of the demo's three: (title, host, topic, hands).
LATE_PROPOSALS = [
    ("Mobilität zwischen Sauerland und Ruhr", "Timo Weg", "Regionalentwicklung", 18),
    ("Barrierefreie Websites für Vereine", "Lea Kontrast", "Digitalisierung", 9),
    ("Repair-Café gründen", "Ole Schraube", "Nachhaltigkeit", 14),
    ("Podcasten ohne Studio", "Mira Mikro", "Community", 6),
    ("Fördermittel finden und beantragen", "Marie Ting", "Regionalentwicklung", 25),
]


def after_the_plenary(event):
    """The morning of the barcamp: every proposal pitched, counted and accepted; none placed yet."""
    for number, (title, name, topic, hands) in enumerate(LATE_PROPOSALS):
        SessionProposal.objects.create(
            event=event,
            title=title,
            abstract="Am Morgen vorgeschlagen.",
            topic=topic,
            name=name,
            show_name=True,
            nonce=f"benchmark-{number}",
            hand_count=hands,
        )
    for proposal in SessionProposal.objects.filter(event=event):
        proposal.accept()


def server_side(client, url, requests):
    """Median and slowest milliseconds of GET ``url``, its SQL queries and its HTML in bytes."""
    client.get(url)  # warm Wagtail's caches and the template loader
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        response = client.get(url)
    return statistics.median(timings), max(timings), len(queries), len(response.content)


def in_browser(paths, requests):
    """Median milliseconds until each of ``paths`` is interactive and loaded in Chromium (live
    server), the paths taken in turn so that a change in the machine's speed hits all alike."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread
    from playwright.sync_api import sync_playwright

    class StaticFilesAsDeployed(StaticFilesHandler):
        """The app's and Wagtail's static files (found as ``collectstatic`` would), with the cache
        lifetime a deployment gives them (Wagtail versions its admin's file URLs with ``?v=``): the
        browser keeps them instead of asking the test server again on every load, which would time
        that server's file handling, not the planner."""

        def serve(self, request):
            response = super().serve(request)
            response["Cache-Control"] = "public, max-age=3600"
            return response

    server = LiveServerThread("127.0.0.1", StaticFilesAsDeployed)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    base = f"http://127.0.0.1:{server.port}"
    interactive, loaded = {path: [] for path in paths}, {path: [] for path in paths}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="en-GB")
            response = page.goto(f"{base}/admin/login/")
            if response.status != 200:
                raise SystemExit(f"The live server answered {response.status}: {page.content()[:500]}")
            page.fill("#id_username", "orga")
            page.fill("#id_password", PASSWORD)
            page.locator("form button[type=submit]").first.click()
            page.wait_for_url(f"{base}/admin/")
            for path in paths:
                page.goto(base + path)  # static files into the browser's cache, as on a second visit
            for _ in range(requests):
                for path in paths:
                    page.goto("about:blank")  # a new visit, not a reload (a reload asks for every file again)
                    page.goto(base + path, wait_until="load")
                    timing = page.evaluate(
                        "() => { const t = performance.getEntriesByType('navigation')[0];"
                        " return [t.domInteractive, t.loadEventEnd]; }"
                    )
                    interactive[path].append(timing[0])
                    loaded[path].append(timing[1])
            browser.close()
    finally:
        server.terminate()
    return {path: (statistics.median(interactive[path]), statistics.median(loaded[path])) for path in paths}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20, help="requests per measurement (default 20)")
    parser.add_argument("--browser", action="store_true", help="also time the page in Chromium")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--save", metavar="FILE", help="write the planner's HTML into FILE, to look at it")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-admin", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    get_user_model().objects.create_superuser("orga", "orga@example.org", PASSWORD)
    from example_site.home.demo_content import EVENT as PAST_EDITION

    event = EventPage.objects.get(slug=PAST_EDITION["slug"])  # the edition with the full grid
    after_the_plenary(event)
    url = reverse("barcamp_wagtail_planner", args=[event.pk])
    sessions = SessionPage.objects.live().child_of(event)
    client = Client(headers={"accept-language": "en"})
    client.login(username="orga", password=PASSWORD)

    median, slowest, queries, size = server_side(client, url, args.requests)
    if args.save:
        Path(args.save).write_bytes(client.get(url).content)
    result = {
        "rooms": event.rooms.count(),
        "slots": event.time_slots.count(),
        "sessions": sessions.count(),
        "unscheduled": sessions.filter(time_slot__isnull=True).count(),
        "html_kb": round(size / 1000, 1),
        "median_ms": round(median, 1),
        "slowest_ms": round(slowest, 1),
        "queries": queries,
    }
    if args.browser:
        # Wagtail's own listing of the event's pages: the least any admin page costs in a browser
        # (Wagtail's admin scripts and styles), measured alongside.
        floor = reverse("wagtailadmin_explore", args=[event.pk])
        timings = in_browser([url, floor], args.requests)
        result |= {
            "browser_interactive_ms": round(timings[url][0], 1),
            "browser_loaded_ms": round(timings[url][1], 1),
            "wagtail_listing_interactive_ms": round(timings[floor][0], 1),
            "wagtail_listing_loaded_ms": round(timings[floor][1], 1),
        }
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"Demo barcamp: {result['rooms']} rooms × {result['slots']} slots, {result['sessions']} sessions "
        f"({result['unscheduled']} not scheduled)."
    )
    print(f"Planner HTML: {result['html_kb']} KB, {queries} SQL queries.")
    print(
        f"Server (Django test client, SQLite, {args.requests} requests): median {result['median_ms']} ms, "
        f"slowest {result['slowest_ms']} ms."
    )
    if args.browser:
        print(
            f"Chromium (1366×768, live server, {args.requests} loads): interactive after "
            f"{result['browser_interactive_ms']} ms, loaded after {result['browser_loaded_ms']} ms (medians); "
            f"Wagtail's own listing of the event's pages, alongside: interactive after "
            f"{result['wagtail_listing_interactive_ms']} ms, loaded after {result['wagtail_listing_loaded_ms']} ms."
        )


if __name__ == "__main__":
    main()

"""A measuring process: one site in-process (Django's test client), driven over stdin/stdout.

    python benchmarks/probe.py ours|floor|pretalx

``side_by_side.py`` starts one probe per site, each with its own interpreter and settings
(pretalx runs on its own Python), and sends one JSON command per line; the probe answers
one JSON line. Because only one probe runs a request at a time and the coordinator
alternates between them, a change in machine speed hits every site alike.

Commands: ``{"op": "setup", ...}`` (returns the probes it offers), ``{"op": "time",
"probe": name}`` (one request, timed here: perf_counter around the request and reading
the body; the probe's preparation, such as emptying a cache, runs before the clock starts),
``{"op": "queries", "probe": name}``, ``{"op": "body", "probe": name}``, ``{"op": "cpu_ref"}``,
``{"op": "store_floor", ...}`` (floor only) and ``{"op": "quit"}``.

This file must run on any Python >= 3.11 without the app installed: the site modules below
import their own code only inside their setup.
"""

import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def cpu_ref():
    """Fixed pure-Python work (as the floor harness's): its time tracks the machine's speed."""
    total = 0
    for number in range(20_000):
        total += number * number % 7
    return total


class Probe:
    """One request a site answers: ``url`` with ``headers``, after ``prepare()`` (untimed)."""

    def __init__(self, url, headers=None, prepare=None, expect=200):
        self.url, self.headers, self.prepare, self.expect = url, headers or {}, prepare, expect


class Site:
    """The site under measurement: a Django test client and the probes it offers."""

    def __init__(self):
        self.probes = {}
        self.client = None

    def request(self, probe):
        response = self.client.get(probe.url, headers=probe.headers)
        body = response.content
        if response.status_code != probe.expect:
            raise RuntimeError(f"GET {probe.url} answered {response.status_code}: {body[:300]!r}")
        return body

    def time(self, probe):
        entry = self.probes[probe]
        if entry.prepare:
            entry.prepare()
        cpu, start = time.process_time(), time.perf_counter()
        body = self.request(entry)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        return {"ms": elapsed * 1000, "cpu_ms": cpu * 1000, "bytes": len(body)}

    def queries(self, probe):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        entry = self.probes[probe]
        if entry.prepare:
            entry.prepare()
        with CaptureQueriesContext(connection) as context:
            self.request(entry)
        return {"queries": len(context.captured_queries), "sql": [query["sql"] for query in context.captured_queries]}

    def body(self, probe):
        entry = self.probes[probe]
        if entry.prepare:
            entry.prepare()
        return {"body": self.request(entry).decode()}

    def versions(self):
        import platform
        import sqlite3

        import django

        return {"python": platform.python_version(), "django": django.get_version(), "sqlite": sqlite3.sqlite_version}


class OurSite(Site):
    """The app on the example site's settings (``benchmarks/site_settings.py``), with the
    programmes of ``dataset.py`` in a database built once and kept (``BARCAMP_BENCH_DB``)."""

    def setup(self, sizes, language="en"):
        sys.path[:0] = [str(ROOT)]
        os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.site_settings"
        import django

        django.setup()
        from django.core.cache import caches
        from django.test import Client

        from barcamp_wagtail.exporters import get_exporters
        from barcamp_wagtail.models import EventPage, SchedulePage

        self.client = Client(headers={"accept-language": language})
        ours = caches["barcamp"]
        exporters = [identifier for identifier, exporter in get_exporters().items() if not identifier.startswith("pdf")]
        for size in sizes:
            event = EventPage.objects.get(slug=f"barcamp-{size}")
            schedule = SchedulePage.objects.child_of(event).get()
            urls = {"page": (schedule.url, {"accept": BROWSER_ACCEPT})}
            urls.update({identifier: (event.export_url(identifier), {}) for identifier in exporters})
            for kind, (url, headers) in urls.items():
                # Cold: the app's cache emptied first. Warm: the same URL requested just before
                # (other probes empty the cache in between).
                self.probes[f"{kind}-{size}-cold"] = Probe(url, headers, ours.clear)
                warm = self.probes[f"{kind}-{size}-warm"] = Probe(url, headers)
                warm.prepare = lambda warm=warm: self.request(warm)
        for name in self.probes:  # every URL answers before anything is timed
            self.body(probe=name)
        return {"probes": sorted(self.probes), "versions": self.versions(), "paths": self.paths(sizes)}

    def paths(self, sizes):
        from barcamp_wagtail.models import SchedulePage

        return {size: SchedulePage.objects.get(url_path__endswith=f"/barcamp-{size}/schedule/").url for size in sizes}

    def versions(self):
        import wagtail

        return {**super().versions(), "wagtail": wagtail.__version__}


class FloorSite(Site):
    """``benchmarks/floor_site``: a RawHtmlPage serving a stored document, at any depth."""

    def setup(self):
        sys.path[:0] = [str(ROOT)]
        os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.floor_site.settings"
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        self.client = Client(headers={"accept-language": "en"})
        return {"versions": self.versions()}

    def store_floor(self, name, path, html):
        """Serve ``html`` at ``path`` (missing ancestors are made as RawHtmlPages)."""
        from wagtail.models import Page, Site

        from benchmarks.floor_site.rawhtml.models import RawHtmlPage

        site = Site.objects.filter(is_default_site=True).first()
        if site is None or not isinstance(site.root_page.specific, RawHtmlPage):
            root = Page.get_first_root_node()
            home = root.add_child(instance=RawHtmlPage(title="Floor", slug="floor", html=""))
            Site.objects.update_or_create(
                is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
            )
            for other in root.get_children().exclude(pk=home.pk):
                other.delete()
            site = Site.objects.get(is_default_site=True)
        page = site.root_page.specific
        for slug in [part for part in path.split("/") if part]:
            child = page.get_children().filter(slug=slug).first()
            if child is None:
                child = page.add_child(instance=RawHtmlPage(title=slug, slug=slug, html=""))
            page = child.specific
        page.html = html
        page.save()
        self.probes[name] = Probe(path, {"accept": BROWSER_ACCEPT})
        body = self.body(probe=name)["body"]
        return {"identical": body == html, "bytes": len(body.encode())}

    def versions(self):
        import wagtail

        return {**super().versions(), "wagtail": wagtail.__version__}


class PretalxSite(Site):
    """pretalx as its benchmark harness installs and seeds it (``PRETALXBENCH_DIR``), measured
    with that harness's own bootstrap; its exports and its server-rendered schedule list."""

    def setup(self, directory, slugs):
        # As the harness's _django.py: pretalx's settings read its pretalx.cfg.
        os.environ.setdefault("PRETALX_CONFIG_FILE", os.path.join(directory, "pretalx.cfg"))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pretalx.settings")
        os.environ.setdefault("PRETALX_NO_INITIAL_LOG", "1")
        import django

        django.setup()
        from django.test import Client

        # The host of [site] url in the harness's pretalx.cfg, which pretalx checks.
        self.client = Client(HTTP_HOST=os.environ.get("PRETALXBENCH_HOST", "127.0.0.1:8345"))
        html = {"accept": BROWSER_ACCEPT}
        for slug in slugs:
            self.probes[f"nojs-{slug}"] = Probe(f"/{slug}/schedule/nojs", html)
            self.probes[f"frab-xml-{slug}"] = Probe(f"/{slug}/schedule.xml")
            self.probes[f"frab-json-{slug}"] = Probe(f"/{slug}/schedule.json")
            self.probes[f"ical-{slug}"] = Probe(f"/{slug}/schedule.ics")
        for name in self.probes:
            self.body(probe=name)
        return {"probes": sorted(self.probes), "versions": self.versions()}

    def versions(self):
        import pretalx

        return {**super().versions(), "pretalx": pretalx.__version__}


SITES = {"ours": OurSite, "floor": FloorSite, "pretalx": PretalxSite}


def main():
    site = SITES[sys.argv[1]]()
    out = sys.stdout
    sys.stdout = sys.stderr  # anything else printed must not break the protocol
    for line in sys.stdin:
        command = json.loads(line)
        operation = command.pop("op")
        if operation == "quit":
            break
        try:
            if operation == "cpu_ref":
                start = time.perf_counter()
                cpu_ref()
                answer = {"ms": (time.perf_counter() - start) * 1000}
            else:
                answer = getattr(site, operation)(**command)
        except Exception as error:  # the coordinator reports it and stops
            import traceback

            answer = {"error": f"{type(error).__name__}: {error}", "traceback": traceback.format_exc()}
        out.write(json.dumps(answer) + "\n")
        out.flush()


if __name__ == "__main__":
    main()

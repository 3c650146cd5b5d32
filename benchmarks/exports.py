"""The PDF exports: a cold render against WeasyPrint alone, the cached file, 20 requests at once.

    python benchmarks/exports.py [--size 400] [--json]

On the benchmark database (``side_by_side.py`` builds it), for every PDF layout of the event
with ``--size`` sessions: a cold render (the app's cache emptied: the grid, our template and
WeasyPrint) against WeasyPrint alone on the same HTML, taken in pairs next to each other (the
order swapped every other pair, so that the machine's changing speed hits both alike; one
render takes seconds, long enough for it to change) and reported as the medians of the times
and of the pairs' ratios, the median time of a
request answered from the cache, the process's peak memory, and how many renders 20
concurrent requests for an uncached PDF cause (the first renders, the others wait for it).
"""

import argparse
import json
import os
import resource
import statistics
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: Cold renders and WeasyPrint-alone renders per PDF, taken in pairs (an even number: each order as often).
PAIRS = 4
CONCURRENT = 20


def progress(message):
    print(message, file=sys.stderr, flush=True)


def setup():
    sys.path[:0] = [str(ROOT), str(HERE)]
    from side_by_side import our_database

    os.environ["BARCAMP_BENCH_DB"] = str(our_database())
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.site_settings"
    import django

    django.setup()


def median_seconds(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_seconds(first, second, pairs=PAIRS):
    """The medians of ``first``'s and ``second``'s times and of their ratio, measured in pairs."""
    firsts, seconds, ratios = [], [], []
    for pair in range(pairs):
        times = {}
        for name, function in (("first", first), ("second", second))[:: -1 if pair % 2 else 1]:
            start = time.perf_counter()
            function()
            times[name] = time.perf_counter() - start
        firsts.append(times["first"])
        seconds.append(times["second"])
        ratios.append(times["first"] / times["second"])
    return statistics.median(firsts), statistics.median(seconds), statistics.median(ratios)


def concurrent_renders(client_class, url, exporter_class):
    """Renders caused by CONCURRENT simultaneous requests for one uncached export."""
    renders = []
    render = exporter_class.render

    def counting(self, event):
        renders.append(1)
        return render(self, event)

    statuses = []
    barrier = threading.Barrier(CONCURRENT)

    def visitor():
        client = client_class()
        barrier.wait()
        statuses.append(client.get(url).status_code)

    exporter_class.render = counting
    try:
        threads = [threading.Thread(target=visitor) for _ in range(CONCURRENT)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        exporter_class.render = render
    return len(renders), statuses


def measure(size):
    setup()
    import weasyprint  # noqa: F401  (imported once, outside the timings)
    from django.core.cache import caches
    from django.db import connections
    from django.test import Client

    from barcamp_wagtail.exporters import get_exporters
    from barcamp_wagtail.exporters.pdf import PdfExporter, html_to_pdf
    from barcamp_wagtail.models import EventPage

    event = EventPage.objects.get(slug=f"barcamp-{size}")
    cache = caches["barcamp"]
    client = Client()
    rows = []
    for identifier, exporter in get_exporters().items():
        if not isinstance(exporter, PdfExporter):
            continue
        progress(f"  {identifier}, {size} sessions ...")
        url = event.export_url(identifier)
        html = exporter.render_html(event)

        def cold(url=url):
            cache.clear()
            if client.get(url).status_code != 200:
                raise SystemExit(f"{url} did not answer 200")

        cold_seconds, weasyprint_seconds, ratio = paired_seconds(cold, lambda html=html: html_to_pdf(html))
        warm_seconds = median_seconds(lambda url=url: client.get(url), repeats=20)
        cache.clear()
        renders, statuses = concurrent_renders(Client, url, type(exporter))
        connections.close_all()
        rows.append(
            {
                "export": identifier,
                "sessions": size,
                "cold_s": round(cold_seconds, 3),
                "weasyprint_s": round(weasyprint_seconds, 3),
                "cold_per_weasyprint": round(ratio, 2),
                "cached_ms": round(warm_seconds * 1000, 2),
                "concurrent": CONCURRENT,
                "concurrent_renders": renders,
                "concurrent_ok": statuses.count(200),
                "bytes": len(client.get(url).content),
                "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    return rows


def report(rows):
    lines = [
        "| PDF | sessions | cold s | WeasyPrint alone s | cold ÷ WeasyPrint | cached ms | 20 at once: renders, 200s |"
        " size KiB | peak RSS MiB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['export']} | {row['sessions']} | {row['cold_s']:.2f} | {row['weasyprint_s']:.2f} | "
            f"{row['cold_per_weasyprint']:.2f} | {row['cached_ms']:.1f} | {row['concurrent_renders']}, "
            f"{row['concurrent_ok']} | {row['bytes'] // 1024} | {row['max_rss_mib']} |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=400)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = measure(args.size)
    print(json.dumps(rows) if args.json else report(rows))


if __name__ == "__main__":
    main()

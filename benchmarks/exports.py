"""Time and memory of the schedule exports for 100 and 400 sessions.

Run from the repository root:  .venv/bin/python benchmarks/exports.py [SESSIONS ...]

For each size it prints: the cold PDF render (our template + WeasyPrint) with its peak
Python memory (tracemalloc) and the process's peak resident memory, WeasyPrint's own
time for the same HTML, the warm (cached) PDF, and the time of every other export.
"""

import datetime
import gc
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
DATABASE = Path(tempfile.mkdtemp(prefix="barcamp-bench-")) / "bench.sqlite3"
os.environ["BARCAMP_TEST_SQLITE"] = str(DATABASE)

import django  # noqa: E402

django.setup()

from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import translation  # noqa: E402

from barcamp_wagtail.exporters import get_exporters  # noqa: E402
from barcamp_wagtail.exporters.pdf import html_to_pdf  # noqa: E402
from tests.factories import EVENT_DAY, make_event, make_room, make_session, make_slot  # noqa: E402

ROOMS = 10
SLOTS_PER_DAY = 10
REPEATS = 3


def build_event(sessions):
    days = max(1, -(-sessions // (ROOMS * SLOTS_PER_DAY)))
    event = make_event(title=f"Benchmark camp {sessions}", slug=f"bench-{sessions}", days=days)
    rooms = [make_room(event, f"Raum {number + 1}", sort_order=number) for number in range(ROOMS)]
    slots = []
    for day in range(days):
        for number in range(SLOTS_PER_DAY):
            start = datetime.time(9 + number, 0)
            slots.append(
                make_slot(
                    event,
                    start.strftime("%H:%M"),
                    start.replace(minute=45).strftime("%H:%M"),
                    day=EVENT_DAY + datetime.timedelta(days=day),
                )
            )
    cells = [(slot, room) for slot in slots for room in rooms]
    for number, (slot, room) in zip(range(sessions), cells, strict=False):
        make_session(
            event,
            f"Sitzung {number + 1}: Donaudampfschifffahrt und Größenverhältnisse",
            room=room,
            time_slot=slot,
            hosts="Jana Beispiel, Jürgen Muster",
            abstract="Worum es geht, in einem Absatz: Austausch, Fragen und Ergebnisse für alle. " * 2,
            description="<p>Ein <b>längerer</b> Text mit <i>Hervorhebungen</i> und einer Liste:</p>"
            "<ul><li>erstens</li><li>zweitens</li></ul>",
            topics=["Digitalisierung"],
        )
    return event


def seconds(function, repeats=REPEATS):
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_python_memory(function):
    gc.collect()
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def max_rss_mib():
    # Linux reports kilobytes, macOS bytes.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def cold(exporter, event):
    caches["default"].clear()
    return exporter.get_output(event)


COLUMNS = [("export", "<16"), ("cold", ">10"), ("WeasyPrint", ">12"), ("our HTML", ">10"), ("warm", ">10")]
COLUMNS += [("peak py", ">10"), ("max RSS", ">10"), ("size", ">10")]


def row(*values):
    return "".join(f"{value:{spec}}" for value, (_name, spec) in zip(values, COLUMNS, strict=True))


def measure_cached(exporter, event):
    """Cold render, WeasyPrint alone on the same HTML, warm (cached) render, memory."""
    html = exporter.render_html(event)
    cold_time = seconds(lambda: cold(exporter, event))
    weasy_time = seconds(lambda: html_to_pdf(html))
    html_time = seconds(lambda: exporter.render_html(event))
    warm_time = seconds(lambda: exporter.get_output(event), repeats=20)
    peak = peak_python_memory(lambda: cold(exporter, event))
    size = len(exporter.get_output(event))
    return row(
        exporter.identifier,
        f"{cold_time:.2f} s",
        f"{weasy_time:.2f} s",
        f"{html_time:.2f} s",
        f"{warm_time * 1000:.1f} ms",
        f"{peak / 2**20:.0f} MiB",
        f"{max_rss_mib():.0f} MiB",
        f"{size / 1024:.0f} KiB",
    )


def measure_plain(exporter, event):
    render_time = seconds(lambda: exporter.render(event))
    size = len(exporter.render(event))
    return row(exporter.identifier, f"{render_time * 1000:.0f} ms", "", "", "", "", "", f"{size / 1024:.0f} KiB")


def main(sizes):
    call_command("migrate", verbosity=0)
    translation.activate("en")
    exporters = get_exporters()
    start = time.perf_counter()
    import weasyprint  # noqa: F401

    print(f"WeasyPrint import: {time.perf_counter() - start:.2f} s (once per process, not in the numbers below)")
    for size in sizes:
        event = build_event(size)
        print(f"\n== {size} sessions, {ROOMS} rooms, {event.time_slots.count()} time slots ==")
        print(row(*(name for name, _spec in COLUMNS)))
        for exporter in exporters.values():
            measure = measure_cached if exporter.cache_output else measure_plain
            print(measure(exporter, event))
    print("\ncold: cache cleared, template + WeasyPrint; WeasyPrint: html_to_pdf() of the same HTML;")
    print("our HTML: grid queries and template alone (the rest of cold is WeasyPrint); warm: from the cache;")
    print("peak py: tracemalloc peak during one cold render; max RSS: process peak so far.")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [100, 400])

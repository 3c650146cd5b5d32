"""Memory of one app server worker: its peak while serving the 1000-session programme and its
exports, and whether it grows over 10,000 requests.

    python benchmarks/memory.py [--requests 10000] [--size 1000] [--json]

Serves the benchmark database (``side_by_side.py`` builds it) with gunicorn, one sync worker,
on 127.0.0.1. First the schedule page and every export, the PDFs included, are requested once
(rendered) and again (from the cache): the worker's peak resident memory (VmHWM) is the first
figure. Then ``--requests`` requests cycle through the page (with every day and topic filter),
the frab, c3voc and iCal exports and every session's own calendar file (rendered on each
request): the worker's resident memory (VmRSS) is read every 500 requests. The growth is the
last reading minus the reading after the first tenth of the requests (caches filled, code
paths warm).
"""

import argparse
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: Growth over the requests that counts as a leak (MiB).
LEAK_LIMIT_MIB = 10


def progress(message):
    print(message, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        connection.request("GET", path, headers={"Accept-Language": "en", "Host": "localhost"})
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status}: {body[:300]!r}")
        return body
    finally:
        connection.close()


def worker_pid(master):
    for task in Path(f"/proc/{master}/task").iterdir():
        children = (task / "children").read_text().split()
        if children:
            return int(children[0])
    return None


def memory_mib(pid, field):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M).group(1)) / 1024


def urls(database, size):
    """(page and filter URLs, export URLs, session calendar URLs) of the event with ``size`` sessions."""
    script = f"""
import json, os, sys
sys.path[:0] = [{str(ROOT)!r}]
os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.site_settings"
import django; django.setup()
from barcamp_wagtail.exporters import get_exporters
from barcamp_wagtail.models import EventPage, SchedulePage, SessionPage, TimeSlot
event = EventPage.objects.get(slug="barcamp-{size}")
page = SchedulePage.objects.child_of(event).get().url
days = sorted({{slot.day.isoformat() for slot in TimeSlot.objects.filter(event=event)}})
topics = ("tech", "society", "making", "meta")
pages = [page, *(f"{{page}}?day={{day}}" for day in days), *(f"{{page}}?topic={{topic}}" for topic in topics)]
exports = {{identifier: event.export_url(identifier) for identifier in get_exporters()}}
calendars = [event.session_calendar_url(s) for s in SessionPage.objects.child_of(event).live().order_by("pk")]
print(json.dumps([pages, exports, calendars]))
"""
    completed = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "BARCAMP_BENCH_DB": str(database)},
    )
    return json.loads(completed.stdout)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = measure(args.requests, args.size)
    print(json.dumps(result) if args.json else report(result))


def measure(requests, size):
    sys.path.insert(0, str(HERE))
    from side_by_side import our_database

    database = our_database()
    pages, exports, calendars = urls(database, size)
    port = free_port()
    env = {**os.environ, "BARCAMP_BENCH_DB": str(database), "DJANGO_SETTINGS_MODULE": "benchmarks.site_settings"}
    env["PYTHONPATH"] = str(ROOT)
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "example_site.wsgi:application", "--workers", "1"]
        + ["--bind", f"127.0.0.1:{port}", "--timeout", "600", "--log-level", "warning"],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(600):
            try:
                get(port, pages[0])
                break
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)
        worker = worker_pid(server.pid)
        progress(f"Memory: one gunicorn worker (pid {worker}), the {size}-session programme ...")
        rendered = {}
        for identifier, url in exports.items():
            start = time.perf_counter()
            size_bytes = len(get(port, url))
            rendered[identifier] = {"seconds": round(time.perf_counter() - start, 2), "bytes": size_bytes}
            progress(f"  {identifier}: rendered in {rendered[identifier]['seconds']} s")
        for url in [*pages, *exports.values()]:
            get(port, url)
        peak = memory_mib(worker, "VmHWM")
        rss_after_exports = memory_mib(worker, "VmRSS")

        cycle = [*pages, exports["frab-xml"], exports["c3voc-json"], exports["ical"]]
        readings = []
        start = time.perf_counter()
        for number in range(requests):
            url = cycle[number % len(cycle)] if number % 3 else calendars[(number // 3) % len(calendars)]
            get(port, url)
            if (number + 1) % 500 == 0:
                readings.append((number + 1, round(memory_mib(worker, "VmRSS"), 1)))
                progress(f"  {number + 1}/{requests} requests, worker at {readings[-1][1]} MiB")
        elapsed = time.perf_counter() - start
        final_peak = memory_mib(worker, "VmHWM")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    settled = next(rss for number, rss in readings if number >= requests // 10)
    return {
        "size": size,
        "requests": requests,
        "seconds": round(elapsed, 1),
        "renders": rendered,
        "peak_mib": round(max(peak, final_peak), 1),
        "rss_after_exports_mib": round(rss_after_exports, 1),
        "readings": readings,
        "settled_mib": settled,
        "final_mib": readings[-1][1],
        "growth_mib": round(readings[-1][1] - settled, 1),
        "leak_limit_mib": LEAK_LIMIT_MIB,
    }


def report(result):
    renders = ", ".join(f"{identifier} {figures['seconds']} s" for identifier, figures in result["renders"].items())
    return (
        f"One worker, {result['size']} sessions: peak resident memory {result['peak_mib']} MiB while rendering "
        f"and serving the page and every export ({renders}).\n"
        f"{result['requests']:,} requests in {result['seconds']} s: resident {result['settled_mib']} MiB after "
        f"{result['requests'] // 10:,}, {result['final_mib']} MiB at the end: growth {result['growth_mib']} MiB "
        f"(a leak would be more than {result['leak_limit_mib']} MiB)."
    )


if __name__ == "__main__":
    main()

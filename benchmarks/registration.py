"""Registration throughput under gunicorn: python benchmarks/registration.py

    python benchmarks/registration.py [--workers 2] [--clients 20] [--registrations 400] [--seconds 60]

Builds a throwaway copy of the example site (SQLite with WAL and immediate transactions, as the
example site ships it) with reCAPTCHA off, the rate limit raised and the time trap at 0 seconds (for
this benchmark only), switches registration on for the demo event with 40 seats, starts gunicorn on
127.0.0.1, and lets the clients, each in its own thread, open the registration form and send it.
It prints registrations per second and the latency of sending the form, checks that every
registration answered with the thank-you redirect left exactly one stored registration, then
confirms them all at once from 20 threads and checks that exactly 40 got a seat and the rest a
numbered place on the waiting list.
"""

import argparse
import datetime
import json
import re
import signal
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gunicorn_site import free_port, load, make_site, percentile, send_form, start_server  # noqa: E402

WORKDIR = make_site(
    "barcamp-registration-benchmark-",
    {"PROPOSAL_RECAPTCHA": False, "PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 10**9},
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from barcamp_wagtail.models import Booking, EventPage, Participant  # noqa: E402
from barcamp_wagtail.participants import seats  # noqa: E402

SEATS = 40


def register(port, path, number):
    """Open the form and send it like a browser; return (ok, seconds for the POST)."""

    def fields(html):
        days = re.findall(r'name="days" value="([^"]+)"', html)
        return {
            "name": f"Person {number}",
            "email": f"person{number}@example.org",
            "organisation": "Lasttest eG",
            "days": days[:1],
            "privacy_consent": "on",
        }

    return send_form(port, path, fields)


def confirm_all(participants, threads=20):
    """Confirm every registration from ``threads`` threads at once, as mailed links would be."""
    queue = list(participants)
    lock = threading.Lock()
    errors = []

    def worker():
        while True:
            with lock:
                if not queue:
                    break
                participant = queue.pop()
            try:
                seats.confirm(participant)
            except Exception as error:  # counted below
                errors.append(repr(error))
        connection.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return time.perf_counter() - started, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--registrations", type=int, default=400, help="at most this many (default 400)")
    parser.add_argument("--seconds", type=float, default=60, help="and at most this long (default 60)")
    parser.add_argument("--json", action="store_true", help="print the row as JSON")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-admin", verbosity=0)
    event = EventPage.objects.order_by("path").first()  # the demo event, not its next edition
    # The demo event may lie in the past: move it a month ahead, where registration is open.
    shift = timezone.now() + datetime.timedelta(days=30) - event.start
    event.start, event.end = event.start + shift, event.end + shift
    event.registration_enabled, event.capacity = True, SEATS
    event.save_revision().publish()
    path = event.url + event.reverse_subpage("register")

    port = free_port()
    server = start_server(WORKDIR, port, args.workers)
    try:
        state = load(lambda number: register(port, path, number), args.clients, args.registrations, args.seconds)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    stored = Participant.objects.filter(event=event).count()
    confirm_seconds, errors = confirm_all(Participant.objects.filter(event=event))
    bookings = Booking.objects.filter(event=event)
    seated = bookings.filter(status=Booking.Status.SEATED).count()
    queue = list(
        bookings.filter(status=Booking.Status.WAITING).order_by("queue_number").values_list("queue_number", flat=True)
    )
    row = {
        "workers": args.workers,
        "clients": args.clients,
        "sent": state["ok"] + state["failed"],
        "ok": state["ok"],
        "failed": state["failed"],
        "stored": stored,
        "lost": state["ok"] - stored,
        "seconds": round(state["elapsed"], 2),
        "registrations_per_second": round(state["ok"] / state["elapsed"], 1),
        "p50_ms": round(percentile(state["latencies"], 0.5) * 1000, 1),
        "p95_ms": round(percentile(state["latencies"], 0.95) * 1000, 1),
        "p99_ms": round(percentile(state["latencies"], 0.99) * 1000, 1),
        "confirm_seconds": round(confirm_seconds, 2),
        "seated": seated,
        "waiting": len(queue),
        "queue_in_order": queue == list(range(1, len(queue) + 1)),
        "confirm_errors": len(errors),
    }
    if args.json:
        print(json.dumps(row))
    else:
        print(
            f"Registration on gunicorn ({args.workers} workers, {args.clients} clients, 127.0.0.1, SQLite WAL): "
            f"{row['registrations_per_second']} registrations/s; sent {row['sent']}, thanked {row['ok']}, "
            f"stored {row['stored']}, lost {row['lost']}; latency of sending p50 / p95 / p99 "
            f"{row['p50_ms']:.0f} / {row['p95_ms']:.0f} / {row['p99_ms']:.0f} ms"
        )
        print(
            f"Confirming all from 20 threads: {row['confirm_seconds']} s; {seated} seats of {SEATS}, "
            f"{len(queue)} on the waiting list, numbered in order: {row['queue_in_order']}"
        )
    if row["lost"] or row["failed"] or errors or seated != min(SEATS, stored) or not row["queue_in_order"]:
        raise SystemExit("Registrations failed, were lost or were seated wrongly.")


if __name__ == "__main__":
    main()

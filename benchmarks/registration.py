"""Registration throughput under gunicorn: python benchmarks/registration.py

    python benchmarks/registration.py [--workers 2] [--clients 20] [--registrations 400] [--seconds 60]
                                      [--mail worker|inline]

Builds a throwaway copy of the example site (SQLite with WAL and immediate transactions, as the
example site ships it) with reCAPTCHA off, the rate limit raised and the time trap at 0 seconds (for
this benchmark only), switches registration on for the demo event with 40 seats, starts gunicorn on
127.0.0.1 and lets the clients, each in its own thread, register. It runs twice, each time on a
fresh gunicorn:

- "open + send": each client opens the registration form and sends it, as visitors do; the
  rate counts a GET and a POST per registration;
- "send": the forms are opened first, before the clock starts; the clock runs while they are
  sent: the rate of the POST that stores a registration, the figure of the goal.

Mail: with ``--mail worker`` (the default, as docs/deployment.md has a site that expects load) the
registration mails go through django-tasks' database backend to a ``db_worker`` running beside
gunicorn, into a file-based mail backend; with ``--mail inline`` they are rendered and sent
inside the request (the immediate backend, the example site's default), to a backend that
drops them.

It prints registrations per second and the latency of sending the form for each run, and checks
that nothing was lost: every registration answered with the thank-you redirect left exactly one
stored registration, and (with the worker) once the worker has caught up, every stored
registration got exactly one mail, to its own address. Then it confirms them all at once from 20
threads and checks that exactly 40 got a seat and the rest a numbered place on the waiting list.
"""

import argparse
import datetime
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gunicorn_site import (  # noqa: E402
    WORKER_SETTINGS,
    cpu_seconds,
    figures,
    free_port,
    load_form,
    mail_by_worker,
    mails_by_address,
    make_site,
    open_forms,
    start_server,
    start_worker,
    wait_for_mails,
)

# The settings are written before the arguments are parsed: whether the worker sends the mails
# is read from the command line here.
MAIL = mail_by_worker()

WORKDIR = make_site(
    "barcamp-registration-benchmark-",
    {"PROPOSAL_RECAPTCHA": False, "PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 10**9},
    WORKER_SETTINGS if MAIL else "",
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from barcamp_wagtail.models import Booking, EventPage, Participant  # noqa: E402
from barcamp_wagtail.participants import seats  # noqa: E402

SEATS = 40
MODES = {"open + send": False, "send": True}  # whether the forms are opened before the clock starts


def registration_fields(number):
    """The fields of the ``number``-th registration; the day is picked from the form's HTML."""

    def fields(html):
        return {
            "name": f"Person {number}",
            "email": f"person{number}@example.org",
            "organisation": "Lasttest eG",
            "days": [html.split('name="days" value="', 1)[1].split('"', 1)[0]],
            "privacy_consent": "on",
        }

    return fields


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


def run(args, event, path, mode, first, worker):
    """One load run on a fresh gunicorn, registrations numbered from ``first``; the thanked ones are
    checked against the rows stored. The CPU time gunicorn's workers (and the mail worker) used
    while the clock ran is measured too: on a busy machine it tells what a quiet one would do."""
    before = Participant.objects.filter(event=event).count()
    port = free_port()
    server = start_server(WORKDIR, port, args.workers)
    try:
        opened = open_forms(port, path, args.clients, args.registrations) if MODES[mode] else None
        cpu_before = cpu_seconds(server.pid), cpu_seconds(worker.pid) if worker else 0.0
        state = load_form(
            port,
            path,
            lambda number: registration_fields(first + number),
            args.clients,
            args.registrations,
            args.seconds,
            opened,
        )
        cpu_after = cpu_seconds(server.pid), cpu_seconds(worker.pid) if worker else 0.0
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    stored = Participant.objects.filter(event=event).count() - before
    ok = max(state["ok"], 1)
    return {
        "mode": mode,
        "workers": args.workers,
        "clients": args.clients,
        **figures(state, stored),
        "gunicorn_cpu_ms": round((cpu_after[0] - cpu_before[0]) / ok * 1000, 1),
        "worker_cpu_ms": round((cpu_after[1] - cpu_before[1]) / ok * 1000, 1),
        "load": os.getloadavg()[0],
    }


def check_mails(event, drain_seconds):
    """Every stored registration got exactly one mail, and nobody else got any."""
    counts = mails_by_address(WORKDIR)
    addresses = set(Participant.objects.filter(event=event).values_list("email", flat=True))
    return {
        "mail_seconds_after_load": round(drain_seconds, 2),
        "mails": sum(counts.values()),
        "mailed_once": sum(1 for address in addresses if counts[address] == 1),
        "not_mailed": sum(1 for address in addresses if counts[address] == 0),
        "mailed_twice_or_more": sum(1 for address in addresses if counts[address] > 1),
        "mailed_strangers": sum(1 for address in counts if address not in addresses),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--registrations", type=int, default=400, help="at most this many per run (default 400)")
    parser.add_argument("--seconds", type=float, default=60, help="and at most this long (default 60)")
    parser.add_argument(
        "--mail",
        choices=["worker", "inline"],
        default="worker",
        help="send the mails from a db_worker (default) or inside the request",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
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

    worker = start_worker(WORKDIR) if MAIL else None
    try:
        rows = []
        for number, mode in enumerate(MODES):
            print(f"  registration, {mode} ...", file=sys.stderr, flush=True)
            rows.append(run(args, event, path, mode, number * 1_000_000, worker))
        mails = check_mails(event, wait_for_mails()) if worker else None
    finally:
        if worker:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=30)
    stored = Participant.objects.filter(event=event).count()
    confirm_seconds, errors = confirm_all(Participant.objects.filter(event=event))
    bookings = Booking.objects.filter(event=event)
    seated = bookings.filter(status=Booking.Status.SEATED).count()
    queue = list(
        bookings.filter(status=Booking.Status.WAITING).order_by("queue_number").values_list("queue_number", flat=True)
    )
    result = {
        "runs": rows,
        "mail": args.mail,
        "mails": mails,
        "stored": stored,
        "confirm_seconds": round(confirm_seconds, 2),
        "seated": seated,
        "waiting": len(queue),
        "queue_in_order": queue == list(range(1, len(queue) + 1)),
        "confirm_errors": len(errors),
        "first_confirm_error": errors[0] if errors else "",
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(report(args, result))
    mails_lost = mails and (mails["not_mailed"] or mails["mailed_twice_or_more"] or mails["mailed_strangers"])
    if (
        any(row["lost"] or row["failed"] for row in rows)
        or mails_lost
        or errors
        or seated != min(SEATS, stored)
        or not result["queue_in_order"]
    ):
        raise SystemExit("Registrations failed, were lost, were not mailed once each or were seated wrongly.")


def report(args, result):
    mail = "mail sent by a db_worker" if result["mail"] == "worker" else "mail sent inside the request"
    lines = [
        f"Registration on gunicorn ({args.workers} workers, {args.clients} clients, 127.0.0.1, SQLite WAL, {mail}).",
        "open + send: each client opens the form and sends it (a GET and a POST per registration);",
        "send: the forms were opened first, the rate is that of the POST storing a registration alone.",
        f"{'mode':>11} {'sent':>5} {'ok':>5} {'stored':>6} {'lost':>4} {'regs/s':>7}"
        f" {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'web CPU':>7} {'mail CPU':>8} {'load':>5}",
    ]
    for row in result["runs"]:
        lines.append(
            f"{row['mode']:>11} {row['submissions']:>5} {row['ok']:>5} {row['stored']:>6} {row['lost']:>4}"
            f" {row['per_second']:>7} {row['p50_ms']:>7} {row['p95_ms']:>7} {row['p99_ms']:>7}"
            f" {row['gunicorn_cpu_ms']:>7} {row['worker_cpu_ms']:>8} {row['load']:>5.1f}"
        )
    lines.append(
        "web CPU, mail CPU: ms of CPU time per registration used by gunicorn's workers and by the mail worker "
        "while the clock ran (the clients' own not counted); load: the 1-minute load average after the run."
    )
    mails = result["mails"]
    if mails:
        lines.append(
            f"Mails by the worker: {mails['mails']} for {result['stored']} registrations, done "
            f"{mails['mail_seconds_after_load']} s after the load; one each: {mails['mailed_once']}, none: "
            f"{mails['not_mailed']}, more than one: {mails['mailed_twice_or_more']}, "
            f"to unknown addresses: {mails['mailed_strangers']}"
        )
    lines.append(
        f"Confirming all from 20 threads: {result['confirm_seconds']} s; {result['seated']} seats of {SEATS}, "
        f"{result['waiting']} on the waiting list, numbered in order: {result['queue_in_order']}; "
        f"failed: {result['confirm_errors']} {result['first_confirm_error']}"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()

"""The proposal form's throughput under gunicorn: python benchmarks/proposal_form.py

    python benchmarks/proposal_form.py [--workers 2] [--clients 20] [--submissions 300] [--seconds 60]
                                       [--mail worker|inline]

Builds a throwaway copy of the example site (SQLite with WAL and immediate transactions, as
the example site ships it) in a temporary folder, with reCAPTCHA off, the rate limit raised and
the time trap at 0 seconds: for this benchmark only. For 100 and then 400 sessions on the demo
event it starts gunicorn on 127.0.0.1 and lets the clients, each in its own thread, open the
form and send it until the number of submissions or the time is used up. It prints submissions
per second and the latency of sending the form, and checks that every submission answered
with the thank-you redirect left exactly one stored proposal. Each size runs twice: "open +
send" (each client opens the form and sends it, as visitors do) and "send" (the forms are
opened first; the clock runs while they are sent: the POST's own rate).

Mail: with ``--mail worker`` (the default, as docs/deployment.md has a site that expects load)
the mails go through django-tasks' database backend to a ``db_worker`` at nice 10 beside
gunicorn, into a file-based mail backend, and once it has caught up every stored proposal must
have got exactly one confirmation, to its own address; with ``--mail inline`` they are built and
sent inside the request (the immediate backend, the example site's default) to a backend that
drops them.
"""

import argparse
import json
import signal
import statistics
import sys

import gunicorn_site as harness  # noqa: E402

# Read before the settings are written (see gunicorn_site.mail_by_worker).
MAIL = harness.mail_by_worker()

# For the benchmark only: no reCAPTCHA (it would call Google), no time trap, a rate limit
# every client stays under; mail through the worker into files, or inline to nowhere.
WORKDIR = harness.make_site(
    "barcamp-proposal-benchmark-",
    {"PROPOSAL_RECAPTCHA": False, "PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 10**9},
    harness.WORKER_SETTINGS if MAIL else "",
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from barcamp_wagtail.models import EventPage, ProposalPage, Room, SessionPage, SessionProposal, TimeSlot  # noqa: E402


def proposal_fields(number):
    """The fields of the ``number``-th proposal; numbers (and so addresses) differ across runs."""
    return {
        "title": f"Benchmark-Session {number}",
        "abstract": "Eine Session aus dem Lasttest.",
        "format": "talk",
        "topic": "Lasttest",
        "name": f"Person {number}",
        "email": f"person{number}@example.org",
        "privacy_consent": "on",
    }


def grow_to(event, sessions):
    """Publish extra sessions under the demo event until it has ``sessions`` (without revisions)."""
    cells = [
        (room, slot)
        for slot in TimeSlot.objects.filter(event=event, kind=TimeSlot.Kind.SESSION)
        for room in Room.objects.filter(event=event)
    ]
    number = SessionPage.objects.child_of(event).count()
    while number < sessions:
        room, slot = cells[number % len(cells)]
        title = f"Benchmark-Session {number}"
        event.add_child(
            instance=SessionPage(title=title, slug=f"benchmark-{number}", room=room, time_slot=slot, live=True)
        )
        number += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--submissions", type=int, default=300, help="at most this many per run (default 300)")
    parser.add_argument("--seconds", type=float, default=60, help="and at most this long (default 60)")
    parser.add_argument(
        "--mail",
        choices=["worker", "inline"],
        default="worker",
        help="send the mails from a db_worker (default) or inside the request",
    )
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-admin", verbosity=0)
    from example_site.home.demo_next_edition import EVENT as NEXT_EDITION

    event = EventPage.objects.get(slug=NEXT_EDITION["slug"])  # its call for sessions is open
    path = ProposalPage.objects.child_of(event).get().url
    rows = []
    worker = harness.start_worker(WORKDIR) if MAIL else None
    try:
        for sessions in (100, 400):
            grow_to(event, sessions)
            for mode in ("open + send", "send"):
                # Each run starts with the worker idle: the mails of the run before are sent.
                drained = harness.wait_for_mails() if worker else 0.0
                progress(f"  proposal form, {sessions} sessions, {mode} ...")
                rows.append(run(args, path, sessions, mode, first=len(rows) * 1_000_000))
                rows[-1]["mail_seconds_before"] = round(drained, 2)
        mails = check_mails(harness.wait_for_mails()) if worker else None
    finally:
        if worker:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=30)
    if mails:  # the same figures on every row: run.py reads the rows
        for row in rows:
            row["mails"] = mails
    if args.json:
        print(json.dumps(rows))
        return
    print(
        f"Proposal form on gunicorn ({args.workers} workers, {args.clients} clients, 127.0.0.1, SQLite WAL); "
        "latency of sending the form. open + send: each client opens the form and sends it; send: the forms "
        "were opened first, the rate is the POST's alone."
    )
    print(
        f"{'sessions':>8} {'mode':>11} {'sent':>5} {'ok':>5} {'stored':>6} {'lost':>4} {'per s':>7}"
        f" {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    )
    for row in rows:
        print(
            f"{row['sessions']:>8} {row['mode']:>11} {row['submissions']:>5} {row['ok']:>5} {row['stored']:>6}"
            f" {row['lost']:>4} {row['per_second']:>7} {row['p50_ms']:>7} {row['p95_ms']:>7} {row['p99_ms']:>7}"
        )
    if mails:
        print(
            f"Mails by the worker (nice 10): done {mails['mail_seconds_after_load']} s after the load; "
            f"confirmations: one each {mails['mailed_once']} of {mails['stored']}, none {mails['not_mailed']}, "
            f"more than one {mails['mailed_twice_or_more']}"
        )
    if any(row["lost"] or row["failed"] for row in rows) or (mails and mails["mailed_once"] != mails["stored"]):
        raise SystemExit("Some submissions failed, were lost or were not confirmed by mail once each.")


def check_mails(drain_seconds):
    """Every stored proposal's submitter got exactly one confirmation."""
    counts = harness.mails_by_address(WORKDIR)
    proposals = SessionProposal.objects.filter(title__startswith="Benchmark-Session")
    addresses = list(proposals.values_list("email", flat=True))
    return {
        "mail_seconds_after_load": round(drain_seconds, 2),
        "stored": len(addresses),
        "mailed_once": sum(1 for address in addresses if counts[address] == 1),
        "not_mailed": sum(1 for address in addresses if counts[address] == 0),
        "mailed_twice_or_more": sum(1 for address in addresses if counts[address] > 1),
    }


def progress(message):
    print(message, file=sys.stderr, flush=True)


def run(args, path, sessions, mode, first):
    """One load run on a fresh gunicorn; the thanked submissions are checked against the rows stored."""
    before = SessionProposal.objects.count()
    port = harness.free_port()
    server = harness.start_server(WORKDIR, port, args.workers)
    try:
        opened = harness.open_forms(port, path, args.clients, args.submissions) if mode == "send" else None
        fields = lambda number: proposal_fields(first + number)  # noqa: E731
        state = harness.load_form(port, path, fields, args.clients, args.submissions, args.seconds, opened)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    stored = SessionProposal.objects.count() - before
    latencies = state["latencies"]
    return {
        "sessions": sessions,
        "mode": mode,
        "workers": args.workers,
        "clients": args.clients,
        **harness.figures(state, stored),
        "median_ms": round(statistics.median(latencies) * 1000, 1) if latencies else 0,
    }


if __name__ == "__main__":
    main()

"""The proposal form's throughput under gunicorn: python benchmarks/proposal_form.py

    python benchmarks/proposal_form.py [--workers 2] [--clients 20] [--submissions 300] [--seconds 60]

Builds a throwaway copy of the example site (SQLite with WAL and immediate transactions, as
the example site ships it) in a temporary folder, with reCAPTCHA off, the rate limit raised and
the time trap at 0 seconds: for this benchmark only. For 100 and then 400 sessions on the demo
event it starts gunicorn on 127.0.0.1 and lets the clients, each in its own thread, open the
form and send it until the number of submissions or the time is used up. It prints submissions
and HTTP requests per second, the latency of sending the form, and checks that every
submission answered with the thank-you redirect left exactly one stored proposal.
"""

import argparse
import functools
import json
import signal
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gunicorn_site import free_port, load, make_site, percentile, send_form, start_server  # noqa: E402

# For the benchmark only: no reCAPTCHA (it would call Google), no time trap, a rate limit
# every client stays under, and mail that goes nowhere.
WORKDIR = make_site(
    "barcamp-proposal-benchmark-",
    {"PROPOSAL_RECAPTCHA": False, "PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 10**9},
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from barcamp_wagtail.models import EventPage, ProposalPage, Room, SessionPage, SessionProposal, TimeSlot  # noqa: E402


def submit(port, path, number):
    """Open the form and send it like a browser; return (ok, seconds for the POST)."""
    fields = {
        "title": f"Benchmark-Session {number}",
        "abstract": "Eine Session aus dem Lasttest.",
        "format": "talk",
        "topic": "Lasttest",
        "name": f"Person {number}",
        "email": f"person{number}@example.org",
        "privacy_consent": "on",
    }
    return send_form(port, path, fields)


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
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-admin", verbosity=0)
    event = EventPage.objects.get()
    path = ProposalPage.objects.child_of(event).get().url
    rows = []
    for sessions in (100, 400):
        grow_to(event, sessions)
        before = SessionProposal.objects.count()
        port = free_port()
        server = start_server(WORKDIR, port, args.workers)
        try:
            state = load(functools.partial(submit, port, path), args.clients, args.submissions, args.seconds)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        stored = SessionProposal.objects.count() - before
        attempts = state["ok"] + state["failed"]
        rows.append(
            {
                "sessions": sessions,
                "workers": args.workers,
                "clients": args.clients,
                "submissions": attempts,
                "ok": state["ok"],
                "failed": state["failed"],
                "stored": stored,
                "lost": state["ok"] - stored,
                "seconds": round(state["elapsed"], 2),
                "submissions_per_second": round(state["ok"] / state["elapsed"], 1),
                "requests_per_second": round(2 * attempts / state["elapsed"], 1),
                "p50_ms": round(percentile(state["latencies"], 0.5) * 1000, 1),
                "p95_ms": round(percentile(state["latencies"], 0.95) * 1000, 1),
                "p99_ms": round(percentile(state["latencies"], 0.99) * 1000, 1),
                "median_ms": round(statistics.median(state["latencies"]) * 1000, 1) if state["latencies"] else 0,
            }
        )
    if args.json:
        print(json.dumps(rows))
        return
    print(
        f"Proposal form on gunicorn ({args.workers} workers, {args.clients} clients, 127.0.0.1, SQLite WAL); "
        "latency of sending the form."
    )
    print(
        f"{'sessions':>8} {'sent':>5} {'ok':>5} {'stored':>6} {'lost':>4} {'subm/s':>7} {'req/s':>6}"
        f" {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    )
    for row in rows:
        print(
            f"{row['sessions']:>8} {row['submissions']:>5} {row['ok']:>5} {row['stored']:>6} {row['lost']:>4}"
            f" {row['submissions_per_second']:>7} {row['requests_per_second']:>6} {row['p50_ms']:>7}"
            f" {row['p95_ms']:>7} {row['p99_ms']:>7}"
        )
    if any(row["lost"] or row["failed"] for row in rows):
        raise SystemExit("Some submissions failed or were lost.")


if __name__ == "__main__":
    main()

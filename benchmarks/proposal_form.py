"""The proposal form's throughput under gunicorn: python benchmarks/proposal_form.py

    python benchmarks/proposal_form.py [--workers 2] [--clients 20] [--submissions 300] [--seconds 60]

Builds a throwaway copy of the example site (SQLite with WAL and immediate transactions, as
the example site ships it) in a temporary folder, with reCAPTCHA off, the rate limit raised and
the time trap at 0 seconds: for this benchmark only. For 100 and then 400 sessions on the demo
event it starts gunicorn on 127.0.0.1 and lets the clients, each in its own thread, open the
form and send it until the number of submissions or the time is used up. It prints submissions
per second and the latency of sending the form, and checks that every submission answered
with the thank-you redirect left exactly one stored proposal. Each size runs twice: "open +
send" (each client opens the form and sends it, as visitors do) and "send" (the forms are
opened first; the clock runs while they are sent: the POST's own rate).
"""

import argparse
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = Path(tempfile.mkdtemp(prefix="barcamp-proposal-benchmark-"))
SETTINGS = f"""
from example_site.settings import *  # noqa: F403
from example_site.settings import DATABASES

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
DATABASES["default"]["NAME"] = {str(WORKDIR / "site.sqlite3")!r}
# For the benchmark only: no reCAPTCHA (it would call Google), no time trap, a rate limit
# every client stays under, and mail that goes nowhere.
BARCAMP_WAGTAIL = {{"PROPOSAL_RECAPTCHA": False, "PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 10**9}}
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
MAILERS = {{"default": {{"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}}}
"""
(WORKDIR / "benchmark_settings.py").write_text(SETTINGS, encoding="utf-8")
sys.path[:0] = [str(WORKDIR), str(ROOT)]
os.environ["DJANGO_SETTINGS_MODULE"] = "benchmark_settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from gunicorn_site import HIDDEN, free_port, request  # noqa: E402  (shared with the other gunicorn benchmarks)

from barcamp_wagtail.models import EventPage, ProposalPage, Room, SessionPage, SessionProposal, TimeSlot  # noqa: E402


def open_form(port, path):
    """GET the form like a browser: (form fields, CSRF cookie), or None when it failed."""
    status, cookie, html = request(port, "GET", path, headers={"Accept-Language": "de"})
    if status != 200:
        return None
    return dict(HIDDEN.findall(html)), re.search(r"csrftoken=([^;]+)", cookie).group(1)


def send_form(port, path, number, opened):
    """POST an opened form; (thanked, seconds for the POST)."""
    fields, csrf_cookie = opened
    body = urllib.parse.urlencode(
        {
            **fields,
            "title": f"Benchmark-Session {number}",
            "abstract": "Eine Session aus dem Lasttest.",
            "format": "talk",
            "topic": "Lasttest",
            "name": f"Person {number}",
            "email": f"person{number}@example.org",
            "privacy_consent": "on",
        }
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf_cookie}",
        "Accept-Language": "de",
    }
    start = time.perf_counter()
    status, _, _ = request(port, "POST", path, body=body, headers=headers)
    return status == 303, time.perf_counter() - start


def load(port, path, clients, submissions, seconds, prefetch=False):
    """``clients`` threads send up to ``submissions`` forms within ``seconds``.

    Without ``prefetch`` each sending is a visitor's: open the form, then send it (open + send).
    With it every form is opened first, untimed, and the clock runs while they are sent: the
    rate of the POST alone.
    """
    lock = threading.Lock()
    state = {"next": 0, "ok": 0, "failed": 0, "latencies": []}
    opened = [open_form(port, path) for _ in range(submissions)] if prefetch else None
    deadline = time.perf_counter() + seconds

    def client():
        while time.perf_counter() < deadline:
            with lock:
                if state["next"] >= submissions:
                    return
                state["next"] += 1
                number = state["next"]
            try:
                form = opened[number - 1] if prefetch else open_form(port, path)
                ok, latency = send_form(port, path, number, form) if form else (False, 0.0)
            except (OSError, http.client.HTTPException, AttributeError):
                ok, latency = False, 0.0
            with lock:
                state["ok" if ok else "failed"] += 1
                if ok:
                    state["latencies"].append(latency)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    state["elapsed"] = time.perf_counter() - start
    return state


def percentile(values, share):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


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


def start_server(port, workers):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(WORKDIR), str(ROOT)])}
    server = subprocess.Popen(  # noqa: S603  (our own interpreter and arguments)
        [sys.executable, "-m", "gunicorn", "example_site.wsgi:application", "--workers", str(workers)]
        + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env,
        cwd=WORKDIR,
        stdout=subprocess.DEVNULL,
        stderr=open(WORKDIR / "gunicorn.log", "w"),  # noqa: SIM115
    )
    for _ in range(300):
        try:
            if request(port, "GET", "/")[0] == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"gunicorn did not answer; see {WORKDIR / 'gunicorn.log'}")


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
    from example_site.home.demo_next_edition import EVENT as NEXT_EDITION

    event = EventPage.objects.get(slug=NEXT_EDITION["slug"])  # its call for sessions is open
    path = ProposalPage.objects.child_of(event).get().url
    rows = []
    for sessions in (100, 400):
        grow_to(event, sessions)
        for mode in ("open + send", "send"):
            progress(f"  proposal form, {sessions} sessions, {mode} ...")
            rows.append(run(args, path, sessions, mode))
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
    if any(row["lost"] or row["failed"] for row in rows):
        raise SystemExit("Some submissions failed or were lost.")


def progress(message):
    print(message, file=sys.stderr, flush=True)


def run(args, path, sessions, mode):
    """One load run on a fresh gunicorn; the thanked submissions are checked against the rows stored."""
    before = SessionProposal.objects.count()
    port = free_port()
    server = start_server(port, args.workers)
    try:
        state = load(port, path, args.clients, args.submissions, args.seconds, prefetch=mode == "send")
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
        "submissions": state["ok"] + state["failed"],
        "ok": state["ok"],
        "failed": state["failed"],
        "stored": stored,
        "lost": state["ok"] - stored,
        "seconds": round(state["elapsed"], 2),
        "per_second": round(state["ok"] / state["elapsed"], 1),
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "median_ms": round(statistics.median(latencies) * 1000, 1) if latencies else 0,
    }


if __name__ == "__main__":
    main()

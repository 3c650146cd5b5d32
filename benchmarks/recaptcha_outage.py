"""Google's verify endpoint hangs: how fast do the other pages stay? python benchmarks/recaptcha_outage.py

    python benchmarks/recaptcha_outage.py [--workers 2] [--senders 4] [--seconds 20] [--timeout 3]

Starts a local server that accepts connections and never answers, points django-recaptcha's
verify URL at it (RECAPTCHA_DOMAIN), and runs a throwaway copy of the example site under gunicorn
with sync workers, twice: without the circuit breaker (it never opens) and with it (the default
three failures). In each run some clients keep sending proposals with a reCAPTCHA answer while
one client reads the event page; it prints how many proposals were answered and how long the
event page took. The breaker's state must be shared by the workers: this benchmark uses Django's
file-based cache for that (Redis in production).
"""

import argparse
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from silent_google import SilentGoogle

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = Path(tempfile.mkdtemp(prefix="barcamp-recaptcha-outage-"))
HIDDEN = re.compile(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"')


def settings_module(google_port, failures, timeout):
    cache = WORKDIR / f"cache-{failures}"
    return f"""
from example_site.settings import *  # noqa: F403
from example_site.settings import DATABASES

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
DATABASES["default"]["NAME"] = {str(WORKDIR / "site.sqlite3")!r}
CACHES = {{"default": {{"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": {str(cache)!r}}}}}
BARCAMP_WAGTAIL = {{"PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 10**9, "CIRCUIT_FAILURES": {failures}}}
RECAPTCHA_DOMAIN = "127.0.0.1:{google_port}"
RECAPTCHA_VERIFY_REQUEST_TIMEOUT = {timeout}
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
MAILERS = {{"default": {{"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}}}
"""


def fetch(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read().decode()
    finally:
        connection.close()


def send_proposal(port, path, number):
    _status, cookie, html = fetch(port, "GET", path)
    fields = dict(HIDDEN.findall(html))
    token = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    body = urllib.parse.urlencode(
        {
            **fields,
            "title": f"Outage {number}",
            "abstract": "Google hangs.",
            "format": "talk",
            "name": "Ada",
            "email": f"ada{number}@example.org",
            "privacy_consent": "on",
            "g-recaptcha-response": "answer-from-google",
        }
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={token}"}
    return fetch(port, "POST", path, body=body, headers=headers)[0]


def run(port, form_path, page_path, senders, seconds):
    deadline = time.monotonic() + seconds
    answered, page_times, counter = [], [], iter(range(10**9))

    def sender():
        while time.monotonic() < deadline:
            answered.append(send_proposal(port, form_path, next(counter)))

    def reader():
        while time.monotonic() < deadline:
            started = time.perf_counter()
            fetch(port, "GET", page_path)
            page_times.append(time.perf_counter() - started)
            time.sleep(0.2)

    threads = [threading.Thread(target=sender) for _ in range(senders)] + [threading.Thread(target=reader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(page_times)
    return {
        "proposals_answered": len(answered),
        "event_page_requests": len(page_times),
        "event_page_p50_ms": round(statistics.median(ordered) * 1000, 1),
        "event_page_p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
        "event_page_max_ms": round(ordered[-1] * 1000, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--senders", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--timeout", type=int, default=3, help="RECAPTCHA_VERIFY_REQUEST_TIMEOUT")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    google = SilentGoogle()
    runs = [("without circuit breaker", 10**9), ("with circuit breaker", 3)]
    for number, (_label, failures) in enumerate(runs):
        (WORKDIR / f"outage_settings_{number}.py").write_text(settings_module(google.port, failures, args.timeout))
    sys.path[:0] = [str(WORKDIR), str(ROOT)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "outage_settings_0"
    import django

    django.setup()
    from django.core.management import call_command

    from barcamp_wagtail.models import EventPage, ProposalPage

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-admin", verbosity=0)
    from example_site.home.demo_next_edition import EVENT as NEXT_EDITION

    event = EventPage.objects.get(slug=NEXT_EDITION["slug"])  # its call for sessions is open
    form_path, page_path = ProposalPage.objects.child_of(event).get().url, event.url

    rows = []
    for number, (label, _failures) in enumerate(runs):
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(WORKDIR), str(ROOT)]),
            "DJANGO_SETTINGS_MODULE": f"outage_settings_{number}",
        }
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(  # noqa: S603  (our own interpreter and arguments)
            [sys.executable, "-m", "gunicorn", "example_site.wsgi:application", "--workers", str(args.workers)]
            + ["--bind", f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning"],
            env=env,
            cwd=WORKDIR,
        )
        try:
            for _ in range(600):
                try:
                    fetch(port, "GET", page_path)
                    break
                except OSError:
                    time.sleep(0.1)
            rows.append({"run": label, **run(port, form_path, page_path, args.senders, args.seconds)})
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    if args.json:
        print(json.dumps(rows))
        return
    print(
        f"Verify endpoint that never answers (timeout {args.timeout} s); gunicorn {args.workers} sync workers, "
        f"{args.senders} clients sending proposals, 1 client reading the event page, {args.seconds:.0f} s each."
    )
    print(f"{'':<24} {'proposals':>9} {'page reads':>10} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for row in rows:
        print(
            f"{row['run']:<24} {row['proposals_answered']:>9} {row['event_page_requests']:>10}"
            f" {row['event_page_p50_ms']:>8} {row['event_page_p95_ms']:>8} {row['event_page_max_ms']:>8}"
        )


if __name__ == "__main__":
    main()

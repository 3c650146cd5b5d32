"""Shared by the benchmarks that load a throwaway copy of the example site under gunicorn: its
settings, the server, and a bare HTTP client (no library that would add its own cost)."""

import collections
import concurrent.futures
import email
import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HIDDEN = re.compile(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"')
# The public form's target: the short URL of barcamp_wagtail.urls where the site includes them.
ACTION = re.compile(r'<form method="post" action="([^"]+)" class="barcamp-form"')
# What a request that failed raises here: the connection, the reply, or a form without its cookie.
FAILURES = (OSError, http.client.HTTPException, AttributeError)


def make_site(prefix, barcamp_settings, extra_settings=""):
    """A temporary folder with ``benchmark_settings.py`` (the example site on its own SQLite file,
    mail going nowhere, ``BARCAMP_WAGTAIL`` as given, then ``extra_settings``, Python code that may
    use ``WORKDIR``, the folder), set up as the process's Django settings."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    settings = f"""
from example_site.settings import *  # noqa: F403
from example_site.settings import DATABASES

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
DATABASES["default"]["NAME"] = {str(workdir / "site.sqlite3")!r}
BARCAMP_WAGTAIL = {barcamp_settings!r}
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
MAILERS = {{"default": {{"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}}}
WORKDIR = {str(workdir)!r}
{extra_settings}
"""
    (workdir / "benchmark_settings.py").write_text(settings, encoding="utf-8")
    sys.path[:0] = [str(workdir), str(ROOT)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmark_settings"
    return workdir


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read().decode()
    finally:
        connection.close()


def percentile(values, share):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def start_server(workdir, port, workers):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(workdir), str(ROOT)])}
    server = subprocess.Popen(  # noqa: S603  (our own interpreter and arguments)
        [sys.executable, "-m", "gunicorn", "example_site.wsgi:application", "--workers", str(workers)]
        + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env,
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "gunicorn.log", "w"),  # noqa: SIM115
    )
    for _ in range(300):
        try:
            if request(port, "GET", "/")[0] == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"gunicorn did not answer; see {workdir / 'gunicorn.log'}")


def load(work, clients, submissions, seconds):
    """Run ``work(number)`` (returning ok, seconds) from ``clients`` threads until ``submissions`` were
    made or ``seconds`` passed; returns the counts, latencies of the successes and the time taken."""
    lock = threading.Lock()
    state = {"next": 0, "ok": 0, "failed": 0, "latencies": []}
    deadline = time.perf_counter() + seconds

    def client():
        while time.perf_counter() < deadline:
            with lock:
                if state["next"] >= submissions:
                    return
                state["next"] += 1
                number = state["next"]
            try:
                ok, latency = work(number)
            except FAILURES:
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


def open_form(port, path):
    """GET the form at ``path`` like a browser: (its HTML, hidden fields, CSRF cookie), or None."""
    status, cookie, html = request(port, "GET", path, headers={"Accept-Language": "de"})
    if status != 200:
        return None
    return html, dict(HIDDEN.findall(html)), re.search(r"csrftoken=([^;]+)", cookie).group(1)


def post_form(port, path, opened, fields):
    """Send a form opened with ``open_form`` (CSRF cookie and token, the form token) with ``fields``
    (a callable given the page's HTML may pick values from it) where the form's ``action`` says, as
    a browser does; return (ok, seconds for the POST), ok meaning the thank-you redirect."""
    html, tokens, csrf_cookie = opened
    action = ACTION.search(html)
    path = action.group(1) if action else path
    body = urllib.parse.urlencode({**tokens, **(fields(html) if callable(fields) else fields)}, doseq=True)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf_cookie}",
        "Accept-Language": "de",
    }
    start = time.perf_counter()
    status, _, _ = request(port, "POST", path, body=body, headers=headers)
    return status == 303, time.perf_counter() - start


def open_forms(port, path, clients, count):
    """Open ``count`` forms from ``clients`` threads, for ``load_form``; a failed one is None."""

    def try_open(_number):
        try:
            return open_form(port, path)
        except FAILURES:
            return None

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        return list(pool.map(try_open, range(count)))


def load_form(port, path, fields, clients, submissions, seconds, opened=None):
    """``clients`` threads send up to ``submissions`` forms within ``seconds``; ``fields(number)``
    gives the fields of the ``number``-th (see ``post_form``). Returns ``load``'s state.

    Without ``opened`` each sending is a visitor's: open the form, then send it ("open + send").
    With forms from ``open_forms``, opened before the clock starts, the clock runs while they are
    sent ("send": the rate of the POST alone).
    """

    def work(number):
        form = opened[number - 1] if opened else open_form(port, path)
        return post_form(port, path, form, fields(number)) if form else (False, 0.0)

    return load(work, clients, submissions, seconds)


def figures(state, stored):
    """The figures of a ``load`` run whose thanked submissions left ``stored`` rows ("lost": thanked
    but not stored)."""
    latencies = state["latencies"]
    return {
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
    }


def cpu_seconds(*pids):
    """User + system CPU seconds used so far by these processes and their children alive now
    (gunicorn's workers are the children of its master)."""
    pids = list(pids)
    for pid in list(pids):
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if children.exists():
            pids += [int(child) for child in children.read_text().split()]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


# Mail through a worker, as docs/deployment.md sets up a site that expects load.

# With the worker: the mails alone go through django-tasks' database backend (the "mail" alias),
# so that nothing else the set-up enqueues (Wagtail's index tasks) waits in the queue; they land
# as files in WORKDIR/mail.
WORKER_SETTINGS = """
from example_site.settings import INSTALLED_APPS

try:
    import django_tasks_db  # noqa: F401  (django-tasks 0.12 and later)

    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks", "django_tasks_db"]
    DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
except ImportError:
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks", "django_tasks.backends.database"]
    DATABASE_BACKEND = "django_tasks.backends.database.DatabaseBackend"
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": DATABASE_BACKEND},
}
BARCAMP_WAGTAIL["MAIL_TASK_BACKEND"] = "mail"
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = WORKDIR + "/mail"
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND, "OPTIONS": {"file_path": EMAIL_FILE_PATH}}}
"""
# What the worker still has to send, and how long it may take after the load.
PENDING_MAILS = "SELECT count(*) FROM {table} WHERE status IN ('NEW', 'RUNNING')"
DRAIN_SECONDS = 300


def mail_by_worker(argv=None):
    """Whether the command line leaves the mails to the worker (the default) rather than
    ``--mail inline``; read before the settings are written, so before argparse runs."""
    argv = sys.argv if argv is None else argv
    return not ({"--mail=inline"} & set(argv) or "--mail inline" in " ".join(argv))


def start_worker(workdir):
    """django-tasks' ``db_worker`` for the mails, beside gunicorn, as in docs/deployment.md: at a
    lower CPU priority (nice 10), so that the visitors' requests come first and the mails
    catch up when they leave a core free."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(workdir), str(ROOT)])}
    worker = subprocess.Popen(  # noqa: S603  (our own interpreter and arguments)
        [sys.executable, "-m", "django", "db_worker", "--backend", "mail", "--interval", "0.1", "--no-startup-delay"],
        env=env,
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "worker.log", "w"),  # noqa: SIM115
    )
    os.setpriority(os.PRIO_PROCESS, worker.pid, 10)
    return worker


def wait_for_mails():
    """Seconds until the worker has no mail left to send (or DRAIN_SECONDS passed)."""
    from django.apps import apps
    from django.db import connection

    table = next(model._meta.db_table for model in apps.get_models() if model.__name__ == "DBTaskResult")
    started = time.perf_counter()
    while time.perf_counter() - started < DRAIN_SECONDS:
        with connection.cursor() as cursor:
            cursor.execute(PENDING_MAILS.format(table=table))  # noqa: S608  (a table name of our own)
            if cursor.fetchone()[0] == 0:
                break
        time.sleep(0.2)
    return time.perf_counter() - started


def mails_by_address(workdir):
    """How many mails each address got, read back from the file-based backend."""
    counts = collections.Counter()
    for path in (workdir / "mail").glob("*.log"):
        for text in path.read_text(encoding="utf-8").split("\n" + "-" * 79 + "\n"):
            if text.strip():
                counts[email.message_from_string(text.lstrip("\n"))["To"]] += 1
    return counts

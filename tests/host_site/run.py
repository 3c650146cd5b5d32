"""The host-site job: the wheel in dist/ added to a fresh ``wagtail start`` site by the documented steps.

    .venv/bin/python tests/host_site/run.py [--keep]

1. A fresh virtual environment (the newest Python found) with the newest Wagtail 8 and the wheel.
2. ``wagtail start``, then every snippet of the documentation as written (tests/host_site/snippets.py):
   settings appended to the settings, URL snippets to urls.py, CSS to the site's stylesheet,
   shell snippets run (``pip install``, ``migrate``, ``check``).
3. The host's base.html replaced by a dark theme with nothing but a content block (and the
   documented language switcher); ``check`` must explain what cannot work there (W502).
4. runserver; an event made inside the host (content.py); Chromium (flow.py): a visitor proposes,
   the organiser accepts and places the session, the schedule shows inside the dark base.html
   with no axe-core contrast violation, the language switch works, the PDF downloads.
5. The documentation's ``manage.py shell`` snippets run and its template snippets compile.
6. The schedule again inside the stock base.html of ``wagtail start``.

Screenshots go to test-artifacts/host-site/; with BARCAMP_DOC_SCREENSHOTS=1 the two schedule
screenshots are also written to docs/images/ (schedule-dark-host.png, schedule-stock-host.png).
"""

import argparse
import glob
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.host_site import flow  # noqa: E402  (the repository is on the path only now)
from tests.host_site.snippets import snippets  # noqa: E402

ARTEFACTS = ROOT / "test-artifacts" / "host-site"
DOC_IMAGES = ROOT / "docs" / "images"
SWITCHER = "{# the documentation's base.html snippets #}"

# A host theme that knows nothing of the app: dark, its own fonts and link colour, its own
# stylesheet, and none of the optional blocks (extra_css, extra_head, extra_js).
DARK_BASE = """{% load i18n static %}{% get_current_language as LANGUAGE_CODE %}<!DOCTYPE html>
<html lang="{{ LANGUAGE_CODE }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ page.title }} · Dark River</title>
  <link rel="stylesheet" href="{% static 'css/mysite.css' %}">
  <style>
    :root { color-scheme: dark; }
    body { margin: 0; background: #111418; color: #e6e3dd; font-family: Georgia, "DejaVu Serif", serif; }
    a { color: #8cc4ff; }
    .site-header { display: flex; justify-content: space-between; align-items: center; padding: .75rem 1rem;
      background: #07090b; }
    .site-header form { display: flex; gap: .5rem; align-items: center; }
  </style>
</head>
<body>
  <header class="site-header"><a href="/">Dark River</a>
  %(switcher)s
  </header>
  <main>{% block content %}{% endblock %}</main>
</body>
</html>
"""


STARTED = time.monotonic()


def log(message):
    print(f"--- {time.monotonic() - STARTED:5.0f}s  {message}", flush=True)  # noqa: T201


def newest_python():
    """The newest Python 3.12+ that pyenv has (Django 6 needs it), else the one running this."""
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found = glob.glob(f"{root}/versions/3.1[2-9]*/bin/python3.1[2-9]")
    found.sort(key=lambda path: [int(part) for part in Path(path).parents[1].name.split(".") if part.isdigit()])
    return found[-1] if found else sys.executable


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Host:
    """A site made with ``wagtail start`` in its own virtual environment."""

    def __init__(self, folder, password):
        self.folder = folder
        self.venv = folder / "venv"
        self.project = folder / "mysite"
        self.package = self.project / "mysite"
        self.password = password
        self.env = {
            **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "VIRTUAL_ENV"))},
            "PATH": f"{self.venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
            "VIRTUAL_ENV": str(self.venv),
            "HOST_SITE_PASSWORD": password,
            # `pip install barcamp-wagtail` in the docs finds the wheel under test, never an index.
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": str(ROOT / "dist"),
        }

    def run(self, *command, cwd=None, env=None):
        result = subprocess.run(  # noqa: S603  (our own command lines)
            command, cwd=cwd or self.project, env=env or self.env, capture_output=True, text=True, timeout=900
        )
        if result.returncode:
            raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout + result.stderr

    def create(self, wheel):
        python = newest_python()
        log(f"virtual environment with {python}")
        subprocess.run([python, "-m", "venv", str(self.venv)], check=True)  # noqa: S603
        index_env = {key: value for key, value in self.env.items() if not key.startswith("PIP_NO_INDEX")}
        self.run(
            self.venv / "bin" / "pip", "install", "--quiet", "wagtail>=8,<9", wheel, cwd=self.folder, env=index_env
        )
        versions = self.run(self.venv / "bin" / "pip", "list", cwd=self.folder)
        log(" ".join(line for line in versions.splitlines() if line.lower().startswith(("django ", "wagtail "))))
        self.run(self.venv / "bin" / "wagtail", "start", "mysite", cwd=self.folder)

    def manage(self, *args):
        return self.run(self.venv / "bin" / "python", "manage.py", *args)

    def apply(self, snippet, base_snippets):
        where = f"\n# --- {snippet.document}, line {snippet.line} ---\n"
        if snippet.kind == "shell":
            log(f"run {snippet.document}:{snippet.line}: {snippet.text.strip()}")
            self.run("bash", "-e", "-o", "pipefail", "-c", snippet.text)
        elif snippet.kind in ("settings", "urls"):
            target = self.package / ("settings/base.py" if snippet.kind == "settings" else "urls.py")
            with target.open("a") as file:
                file.write(where + snippet.text)
        elif snippet.kind == "css":
            with (self.package / "static" / "css" / "mysite.css").open("a") as file:
                file.write(f"\n/* {snippet.document}, line {snippet.line} */\n{snippet.text}")
        elif snippet.kind == "base-html":
            base_snippets.append(snippet.text)

    def compile_template(self, snippet):
        self.manage(
            "shell",
            "-c",
            f"from django.template import engines; engines['django'].from_string({snippet.text!r})",
        )

    def serve(self, port, log_name):
        log_file = (ARTEFACTS / log_name).open("w")
        server = subprocess.Popen(  # noqa: S603
            [self.venv / "bin" / "python", "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=self.project,
            env=self.env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):  # noqa: S310
                    return server
            except OSError:
                time.sleep(0.5)
        server.terminate()
        raise RuntimeError(f"the host's server did not answer; see {ARTEFACTS / log_name}")


def stop(server):
    server.terminate()
    server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the host site's folder and print where it is")
    options = parser.parse_args()
    wheels = sorted((ROOT / "dist").glob("barcamp_wagtail-*.whl"))
    if not wheels:
        sys.exit("No wheel in dist/: build it first (.venv/bin/python -m build)")
    shutil.rmtree(ARTEFACTS, ignore_errors=True)
    ARTEFACTS.mkdir(parents=True)
    folder = Path(tempfile.mkdtemp(prefix="barcamp-host-site."))
    host = Host(folder, password=secrets.token_urlsafe(12))
    try:
        run_job(host, wheels[-1])
    finally:
        if options.keep:
            log(f"the host site stays in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def run_job(host, wheel):
    from playwright.sync_api import sync_playwright

    host.create(wheel)
    documented = snippets()
    base_snippets = []
    for snippet in documented:
        host.apply(snippet, base_snippets)
    log("migrate and check after every documented step")
    host.manage("migrate", "--no-input")
    (ARTEFACTS / "check-stock.txt").write_text(host.manage("check"))

    base = host.package / "templates" / "base.html"
    stock_base = base.read_text()
    base.write_text(DARK_BASE.replace("%(switcher)s", "\n".join(base_snippets) or SWITCHER))
    report = host.manage("check")
    (ARTEFACTS / "check-dark.txt").write_text(report)
    flow.check("barcamp_wagtail.W502" in report, "check must say that the dark base.html has no head block")
    flow.check("barcamp_wagtail.W503" not in report, "the dark base.html has a content block")

    port = free_port()
    address = f"http://127.0.0.1:{port}"
    host.env["HOST_SITE_PORT"] = str(port)
    server = host.serve(port, "server-dark.log")
    try:
        output = host.manage(
            "shell", "-c", f"import runpy; runpy.run_path({str(Path(flow.__file__).with_name('content.py'))!r})"
        )
        content = json.loads(output.split("CONTENT: ", 1)[1].splitlines()[0])
        with sync_playwright() as playwright:
            browser = flow.Browser(playwright, ARTEFACTS)
            log("a visitor proposes, the organiser accepts and places the session")
            flow.visitor_proposes(browser, address, content)
            flow.organiser_accepts_and_places(browser, address, content, host.password)
            log("the schedule in the dark base.html; the language switch; the PDF")
            dark = flow.schedule_reads_well(browser, address, content, "dark-host")
            flow.language_switch_works(browser, address, content)
            flow.pdf_downloads(browser, address, content)
            browser.close()
    finally:
        stop(server)

    log("the documentation's shell snippets and templates")
    for snippet in documented:
        if snippet.kind == "manage-shell":
            (ARTEFACTS / f"shell-{snippet.line}.txt").write_text(host.manage("shell", "-c", snippet.text))
        elif snippet.kind == "template":
            host.compile_template(snippet)

    log("the schedule in the stock base.html of wagtail start")
    base.write_text(stock_base)
    server = host.serve(port, "server-stock.log")
    try:
        with sync_playwright() as playwright:
            browser = flow.Browser(playwright, ARTEFACTS)
            stock = flow.schedule_reads_well(browser, address, content, "stock-host")
            browser.close()
    finally:
        stop(server)

    if os.environ.get("BARCAMP_DOC_SCREENSHOTS") == "1":
        shutil.copy(dark, DOC_IMAGES / "schedule-dark-host.png")
        shutil.copy(stock, DOC_IMAGES / "schedule-stock-host.png")
    log(f"done; screenshots in {ARTEFACTS}")


if __name__ == "__main__":
    main()

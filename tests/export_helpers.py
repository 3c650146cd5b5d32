"""Shared helpers of the export tests."""

import http.server
import io
import re
import threading
from contextlib import contextmanager

from django.core.management import call_command
from pypdf import PdfReader

from barcamp_wagtail.models import EventPage

DEMO_SLUG = "barcamp-suedwestfalen-ruhrgebiet"


def load_demo_event():
    call_command("load_demo", "--no-admin", stdout=io.StringIO())
    return EventPage.objects.get(slug=DEMO_SLUG)


def export_url(event, identifier):
    return event.export_url(identifier)


def pdf_reader(content):
    assert content.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(content))


def raw_pdf_text(content):
    return "\n".join(page.extract_text() for page in pdf_reader(content).pages)


def pdf_text(content):
    """The PDF's text with hyphenation at line ends undone and whitespace collapsed."""
    text = raw_pdf_text(content).replace("\u2010\n", "").replace("-\n", "-")
    return re.sub(r"\s+", " ", text)


def embedded_files(content):
    reader = pdf_reader(content)
    names = reader.trailer["/Root"].get("/Names")
    files = []
    if names is not None and "/EmbeddedFiles" in names.get_object():
        files.append("/EmbeddedFiles")
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            if annotation.get_object().get("/Subtype") == "/FileAttachment":
                files.append("/FileAttachment")
    return files


def image_count(content):
    count = 0
    for page in pdf_reader(content).pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get_object().get("/XObject") or {}
        count += sum(1 for xobject in xobjects.values() if xobject.get_object().get("/Subtype") == "/Image")
    return count


@contextmanager
def recording_http_server():
    """A local HTTP server that records every request it gets; yields (base URL, hits)."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            body = b"body { background: red; }"
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

"""Time of the badge PDF: python benchmarks/badges.py [PARTICIPANTS ...]

For each number of participants (default 100 and 400) it makes an event with that many seated
participants, each with a voter code, and renders the badges (A4 sheets of 90 × 55 mm and A6
cards): our template, the QR codes and WeasyPrint, then WeasyPrint alone on the same HTML.
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ["BARCAMP_TEST_SQLITE"] = str(Path(tempfile.mkdtemp(prefix="barcamp-badges-")) / "bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from barcamp_wagtail.exporters.pdf import html_to_pdf  # noqa: E402
from barcamp_wagtail.exporters.qr_images import QrImages  # noqa: E402
from barcamp_wagtail.models import Participant  # noqa: E402
from barcamp_wagtail.participants import badges, seats  # noqa: E402
from tests.factories import make_event, make_proposal_page  # noqa: E402


def event_with(count):
    event = make_event(title=f"Barcamp {count}", slug=f"barcamp-{count}", registration_enabled=True, capacity=count)
    make_proposal_page(event, votes_enabled=True)
    for number in range(count):
        with transaction.atomic():
            participant = Participant.objects.create(
                event=event,
                name=f"Vorname{number} Nachname{number}",
                email=f"p{number}@example.org",
                organisation="Genossenschaft der Digitalen Transformation",
                consent_at=timezone.now(),
                confirmed_at=timezone.now(),
            )
            seats.book(participant, event.event_days())
    return event


def main():
    sizes = [int(value) for value in sys.argv[1:] if value.isdigit()] or [100, 400]
    call_command("migrate", verbosity=0)
    rows = []
    for count in sizes:
        event = event_with(count)
        participants = list(badges.badge_participants(event))
        for layout in ("a4-90x55", "a6"):
            started = time.perf_counter()
            images = QrImages()
            html = badges.render_html(event, participants, images, layout)
            html_seconds = time.perf_counter() - started
            pdf = html_to_pdf(html, images)
            total = time.perf_counter() - started
            rows.append(
                {
                    "participants": count,
                    "layout": layout,
                    "seconds": round(total, 2),
                    "html_seconds": round(html_seconds, 2),
                    "weasyprint_seconds": round(total - html_seconds, 2),
                    "kilobytes": len(pdf) // 1024,
                }
            )
    if "--json" in sys.argv:
        print(json.dumps(rows))
        return
    print(f"{'participants':>12} {'layout':>9} {'total s':>8} {'HTML+QR s':>9} {'WeasyPrint s':>12} {'KiB':>6}")
    for row in rows:
        print(
            f"{row['participants']:>12} {row['layout']:>9} {row['seconds']:>8} {row['html_seconds']:>9}"
            f" {row['weasyprint_seconds']:>12} {row['kilobytes']:>6}"
        )


if __name__ == "__main__":
    main()

"""The demo's call for sessions: the proposal form of the next edition, open from a month ago until
the event, with online votes, and a few proposals in the inbox."""

import datetime

from django.utils import timezone

from barcamp_wagtail.models import ProposalPage, SessionProposal

PAGE = {
    "title": "Session vorschlagen",
    "slug": "session-vorschlagen",
    "intro": (
        "<p>Du möchtest etwas zeigen, fragen oder diskutieren? Schlag eine Session vor – ein Konto brauchst du "
        "dafür nicht. Am Morgen des Barcamps stellst du sie im Plenum kurz vor.</p>"
    ),
    "privacy_notice": (
        "<p>Wir speichern deinen Vorschlag, deinen Namen und deine E-Mail-Adresse, um das Programm zu planen "
        "und dich zu erreichen. Deine E-Mail-Adresse sehen nur die Organisator*innen; deinen Namen zeigen wir "
        "nur, wenn du zustimmst. Sechs Monate nach dem Barcamp löschen wir die Vorschläge. Das Formular ist "
        "durch Google reCAPTCHA geschützt.</p>"
    ),
    "notification_emails": "christoph@derweltenraum.com",
}

# (nonce, title, abstract, format, topic, name, show_name)
PROPOSALS = [
    (
        "demo-proposal-1",
        "Wärmepumpen im Altbau: was geht?",
        "Erfahrungen aus drei Sanierungen im Sauerland, mit Zahlen zu Kosten und Verbrauch.",
        "talk",
        "Nachhaltigkeit",
        "Jana Beispiel",
        True,
    ),
    (
        "demo-proposal-2",
        "Ehrenamt digital organisieren",
        "Welche Werkzeuge helfen Vereinen wirklich, und welche machen nur Arbeit?",
        "discussion",
        "Community",
        "Tom Muster",
        False,
    ),
    (
        "demo-proposal-3",
        "Mein erster Bot für das Team",
        "Ein kleiner Chatbot, der Urlaubsanträge beantwortet: live gebaut in 30 Minuten.",
        "demo",
        "Digitalisierung",
        "Alex Probe",
        True,
    ),
]


def load(event):
    """Create the proposal page and the demo proposals once; a second run changes nothing."""
    page = ProposalPage.objects.child_of(event).first()
    now = timezone.now()
    if page is None:
        # Open since a month ago, until the event ends; votes open too, for the voter codes and cards.
        page = ProposalPage(**PAGE, submissions_open=now - datetime.timedelta(days=30), votes_enabled=True)
        event.add_child(instance=page)
        page.save_revision().publish()
    for days_ago, (nonce, title, abstract, format_, topic, name, show_name) in enumerate(PROPOSALS, start=3):
        SessionProposal.objects.get_or_create(
            nonce=nonce,
            defaults={
                "event": event,
                "title": title,
                "abstract": abstract,
                "format": format_,
                "topic": topic,
                "name": name,
                "email": f"{nonce}@example.org",
                "show_name": show_name,
                "privacy_consent": True,
                "consent_at": now - datetime.timedelta(days=days_ago),
                "created_at": now - datetime.timedelta(days=days_ago),
                "language": "de",
            },
        )
    return page

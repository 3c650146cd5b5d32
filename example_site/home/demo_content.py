"""The demo barcamps, built from the facts of the first Barcamp Südwestfalen + Ruhrgebiet: that
edition, over by the day the demo is loaded, and the second one in Dortmund that its press
release announced, still to come."""

import datetime

# The first edition took place this many days before the day the demo is loaded; the second
# takes place this many days after. Both fall on the Friday on or before that day.
PAST_EDITION_DAYS_AGO = 42
NEXT_EDITION_DAYS_AHEAD = 70


def _friday_on_or_before(day):
    return day - datetime.timedelta(days=(day.weekday() - 4) % 7)


def edition_days(today):
    """(first edition, second edition): dates relative to ``today``, so that the demo always
    shows one barcamp that is over and one whose call for sessions is open."""
    past = _friday_on_or_before(today - datetime.timedelta(days=PAST_EDITION_DAYS_AGO))
    upcoming = _friday_on_or_before(today + datetime.timedelta(days=NEXT_EDITION_DAYS_AHEAD))
    return past, upcoming


EVENT = {
    "title": "Barcamp Südwestfalen + Ruhrgebiet",
    "slug": "barcamp-suedwestfalen-ruhrgebiet",
    "teaser": (
        "Rund 40 Menschen aus ganz unterschiedlichen Branchen trafen sich im WELTENRAUM in Iserlohn, "
        "um gemeinsam über Digitalisierung, Nachhaltigkeit und persönliche Entwicklung zu sprechen."
    ),
    "venue_name": "WELTENRAUM",
    "venue_address": "Iserlohn",
    "contact_email": "christoph@derweltenraum.com",
    "intro": (
        "Bei einem Barcamp gibt es kein fertiges Programm: Alle Teilnehmenden können eine Session "
        "vorschlagen, und das Plenum entscheidet am Morgen, was in welchen Raum kommt."
    ),
    "registration": (
        "<p>Die Teilnahme ist offen für alle, die Lust auf Austausch zwischen Südwestfalen und dem "
        "Ruhrgebiet haben. Wer beim nächsten Mal dabei sein möchte, schreibt eine E-Mail an "
        "christoph@derweltenraum.com.</p>"
    ),
}

ORGANISERS = [
    ("visibleRuhr eG", "Veranstalterin"),
    ("WELTENRAUM Iserlohn", "Mitveranstalter"),
    ("Wirtschaftsförderung Dortmund", "Kooperationspartnerin"),
    ("Südwestfalen Agentur GmbH", "Kooperationspartnerin"),
]

ROOMS = [
    ("Plenum", 40, "Der große Saal; hier beginnen und enden alle Runden."),
    ("Werkstatt", 16, "Mit Stellwänden und Moderationskoffer."),
    ("Lounge", 12, "Sofas, ein Bildschirm, Kaffee in Reichweite."),
    ("Studio", 10, "Klein und ruhig, mit Whiteboard."),
    ("Terrasse", 8, "Für Gespräche im Stehen, wenn das Wetter mitspielt."),
]

# (start, end, kind, label)
SLOTS = [
    ("09:30", "10:00", "plenary", "Ankommen und Begrüßung"),
    ("10:00", "10:50", "plenary", "Sessionplanung im Plenum"),
    ("11:00", "11:40", "session", "Runde 1"),
    ("11:50", "12:30", "session", "Runde 2"),
    ("12:30", "13:30", "break", "Mittagspause"),
    ("13:30", "14:10", "session", "Runde 3"),
    ("14:20", "15:00", "session", "Runde 4"),
    ("15:10", "15:50", "session", "Runde 5"),
    ("16:00", "16:40", "session", "Runde 6"),
    ("16:45", "17:15", "plenary", "Abschluss und Ausblick"),
]

# (title, topics, format, hosts, abstract); placed round by round, room by room.
SESSIONS = [
    (
        "Potenzialanalyse Dortmund-Südwestfalen: erste Ergebnisse",
        ["Regionalentwicklung"],
        "talk",
        "Marie Ting",
        "Welche Themen verbinden die beiden Wirtschaftsräume? Erste Ergebnisse und Raum für Rückmeldungen.",
    ),
    (
        "Brückenschlag: Wie zwei Regionen zusammenarbeiten",
        ["Regionalentwicklung"],
        "discussion",
        "",
        "Seit 2018 arbeiten Dortmund und Südwestfalen enger zusammen. Was ist daraus geworden, was fehlt noch?",
    ),
    (
        "Genossenschaften und digitale Transformation",
        ["Digitalisierung"],
        "discussion",
        "Katja Kohlstedt",
        "Warum eine Genossenschaft ein gutes Werkzeug für gemeinsame Digitalprojekte sein kann.",
    ),
    (
        "KI im Mittelstand: Wo fangen wir an?",
        ["Digitalisierung"],
        "workshop",
        "",
        "Kleine Schritte statt großer Strategiepapiere: Beispiele aus Betrieben der Region.",
    ),
    (
        "Achtsamkeit im Arbeitsalltag",
        ["Persönliche Entwicklung"],
        "workshop",
        "",
        "Übungen für zwischendurch und ein Austausch darüber, was im Alltag wirklich hilft.",
    ),
    (
        "Wie aus einer Begegnung ein Barcamp wird",
        ["Community"],
        "talk",
        "Christoph Neumann",
        "Vom ersten Kennenlernen bis zum gemeinsamen Format: was zwei Organisationen dabei gelernt haben.",
    ),
    (
        "Nachhaltige IT: Green Coding und Rechenzentren",
        ["Nachhaltigkeit", "Digitalisierung"],
        "talk",
        "",
        "Wie viel Energie braucht Software, und was lässt sich beim Entwickeln dagegen tun?",
    ),
    (
        "Remote Work auf dem Land",
        ["Digitalisierung", "Arbeitswelt"],
        "discussion",
        "",
        "Glasfaser, Coworking und Pendelwege: Erfahrungen aus Südwestfalen.",
    ),
    (
        "Kreislaufwirtschaft in der Industrie",
        ["Nachhaltigkeit"],
        "discussion",
        "",
        "Welche Unternehmen in der Region schon heute Materialien im Kreis führen.",
    ),
    (
        "Feedback geben, das ankommt",
        ["Persönliche Entwicklung"],
        "workshop",
        "",
        "Ein kurzes Training mit Beispielen aus Teams und Projekten.",
    ),
    (
        "Wirtschaftswunder 2.0: eine Vision für die Region",
        ["Regionalentwicklung"],
        "discussion",
        "Andreas Dodt",
        "Was müsste passieren, damit aus Südwestfalen und dem Ruhrgebiet eine Vorreiterregion in Europa wird?",
    ),
    (
        "Open Data für Kommunen",
        ["Digitalisierung", "Verwaltung"],
        "talk",
        "",
        "Welche Daten Städte schon veröffentlichen und was Unternehmen daraus machen können.",
    ),
    (
        "Fachkräfte finden und halten",
        ["Arbeitswelt"],
        "discussion",
        "",
        "Was Betriebe in der Region anbieten, damit gute Leute kommen und bleiben.",
    ),
    (
        "Nachhaltige Veranstaltungen planen",
        ["Nachhaltigkeit", "Community"],
        "workshop",
        "",
        "Von der Anreise bis zum Catering: eine Checkliste zum Mitnehmen.",
    ),
    (
        "Networking für Introvertierte",
        ["Persönliche Entwicklung"],
        "discussion",
        "",
        "Kontakte knüpfen, ohne sich zu verbiegen.",
    ),
    (
        "Digitale Plattform für die Teilnehmenden",
        ["Community", "Digitalisierung"],
        "demo",
        "Oliver Schuster",
        "Eine Vorstellung der Plattform, über die sich Teilnehmende und Interessierte vernetzen können.",
    ),
    (
        "Low-Code im Handwerk",
        ["Digitalisierung"],
        "demo",
        "",
        "Ein Auftragsformular in 30 Minuten, ohne eine Zeile Code.",
    ),
    (
        "Mobilität zwischen Sauerland und Ruhr",
        ["Nachhaltigkeit", "Regionalentwicklung"],
        "discussion",
        "",
        "Bahn, Rad, Mitfahrgelegenheit: wie wir ohne Stau zueinander kommen.",
    ),
    (
        "Resilienz im Team",
        ["Persönliche Entwicklung", "Arbeitswelt"],
        "workshop",
        "",
        "Wie Teams Krisen gemeinsam besser überstehen.",
    ),
    (
        "Storytelling für Regionen",
        ["Regionalentwicklung", "Kommunikation"],
        "talk",
        "",
        "Welche Geschichten eine Region erzählt und wer sie erzählen darf.",
    ),
    (
        "Cybersicherheit für kleine Unternehmen",
        ["Digitalisierung"],
        "talk",
        "",
        "Die fünf Maßnahmen mit der größten Wirkung für wenig Geld.",
    ),
    (
        "Energiegemeinschaften gründen",
        ["Nachhaltigkeit"],
        "discussion",
        "",
        "Strom gemeinsam erzeugen und teilen: Modelle, Hürden, erste Beispiele.",
    ),
    (
        "Neues Arbeiten in alten Strukturen",
        ["Arbeitswelt"],
        "discussion",
        "",
        "Agile Methoden in traditionsreichen Betrieben: was funktioniert und was nicht.",
    ),
    (
        "Lernen mit Podcasts und Videos",
        ["Persönliche Entwicklung", "Kommunikation"],
        "discussion",
        "",
        "Welche Formate beim Weiterlernen helfen und wie man dranbleibt.",
    ),
    (
        "Social Media für Vereine",
        ["Kommunikation", "Community"],
        "workshop",
        "",
        "Mit wenig Zeit sichtbar werden: Redaktionsplan und Werkzeuge.",
    ),
    (
        "Barrierefreie Websites",
        ["Digitalisierung", "Kommunikation"],
        "workshop",
        "",
        "Worauf es bei Kontrasten, Überschriften und Formularen ankommt.",
    ),
    (
        "Nachhaltigkeitsbericht für den Mittelstand",
        ["Nachhaltigkeit"],
        "talk",
        "",
        "Was die neuen Berichtspflichten bedeuten und wie man klein anfängt.",
    ),
    (
        "Gründen in der Region",
        ["Regionalentwicklung", "Arbeitswelt"],
        "discussion",
        "",
        "Welche Unterstützung Gründerinnen und Gründer zwischen Dortmund und Siegen finden.",
    ),
    (
        "Zeitmanagement ohne schlechtes Gewissen",
        ["Persönliche Entwicklung"],
        "workshop",
        "",
        "Prioritäten setzen mit einfachen Methoden.",
    ),
    (
        "Was nehmen wir mit? Ideen für das zweite Barcamp",
        ["Community"],
        "discussion",
        "",
        "Eine offene Runde zu Themen und Orten für die nächste Auflage in Dortmund.",
    ),
]


# Documentation written after the first edition, by session title (the session pages' notes).
SESSION_NOTES = {
    "Potenzialanalyse Dortmund-Südwestfalen: erste Ergebnisse": (
        "<p>Vorgestellt wurden die ersten Ergebnisse der Potenzialanalyse, die aus dem „Brückenschlag“ "
        "zwischen Dortmund und Südwestfalen hervorgegangen ist. Die Runde hat vor allem Rückmeldungen zu "
        "gemeinsamen Themen beider Wirtschaftsräume gesammelt; einzelne Gedanken sollen weiterverfolgt werden.</p>"
    ),
    "Wie aus einer Begegnung ein Barcamp wird": (
        "<p>visibleRuhr und der WELTENRAUM haben sich auf einer Veranstaltung kennengelernt. Die Session "
        "erzählte, wie daraus in kurzer Zeit ein gemeinsames Format wurde, und sammelte Tipps für alle, "
        "die selbst ein Barcamp organisieren möchten.</p>"
    ),
    "Was nehmen wir mit? Ideen für das zweite Barcamp": (
        "<p>Ergebnis der Abschlussrunde: Das Format soll bleiben, die nächste Auflage findet in Dortmund statt. "
        "Gewünscht wurden mehr Zeit zum Netzwerken und eine Plattform, auf der sich die Teilnehmenden "
        "auch zwischen den Barcamps austauschen können.</p>"
    ),
}

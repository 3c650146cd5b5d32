"""The demo barcamp's sponsors and press release, written from the facts of the first
Barcamp Südwestfalen + Ruhrgebiet. ``load()`` is idempotent: a second run changes nothing."""

import datetime
import io
from pathlib import Path

from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model

from barcamp_wagtail.models import PressIndexPage, PressReleasePage, Sponsor

# (name, short description, logo colour, link). The links lead to reserved example addresses:
# a real site would link to the sponsors' own (marked rel="sponsored" on the pages).
SPONSORS = [
    ("Devspire", "Sponsor des ersten Barcamps Südwestfalen + Ruhrgebiet.", "#0b5394", "https://devspire.example/"),
    (
        "Küberit Systeme",
        "Sponsor des ersten Barcamps Südwestfalen + Ruhrgebiet.",
        "#38761d",
        "https://kueberit-systeme.example/",
    ),
]
SPONSOR_TIER = "Sponsoren der ersten Auflage"

# The sponsor logos are drawn with this font: Pillow's own has no "ü" ("K□berit").
LOGO_FONT = Path(__file__).resolve().parent / "fonts" / "DejaVuSans-Bold-Latin.ttf"

PRESS_INDEX = {
    "title": "Presse",
    "slug": "presse",
    "intro": "<p>Pressemitteilungen rund um die Barcamps in Südwestfalen und im Ruhrgebiet.</p>",
}

RELEASE = {
    "title": "Rund 40 Menschen, zwei Regionen, ein Barcamp: Premiere im WELTENRAUM gelungen",
    "slug": "barcamp-suedwestfalen-ruhrgebiet-premiere",
    "dateline_place": "Iserlohn",
    "lead": (
        "Beim ersten Barcamp Südwestfalen + Ruhrgebiet im WELTENRAUM in Iserlohn haben rund 40 Teilnehmende "
        "aus unterschiedlichen Branchen einen Tag lang ihr eigenes Programm gestaltet – von Digitalisierung "
        "über Nachhaltigkeit bis zur persönlichen Entwicklung. Eine zweite Auflage in Dortmund ist bereits "
        "angekündigt."
    ),
}

FORMAT_TEXT = (
    "<p>Ein Barcamp kommt ohne vorab festgelegte Tagesordnung aus: Wer teilnimmt, kann selbst eine Session "
    "anbieten. Am Morgen stellen alle ihre Ideen im Plenum vor, und gemeinsam wird entschieden, welche "
    "Themen ins Programm kommen. So entstand in Iserlohn ein Tag mit vielen Gesprächen, neuen Kontakten "
    "und genügend Zeit zum Netzwerken.</p>"
)

BRIDGE_TEXT = (
    "<p>Das Barcamp wurde von der visibleRuhr eG gemeinsam mit dem WELTENRAUM in Iserlohn veranstaltet, in "
    "Kooperation mit der Wirtschaftsförderung Dortmund und der Südwestfalen Agentur GmbH. Beide Partner "
    "hatten 2018 unter dem Namen „Brückenschlag“ eine engere Zusammenarbeit der Wirtschaftsräume Dortmund "
    "und Südwestfalen begonnen; die Potenzialanalyse „Dortmund-Südwestfalen“ ist ein Ergebnis davon.</p>"
)

OUTLOOK_TEXT = (
    "<p>Die Veranstaltenden planen schon die nächste Ausgabe: Das {next_edition} soll in Dortmund stattfinden. "
    "Damit der Austausch bis dahin weitergeht, stellt die visibleRuhr eG eine Plattform bereit, auf der sich "
    "Teilnehmende und Interessierte digital vernetzen können.</p>"
)


def outlook_text(next_edition):
    """The outlook, linking to the next edition's page (a Wagtail page link: it follows moves)."""
    words = "zweite Barcamp"
    link = f'<a linktype="page" id="{next_edition.pk}">{words}</a>' if next_edition is not None else words
    return OUTLOOK_TEXT.format(next_edition=link)


THANKS_TEXT = (
    "<p>Ein herzlicher Dank geht an die Sponsoren, darunter Devspire und Küberit Systeme. Ohne ihre "
    "Unterstützung hätte das Barcamp nicht stattfinden können.</p>"
)

QUOTES = [
    {
        "text": (
            "Für die erste Vorstellung der Potenzialanalyse ‚Dortmund-Südwestfalen‘ war das Barcamp genau der "
            "richtige Rahmen. Wir haben viele Rückmeldungen bekommen und werden einzelne Anregungen sicher "
            "weiterverfolgen."
        ),
        "person": "Marie Ting",
        "role": "Leiterin des Regionalmarketings Südwestfalen",
        "organisation": "Südwestfalen Agentur GmbH",
        "photo": None,
    },
    {
        "text": (
            "Wir haben uns bei einer Veranstaltung kennengelernt und schnell gemerkt, dass wir etwas zusammen "
            "machen wollen. So kam die Idee zum gemeinsamen Barcamp – und die Premiere hat auf Anhieb "
            "funktioniert."
        ),
        "person": "Christoph Neumann",
        "role": "Geschäftsführer",
        "organisation": "WELTENRAUM",
        "photo": None,
    },
    {
        "text": (
            "Wir möchten das Format etablieren und unsere beiden Wirtschaftsräume noch enger vernetzen. Die "
            "Kooperation gibt es auf dem Papier schon seit einigen Jahren, jetzt füllen wir sie mit Leben. "
            "Unsere Vision: eine Region, von der in Europa ein Wirtschaftswunder 2.0 ausgeht."
        ),
        "person": "Katja Kohlstedt, Oliver Schuster und Andreas Dodt",
        "role": "",
        "organisation": "visibleRuhr eG",
        "photo": None,
    },
]

KEY_FIGURES = [
    ("rund 40", "Teilnehmende"),
    ("2", "Wirtschaftsräume"),
    ("1", "Tag mit selbst gestaltetem Programm"),
    ("2.", "Auflage in Dortmund geplant"),
]

ABOUT_VISIBLERUHR = (
    "<p>Die visibleRuhr eG versteht sich als erste Genossenschaft der digitalen Transformation und bringt "
    "Menschen und Unternehmen aus dem Ruhrgebiet und Südwestfalen zusammen.</p>"
)

CONTACT_EMAIL = "christoph@derweltenraum.com"


def load(home, event, next_edition=None):
    """Create the sponsors (shown on ``event``), the press index below ``home`` and the press release,
    whose outlook links to ``next_edition``."""
    sponsors = [sponsor(*fields) for fields in SPONSORS]
    if not any(block.block_type == "sponsor_wall" for block in event.body):
        event.body.append(("sponsor_wall", sponsor_wall(sponsors)))
        event.save_revision().publish()
    index = PressIndexPage.objects.child_of(home).filter(slug=PRESS_INDEX["slug"]).first()
    if index is None:
        index = PressIndexPage(
            title=PRESS_INDEX["title"], slug=PRESS_INDEX["slug"], intro=PRESS_INDEX["intro"], show_in_menus=True
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    if PressReleasePage.objects.child_of(index).filter(slug=RELEASE["slug"]).exists():
        return
    release = PressReleasePage(
        title=RELEASE["title"],
        slug=RELEASE["slug"],
        dateline_place=RELEASE["dateline_place"],
        dateline_date=timezone.localtime(event.start).date() + datetime.timedelta(days=3),
        lead=RELEASE["lead"],
        event=event,
        body=release_body(sponsors, next_edition),
    )
    index.add_child(instance=release)
    release.save_revision().publish()


def sponsor_wall(sponsors):
    return {"heading": "Danke an unsere Sponsoren", "tiers": [{"name": SPONSOR_TIER, "sponsors": sponsors}]}


def sponsor(name, description, colour, url):
    found = Sponsor.objects.filter(name=name).first()
    if found is not None:
        return found
    return Sponsor.objects.create(name=name, description=description, url=url, logo=logo_image(name, colour))


def logo_image(name, colour):
    """A plain wordmark, drawn at load time so the demo needs no image files."""
    from PIL import Image as PillowImage
    from PIL import ImageDraw, ImageFont

    picture = PillowImage.new("RGB", (480, 160), colour)
    font = ImageFont.truetype(str(LOGO_FONT), 44)
    ImageDraw.Draw(picture).text((240, 80), name, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    file = ImageFile(buffer, name=f"logo-{slugify(name)}.png")
    return get_image_model().objects.create(title=f"Logo {name}", file=file)


def release_body(sponsors, next_edition=None):
    return [
        ("key_figures", {"figures": [{"number": n, "label": label} for n, label in KEY_FIGURES]}),
        ("paragraph", FORMAT_TEXT),
        ("quote", QUOTES[0]),
        ("paragraph", BRIDGE_TEXT),
        ("quote", QUOTES[1]),
        ("heading", {"text": "Ausblick: das zweite Barcamp in Dortmund", "level": "h2"}),
        ("paragraph", outlook_text(next_edition)),
        ("quote", QUOTES[2]),
        ("paragraph", THANKS_TEXT),
        ("sponsor_wall", sponsor_wall(sponsors)),
        (
            "call_to_action",
            {
                "text": "Beim nächsten Barcamp dabei sein? Eine kurze E-Mail genügt.",
                "link_text": "E-Mail schreiben",
                "url": "",
                "email": CONTACT_EMAIL,
            },
        ),
        ("about", {"name": "visibleRuhr eG", "text": ABOUT_VISIBLERUHR, "url": ""}),
        (
            "press_contact",
            {"name": "Christoph Neumann", "role": "Geschäftsführer WELTENRAUM", "email": CONTACT_EMAIL, "phone": ""},
        ),
    ]

"""The second Barcamp Südwestfalen + Ruhrgebiet, in Dortmund, as the first one's press release
announced it: made with the admin's "Copy as next edition" (same rooms and time slots, new date),
then given its own text, and published. ``load()`` is idempotent: a second run changes nothing."""

from barcamp_wagtail.models import EventPage
from barcamp_wagtail.next_edition import copy_as_next_edition

EVENT = {
    "title": "2. Barcamp Südwestfalen + Ruhrgebiet",
    "slug": "barcamp-suedwestfalen-ruhrgebiet-dortmund",
    "teaser": (
        "Nach der Premiere in Iserlohn zieht das Barcamp nach Dortmund: ein Tag, an dem alle das Programm "
        "mitgestalten, um die Wirtschaftsräume Südwestfalen und Ruhrgebiet enger zu vernetzen."
    ),
    "venue_name": "",
    "venue_address": "Dortmund",
    "intro": (
        "<p>Die erste Auflage hat gezeigt, wie viel entsteht, wenn Menschen aus beiden Regionen ihre Themen "
        "selbst mitbringen. Beim zweiten Barcamp in Dortmund geht es weiter: Schlag schon jetzt eine Session "
        "vor, am Morgen entscheidet das Plenum über das Programm.</p>"
    ),
    "registration": (
        "<p>Die Teilnahme ist offen für alle, die Südwestfalen und das Ruhrgebiet gemeinsam voranbringen "
        "möchten. Fragen zur Anmeldung beantwortet Christoph Neumann per E-Mail an "
        "christoph@derweltenraum.com.</p>"
    ),
}


def load(past_edition, day):
    """The next edition of ``past_edition`` on ``day``, created once and published; returned."""
    event = EventPage.objects.filter(slug=EVENT["slug"]).first()
    if event is not None:
        return event
    event = copy_as_next_edition(past_edition, start_date=day, title=EVENT["title"], slug=EVENT["slug"])
    event.teaser = EVENT["teaser"]
    event.venue_name = EVENT["venue_name"]
    event.venue_address = EVENT["venue_address"]
    event.venue_map_url = ""
    event.registration_info = EVENT["registration"]
    # Sponsors of the first edition are thanked on its own page; this one has yet to find its own.
    event.body = [("paragraph", EVENT["intro"])]
    event.show_in_menus = True
    event.save_revision().publish()
    return event

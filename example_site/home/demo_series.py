"""The series both demo editions belong to: the first in Iserlohn, the second in Dortmund.
``load()`` is idempotent; it also moves editions that an older demo database kept directly
below the home page into the series."""

from barcamp_wagtail.models import EventPage, EventSeriesPage

SERIES = {
    "title": "Barcamp Südwestfalen + Ruhrgebiet",
    "slug": "barcamp-reihe",
    "teaser": (
        "Das Barcamp, das die Wirtschaftsräume Südwestfalen und Ruhrgebiet verbindet: jedes Jahr an einem "
        "anderen Ort, das Programm machen die Teilnehmenden."
    ),
    "intro": (
        "<p>Die erste Auflage fand im WELTENRAUM in Iserlohn statt, die zweite folgt in Dortmund. Hier findest "
        "du alle Ausgaben: die nächste zuerst, dann die vergangenen mit Pressemitteilungen und der "
        "Dokumentation der Sessions.</p>"
    ),
}


def load(home, edition_slugs=()):
    """The demo's series below ``home``, created once and published; returned."""
    series = EventSeriesPage.objects.filter(slug=SERIES["slug"]).first()
    if series is None:
        series = EventSeriesPage(
            title=SERIES["title"], slug=SERIES["slug"], teaser=SERIES["teaser"], intro=SERIES["intro"]
        )
        series.show_in_menus = True
        home.add_child(instance=series)
        series.save_revision().publish()
    for event in EventPage.objects.child_of(home).filter(slug__in=edition_slugs):
        event.move(series, pos="last-child")
    return series

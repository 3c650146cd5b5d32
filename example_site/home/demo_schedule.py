"""The demo event's schedule page. Running it again changes nothing."""

from barcamp_wagtail.models import SchedulePage

TITLE = "Programm"
SLUG = "programm"
INTRO = "<p>Das Programm entsteht am Morgen in der Sessionplanung.</p>"


def load_schedule_page(event):
    """Add the schedule page below ``event`` unless it has one; return the page."""
    page = SchedulePage.objects.child_of(event).first()
    if page is None:
        page = SchedulePage(title=TITLE, slug=SLUG, intro=INTRO)
        event.add_child(instance=page)
        page.save_revision().publish()
    return page

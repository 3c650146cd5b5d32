"""The two editions of the demo (``manage.py load_demo``): the first, over, and the next, to come."""

import io

from django.core.management import call_command

from barcamp_wagtail.models import EventPage
from example_site.home.demo_content import EVENT as PAST_EDITION
from example_site.home.demo_next_edition import EVENT as NEXT_EDITION


def load_demo():
    call_command("load_demo", "--no-admin", stdout=io.StringIO())


def past_edition():
    return EventPage.objects.get(slug=PAST_EDITION["slug"])


def next_edition():
    return EventPage.objects.get(slug=NEXT_EDITION["slug"])

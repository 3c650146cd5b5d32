from django.db import models
from wagtail.models import Page


class RawHtmlPage(Page):
    """A page whose body is a complete, already rendered HTML document."""

    html = models.TextField(blank=True)

    template = "rawhtml/raw_html_page.html"

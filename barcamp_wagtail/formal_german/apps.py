from django.apps import AppConfig


class FormalGermanConfig(AppConfig):
    """Only a catalogue: no models, no URLs, nothing to migrate."""

    name = "barcamp_wagtail.formal_german"
    label = "barcamp_wagtail_formal_german"
    verbose_name = "Barcamp: formal German"

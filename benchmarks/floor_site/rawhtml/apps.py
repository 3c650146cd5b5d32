from django.apps import AppConfig


class RawHtmlConfig(AppConfig):
    name = "benchmarks.floor_site.rawhtml"
    label = "rawhtml"
    default_auto_field = "django.db.models.BigAutoField"

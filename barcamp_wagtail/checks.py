"""System checks: configuration mistakes are reported by ``manage.py check``."""

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .conf import DEFAULTS

REQUIRED_APPS = [
    "wagtail",
    "wagtail.admin",
    "wagtail.images",
    "wagtail.documents",
    "wagtail.snippets",
    "modelcluster",
    "taggit",
]


@register(Tags.compatibility)
def check_required_apps(app_configs, **kwargs):
    return [
        Error(
            f"barcamp_wagtail needs '{name}' in INSTALLED_APPS.",
            hint=f"Add '{name}' to INSTALLED_APPS.",
            id="barcamp_wagtail.E001",
        )
        for name in REQUIRED_APPS
        if not apps.is_installed(name)
    ]


@register(Tags.compatibility)
def check_settings(app_configs, **kwargs):
    value = getattr(settings, "BARCAMP_WAGTAIL", {})
    if not isinstance(value, dict):
        return [
            Error(
                "BARCAMP_WAGTAIL must be a dict.",
                hint="See docs/settings.md for the keys and their defaults.",
                id="barcamp_wagtail.E002",
            )
        ]
    messages = [
        Warning(
            f"BARCAMP_WAGTAIL has an unknown key '{key}'; it is ignored.",
            hint="Known keys: " + ", ".join(sorted(DEFAULTS)),
            id="barcamp_wagtail.W001",
        )
        for key in value
        if key not in DEFAULTS
    ]
    languages = value.get("SESSION_LANGUAGES")
    if languages is not None and not _is_choice_list(languages):
        messages.append(
            Error(
                "BARCAMP_WAGTAIL['SESSION_LANGUAGES'] must be a list of (code, name) pairs.",
                id="barcamp_wagtail.E003",
            )
        )
    return messages


def _is_choice_list(value):
    return isinstance(value, (list, tuple)) and all(
        isinstance(pair, (list, tuple)) and len(pair) == 2 for pair in value
    )


@register(Tags.compatibility)
def check_pdf_renderer(app_configs, **kwargs):
    from .exporters.pdf import weasyprint_import_error

    message = weasyprint_import_error()
    if message is None:
        return []
    return [
        Warning(
            "The PDF exports are switched off: " + message,
            hint="The other exports and the rest of the site work without it. See docs/exports.md.",
            id="barcamp_wagtail.W002",
        )
    ]

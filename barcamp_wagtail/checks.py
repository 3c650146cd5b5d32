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
    "wagtail.contrib.routable_page",
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


@register(Tags.templates)
def check_head_block(app_configs, **kwargs):
    """Open Graph tags and JSON-LD need ``{% block barcamp_head %}`` to reach the page's <head>."""
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template
    from django.template.loader_tags import BlockNode, ExtendsNode

    def block_names(template):
        return {node.name for node in template.nodelist.get_nodes_by_type(BlockNode)}

    try:
        base = get_template("barcamp_wagtail/base.html").template
    except TemplateDoesNotExist:
        return []
    if "barcamp_head" not in block_names(base):
        return [
            Warning(
                "barcamp_wagtail/base.html has no {% block barcamp_head %}: event pages and press releases "
                "cannot add their Open Graph tags and structured data to the page's head.",
                hint="Put {% block barcamp_head %}{% endblock %} inside your base template's head block; "
                "see docs/press.md.",
                id="barcamp_wagtail.W501",
            )
        ]
    extends = base.nodelist.get_nodes_by_type(ExtendsNode)
    parent_name = extends[0].parent_name.var if extends and isinstance(extends[0].parent_name.var, str) else None
    if parent_name is None:
        return []
    try:
        parent = get_template(parent_name).template
    except TemplateDoesNotExist:
        return []
    head_blocks = {
        node.name for node in base.nodelist.get_nodes_by_type(BlockNode) if _contains_block(node, "barcamp_head")
    }
    if not head_blocks & block_names(parent):
        return [
            Warning(
                f"'{parent_name}' has no block that holds barcamp_head ({', '.join(sorted(head_blocks))}): "
                "the Open Graph tags and structured data of barcamp pages are not rendered.",
                hint="Add {% block extra_head %}{% endblock %} to the <head> of your base template, or override "
                "barcamp_wagtail/base.html to use your own head block; see docs/press.md.",
                id="barcamp_wagtail.W502",
            )
        ]
    return []


def _contains_block(node, name):
    from django.template.loader_tags import BlockNode

    return node.name != name and any(child.name == name for child in node.nodelist.get_nodes_by_type(BlockNode))

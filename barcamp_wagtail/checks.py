"""System checks: configuration mistakes are reported by ``manage.py check``."""

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .conf import DEFAULTS, get_setting

REQUIRED_APPS = [
    "wagtail",
    "wagtail.admin",
    "wagtail.images",
    "wagtail.documents",
    "wagtail.snippets",
    "wagtail.contrib.routable_page",
    "modelcluster",
    "taggit",
    "wagtail_modeladmin",
    "django_recaptcha",
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
    messages.extend(_schedule_cache_messages(value))
    return messages


def _schedule_cache_messages(value):
    messages = []
    alias = value.get("SCHEDULE_CACHE", DEFAULTS["SCHEDULE_CACHE"])
    caches = getattr(settings, "CACHES", None) or {"default": {}}
    if alias not in caches:
        messages.append(
            Error(
                f"BARCAMP_WAGTAIL['SCHEDULE_CACHE'] names the cache '{alias}', which is not in CACHES.",
                hint="Use one of: " + ", ".join(sorted(caches)),
                id="barcamp_wagtail.E004",
            )
        )
    timeout = value.get("SCHEDULE_CACHE_TIMEOUT", DEFAULTS["SCHEDULE_CACHE_TIMEOUT"])
    if isinstance(timeout, bool) or not isinstance(timeout, int) or timeout < 0:
        messages.append(
            Error(
                "BARCAMP_WAGTAIL['SCHEDULE_CACHE_TIMEOUT'] must be a whole number of seconds (0 turns it off).",
                id="barcamp_wagtail.E005",
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


@register(Tags.security, deploy=True)
def check_recaptcha_keys(app_configs, **kwargs):
    """Google's test keys accept every submission: in production the proposal form would have no captcha."""
    if not isinstance(getattr(settings, "BARCAMP_WAGTAIL", {}), dict) or not get_setting("PROPOSAL_RECAPTCHA"):
        return []
    from django_recaptcha.constants import TEST_PRIVATE_KEY, TEST_PUBLIC_KEY

    public = getattr(settings, "RECAPTCHA_PUBLIC_KEY", TEST_PUBLIC_KEY)
    private = getattr(settings, "RECAPTCHA_PRIVATE_KEY", TEST_PRIVATE_KEY)
    if public == TEST_PUBLIC_KEY or private == TEST_PRIVATE_KEY or not public or not private:
        return [
            Error(
                "The session proposal form uses Google's reCAPTCHA test keys, which let every bot through.",
                hint="Set RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY to your site's keys, "
                "or switch reCAPTCHA off with BARCAMP_WAGTAIL['PROPOSAL_RECAPTCHA'] = False.",
                id="barcamp_wagtail.E030",
            )
        ]
    return []


@register(Tags.compatibility)
def check_proposal_settings(app_configs, **kwargs):
    if not isinstance(getattr(settings, "BARCAMP_WAGTAIL", {}), dict):
        return []
    messages = []
    if get_setting("PROPOSAL_RECAPTCHA"):
        timeout = getattr(settings, "RECAPTCHA_VERIFY_REQUEST_TIMEOUT", 10)
        if not isinstance(timeout, (int, float)) or timeout > 5:
            messages.append(
                Warning(
                    "reCAPTCHA verification may keep a visitor waiting for more than 5 seconds.",
                    hint="Set RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 3.",
                    id="barcamp_wagtail.W030",
                )
            )
        if get_setting("PROPOSAL_RECAPTCHA_VERSION") not in (2, 3):
            messages.append(
                Error("BARCAMP_WAGTAIL['PROPOSAL_RECAPTCHA_VERSION'] must be 2 or 3.", id="barcamp_wagtail.E031")
            )
    header = get_setting("CLIENT_ADDRESS_HEADER")
    if header is not None and not (isinstance(header, str) and header.isupper()):
        messages.append(
            Error(
                "BARCAMP_WAGTAIL['CLIENT_ADDRESS_HEADER'] must be a request.META key such as 'HTTP_X_FORWARDED_FOR'.",
                id="barcamp_wagtail.E032",
            )
        )
    return messages


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


@register(Tags.compatibility)
def check_interest_settings(app_configs, **kwargs):
    if not isinstance(getattr(settings, "BARCAMP_WAGTAIL", {}), dict):
        return []
    return [
        Error(
            f"BARCAMP_WAGTAIL['{name}'] must be a whole number of at least 1.",
            hint=f"The default is {DEFAULTS[name]}.",
            id="barcamp_wagtail.E040",
        )
        for name in ("INTEREST_CONFIRM_DAYS", "INTEREST_RESEND_MINUTES")
        if isinstance(get_setting(name), bool) or not isinstance(get_setting(name), int) or get_setting(name) < 1
    ]


from .participants import checks as participant_checks  # noqa: E402, F401  (registers the participants' checks)

"""System checks: configuration mistakes are reported by ``manage.py check``."""

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.checks.registry import registry

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
def check_base_template(app_configs, **kwargs):
    """What of a barcamp page cannot reach the host's ``base.html`` through ``barcamp_wagtail/base.html``.

    Stylesheets and scripts come inside the content, so a ``{% block content %}`` is all a host
    needs for pages that look right; the head block carries only Open Graph tags and feed links.
    Warnings, not errors: a template never keeps ``migrate`` from running.
    """
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template

    try:
        base = get_template("barcamp_wagtail/base.html").template
    except (TemplateDoesNotExist, TemplateSyntaxError):
        return []
    messages = []
    head_holders = _blocks_holding(base, "barcamp_head")
    if "barcamp_head" not in _block_names(base) and not _uses_head_once(base):
        messages.append(
            Warning(
                "barcamp_wagtail/base.html has no {% block barcamp_head %}: event pages and press releases "
                "cannot add their Open Graph tags, feed links and structured data to the page's head.",
                hint="Put {% barcamp_head_once %} (from {% load barcamp_host %}) inside the head block of your "
                "barcamp_wagtail/base.html; see docs/integrators.md.",
                id="barcamp_wagtail.W501",
            )
        )
        head_holders = set()
    parent_name = _parent_name(base)
    if parent_name is None:
        return messages
    try:
        parent_blocks = _block_names_of_chain(parent_name)
    except TemplateDoesNotExist:
        return [
            *messages,
            Warning(
                f"barcamp_wagtail/base.html extends '{parent_name}', which no template folder provides: "
                "every barcamp page would fail.",
                hint=f"Create templates/{parent_name} with a {{% block content %}}, or override "
                "barcamp_wagtail/base.html to extend your own base template; see docs/integrators.md.",
                id="barcamp_wagtail.W504",
            ),
        ]
    content_holders = _blocks_holding(base, "barcamp_content")
    if content_holders and not content_holders & parent_blocks:
        messages.append(
            Warning(
                f"'{parent_name}' has no block that holds the barcamp pages ({', '.join(sorted(content_holders))}): "
                "they would show your site's frame without their content.",
                hint="Add {% block content %}{% endblock %} where your base template shows a page's content, or "
                "override barcamp_wagtail/base.html to use your own block; see docs/integrators.md.",
                id="barcamp_wagtail.W503",
            )
        )
    if head_holders and not head_holders & parent_blocks:
        messages.append(
            Warning(
                f"'{parent_name}' has no block in its <head> for barcamp pages ({', '.join(sorted(head_holders))}): "
                "their Open Graph tags and feed links are not rendered. The pages look and work right without them.",
                hint="Add {% block extra_css %}{% endblock %} or {% block extra_head %}{% endblock %} to the <head> "
                "of your base template, or override barcamp_wagtail/base.html; see docs/integrators.md.",
                id="barcamp_wagtail.W502",
            )
        )
    return messages


def _block_names(template):
    from django.template.loader_tags import BlockNode

    return {node.name for node in template.nodelist.get_nodes_by_type(BlockNode)}


def _uses_head_once(node_owner):
    from .templatetags.barcamp_host import BarcampHeadOnceNode

    return bool(node_owner.nodelist.get_nodes_by_type(BarcampHeadOnceNode))


def _blocks_holding(template, name):
    """Names of the blocks of ``template`` that render the block ``name`` (or, for the head, the tag)."""
    from django.template.loader_tags import BlockNode

    holders = set()
    for node in template.nodelist.get_nodes_by_type(BlockNode):
        if node.name == name:
            continue
        inner = {child.name for child in node.nodelist.get_nodes_by_type(BlockNode)}
        if name in inner or (name == "barcamp_head" and _uses_head_once(node)):
            holders.add(node.name)
    return holders


def _parent_name(template):
    from django.template.loader_tags import ExtendsNode

    extends = template.nodelist.get_nodes_by_type(ExtendsNode)
    if not extends or not isinstance(extends[0].parent_name.var, str):
        return None
    return extends[0].parent_name.var


def _block_names_of_chain(name, depth=10):
    """The block names of template ``name`` and of every template it extends."""
    from django.template.loader import get_template

    names = set()
    while name is not None and depth:
        template = get_template(name).template
        names |= _block_names(template)
        name = _parent_name(template)
        depth -= 1
    return names


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


def recaptcha_test_keys(app_configs, **kwargs):
    """django-recaptcha's test-key check, as a warning that never stops a command.

    django-recaptcha reports Google's test keys as an error on every management command,
    ``migrate`` included: a site that adds this app before it has keys of its own could not even
    migrate. Here it is a warning with the same id (so ``SILENCED_SYSTEM_CHECKS`` works as
    django-recaptcha documents), said only while the app's forms use reCAPTCHA, and
    ``check --deploy`` still refuses the test keys then (``barcamp_wagtail.E030``).
    """
    from django_recaptcha.checks import recaptcha_key_check

    if not isinstance(getattr(settings, "BARCAMP_WAGTAIL", {}), dict) or not get_setting("PROPOSAL_RECAPTCHA"):
        return []

    return [
        Warning(
            message.msg,
            hint="Set RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY to your site's keys before going live: "
            "manage.py check --deploy refuses the test keys while BARCAMP_WAGTAIL['PROPOSAL_RECAPTCHA'] is on. "
            f"Silence this warning with SILENCED_SYSTEM_CHECKS = ['{message.id}'].",
            id=message.id,
        )
        for message in recaptcha_key_check(app_configs, **kwargs)
    ]


def replace_recaptcha_key_check():
    """Put ``recaptcha_test_keys`` in the place of django-recaptcha's own check (see there why)."""
    try:
        from django_recaptcha import apps as recaptcha_apps
        from django_recaptcha.checks import recaptcha_key_check
    except ImportError:
        return
    # django-recaptcha's ready() has run when it comes before this app in INSTALLED_APPS ...
    registry.registered_checks.discard(recaptcha_key_check)
    # ... otherwise it runs later and registers the check it finds under this name in its module.
    recaptcha_apps.recaptcha_key_check = recaptcha_test_keys
    register(recaptcha_test_keys, Tags.security)


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


FORMAL_GERMAN = "barcamp_wagtail.formal_german"


@register(Tags.translation)
def check_formal_german_order(app_configs, **kwargs):
    """Django reads the catalogues of the apps listed first first: listed below the app, the
    formal catalogue would change nothing, and the site would say "du" without anyone noticing."""
    names = [config.name for config in apps.get_app_configs()]
    if FORMAL_GERMAN not in names or names.index(FORMAL_GERMAN) < names.index("barcamp_wagtail"):
        return []
    return [
        Warning(
            f"'{FORMAL_GERMAN}' is listed below 'barcamp_wagtail' in INSTALLED_APPS: the public pages "
            'still address visitors with "du".',
            hint=f"Move '{FORMAL_GERMAN}' above 'barcamp_wagtail' in INSTALLED_APPS.",
            id="barcamp_wagtail.W070",
        )
    ]


from .participants import checks as participant_checks  # noqa: E402, F401  (registers the participants' checks)

"""The widgets of a blank public form, rendered once per process instead of once per request.

Django renders every widget through templates: the input, then its attributes, and each option
of a select again. On the proposal form that took 6 of the 33 ms of opening the form, more than
anything else on the page, and opening the form is what every visitor does. Yet a blank form's
widgets are the same for every visitor: their HTML follows from the template and its context
(name, value, attributes and choices, all plain values) in the active language and time zone.
So a blank public form keeps what Django's own widget templates rendered, keyed by exactly
those, and renders again only what it has not seen.

What is never kept:

- anything of a form that holds a visitor's data: a bound form, or one given ``initial`` values
  or an instance (what a visitor typed, shown again, must not stay in memory after the request);
- hidden inputs (the form token differs on every request) and every template that is not one of
  Django's widget templates (the spam checks render their own);
- a context holding anything but plain values (a model instance's text may change under the
  same key), and everything while ``DEBUG`` is on, where edited templates must show at once.

The project's ``FORM_RENDERER`` still renders; this only remembers its output, per renderer.
"""

import threading
import weakref
from collections import OrderedDict

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language

#: Only Django's own widget templates are kept (their output depends on the context alone).
WIDGET_TEMPLATES = "django/forms/widgets/"
NEVER_KEPT = {"django/forms/widgets/hidden.html", "django/forms/widgets/multiple_hidden.html"}
#: At most this many widgets per renderer: the forms, fields, languages and day choices of a site
#: stay far below it; the oldest goes first.
SIZE = 2000
PLAIN = (str, int, float, bool, type(None))

_kept = weakref.WeakKeyDictionary()  # renderer -> OrderedDict(key -> HTML)
_lock = threading.Lock()


class NotPlain(Exception):
    """A context value whose rendered text the key cannot stand for."""


def _key(value):
    # The type belongs to the key: True renders "required", 1 renders 'required="1"', and a
    # SafeString is not escaped where an equal str is.
    if isinstance(value, Promise):  # a lazy translation, as text in the active language
        value = str(value)
    if isinstance(value, PLAIN):
        return (type(value), value)
    if isinstance(value, dict):
        return (dict, tuple((_key(name), _key(item)) for name, item in value.items()))
    if isinstance(value, (list, tuple)):
        return (type(value), tuple(_key(item) for item in value))
    raise NotPlain


class BlankFormRenderer:
    """Renders as ``renderer`` does, keeping the HTML of Django's widget templates (see above)."""

    def __init__(self, renderer):
        self.renderer = renderer

    def __getattr__(self, name):
        return getattr(self.renderer, name)

    def render(self, template_name, context, request=None):
        if request is not None or not template_name.startswith(WIDGET_TEMPLATES) or template_name in NEVER_KEPT:
            return self.renderer.render(template_name, context, request)
        try:
            key = (template_name, get_language(), timezone.get_current_timezone_name(), _key(context))
        except NotPlain:
            return self.renderer.render(template_name, context, request)
        with _lock:
            kept = _kept.setdefault(self.renderer, OrderedDict())
            html = kept.get(key)
        if html is None:
            html = self.renderer.render(template_name, context, request)
            with _lock:
                kept[key] = html
                if len(kept) > SIZE:
                    kept.popitem(last=False)
        return html


def use_for(form, *, initial=None, instance=None):
    """Let ``form`` (just built) keep its widgets' HTML if it is blank and ``DEBUG`` is off."""
    if settings.DEBUG or form.is_bound or initial or instance is not None:
        return
    form.renderer = BlankFormRenderer(form.renderer)

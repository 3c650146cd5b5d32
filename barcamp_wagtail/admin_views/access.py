"""How the app's admin views check rights and read what the query string says.

Refusals are a plain 403 page: Wagtail turns ``PermissionDenied`` into a redirect to the
dashboard, which hides from people, scripts and tests that the request was refused. The rules
themselves live in ``barcamp_wagtail.permissions``.

Query strings are typed by anyone: ids are read with ``untrusted.object_id()``, and a query
string holding a NUL byte (which PostgreSQL refuses to compare) is answered with 400 before any
query runs.
"""

import functools

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern
from wagtail.images.widgets import AdminImageChooser

from ..models import EventPage
from ..untrusted import has_nul_byte, object_id


class BadQuery(Exception):
    """The query string cannot be answered (a NUL byte, a malformed filter): 400, never 500."""


def forbidden(request):
    return TemplateResponse(request, "barcamp_wagtail/admin/forbidden.html", status=403)


def bad_request(request):
    return TemplateResponse(request, "barcamp_wagtail/admin/bad_request.html", status=400)


def guarded(view):
    """Answer ``PermissionDenied`` with a plain 403 and ``BadQuery`` (or a NUL byte anywhere in the
    query string) with 400."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if has_nul_byte(request.GET):
            return bad_request(request)
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)
        except BadQuery:
            return bad_request(request)

    return wrapped


def event_or_404(event_id):
    pk = object_id(event_id, EventPage)
    if pk is None:
        raise Http404
    return get_object_or_404(EventPage, pk=pk)


def require(rule, user, event=None):
    """Raise ``PermissionDenied`` unless ``rule`` allows ``user`` this ``event`` (or, without one,
    at least one event)."""
    allowed = rule.allows(user, event) if event is not None else rule.any_event(user)
    if not allowed:
        raise PermissionDenied


class _CheckedIds:
    def clean(self, value):
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if item not in self.empty_values and object_id(item, self.queryset.model) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
        return super().clean(value)


class IdChoiceField(_CheckedIds, forms.ModelChoiceField):
    """A ``ModelChoiceField`` that checks the id with ``object_id()`` before the database sees it."""


class IdMultipleChoiceField(_CheckedIds, forms.ModelMultipleChoiceField):
    """A ``ModelMultipleChoiceField`` that checks every id with ``object_id()`` first."""


def with_checked_pks(urlpatterns, model):
    """Wagtail's generic views (snippets, choosers) look the ``pk`` of their URL up as given, and
    "abc" or "²" raise ``ValueError`` there: a 500. The returned patterns answer 404 instead, and
    400 to a NUL byte in the query string; refusals stay Wagtail's."""

    def checked(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if "pk" in kwargs and object_id(unquote(str(kwargs["pk"])), model) is None:
                raise Http404
            if has_nul_byte(request.GET):
                return bad_request(request)
            return view(request, *args, **kwargs)

        return wrapped

    return [
        URLPattern(pattern.pattern, checked(pattern.callback), pattern.default_args, pattern.name)
        if isinstance(pattern, URLPattern)
        else pattern
        for pattern in urlpatterns
    ]


class CheckedImageChooser(AdminImageChooser):
    """Wagtail's image chooser looks a sent id up as given when it shows a form again, and a NUL
    byte or "²" raises ``ValueError`` there: such an id shows as no image (the form refuses it)."""

    def get_instance(self, value):
        if value is not None and not isinstance(value, self.model_class) and object_id(value, self.model_class) is None:
            return None
        return super().get_instance(value)

"""A blank public form keeps its widgets' HTML (barcamp_wagtail/blank_form_widgets.py): the
same page as rendering every widget, no widget template rendered for the next visitor, and
nothing a visitor typed kept."""

import re
from unittest import mock

import pytest
from django.forms.renderers import DjangoTemplates

from barcamp_wagtail import blank_form_widgets

from .conftest import VALID, Visitor

pytestmark = pytest.mark.django_db

# The per-visitor values: the CSRF token, the signed form token and the spam check's challenge.
TOKENS = re.compile(r'(value|challenge)="[^"]{30,}"')


class MarkingRenderer(DjangoTemplates):
    """A host's own FORM_RENDERER: it marks every widget it renders."""

    def render(self, template_name, context, request=None):
        return super().render(template_name, context, request) + "<!--host renderer-->"


def _page(proposal_page, language):
    response = Visitor().open(proposal_page, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return TOKENS.sub(r'\1=""', response.content.decode())


def _widget_renders(proposal_page):
    """The widget templates Django renders while one more visitor opens the form."""
    rendered = []
    get_template = DjangoTemplates.get_template

    def counting(renderer, template_name):
        rendered.append(template_name)
        return get_template(renderer, template_name)

    with mock.patch.object(DjangoTemplates, "get_template", counting):
        Visitor().open(proposal_page)
    return [name for name in rendered if name.startswith("django/forms/widgets/")]


def _everything_kept():
    return "".join(html for kept in blank_form_widgets._kept.values() for html in kept.values())


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_form_is_the_same_page_as_with_every_widget_rendered(proposal_page, settings, language):
    kept = [_page(proposal_page, language) for _ in range(2)]
    settings.DEBUG = True  # nothing is kept: every widget is rendered by its template
    rendered = _page(proposal_page, language)

    assert kept == [rendered, rendered]
    assert 'name="title"' in rendered and 'name="privacy_consent"' in rendered


def test_the_next_visitor_gets_the_widgets_without_rendering_them(proposal_page):
    first = _widget_renders(proposal_page)
    second = _widget_renders(proposal_page)

    assert "django/forms/widgets/text.html" in first and "django/forms/widgets/select.html" in first
    assert second == ["django/forms/widgets/hidden.html"]  # the form token, new for every visitor


def test_the_choices_follow_the_language(proposal_page):
    german = _page(proposal_page, "de")
    english = _page(proposal_page, "en")

    assert '<option value="talk">Vortrag</option>' in german
    assert '<option value="talk">talk</option>' in english
    assert "Vortrag" not in english


def test_what_a_visitor_typed_is_never_kept(proposal_page, settings):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RATE_LIMIT": 1}  # the second post is refused by the rate limit
    visitor = Visitor()
    visitor.open(proposal_page)  # the blank form's widgets are kept
    typed = {"title": "Ein Titel von Erika", "email": "erika.unique@example.org", "name": "Erika Muster"}

    refused = visitor.send(proposal_page, {**typed, "privacy_consent": None})
    limited = visitor.send(proposal_page, typed)

    assert refused.status_code == 200 and limited.status_code == 429
    for response in (refused, limited):
        assert "erika.unique@example.org" in response.content.decode()  # shown back to the visitor
    kept = _everything_kept()
    assert 'name="title"' in kept  # the blank form's widgets are there
    for value in (*typed.values(), VALID["abstract"].split("\n")[0]):
        assert value not in kept


def test_nothing_is_kept_while_debug_is_on(proposal_page, settings):
    settings.DEBUG = True
    blank_form_widgets._kept.clear()

    Visitor().open(proposal_page)

    assert _everything_kept() == ""


def test_the_projects_form_renderer_still_renders(proposal_page, settings):
    settings.FORM_RENDERER = f"{__name__}.MarkingRenderer"

    pages = [_page(proposal_page, "en") for _ in range(2)]

    for html in pages:
        assert re.search(r'<input type="text" name="title"[^>]*><!--host renderer-->', html)
    assert pages[0] == pages[1]


def test_at_most_size_widgets_are_kept(proposal_page, monkeypatch):
    monkeypatch.setattr(blank_form_widgets, "SIZE", 3)
    blank_form_widgets._kept.clear()

    for language in ("de", "en"):
        _page(proposal_page, language)

    assert [len(kept) for kept in blank_form_widgets._kept.values()] == [3]

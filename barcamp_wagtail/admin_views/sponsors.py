"""The sponsor chooser's views: a search by name in the database.

Wagtail's choosers search through the site's search backend; on SQLite its full-text search
answers a query holding a quote or "<" with a syntax error (a 500). A site has a few dozen
sponsors at most, so a plain ``icontains`` on the name finds them as well. The chooser's view
set is wired up in wagtail_hooks.py.
"""

from wagtail.admin.forms.choosers import BaseFilterForm, SearchFilterMixin
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView


class SponsorSearchForm(SearchFilterMixin, BaseFilterForm):
    """Wagtail's chooser search field (its labels and translations), searching names in the database."""

    def filter(self, objects):
        objects = BaseFilterForm.filter(self, objects)
        query = self.cleaned_data.get("q")
        if query:
            objects = objects.filter(name__icontains=query)
            self.is_searching = True
            self.search_query = query
        return objects


class SponsorChooseView(ChooseView):
    filter_form_class = SponsorSearchForm


class SponsorChooseResultsView(ChooseResultsView):
    filter_form_class = SponsorSearchForm

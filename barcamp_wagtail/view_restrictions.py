"""A page's view restrictions in one query where its ancestors are already known from routing.

Wagtail serves every page through its ``check_view_restrictions`` hook, which asks the page
for the restrictions of the page and its ancestors: ``Page.get_view_restrictions`` reads the
ancestors (to put an alias's source page in its place), then the restrictions, two queries on
every request. ``routing.route_below`` has read the page's ancestors already, in the query that
found the page, and hands them to the page it answers with. Pages of the app then ask only for
the restrictions, of exactly the pages Wagtail would ask for: the page and every ancestor.

Where an alias is among them, or the page was not found that way (the admin, a page loaded by
id), Wagtail's own method answers.
"""

from wagtail.models import PageViewRestriction

#: The attribute ``routing.route_below`` sets on the page it answers with: all its ancestors.
ANCESTORS = "_ancestors_from_route"


class ViewRestrictionsFromRouteMixin:
    """``get_view_restrictions`` in one query for a page found by ``route_below`` (see above)."""

    def get_view_restrictions(self):
        ancestors = getattr(self, ANCESTORS, None)
        if ancestors is None or any(page.alias_of_id for page in (self, *ancestors)):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.filter(page_id__in={self.pk, *(page.pk for page in ancestors)})
